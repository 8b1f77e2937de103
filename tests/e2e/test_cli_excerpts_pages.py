"""Acceptance 1 of issue 11 through the command line: a quote anchored on the imported
teacher's letters stays anchored through `pages set-text` and is detached when its words go;
`pages label` gives folios that the excerpt's locator follows."""

from excerpts_corpus import LETTERS

PASSAGE = "Сельсовет еще в марте дал дров и починил печную трубу"    # page 2, as typed: е


def test_correcting_the_page_keeps_the_excerpt_and_removing_its_words_detaches_it(
        cli, tmp_path, fixture_file):
    path = tmp_path / "p.rnb"
    assert cli("init", str(path)).code == 0
    imported = cli("import", str(fixture_file(LETTERS)), "--json", notebook=path)
    assert imported.code == 0, imported.err
    doc = imported.json["imported"][0]["document"]
    page = cli("documents", "show", doc, "--page", "2", "--json", notebook=path).json
    text = page["pages"][0]["text"]
    start = text.index(PASSAGE)

    r = cli("excerpts", "add", "--document", doc, "--page", "2", "--quote",
            "Сельсовет ещё\nв марте\nдал дров и починил печную трубу", "--json",
            notebook=path)
    assert r.code == 0, r.err
    key = r.json["key"]
    shown = cli("excerpts", "show", key, "--json", notebook=path).json
    assert (shown["char_start"], shown["char_end"]) == (start, start + len(PASSAGE))

    # A correction before the passage that changes its length, and inside the passage a new
    # line break and ё.
    assert text.index("приезжал инструктор из уезда") < start
    fixed = tmp_path / "page2.txt"
    fixed.write_text(text.replace("приезжал инструктор из уезда",
                                  "приезжал инструктор из уездного города")
                     .replace("Сельсовет еще в", "Сельсовет ещё\nв"), encoding="utf-8")
    r = cli("pages", "set-text", doc, "2", "--file", str(fixed), "--json", notebook=path)
    assert r.code == 0, r.err
    assert r.json["moved"] == [key] and r.json["detached"] == []
    shown = cli("excerpts", "show", key, "--json", notebook=path).json
    new_text = fixed.read_text(encoding="utf-8")
    assert shown["anchor"] == "ok"
    assert shown["char_start"] == start + len("уездного города") - len("уезда")
    assert new_text[shown["char_start"]:shown["char_end"]] == \
        "Сельсовет ещё\nв марте дал дров и починил печную трубу"
    shown_page = cli("documents", "show", doc, "--page", "2", "--json", notebook=path).json
    assert shown_page["pages"][0]["origin"] == "transcribed"

    # Deleting the quoted words detaches the excerpt; it is kept and shown as such.
    r = cli("pages", "set-text", doc, "2", "--origin", "ocr", "--json", notebook=path,
            stdin=new_text.replace("дал дров и починил", "починил"))
    assert r.code == 0, r.err
    assert r.json["detached"] == [key]
    listed = cli("excerpts", "list", "--detached", "--json", notebook=path).json
    assert [e["key"] for e in listed] == [key] and listed[0]["quote"] == PASSAGE
    out = cli("excerpts", "list", notebook=path).out
    assert "DETACHED" in out and key in out
    assert "DETACHED" in cli("excerpts", "show", key, notebook=path).out
    assert cli("info", "--json", notebook=path).json["excerpts"] == 1


def test_folio_labels_make_the_locator(cli, tmp_path, fixture_file):
    path = tmp_path / "f.rnb"
    cli("init", str(path))
    doc = cli("import", str(fixture_file(LETTERS)), "--json",
              notebook=path).json["imported"][0]["document"]
    r = cli("excerpts", "add", "--document", doc, "--page", "2", "--to-page", "3",
            "--start", "10", "--end", "20", "--json", notebook=path)
    assert r.code == 0 and r.json["locator"] == "2–3"
    labelled = cli("pages", "label", doc, "--folios", "12", "--json", notebook=path)
    assert labelled.code == 0, labelled.err
    assert labelled.json["labels"] == {"1": "12", "2": "12 ob.", "3": "13"}
    assert labelled.json["locators_changed"] == [r.json["key"]]
    assert cli("excerpts", "show", r.json["key"], "--json",
               notebook=path).json["locator"] == "l. 12 ob.–13"
    one = cli("pages", "label", doc, "3", "14", notebook=path)
    assert one.code == 0
    assert cli("excerpts", "show", r.json["key"], "--json",
               notebook=path).json["locator"] == "l. 12 ob.–14"
    bad = cli("pages", "label", doc, "9", "20", notebook=path)
    assert bad.code == 1 and "has no page 9" in bad.err
    bad = cli("pages", "set-text", doc, "9", "--text", "x", notebook=path)
    assert bad.code == 1 and "has no page 9" in bad.err


def test_pages_numbered_as_pages_over_a_range(cli, tmp_path, fixture_file):
    path = tmp_path / "p.rnb"
    cli("init", str(path))
    doc = cli("import", str(fixture_file(LETTERS)), "--json",
              notebook=path).json["imported"][0]["document"]
    r = cli("excerpts", "add", "--document", doc, "--page", "2", "--start", "0", "--end", "8",
            "--json", notebook=path)
    numbered = cli("pages", "label", doc, "--pages", "45", "--from-page", "2", "--to-page", "3",
                   "--json", notebook=path)
    assert numbered.code == 0, numbered.err
    assert numbered.json["labels"] == {"2": "p. 45", "3": "p. 46"}
    assert cli("excerpts", "show", r.json["key"], "--json",
               notebook=path).json["locator"] == "p. 45"
    both = cli("pages", "label", doc, "--pages", "1", "--folios", "1", notebook=path)
    assert both.code != 0
    # a search hit names the page as the excerpt would cite it: never "p. p. 45"
    words = cli("documents", "show", doc, "--page", "2", "--json",
                notebook=path).json["pages"][0]["text"].split()
    out = cli("search", words[0], "--kind", "page", notebook=path).out
    assert "p. 45" in out and "p. p." not in out
