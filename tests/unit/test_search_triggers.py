"""The search triggers are generated from one table of kinds (researchnb/search/kinds.py):
they do what migration 0002's hand-written ones did, are installed on open only when they
differ, and a new searchable kind is one entry in the table."""

from __future__ import annotations

import re

from search_support import add_document

from researchnb.notebook import Notebook
from researchnb.search import triggers
from researchnb.search.analyzer import terms
from researchnb.search.kinds import KINDS_TABLE, Kind
from researchnb.store.migrate import default_migrations_dir, statements

# The generated triggers give the ones several kinds share names of their own table and
# columns, so that no kind's own triggers can take them; and a note's or source's update
# now unindexes OLD.id like the others, where 0002 wrote NEW.id (the same row: ids are
# never updated).
RENAMED = {"search_documents_au": "search_documents_deleted_au",
           "search_tags_au": "search_tags_name_au"}
OLD_ID = {"search_notes_au": "DELETE FROM search_notes WHERE rowid = NEW.id",
          "search_sources_au": "DELETE FROM search_sources WHERE rowid = NEW.id"}


def _words(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def _triggers_of_0002() -> dict[str, str]:
    text = (default_migrations_dir() / "0002_search.sql").read_text(encoding="utf-8")
    found = {}
    for statement in statements(text):
        m = re.search(r"CREATE TRIGGER (\w+)", statement)
        if m:
            sql = _words(statement[statement.index("CREATE TRIGGER"):]).removesuffix(";")
            name = m.group(1)
            if name in OLD_ID:
                sql = sql.replace(OLD_ID[name], OLD_ID[name].replace("NEW.id", "OLD.id"))
            found[RENAMED.get(name, name)] = sql.replace(name, RENAMED.get(name, name), 1)
    return found


def _installed(nb: Notebook) -> dict[str, str]:
    return {r[0]: r[1] for r in nb.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")}


def test_the_generated_triggers_are_those_migration_0002_wrote_by_hand():
    old = _triggers_of_0002()
    generated = {name: _words(sql) for name, sql in triggers.trigger_sql().items()}
    assert len(old) == 26
    assert generated == old


def test_the_tables_are_those_migration_0002_made(nb):
    for k in KINDS_TABLE:
        held = nb.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (k.table,))
        assert held.fetchone()[0] == k.create


def test_opening_installs_the_generated_triggers_and_later_opens_write_nothing(tmp_path):
    path = tmp_path / "nb.rnb"
    with Notebook.create(path) as nb:
        assert _installed(nb) == triggers.trigger_sql()
        assert not triggers.plan(nb.conn)
    with Notebook.open(path) as nb:
        before = nb.conn.total_changes
        nb.search.install()
        assert nb.conn.total_changes == before and not triggers.plan(nb.conn)


def test_a_missing_or_altered_trigger_is_put_right_on_open_but_not_read_only(tmp_path):
    path = tmp_path / "nb.rnb"
    with Notebook.create(path) as nb:
        with nb.write() as conn:
            conn.execute("DROP TRIGGER search_notes_ai")
            conn.execute("DROP TRIGGER search_pages_au")
            conn.execute("CREATE TRIGGER search_pages_au AFTER UPDATE ON pages BEGIN "
                            "SELECT 1; END")
            conn.execute("CREATE TRIGGER search_stale_ai AFTER INSERT ON notes BEGIN "
                            "SELECT 1; END")
        todo = triggers.plan(nb.conn)
        assert sorted(todo.drop) == ["search_pages_au", "search_stale_ai"]
        assert sorted(todo.create) == ["search_notes_ai", "search_pages_au"]
    with Notebook.open(path, read_only=True) as nb:
        nb.search.install()
        assert triggers.plan(nb.conn)
    with Notebook.open(path) as nb:
        assert _installed(nb) == triggers.trigger_sql()
        note = nb.notes.add("Стачка", "на заводе").value
        assert note.key in {h["key"] for h in nb.search.query("стачки")["hits"]}
        assert nb.check()["ok"]


DOCUMENTS = Kind("document", "search_documents", "documents", "d", ("name",), (1.0,),
                 ("d.filename",), "FROM documents d WHERE d.deleted IS NULL",
                 watched=("filename", "deleted"))


def test_a_new_searchable_kind_is_one_entry_in_the_table(nb):
    kept = add_document(nb, ["Протокол"], filename="протокол заседания.pdf")
    kinds = (*KINDS_TABLE, DOCUMENTS)
    todo = triggers.plan(nb.conn, kinds)
    assert todo.tables == [DOCUMENTS] and not todo.drop
    assert sorted(todo.create) == ["search_documents_ad", "search_documents_ai",
                                   "search_documents_au"]
    with nb.write() as conn:
        triggers.install(conn, kinds)
    assert not triggers.plan(nb.conn, kinds)

    def found(word: str) -> set[str]:
        return {r[0] for r in nb.conn.execute(
            "SELECT d.key FROM search_documents f JOIN documents d ON d.id = f.rowid "
            "WHERE search_documents MATCH ?", (" ".join(terms(word)),))}

    assert found("протоколы") == {kept}                      # what was there is indexed
    added = add_document(nb, ["Письмо"], filename="письмо наркому.txt")
    assert found("письма") == {added}                          # a new record follows
    with nb.write() as conn:
        conn.execute("UPDATE documents SET filename = 'телеграмма.txt' WHERE key = ?",
                        (added,))
    assert found("письма") == set() and found("телеграммы") == {added}
    with nb.write() as conn:
        conn.execute("UPDATE documents SET deleted = '2024-01-01' WHERE key = ?", (kept,))
    assert found("протокол") == set()
    assert nb.search.query("протокол")["total"] == 0          # and the old kinds still work
