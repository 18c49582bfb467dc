"""The Forward tab, driven like a user would: keys, switches, fields, compare, language."""

from __future__ import annotations

import io
import re

import numpy as np
from rich.console import Console
from screen import screen_text, wait_until
from textual.widgets import Input

from core.forward.tokens import Vocab, tokenize
from core.forward.vector import VectorParams, make_weights, trace
from tui.app import RnnTui
from tui.tabs.forward import ForwardTab
from tui.widgets.forward.controls import ForwardControls
from tui.widgets.forward.history import HistoryTable
from tui.widgets.forward.value_panel import ValuePanel


async def ready(app, pilot):
    """The Forward tab after the first frame (its steps are computed before it mounts)."""
    tab = app.query_one(ForwardTab)
    await wait_until(pilot, lambda: app.focused is tab and tab.query_one(HistoryTable).size.width > 0, what="the first frame")
    await pilot.pause()
    return tab


def history(app) -> list[list[str]]:
    """The history table's rows as drawn (header left out), split into cells."""
    widget = app.query_one(HistoryTable)
    console = Console(width=widget.content_size.width, file=io.StringIO(), record=True)
    console.print(widget.render())
    lines = [line.split() for line in console.export_text().splitlines() if line.strip()]
    return lines[1:]


def value(app, panel_id: str) -> str:
    """The large value of the prevS or o panel, and its title."""
    panel = app.query_one(f"#{panel_id}", ValuePanel)
    return f"{panel.border_title}: {panel.value_text}"


async def test_first_frame_shows_tokens_ids_and_step_zero():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        shot = screen_text(app)
        assert "我→1" in shot and "爱→2" in shot and "中国→3" in shot
        assert "step 0/3" in shot
        assert "s₀ = prevS = 1" in shot  # the equation panel before the first step
        assert value(app, "fw-prevs") == "prevS = s₀: 1"
        assert "No steps yet" in shot  # the history is empty
        assert app.focused is tab  # keys work without clicking


async def test_three_rights_give_the_tutorials_numbers_and_left_goes_back():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        for _ in range(3):
            await pilot.press("right")
        await pilot.pause()
        shot = screen_text(app)
        assert value(app, "fw-prevs") == "prevS = s₃: 7"
        assert value(app, "fw-o") == "o₃: 14"
        assert "s₃=7" in shot and "o₃=14" in shot  # the diagram
        assert "= 2·7 = 14" in shot  # the equation filled in
        assert [(r[0], r[-2], r[-1]) for r in history(app)] == [("1", "2", "4"), ("2", "4", "8"), ("3", "7", "14")]
        await pilot.press("left")
        await pilot.pause()
        assert value(app, "fw-prevs") == "prevS = s₂: 4"
        assert value(app, "fw-o") == "o₂: 8"
        assert "s₂ = u·x₂ + w·s₁" in screen_text(app)  # the fields u, w, v are the equation's names
        assert len(history(app)) == 2


async def test_n_p_r_home_and_the_ends():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("p")  # already at the start: stays at 0
        assert tab.step == 0
        for _ in range(5):  # past the end: stays at 3
            await pilot.press("n")
        assert tab.step == 3
        await pilot.press("p")
        assert tab.step == 2
        await pilot.press("r")
        await pilot.pause()
        assert tab.step == 0 and "step 0/3" in screen_text(app)
        await pilot.press("right", "right", "home")
        assert tab.step == 0


async def test_space_plays_to_the_end_and_plus_minus_change_the_pace():
    app = RnnTui(sentence="我爱中国我爱中国")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        assert "2 steps/s" in screen_text(app)
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert "0.5 steps/s" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert tab.player.playing and "playing" in screen_text(app)
        for _ in range(6):
            await pilot.press("plus")
        await pilot.pause()
        assert "32 steps/s" in screen_text(app)
        for _ in range(40):
            if not tab.player.playing:
                break
            await pilot.pause(0.05)
        assert tab.step == tab.run.n == 6 and not tab.player.playing
        assert "paused" in screen_text(app)
        await pilot.press(*["minus"] * 6)
        await pilot.press("space")  # at the end: plays again from the start
        await pilot.pause()
        assert tab.player.playing and tab.step <= 1 and "0.5 steps/s" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        stopped_at = tab.step
        await pilot.pause(0.2)
        assert not tab.player.playing and tab.step == stopped_at


async def test_word_char_and_scalar_vector_switches():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        shot = screen_text(app)
        assert "中→3" in shot and "国→4" in shot and "step 0/4" in shot and "◉ chars" in shot
        await pilot.click("#fw-tokens")  # the button does the same
        await pilot.pause()
        assert "中国→3" in screen_text(app)
        app.set_focus(tab)
        await pilot.press("m", "right", "right")
        await pilot.pause()
        shot = screen_text(app)
        assert "tanh(U·x₂ + W·s₁ + b)" in shot and "◉ vector" in shot
        assert "U 8×3" in shot and "W 8×8" in shot
        assert "-1" in shot and "+1" in shot  # the heat strip's legend
        assert tab.run.kind == "vector"
        await pilot.click("#fw-mode")
        await pilot.pause()
        assert tab.run.kind == "scalar" and "= 1·2 + 1·2" in screen_text(app)


async def in_the_u_field_at_step_3(app, pilot):
    """The tab after three steps over 我爱中国 (prevS = 7), with the u field clicked: (tab, field)."""
    tab = await ready(app, pilot)
    await pilot.press("right", "right", "right")
    await pilot.click("#fw-u")
    return tab, app.query_one("#fw-u", Input)


async def test_a_non_number_marks_the_field_and_keeps_the_last_good_result():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab, field = await in_the_u_field_at_step_3(app, pilot)
        await pilot.press("end", "backspace", "x")
        await pilot.pause()
        shot = screen_text(app)
        assert field.has_class("bad")
        assert "u: 'x' is not a number" in shot
        assert value(app, "fw-prevs") == "prevS = s₃: 7"  # the last good result stays
        await pilot.press("backspace", "2")  # u = 2: s = 2·1+1 = 3, 2·2+3 = 7, 2·3+7 = 13
        await pilot.pause()
        assert not field.has_class("bad") and "not a number" not in screen_text(app)
        assert value(app, "fw-prevs") == "prevS = s₃: 13"
        assert "= 2·3 + 1·7" in screen_text(app)
        await pilot.press("right")  # typed into the field, not a step
        assert tab.step == 3
        await pilot.press("escape", "left")
        await pilot.pause()
        assert app.focused is tab and tab.step == 2


async def test_a_redraw_while_typing_keeps_the_typed_text():
    """The form re-syncs from the tab at any moment; text being typed (even empty) is not put back."""
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab, field = await in_the_u_field_at_step_3(app, pilot)
        field.value = ""  # ctrl+u, and before its Changed is handled the tab redraws:
        app.query_one(ForwardControls).sync(tab.inputs)
        assert field.value == ""
        await pilot.press("2")
        await pilot.pause()
        assert field.value == "2" and value(app, "fw-prevs") == "prevS = s₃: 13"


async def test_empty_sentence_shows_a_hint_and_no_steps():
    app = RnnTui(sentence="")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("right", "space", "right")
        await pilot.pause()
        shot = screen_text(app)
        assert "Type a sentence above" in shot and "step 0/0" in shot
        assert tab.step == 0 and not tab.player.playing
        await pilot.click("#fw-sentence")
        await pilot.press(*"我爱")
        await pilot.pause()
        assert "我→1" in screen_text(app) and "step 0/2" in screen_text(app)
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert "Type a sentence above" in screen_text(app)


async def test_compare_shows_both_sentences_and_where_they_part():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        shot = screen_text(app)
        assert app.query_one("#fw-sentence", Input).value == "我喜欢美女"
        assert app.query_one("#fw-sentence-b", Input).value == "我不喜欢美女"
        # The same numbers core gives for one vocabulary and one set of weights, shared words side by side:
        vocab = Vocab()
        a, b = tokenize("我喜欢美女", "word", vocab), tokenize("我不喜欢美女", "word", vocab)
        weights = make_weights(len(vocab), VectorParams())
        sa, sb = trace(a.ids, weights).s, trace(b.ids, weights).s
        rows = {line.split()[1]: line for line in shot.splitlines() if re.match(r"│ \d ", line)}
        assert "0.00" in rows["1"]  # 我 and 我
        assert "不" in rows["2"] and "—" in rows["2"] and rows["2"].count("喜欢") == 0  # only B has a word here
        assert rows["3"].count("喜欢") == 2 and f"{np.linalg.norm(sa[1] - sb[2]):.2f}" in rows["3"]  # 喜欢 beside 喜欢
        assert rows["4"].count("美女") == 2 and f"{np.linalg.norm(sa[2] - sb[3]):.2f}" in rows["4"]
        assert "distance" in shot and "不→4" in shot
        await pilot.click("#fw-sentence-b")
        await pilot.press("end", *"啊")
        await pilot.pause()
        assert tab.run.b.tk.tokens[-1] == "啊"
        await pilot.press("escape", "c")
        await pilot.pause()
        shot = screen_text(app)
        assert not tab.inputs.compare and "Unrolled in time" in shot and "Final hidden states" not in shot


async def test_chinese_interface_keeps_tokens():
    app = RnnTui(lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right")
        await pilot.pause()
        shot = screen_text(app)
        for label in ("句子", "词元", "公式", "历史", "第 1/3 步", "按时间展开"):
            assert label in shot, label
        assert "我→1" in shot and "中国→3" in shot
        assert "Sentence" not in shot and "History" not in shot


def wcwidth_columns(line: str) -> int:
    """How many columns a terminal that measures code point by code point (tmux, xterm,
    Alacritty) moves for ``line``: 👍🏽 is 2 + 2 there, 2 in kitty (grapheme widths)."""
    import unicodedata

    return sum(0 if unicodedata.combining(c) or c in "\u200d\ufe0e\ufe0f"
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def border_columns(line: str) -> list[int]:
    """The terminal columns (code point widths) where box borders sit on ``line``."""
    cols, at = [], 0
    for c in line:
        if c in "│╭╮╰╯":
            cols.append(at)
        at += wcwidth_columns(c)
    return cols


async def test_wide_characters_keep_the_layout():
    """An emoji with a skin-tone modifier is drawn as its base emoji, so table borders stay in
    line whatever the terminal's emoji widths (tmux draws 👍🏽 in 4 columns, Textual counts 2)."""
    app = RnnTui(sentence="Hi, 世界👍🏽! 2024年 café 👨‍👩‍👧", tokens="char")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        for _ in range(6):
            await pilot.press("right")
        await pilot.pause()
        shot = screen_text(app).splitlines()
        assert "👍→6" in "\n".join(shot)  # the chip: base emoji, tone dropped from the label
        assert tab.run.tk.tokens[5] == "👍🏽" and tab.run.tk.tokens[:3] == ("H", "i", ",")  # the model reads it as typed
        diagram = [line for line in shot if "x₅=5" in line][0]
        top = shot.index(diagram) - 4
        rows = shot[top - 1: shot.index(diagram) + 3]  # the unrolled diagram and the history beside it
        assert any("👍" in r for r in rows) and sum(r.count("👍") for r in rows) >= 2  # diagram and history
        for r in rows:
            assert wcwidth_columns(r) == 100, r  # no row pushed past the screen's edge
            assert border_columns(r) == border_columns(rows[1]), r  # every border in its column


def steps_need_no_layout(tab, moves: int = 20) -> bool:
    """Stepping forward only repaints: no widget asks for a layout pass, so a step's
    cost does not grow with the sentence (bench/bench_startup.py times it)."""
    for _ in range(moves):
        tab.action_step(1)
        if any(w._layout_required for w in tab.walk_children()):
            return False
    return True


async def test_ten_thousand_tokens_stay_responsive():
    sentence = "我爱中国" * 2500  # 10,000 characters
    app = RnnTui(sentence=sentence, tokens="char")
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await ready(app, pilot)
        tab.step = tab.run.n // 2 - 22  # (pressing right 5,000 times would only test Pilot)
        tab.action_step(1)
        await pilot.pause()
        assert steps_need_no_layout(tab)
        await pilot.press("right")
        await pilot.pause()
        assert tab.run.n == 10_000 and tab.step == 5_000
        shot = screen_text(app)
        assert "s₅₀₀₀" in shot and "step 5000/10000" in shot  # the current step stays in view
        assert re.search(rf"5000\s+{sentence[4999]}\s", shot)  # and the history follows it


async def test_help_lists_the_forward_keys():
    app = RnnTui()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shot = screen_text(app)
        for text in ("→ / n", "next step", "home / r", "back to step 0", "+ / -", "compare two sentences"):
            assert text in shot, text


async def test_a_bad_hidden_size_is_flagged_and_the_vector_run_stays():
    app = RnnTui(mode="vector")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("right")
        await pilot.click("#fw-hidden")
        await pilot.press("end", "backspace", "0")
        await pilot.pause()
        shot = screen_text(app)
        assert "H: '0' must be a whole number, 1 to 1024" in shot
        assert tab.run.weights.W.shape == (8, 8) and "U 8×3" in shot
        await pilot.press("backspace", "4")
        await pilot.pause()
        assert tab.run.weights.W.shape == (4, 4) and "U 4×3" in screen_text(app)
        assert "must be a whole number" not in screen_text(app)


async def test_heat_strip_widget_shows_values_and_a_legend():
    from textual.app import App

    from tui.widgets.heat_strip import HeatStrip

    class Host(App):
        def compose(self):
            yield HeatStrip(id="strip")

    app = Host()
    async with app.run_test(size=(70, 5)) as pilot:
        strip = app.query_one(HeatStrip)
        strip.values = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
        await pilot.pause()
        lines = [line.rstrip() for line in screen_text(app).splitlines()]
        # five values over 70 columns: 4 columns each; the sign and |v| read without colour
        assert lines[0] == "▼▼▼▼▾▾▾▾····▴▴▴▴▲▲▲▲"
        assert lines[1].startswith("-1 ▼▼▽▽▾▾▿▿· 0 ·▵▵▴▴△△▲▲ +1")
        strip.update(np.zeros(32))
        await pilot.pause()
        assert screen_text(app).splitlines()[0].rstrip() == "··" * 32


def test_one_column_heat_cells_carry_their_sign_without_colour():
    """A monochrome projector shows no hue: -v and +v must differ in the glyph, in one column."""
    from tui.widgets.heat_strip import heat_text, legend_text

    for v in (0.2, 0.4, 0.65, 0.9):
        minus, plus = heat_text([-v], 1).plain, heat_text([v], 1).plain
        assert len(minus) == len(plus) == 1 and minus != plus, v
    assert heat_text([-0.9, -0.2, 0.0, 0.2, 0.9], 1).plain == "▼▿·▵▲"
    legend = legend_text(compact=True).plain
    assert legend == "-1 ▼▽▾▿·▵▴△▲ +1"
    assert legend[3:7] != legend[8:12][::-1]  # the two halves differ: the sign reads from the legend alone


async def test_vector_unit_lens_shows_one_units_sum_with_the_engines_numbers():
    """] picks unit 1, 2, …: the equation panel then shows that unit's own sum, with the
    numbers core computes for it; [ goes back, and past unit 1 to the whole equation."""
    from core.forward.vector import unit_step
    from tui.widgets.forward.equation import EquationPanel
    from tui.widgets.notation import signed

    app = RnnTui(mode="vector")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("right", "right", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert tab.unit == 2
        u = unit_step(tab.run.trace, tab.run.weights, 2, 2)
        shown = str(app.query_one(EquationPanel).render())
        assert "a[3] = Σₖ U[3,k]·x₂[k]" in shown
        assert f"= {signed(u.input)} {signed(u.memory)} {signed(u.bias)}" in shown
        assert f"s₂[3] = tanh(a[3]) = {signed(u.s)}" in shown
        assert "U[3,2]" in shown  # x₂ = e₂: the input sum is one weight
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert tab.unit is None and "a[" not in str(app.query_one(EquationPanel).render())


async def test_end_goes_to_the_last_step_and_a_new_sentence_starts_at_step_0():
    app = RnnTui()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await ready(app, pilot)
        await pilot.press("end")
        await pilot.pause()
        assert tab.step == 3 and "step 3/3" in screen_text(app)
        app.query_one("#fw-sentence", Input).value = "我不喜欢美女"
        await pilot.pause()
        assert tab.step == 0 and "step 0/4" in screen_text(app)


def test_negative_bars_hang_from_a_zero_line():
    """Without colour a hanging bar and a standing one only differ by where zero is: draw it."""
    from tui.widgets.forward.value_panel import bars

    lines = bars([0.5, -0.5], 6, 5, None, None).plain.split("\n")
    assert lines == ["██   ", "██   ", "─────", "   ██", "   ██"]  # +0.5 stands on zero, -0.5 hangs below
    only_negative = bars([-0.35, -0.57], 6, 4, None, None).plain.split("\n")
    assert only_negative[0] == "─────" and only_negative[-1] == "   ██"  # zero on top: both hang
