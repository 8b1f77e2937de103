"""`researchnb search`, `reindex` and `check` in a subprocess, per CLI.md."""

from __future__ import annotations


def _notebook(cli, tmp_path, fixture_file):
    nbp = tmp_path / "s.rnb"
    assert cli("init", str(nbp)).code == 0
    r = cli("sources", "add", "--kind", "letter", "--title", "Письма Анны брату Мите",
            "--date", "1922", "--json", notebook=nbp)
    assert r.code == 0, r.err
    imported = cli("import", str(fixture_file("letters.ru.txt")), "--source", r.json["key"],
                   "--json", notebook=nbp)
    assert imported.code == 0, imported.err
    return nbp, r.json["key"], imported.json["imported"][0]["document"]


def test_search_json_follows_the_contract(cli, tmp_path, fixture_file):
    nbp, source, document = _notebook(cli, tmp_path, fixture_file)
    r = cli("search", "законами", "--json", notebook=nbp)
    assert r.code == 0, r.err
    data = r.json
    assert data["query"] == "законами" and data["total"] >= 1 and data["took_ms"] >= 0
    page_hits = [h for h in data["hits"] if h["kind"] == "page"]
    assert page_hits
    hit = page_hits[0]
    assert {"kind", "key", "title", "score", "snippet", "document", "page", "source",
            "private"} <= set(hit)
    assert hit["document"] == document and hit["source"] == source
    assert set(hit["page"]) == {"number", "label"} and hit["private"] is False
    assert "<mark>закон" in hit["snippet"].lower()
    assert [h["score"] for h in data["hits"]] == sorted((h["score"] for h in data["hits"]),
                                                        reverse=True)
    narrowed = cli("--json", "search", "закон", "--kind", "source", notebook=nbp).json
    assert all(h["kind"] == "source" for h in narrowed["hits"])
    limited = cli("search", "и", "--limit", "2", "--json", notebook=nbp).json
    assert len(limited["hits"]) == 2 and limited["total"] > 2


def test_search_text_output_and_user_errors(cli, tmp_path, fixture_file):
    nbp, _, _ = _notebook(cli, tmp_path, fixture_file)
    r = cli("search", "date:[1921", "TO", "1923]", "Митя", notebook=nbp)
    assert r.code == 0 and "[Митя]" in r.out and "found" in r.out
    before = cli("search", "date:[1909", "TO", "1911]", "Митя", notebook=nbp)
    assert before.code == 0 and before.out.startswith("0 found")    # the letters are of 1922
    bad = cli("search", "x", "--kind", "letters", notebook=nbp)
    assert bad.code == 1 and "page, excerpt, note or source" in bad.err
    assert "Traceback" not in bad.err
    hostile = cli("search", 'NEAR("x', "'; DROP TABLE pages; --", "--json", notebook=nbp)
    assert hostile.code == 0 and hostile.json["hits"] == []


def test_reindex_and_check(cli, tmp_path, fixture_file):
    nbp, _, _ = _notebook(cli, tmp_path, fixture_file)
    r = cli("reindex", "--json", notebook=nbp)
    assert r.code == 0, r.err
    assert r.json["indexed"] >= 2 and r.json["took_s"] >= 0
    assert cli("check", "--json", notebook=nbp).json == {"ok": True, "problems": []}
    found = cli("search", "Митя", "--json", notebook=nbp).json
    assert found["total"] >= 2
