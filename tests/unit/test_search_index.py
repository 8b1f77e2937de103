"""The index follows every write in the same transaction (triggers), `check` sees when it
does not, `reindex` rebuilds it, and a new analyzer version rebuilds it on open."""

from __future__ import annotations

import pytest
from search_support import add_document, keys, page_numbers

from researchnb.domain import Creator, Source
from researchnb.notebook import Notebook
from researchnb.progress import Cancelled, Progress
from researchnb.store import documents as store_documents


def test_edits_to_page_text_are_searchable_at_once(nb):
    doc = add_document(nb, ["Протокол заседания", "Список членов ячейки"])
    assert page_numbers(nb.search.query("протокол"), doc) == {1}
    nb.pages.set_text(doc, 1, "Резолюция собрания", origin="transcribed")
    assert page_numbers(nb.search.query("протокол"), doc) == set()
    assert page_numbers(nb.search.query("резолюции"), doc) == {1}
    assert nb.check()["ok"]


def test_a_write_that_is_rolled_back_leaves_nothing_in_the_index(nb):
    doc = add_document(nb, ["Протокол заседания"])
    with pytest.raises(RuntimeError), nb.write() as conn:
        page_id = conn.execute("SELECT id FROM pages").fetchone()[0]
        store_documents.set_page_text(conn, page_id, "Секретная резолюция", "transcribed")
        assert page_numbers(nb.search.query("резолюция"), doc) == {1}   # inside the transaction
        raise RuntimeError("the user cancelled")
    assert page_numbers(nb.search.query("резолюция"), doc) == set()
    assert page_numbers(nb.search.query("протокол"), doc) == {1}


def test_excerpts_follow_edits_tags_deletion_and_restore(nb):
    doc = add_document(nb, ["Рабочие цеха требуют хлеба и мыла."])
    ex = nb.excerpts.add(doc, 1, quote="Рабочие цеха требуют хлеба", comment="стачка").value
    assert ex.key in keys(nb.search.query("стачки"))
    nb.excerpts.edit(ex.key, {"comment": "забастовка"})
    assert ex.key not in keys(nb.search.query("стачки"))
    assert ex.key in keys(nb.search.query("забастовка"))
    nb.tags.add(ex.key, ["theme/hunger"])
    assert ex.key in keys(nb.search.query("hunger"))                  # tag names are words too
    nb.tags.rename("theme/hunger", "theme/famine")
    assert ex.key not in keys(nb.search.query("hunger"))
    assert ex.key in keys(nb.search.query("famine"))
    nb.tags.remove(ex.key, ["theme/famine"])
    assert ex.key not in keys(nb.search.query("famine"))
    nb.excerpts.delete(ex.key)
    assert ex.key not in keys(nb.search.query("забастовка"))
    nb.excerpts.restore(ex.key)
    assert ex.key in keys(nb.search.query("забастовка"))
    assert nb.check()["ok"]


def test_deleting_a_document_hides_its_pages_and_excerpts_and_restoring_shows_them(nb):
    doc = add_document(nb, ["Рабочие цеха требуют хлеба."])
    ex = nb.excerpts.add(doc, 1, quote="требуют хлеба").value
    with nb.write() as conn:
        store_documents.soft_delete(conn, doc)
    assert nb.search.query("хлеба")["total"] == 0
    assert nb.check()["ok"]
    with nb.write() as conn:
        conn.execute("UPDATE documents SET deleted = NULL WHERE key = ?", (doc,))
    assert keys(nb.search.query("хлеба")) >= {ex.key}
    assert page_numbers(nb.search.query("хлеба"), doc) == {1}
    assert nb.check()["ok"]


def test_notes_and_sources_follow_their_edits(nb):
    note = nb.notes.add("Черновик", "О рабочих", private=False).value
    nb.notes.edit(note.key, title="Глава вторая", private=True)
    hit = {h["key"]: h for h in nb.search.query("глава")["hits"]}[note.key]
    assert hit["private"] is True and hit["title"] == "Глава вторая"
    assert note.key not in keys(nb.search.query("черновик"))
    src = nb.sources.add(Source(kind="book", title="Magnetic Mountain",
                               creators=[Creator(family="Kotkin", given="Stephen")])).value
    assert src.key in keys(nb.search.query("Kotkin"))
    nb.sources.edit(src.key, {"title": "Stalinism as a Civilization"},
                   creators=[Creator(family="Fitzpatrick", given="Sheila")])
    assert src.key not in keys(nb.search.query("Kotkin")) | keys(nb.search.query("magnetic"))
    assert src.key in keys(nb.search.query("Fitzpatrick civilization"))
    nb.sources.delete(src.key)
    assert src.key not in keys(nb.search.query("Fitzpatrick"))
    nb.sources.restore(src.key)
    assert src.key in keys(nb.search.query("Fitzpatrick"))
    assert nb.check()["ok"]


def test_check_reports_an_index_out_of_step_and_reindex_repairs_it(nb):
    doc = add_document(nb, ["Протокол заседания", "Резолюция"])
    note = nb.notes.add("Мысли", "о протоколе").value
    with nb.write() as conn:               # damage it the way a bug elsewhere might
        conn.execute("DELETE FROM search_notes")
        conn.execute("INSERT INTO search_pages (rowid, body) VALUES (999, 'призрак')")
        conn.execute("UPDATE search_pages SET body = 'устарел' WHERE rowid = "
                     "(SELECT min(id) FROM pages)")
    problems = nb.check()["problems"]
    assert any(f"note {note.key} is missing" in p for p in problems)
    assert any("row 999" in p for p in problems)
    assert any("outdated" in p for p in problems)
    progress = Progress()
    result = nb.search.reindex(progress=progress)
    assert result["indexed"] == 3 and progress.done == 3
    assert nb.check() == {"ok": True, "problems": []}
    assert page_numbers(nb.search.query("протокол"), doc) == {1}
    assert note.key in keys(nb.search.query("мысли"))


def test_a_cancelled_reindex_leaves_the_index_as_it_was(nb):
    doc = add_document(nb, [f"Страница номер {i} протокол" for i in range(1, 1200)])
    progress = Progress()
    progress.step = _cancel_after_first(progress)          # the user presses Stop
    with pytest.raises(Cancelled):
        nb.search.reindex(progress=progress)
    assert page_numbers(nb.search.query("протокол", limit=2000), doc) == set(range(1, 1200))
    assert nb.check()["ok"]


def _cancel_after_first(progress: Progress):
    original = progress.step

    def step(n: int = 1, label: str | None = None) -> None:
        original(n, label)
        progress.cancel()
    return step


def test_a_notebook_indexed_by_another_analyzer_version_is_rebuilt_on_open(tmp_path):
    path = tmp_path / "old.rnb"
    with Notebook.create(path) as nb:
        doc = add_document(nb, ["Протокол заседания"])
        with nb.write() as conn:
            conn.execute("DELETE FROM search_pages")
            conn.execute("UPDATE meta SET value = '0' WHERE name = 'search_analyzer_version'")
        assert not nb.check()["ok"]
    seen = []
    progress = Progress(on_change=lambda p: seen.append((p.done, p.total)))
    with Notebook.open(path, progress=progress) as nb:
        assert page_numbers(nb.search.query("протоколы"), doc) == {1}
        assert nb.check()["ok"]
    assert seen and seen[-1] == (1, 1)


def test_the_migration_indexes_what_an_older_notebook_already_holds(tmp_path):
    import shutil

    from researchnb.store.migrate import default_migrations_dir
    only_first = tmp_path / "migrations"
    only_first.mkdir()
    shutil.copy(default_migrations_dir() / "0001_initial.sql", only_first)
    path = tmp_path / "v1.rnb"
    with Notebook.create(path, migrations_dir=only_first) as nb:
        assert nb.schema_version == 1
        src = nb.sources.add(Source(kind="book", title="Рабочие Магнитки")).value
        doc = add_document(nb, ["Протокол заседания"])
    with Notebook.open(path) as nb:
        assert nb.schema_version >= 2
        assert src.key in keys(nb.search.query("рабочих"))
        assert page_numbers(nb.search.query("протоколы"), doc) == {1}
        assert nb.check()["ok"]
