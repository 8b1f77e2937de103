"""Saving a long note re-reads only what changed, and the result is what reading it all gives
(issue 16: a 10,000-line note saved in 0.5 s; scripts/bench/notes_render.py has the figures)."""

from __future__ import annotations

from researchnb.notes.incremental import link_edit, link_rows
from researchnb.notes.links import parse
from researchnb.search import analyzer

LINE = "Line {i}: the *letter* [s](src:ABCDEFGH), [@tsgamo_415, l. {i}] and @smith2001."


def _body(n: int) -> list[str]:
    return [LINE.format(i=i) for i in range(n)]


def test_each_kind_of_edit_gives_the_rows_a_full_reading_gives():
    lines = _body(40)
    state, edit = link_edit(None, "\n".join(lines))
    assert edit is None and state.rows == link_rows(parse("\n".join(lines)))
    edits = [
        lambda ls: ls[:10] + ["a new line with @jones"] + ls[10:],        # a line comes
        lambda ls: ls[:5] + ls[8:],                                        # lines go
        lambda ls: ls[:20] + [ls[20].replace("letter", "note")] + ls[21:],  # one line changes
        lambda ls: ls[:3] + ["```"] + ls[3:],       # a fence opens: the rest becomes code
        lambda ls: ls[:3] + ls[4:],                 # …and is gone again
        lambda ls: ls + ["[[Some title]] at the end"],
        lambda ls: [],
    ]
    for change in edits:
        lines = change(lines)
        body = "\n".join(lines)
        state, edit = link_edit(state, body)
        assert edit is not None
        assert state.rows == link_rows(parse(body)), body[:80]


def test_a_saved_note_keeps_links_rows_that_match_its_text(nb):
    lines = _body(300)
    key = nb.notes.add("Long", "\n".join(lines)).value.key
    for i in (150, 10, 299):
        lines.insert(i, f"inserted [@other{i}, p. 3]")
        nb.notes.edit(key, body="\n".join(lines), autosave=True)
        del lines[i - 5]
        nb.notes.edit(key, body="\n".join(lines), autosave=True)
    assert nb.notes.problems() == []
    cited = [link["to_key"] for link in nb.notes.links(key)[0] if link["to_kind"] == "citation"]
    assert "other150" in cited and "other299" in cited
    # Another process changed the note meanwhile: the next save reads it all again.
    nb.conn.execute("UPDATE notes SET body = 'x @elsewhere' WHERE key = ?", (key,))
    nb.conn.commit()
    nb.notes.edit(key, body="\n".join(lines[:5]), autosave=True)
    assert nb.notes.problems() == []


def test_a_long_text_is_indexed_line_by_line_as_it_would_be_whole():
    text = "\n".join(_body(400) + ["Вѣра и голодающие крестьяне", "", "ёлка ъ", "electing"])
    assert len(text) >= analyzer.BY_LINES_FROM
    assert analyzer.analyze(text) == analyzer._analyze(text)
    changed = text.replace("Line 7:", "Строка седьмая:")
    assert analyzer.analyze(changed) == analyzer._analyze(changed)


def test_a_note_remembered_on_opening_then_changed_elsewhere_is_read_again(nb):
    from researchnb.notebook import Notebook

    lines = _body(250)
    key = nb.notes.add("Long", "\n".join(lines)).value.key
    app = Notebook.open(nb.path)          # the app's writer, which remembers on opening
    try:
        app.notes.remember(key)
        nb.notes.edit(key, body="\n".join(lines[:100] + ["changed here @newkey"]))
        app.notes.edit(key, body="\n".join(lines[:100] + ["changed again @otherkey"]),
                       autosave=True)
        assert app.notes.problems() == []
        cited = {link["to_key"] for link in app.notes.links(key)[0]}
        assert "otherkey" in cited and "newkey" not in cited
        app.notes.remember(key)
        app.notes.edit(key, body="\n".join(lines[:99] + ["last @third"]), autosave=True)
        assert app.notes.problems() == []
    finally:
        app.close()
