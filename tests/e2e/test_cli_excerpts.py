"""`researchnb excerpts …` in a subprocess, on the generated test documents (CLI.md)."""

import pytest
from excerpts_corpus import LETTERS, REPORT, TYPED, imported

from researchnb.notebook import Notebook


@pytest.fixture
def book(tmp_path, fixture_file):
    """A notebook holding the teacher's letters (3 pages), the typed card (1400 × 1000) and
    the 4-page report."""
    path = tmp_path / "cli.rnb"
    with Notebook.create(path) as nb:
        keys = {"text": imported(nb, fixture_file(LETTERS)),
                "image": imported(nb, fixture_file(TYPED)),
                "pdf": imported(nb, fixture_file(REPORT))}
    return path, keys


def _state(cli, path):
    info = cli("info", "--json", notebook=path).json
    listed = cli("excerpts", "list", "--json", notebook=path).json
    tags = cli("tags", "list", "--json", notebook=path).json
    return info, listed, tags


def test_add_by_quote_list_by_parent_tag_show_edit_delete_restore(cli, book):
    path, keys = book
    r = cli("excerpts", "add", "--document", keys["text"], "--page", "1",
            "--quote", "керосин кончился еще\nв декабре",
            "--tag", "theme/violence", "--comment", "no paraffin since December",
            "--translation", "the paraffin ran out back in December", "--json",
            notebook=path)
    assert r.code == 0, r.err
    added = r.json
    # Stored as the page has it: a space for the typed line break, ё where е was typed.
    assert added["quote"] == "керосин кончился ещё в декабре"
    assert added["locator"] == "1" and len(added["key"]) == 8
    key = added["key"]

    other = cli("excerpts", "add", "--document", keys["text"], "--page", "2", "--quote",
                "Red Dawn", "--tag", "theme", "--tag", "press", "--json", notebook=path)
    assert other.code == 0, other.err
    cli("excerpts", "add", "--document", keys["image"], "--page", "1", "--region",
        "0.1,0.2,0.3,0.4", "--tag", "place/office", notebook=path)

    theme = cli("excerpts", "list", "--tag", "theme", "--json", notebook=path).json
    assert [e["key"] for e in theme] == [key, other.json["key"]]
    assert [e["key"] for e in cli("excerpts", "list", "--tag", "theme/violence", "--json",
                                  notebook=path).json] == [key]
    counts = {t["name"]: t["count"] for t in cli("tags", "list", "--json",
                                                notebook=path).json}
    assert counts == {"theme": 1, "theme/violence": 1, "press": 1, "place/office": 1}

    shown = cli("excerpts", "show", key, "--json", notebook=path).json
    assert shown["translation"] == "the paraffin ran out back in December"
    assert shown["comment"] == "no paraffin since December" and shown["tags"] == ["theme/violence"]
    assert shown["document"] == keys["text"] and shown["pages"] == [{"number": 1,
                                                                     "label": "1"}]
    # Its citation is the source's, with the excerpt's locator.
    cited = cli("sources", "cite", shown["source"], "--locator", "1", "--json", notebook=path)
    assert cited.code == 0, cited.err
    assert shown["citation"] == cited.json["text"] and shown["citation"]
    text = cli("excerpts", "show", key, notebook=path)
    assert text.code == 0 and "locator: 1" in text.out and "theme/violence" in text.out
    assert f"citation: {shown['citation']}" in text.out

    ed = cli("excerpts", "edit", key, "--kind", "paraphrase", "--tag", "theme/tolstoy",
             "--untag", "theme/violence", "--locator", "p. 1", "--json", notebook=path)
    assert ed.code == 0, ed.err
    assert (ed.json["kind"], ed.json["tags"], ed.json["locator"]) == (
        "paraphrase", ["theme/tolstoy"], "p. 1")

    assert cli("tags", "rename", "theme", "topic", notebook=path).code == 0
    assert cli("excerpts", "show", key, "--json", notebook=path).json["tags"] == [
        "topic/tolstoy"]

    assert cli("excerpts", "delete", key, notebook=path).code == 0
    assert [e["key"] for e in cli("excerpts", "list", "--tag", "topic", "--json",
                                  notebook=path).json] == [other.json["key"]]
    assert cli("info", "--json", notebook=path).json["excerpts"] == 2
    assert cli("excerpts", "show", key, "--json", notebook=path).json["deleted"] is True
    r = cli("excerpts", "restore", key, "--json", notebook=path)
    assert r.code == 0 and r.json["tags"] == ["topic/tolstoy"]
    assert cli("info", "--json", notebook=path).json["excerpts"] == 3


def test_region_round_trips_and_a_pdf_range_spans_both_labels(cli, book):
    path, keys = book
    r = cli("excerpts", "add", "--document", keys["image"], "--page", "1", "--region",
            "175,250,700,375", "--pixels", "--kind", "transcription", "--quote",
            "typed line", "--json", notebook=path)
    assert r.code == 0, r.err
    shown = cli("excerpts", "show", r.json["key"], "--json", notebook=path).json
    assert shown["region"] == pytest.approx([0.125, 0.25, 0.5, 0.375])
    assert shown["kind"] == "transcription" and shown["char_start"] is None

    r = cli("excerpts", "add", "--document", keys["pdf"], "--page", "3", "--to-page", "4",
            "--start", "0", "--end", "20", "--json", notebook=path)
    assert r.code == 0, r.err
    assert r.json["locator"] == "3–4" and r.json["page_start"] == 3 and r.json["page_end"] == 4


BAD = [
    ("unknown document", ["--document", "ZZZZZZZZ", "--page", "1", "--start", "0", "--end",
                          "3"], "no document with the key ZZZZZZZZ"),
    ("unknown page", ["--document", "{text}", "--page", "7", "--start", "0", "--end", "3"],
     "has no page 7"),
    ("offsets out of range", ["--document", "{text}", "--page", "1", "--start", "0", "--end",
                              "100000"], "end offset 100000"),
    ("empty quote", ["--document", "{text}", "--page", "1", "--quote", " "], "quote is empty"),
    ("ambiguous quote", ["--document", "{text}", "--page", "3", "--quote", "спросить в уезде"],
     "occurs 2 times"),
    ("rectangle outside the page", ["--document", "{image}", "--page", "1", "--region",
                                    "0.5,0.5,0.6,0.2"], "does not lie within page 1"),
    ("rectangle in pixels outside", ["--document", "{image}", "--page", "1", "--region",
                                     "0,0,1401,10", "--pixels"], "1400×1000"),
    ("malformed rectangle", ["--document", "{image}", "--page", "1", "--region", "a,b"],
     "not a region"),
]


@pytest.mark.parametrize("case", BAD, ids=[b[0] for b in BAD])
def test_bad_input_exits_1_with_one_line_and_changes_nothing(cli, book, case):
    path, keys = book
    ok = cli("excerpts", "add", "--document", keys["text"], "--page", "1", "--quote",
             "коптилке", "--tag", "theme", notebook=path)
    assert ok.code == 0, ok.err
    before = _state(cli, path)
    _, args, message = case
    r = cli("excerpts", "add", *[a.format(**keys) for a in args], "--tag", "new", "--json",
            notebook=path)
    assert r.code == 1
    assert message in r.err and "Traceback" not in r.err
    assert len(r.err.strip().splitlines()) == 1 and r.out == ""
    assert _state(cli, path) == before


def test_show_and_edit_of_an_unknown_excerpt_exit_1(cli, book):
    path, _ = book
    for args in (["show", "ZZZZZZZZ"], ["edit", "ZZZZZZZZ", "--comment", "x"],
                 ["delete", "ZZZZZZZZ"], ["list", "--tag", "nothing"]):
        r = cli("excerpts", *args, notebook=path)
        assert r.code == 1 and "Traceback" not in r.err, (args, r.err)
