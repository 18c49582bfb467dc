"""Chinese line-breaking rules (tui/cjk_wrap.py): where a wrapped line may start and end."""

from tui.cjk_wrap import NO_LINE_END, NO_LINE_START, wrap

SENTENCE = "循环神经网络（RNN）每个时间步读入序列中的一项（一个词、一个字），并保持一个概括。它说“不”之后，答案翻转。"


def cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation_at_any_width():
    for width in range(8, 60):
        lines = wrap(SENTENCE, width)
        assert "".join(lines) == SENTENCE, width  # nothing lost or added
        for line in lines:
            assert line[0] not in NO_LINE_START and line[-1] not in NO_LINE_END, (width, line)
            assert cells(line) <= width, (width, line)  # the character before a ， moves down with it instead


def test_latin_words_and_formulas_stay_whole_and_english_breaks_at_spaces():
    assert wrap("the effect is v·u·w^(T−t) exactly", 14) == ["the effect is", "v·u·w^(T−t)", "exactly"]
    assert wrap("x_t 对 o_T 的影响恰为 v·u·w^(T−t)：w=0.5", 14) == ["x_t 对 o_T 的", "影响恰为", "v·u·w^(T−t)：", "w=0.5"]


def test_a_word_longer_than_the_line_is_folded():
    assert wrap("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]


def test_prose_text_in_a_table_cell_breaks_by_the_rules():
    """The help screen's descriptions are ProseText cells: a narrow column still follows the rules."""
    import io

    from rich.console import Console
    from rich.table import Table

    from tui.widgets.prose import ProseText

    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    table.add_row("space", ProseText(SENTENCE))
    for width in range(24, 60, 3):
        console = Console(width=width, file=io.StringIO(), record=True)
        console.print(table)
        lines = [line[9:].strip() for line in console.export_text().splitlines()]
        assert "".join(lines) == SENTENCE, width
        assert all(line[0] not in NO_LINE_START and line[-1] not in NO_LINE_END for line in lines), (width, lines)


async def test_a_chinese_status_message_breaks_by_the_rules_on_screen():
    """The Train and Context tabs' message area (StatusText) wraps like the Concepts text."""
    from screen import screen_text
    from textual.app import App

    from tui.widgets.status import StatusText

    class Host(App):
        CSS = "StatusText { width: 21; height: 10; }"

        def compose(self):
            yield StatusText(SENTENCE)

    app = Host()
    async with app.run_test(size=(40, 12)):
        lines = [line.rstrip() for line in screen_text(app).splitlines() if line.strip()]
    assert "".join(lines) == SENTENCE
    assert lines == wrap(SENTENCE, 21)
    for line in lines:
        assert line[0] not in NO_LINE_START and line[-1] not in NO_LINE_END, line
