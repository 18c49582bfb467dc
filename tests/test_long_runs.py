"""Long runs in the app, as a user would notice them (the scenarios are in tests/long_runs.py;
bench/bench_long_runs.py times the same runs: no timing is asserted here).

- 10,000 training steps flat out: every step arrives, the counter is right after a pause,
  a resume and two tab switches while training, and memory stays bounded (RSS within 10%
  between step ~1,000 and the end: a leak of even 1 KB a step would show as ~9 MB).
- A 100,000-token sentence in the Forward tab: it opens, and stepping at its start and its
  end shows the right step.
"""

from long_runs import EPOCHS, long_sentence, ten_thousand_steps


async def test_ten_thousand_steps_keep_memory_bounded_and_the_screen_answering():
    m = await ten_thousand_steps()
    print(f"\n10,000 steps: RSS {m['rss_first'] / 1e6:.1f} MB after {m['paused_at']} steps, "
          f"{m['rss_end'] / 1e6:.1f} MB after {EPOCHS} ({m['growth']:+.1%})")
    assert abs(m["growth"]) <= 0.10, f"memory grew {m['growth']:+.1%} from step {m['paused_at']} to {EPOCHS}"


async def test_forward_on_a_100000_token_sentence_stays_interactive():
    await long_sentence()  # asserts the screen after opening and after each step
