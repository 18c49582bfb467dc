"""The Gradients tab in a running app (Pilot): chart, verdict, controls, views, keys."""

import threading

import numpy as np
from screen import screen_text, wait_for_tab, wait_until
from textual.widgets import ContentSwitcher, Input, Select

from tui.app import RnnTui
from tui.grad_format import pretty
from tui.tabs import gradients as tab_module
from tui.tabs.gradients import GradientsTab


def _line(app, id_: str) -> str:
    """The plain text of one of the tab's Static lines (whatever its wrapping on screen)."""
    from textual.content import Content

    content = app.query_one(GradientsTab).query_one(f"#{id_}").content
    return Content.from_markup(content).plain if isinstance(content, str) else str(content)


async def _settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _open(app, pilot):
    """The tab once built (the first time it is shown) and its first chart computed."""
    await pilot.press("4")
    tab = await wait_for_tab(pilot, GradientsTab, "#grad-length")
    await wait_until(pilot, lambda: tab.main.bars.values.size > 0, what="the first chart")
    await _settle(app, pilot)
    return tab


async def _set(app, pilot, field: str, value: str):
    app.query_one(GradientsTab).query_one(f"#grad-{field}", Input).value = value
    await pilot.pause()
    await _settle(app, pilot)


async def test_key_3_shows_the_bar_chart_and_a_verdict():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        shot = screen_text(app)
        assert "‖∂o_T/∂x_t‖, t = 1…30" in shot
        assert "Trend over all 30 steps" in _line(app, "grad-verdict") and "what step 30 gets" in _line(app, "grad-verdict")
        assert tab.results.main.verdict in shot
        assert "█" in shot and "1e-" in shot  # bars and a log axis
        assert tab.main.bars.values.shape == (30,)


async def test_changing_length_and_cell_recomputes_the_bars_and_the_verdict():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        first = tab.main.bars.values.copy()
        await _set(app, pilot, "length", "60")
        assert tab.main.bars.values.shape == (60,)
        assert "what step 60 gets" in _line(app, "grad-verdict")
        # the tutorial's scalar RNN: w = 0.5 vanishes, w = 1.5 explodes
        app.query_one(GradientsTab).query_one("#grad-cell", Select).value = "scalar"
        await pilot.pause()
        await _settle(app, pilot)
        await _set(app, pilot, "w", "0.5")
        await _set(app, pilot, "length", "20")
        np.testing.assert_allclose(10 ** tab.main.bars.values, 2 * 0.5 ** (20 - np.arange(1, 21)), rtol=1e-12)
        shot = screen_text(app)
        assert "multiplies the gradient by ×0.5, so step 1 gets 1.9×10⁻⁶ × what step 20 gets: vanishing" in _line(app, "grad-verdict")
        assert "exactly |v·u·w^(T−t)|" in shot
        await _set(app, pilot, "w", "1.5")
        await _set(app, pilot, "length", "50")
        assert "×1.5, so step 1 gets 4.3×10⁸ × what step 50 gets: exploding" in _line(app, "grad-verdict")
        assert not np.array_equal(first, tab.main.bars.values)


async def test_scale_changes_the_tanh_rnn():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        await _set(app, pilot, "scale", "0.5")
        assert tab.results.main.verdict == "vanishing"
        half = tab.results.main.per_step
        assert half < 0.4 and f"×{half:.3g}" in _line(app, "grad-verdict") and "vanishing" in _line(app, "grad-verdict")
        await _set(app, pilot, "scale", "3")
        assert tab.results.main.per_step > half + 0.3  # larger recurrent weights carry the gradient further back


async def test_arrow_keys_and_a_click_pick_a_step():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        assert "step 1 of 30:" in screen_text(app)
        await pilot.press("right", "right")
        assert "step 3 of 30:" in screen_text(app)
        await pilot.press("end")
        assert "step 30 of 30:" in screen_text(app)
        await pilot.press("right")  # stays on the last step
        assert "step 30 of 30:" in screen_text(app)
        await pilot.press("home")
        assert "step 1 of 30:" in screen_text(app)
        # a click on the 10th bar (each bar is 2 columns wide at this size, after the axis labels)
        bars = tab.main.bars
        axis_w, pitch = bars._geometry()[4], bars._geometry()[5].pitch
        assert pitch == 2
        await pilot.click(bars, offset=(axis_w + pitch * 9, bars.size.height - 2))
        await pilot.pause()
        assert tab.selected == 9
        assert "step 10 of 30:" in screen_text(app)


async def test_a_bad_value_says_why_and_keeps_the_last_chart():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        gen = tab.gen
        await _set(app, pilot, "length", "0")
        assert "length T must be between 1 and 10000, got 0" in screen_text(app)
        assert tab.gen == gen and tab.main.bars.values.shape == (30,)
        assert app.query_one(GradientsTab).query_one("#grad-length", Input).has_class("-invalid")
        await _set(app, pilot, "length", "12")
        assert "must be between" not in screen_text(app)
        assert tab.main.bars.values.shape == (12,)


async def test_v_shows_rnn_lstm_gru_side_by_side_and_the_gate_bias_matters():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert app.query_one(GradientsTab).query_one(ContentSwitcher).current == "grad-view-compare"
        shot = screen_text(app)
        assert "tanh RNN ·" in shot and "LSTM, b_f = 2 ·" in shot and "GRU, b_z = 2 ·" in shot
        assert "σ(b) = 0.88" in _line(app, "grad-compare-hint")
        per = {c: r.per_step for c, r in tab.results.compare.items()}
        assert per["lstm"] > per["rnn"] and per["gru"] > per["rnn"]  # the fair default: gates keep it longer
        assert f"tanh RNN · ×{pretty(tab.results.compare['rnn'].log10_per_step)} per step · vanishing" in shot
        await _set(app, pilot, "gate", "")
        assert "LSTM, b_f = torch" in screen_text(app)
        assert tab.results.compare["lstm"].per_step < per["lstm"]
        assert {r.length for r in tab.results.compare.values()} == {30}


async def test_clipping_view_shows_before_and_after_and_follows_c():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot)
        await pilot.press("v", "v", "v")
        await pilot.pause()
        assert app.query_one(GradientsTab).query_one(ContentSwitcher).current == "grad-view-clip"
        shot = screen_text(app)
        assert "before, w = −1.5, T = 50 · ‖g‖ 1.1×10⁹ · t=1: −8.5×10⁸" in shot
        assert "by value, c = 10 · ‖g‖ 68.4 · t=1: −10" in shot
        assert "(‖g‖ 1.1×10⁹ → 10), direction kept" in _line(app, "grad-clip-norm")
        assert "above c becomes c, below −c becomes −c" in _line(app, "grad-clip-rule")
        lines = shot.splitlines()
        assert any(line.strip().startswith("c┤╌") for line in lines) and any("−c┤" in line for line in lines)
        await pilot.press("right")
        assert "t=2: 10" in screen_text(app)  # the positive half of the rule
        await _set(app, pilot, "clip", "100")
        shot = screen_text(app)
        assert "by value, c = 100" in shot and "t=2: 100" in shot


async def test_slow_work_says_computing_and_the_ui_keeps_answering(monkeypatch):
    gate = threading.Event()
    real = tab_module.compute

    def slow(spec):
        gate.wait(5)
        return real(spec)

    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot)
        monkeypatch.setattr(tab_module, "compute", slow)
        await _set_no_wait(app, pilot, "length", "40")
        await wait_until(pilot, lambda: "computing…" in screen_text(app), what="the computing… note")
        await pilot.press("v")  # keys still work while the worker waits
        assert app.query_one(GradientsTab).query_one(ContentSwitcher).current == "grad-view-compare"
        gate.set()
        await _settle(app, pilot)
        assert "computing…" not in screen_text(app)


async def _set_no_wait(app, pilot, field, value):
    app.query_one(GradientsTab).query_one(f"#grad-{field}", Input).value = value
    await pilot.pause()


async def test_chinese_labels():
    app = RnnTui(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(app, pilot)
        shot = screen_text(app)
        assert "全部 30 步的趋势" in _line(app, "grad-verdict") and "长度 T" in shot


async def test_readable_at_80_by_24():
    app = RnnTui()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await _open(app, pilot)
        shot = screen_text(app)
        assert "step 1 of 30:" in shot and "Trend over all 30 steps" in shot and tab.results.main.verdict in shot
        assert tab.main.bars.size.height >= 8


async def test_a_long_sequence_groups_steps_per_column_and_end_picks_the_last():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        await _set(app, pilot, "length", "1000")
        bars = tab.main.bars
        assert bars.values.shape == (1000,)
        shot = screen_text(app)
        assert "1000" in shot.splitlines()[bars.region.y + bars.size.height - 1]  # the time axis ends at T
        await pilot.press("end")
        assert "step 1000 of 1000:" in screen_text(app)


def test_log_bars_layout_and_labels():
    from tui.widgets.gradients.bars import Layout, auto_span, power_of_ten

    few = Layout(30, 76)  # room to spare: 2 columns per bar (bar + gap)
    assert (few.group, few.pitch, few.width) == (1, 2, 1)
    assert few.step_at(0) == 0 and few.step_at(3) == 1 and few.step_at(60) is None
    many = Layout(1000, 70)  # more steps than columns: 15 steps per column
    assert many.group == 15 and many.bars == 67 and many.step_at(2) == 30
    assert auto_span(np.array([-9.3, -0.2])) == (-10, 0)
    assert auto_span(np.array([-3.0, 1.0])) == (-4, 1)  # the smallest bar stays visible
    assert power_of_ten(-9) == "1e-9" and power_of_ten(0) == "1"


async def test_escape_leaves_a_field_so_the_arrow_keys_pick_steps_again():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        field = tab.query_one("#grad-length", Input)
        field.focus()
        await pilot.press("right")  # moves the cursor in the field, not the selection
        assert tab.selected == 0
        await pilot.press("escape")
        assert app.focused is tab
        await pilot.press("right")
        assert tab.selected == 1 and "step 2 of 30:" in screen_text(app)


async def test_hovering_a_bar_picks_it():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        bars = tab.main.bars
        await pilot.hover(bars, offset=(bars._geometry()[4] + 2 * 19, 3))
        await pilot.pause()
        assert tab.selected == 19 and "step 20 of 30:" in screen_text(app)


async def test_trained_view_trains_in_a_worker_and_shows_who_remembers():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        await pilot.press("v", "v")
        await pilot.pause()
        assert app.query_one(GradientsTab).query_one(ContentSwitcher).current == "grad-view-trained"
        await pilot.press("v")  # keys answer while it trains: on to clipping and back
        assert app.query_one(GradientsTab).query_one(ContentSwitcher).current == "grad-view-clip"
        await pilot.press("v", "v", "v")
        await _settle(app, pilot)
        assert set(tab.trained_view.results) == {"rnn", "lstm", "gru"}
        shot = screen_text(app)
        assert f"tanh RNN · recall error {tab.trained_view.results['rnn'].error:.2f}" in shot
        assert "Recall x_5 after 20 random numbers (a 15-step memory)" in _line(app, "grad-trained-task")
        assert _line(app, "grad-trained-why").startswith("Why: a gate near 1 passes the old state on")
        trained_task = tab.trained_view.memory_task
        await _set(app, pilot, "length", "40")  # the recall task does not read the form's length: no retraining
        assert tab.trained_view.memory_task is trained_task


async def test_clipping_bars_grow_up_for_positive_and_down_for_negative():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await _open(app, pilot)
        await pilot.press("v", "v", "v")
        await _settle(app, pilot)
        bars = tab.clips["before"].bars
        rows = [r for r in bars.render().plain.splitlines() if "┤" in r or "│" in r]
        axis_w, pitch = bars._geometry()[4], bars._geometry()[5].pitch
        first, second = axis_w, axis_w + pitch  # t = 1 (−8.5e8, down) and t = 2 (+5.7e8, up)
        assert rows[0][first] == " " and rows[-1][first] == "█"
        assert rows[0][second] != " " and rows[-1][second] == " "
        assert rows[0].strip().startswith("1e9┤") and rows[-1].strip().startswith("−1e9┤")


async def test_at_80x24_charts_compared_with_each_other_have_the_same_height():
    app = RnnTui()
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await _open(app, pilot)
        for _ in range(3):
            await pilot.press("v")
            await _settle(app, pilot)
            view = app.query_one(GradientsTab).query_one(ContentSwitcher).current
            group = {"grad-view-compare": tab.series, "grad-view-trained": tab.trained, "grad-view-clip": tab.clips}[view]
            heights = {p.bars.bar_rows() for p in group.values()}
            assert len(heights) == 1 and heights.pop() >= 3, view  # bar rows: 2 each before the shared time axis
            for p in group.values():  # nothing drawn past the chart's own region
                assert len(p.bars.render().plain.splitlines()) <= p.bars.size.height, view
                assert "\n" not in str(p.title.render()).strip(), view  # titles stay on one line
