"""The preview of a long note changes only the piece being typed in, and shows what a
whole rendering shows (issue 16: no gap over a frame while typing in a 2,000-line note)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

from researchnb.notes.render import render_html
from researchnb.ui.notes.preview import PiecewisePreview

BODY = ("# Minutes of the cell\n\nThe *secretary* read [the letter](note:ABCDEFGH)\n"
        "and the vote followed.\n\n- first\n- second\n\n"
        "| fond | delo |\n|---|---|\n| 415 | 12 |\n\n"
        "```\ncode\n\nstill code\n```\n\n## Resolution\n\nExpel **Petrov**.")


def _blocks(doc: QTextDocument) -> list[tuple[str, int]]:
    out, block = [], doc.begin()
    while block.isValid():
        out.append((block.text().strip(), block.blockFormat().headingLevel()))
        block = block.next()
    return out


def _whole(browser: QTextBrowser, body: str) -> list[tuple[str, int]]:
    doc = QTextDocument()
    doc.setDefaultFont(browser.document().defaultFont())
    doc.setHtml(render_html(body))
    return _blocks(doc)


def test_typing_in_a_paragraph_or_heading_rewrites_only_its_block(qtbot):
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    preview = PiecewisePreview(browser)
    preview.show(BODY, None)
    assert _blocks(browser.document()) == _whole(browser, BODY)
    for before, after in (("and the vote followed.", "and the vote followed at once."),
                          ("## Resolution", "## Resolution of 12 May"),
                          ("Expel **Petrov**.", "Expel **Petrov** and *Ivanov*.")):
        body = BODY.replace(before, after)
        preview.show(body, None)
        assert preview.whole_settings == 1              # no new setHtml of the whole
        assert _blocks(browser.document()) == _whole(browser, body)
        assert "Resolution" in [t for t, level in _blocks(browser.document()) if level == 2][0]


def test_a_new_piece_or_a_changed_list_sets_the_whole_again(qtbot):
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    preview = PiecewisePreview(browser)
    preview.show(BODY, None)
    for body in (BODY + "\n\nA new paragraph.", BODY.replace("- second", "- second\n- third")):
        before = preview.whole_settings
        preview.show(body, None)
        assert preview.whole_settings == before + 1
        assert _blocks(browser.document()) == _whole(browser, body)
