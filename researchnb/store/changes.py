"""The change log: which records a write created, updated and deleted.

Temporary triggers (they live with the connection, not in the notebook file) note every row
written to the tables the app shows into `temp.rnb_changes`; `Notebook.write()` empties the
log when a transaction begins and reads it when it commits, so every write reports exactly what
it changed, however it changed it, and no operation can forget to say.
"""

from __future__ import annotations

import sqlite3

# kind, table, the SQL giving a row's key (`R` is NEW or OLD), the columns whose change
# is an update worth showing (None: any column).
_LOGGED = (
    ("source", "sources", "R.key"),
    ("document", "documents", "R.key"),
    ("page", "pages", "R.key"),
    ("excerpt", "excerpts", "R.key"),
    ("note", "notes", "R.key"),
    ("tag", "tags", "R.name"),
)
_TAGGED_KEY = ("CASE R.target_kind "
               "WHEN 'source' THEN (SELECT key FROM sources WHERE id = R.target_id) "
               "WHEN 'document' THEN (SELECT key FROM documents WHERE id = R.target_id) "
               "WHEN 'excerpt' THEN (SELECT key FROM excerpts WHERE id = R.target_id) "
               "WHEN 'note' THEN (SELECT key FROM notes WHERE id = R.target_id) END")
_TAG_NAME = "(SELECT name FROM tags WHERE id = R.tag_id)"
_SOFT_DELETED = {"sources", "documents", "excerpts", "notes"}


def _log(kind: str, key_sql: str, what: str, row: str) -> str:
    key = key_sql.replace("R.", f"{row}.")
    return (f"INSERT INTO rnb_changes (kind, key, what) SELECT '{kind}', {key}, "
            f"'{what}' WHERE {key} IS NOT NULL;")


def _triggers() -> list[str]:
    sql = ["CREATE TEMP TABLE IF NOT EXISTS rnb_changes "
           "(kind TEXT NOT NULL, key TEXT NOT NULL, what TEXT NOT NULL)"]
    for kind, table, key in _LOGGED:
        name = f"temp.rnb_log_{table}"
        sql.append(f"CREATE TEMP TRIGGER IF NOT EXISTS {name.removeprefix('temp.')}_ai "
                   f"AFTER INSERT ON main.{table} BEGIN {_log(kind, key, 'created', 'NEW')} END")
        sql.append(f"CREATE TEMP TRIGGER IF NOT EXISTS {name.removeprefix('temp.')}_ad "
                   f"AFTER DELETE ON main.{table} BEGIN {_log(kind, key, 'deleted', 'OLD')} END")
        if table in _SOFT_DELETED:
            # Into the trash is a deletion, out of it a creation, as the user sees them.
            sql.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {name.removeprefix('temp.')}_au "
                f"AFTER UPDATE ON main.{table} BEGIN "
                f"{_log(kind, key, 'updated', 'NEW').removesuffix(';')} "
                "AND (OLD.deleted IS NULL) IS (NEW.deleted IS NULL); "
                f"{_log(kind, key, 'deleted', 'NEW').removesuffix(';')} "
                "AND OLD.deleted IS NULL AND NEW.deleted IS NOT NULL; "
                f"{_log(kind, key, 'created', 'NEW').removesuffix(';')} "
                "AND OLD.deleted IS NOT NULL AND NEW.deleted IS NULL; END")
        else:
            sql.append(f"CREATE TEMP TRIGGER IF NOT EXISTS {name.removeprefix('temp.')}_au "
                       f"AFTER UPDATE ON main.{table} BEGIN "
                       f"{_log(kind, key, 'updated', 'NEW')} END")
    # A tag put on or taken off a record changes the record and the tag (its count).
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        sql.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS rnb_log_taggings_{event[:3].lower()} "
            f"AFTER {event} ON main.taggings BEGIN "
            "INSERT INTO rnb_changes (kind, key, what) SELECT "
            f"{_TAGGED_KIND.replace('R.', row + '.')}, {_TAGGED_KEY.replace('R.', row + '.')}, "
            f"'updated' WHERE {_TAGGED_KEY.replace('R.', row + '.')} IS NOT NULL; "
            f"{_log('tag', _TAG_NAME, 'updated', row)} END")
    # Creators are part of their source.
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        sql.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS rnb_log_creators_{event[:3].lower()} "
            f"AFTER {event} ON main.source_creators BEGIN "
            + _log("source", f"(SELECT key FROM sources WHERE id = {row}.source_id)",
                   "updated", row) + " END")
    return sql


_TAGGED_KIND = "R.target_kind"


def install(conn: sqlite3.Connection) -> bool:
    """Start logging changes on this connection (after the schema exists: after migrations);
    whether it logs now (a notebook of the earliest schema has nothing to log)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'taggings'").fetchone() is None:
        return False
    for statement in _triggers():
        conn.execute(statement)
    return True


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM temp.rnb_changes")


def read(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """The log in the order the rows were written."""
    return [(str(r[0]), str(r[1]), str(r[2])) for r in
            conn.execute("SELECT kind, key, what FROM temp.rnb_changes ORDER BY rowid")]
