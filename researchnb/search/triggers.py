"""The triggers that keep the search tables in step with every write, generated from the
table of kinds (kinds.py), and their installation on open.

Each trigger runs inside the transaction of the write that fires it, whoever makes it, so
whatever commits is searchable and nothing uncommitted is. Inserts index the new row without
a DELETE first (half the cost of a bulk import); nothing REPLACEs these base rows.

Migration 0002 wrote these triggers out by hand; `install` (an opening step of a notebook
opened for writing) replaces them with the ones the table generates, together with the FTS
table of any kind added since. It compares what `sqlite_master` holds with what the table
generates and changes only what differs (dropping any `search_` trigger the table does not
make), so an open that finds them current writes nothing. No migration is needed for that,
so a notebook of an older schema still opens read-only (a CD, a locked share) as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.connection import Connection
from .kinds import KINDS_TABLE, Kind

PREFIX = "search_"


def _refresh_id(k: Kind, rid: str) -> list[str]:
    """Re-index the record with id `rid` (gone from the index if it is not live)."""
    return [f"DELETE FROM {k.table} WHERE rowid = {rid};",
            f"{k.insert}\n      AND {k.alias}.id = {rid};"]


def _refresh_where(k: Kind, cond: str) -> list[str]:
    """Re-index the records for which `cond` holds."""
    a = k.alias
    return [f"DELETE FROM {k.table} WHERE rowid IN (SELECT {a}.id FROM {k.base} {a} "
            f"WHERE {cond});",
            f"{k.insert}\n      AND {cond};"]


def _trigger(name: str, event: str, body: list[str]) -> str:
    return (f"CREATE TRIGGER {name} {event}\nBEGIN\n"
            + "".join(f"    {s}\n" for s in body) + "END")


class _Triggers(dict[str, str]):
    """Triggers by name; two entries of the table that would make one name are an error."""

    def __setitem__(self, name: str, sql: str) -> None:
        if name in self:
            raise ValueError(f"two search triggers would be named {name}")
        super().__setitem__(name, sql)


@dataclass
class _Grouped:
    """Statements from several kinds that share one trigger (a parent's, a tag rename),
    named by table and columns (search_documents_deleted_au) so that no kind's own
    triggers (search_<base>_au) can take the name."""
    event: str
    body: list[str] = field(default_factory=list)


def trigger_sql(kinds: tuple[Kind, ...] = KINDS_TABLE) -> dict[str, str]:
    """Every search trigger by name: its CREATE TRIGGER statement."""
    out = _Triggers()
    grouped: dict[str, _Grouped] = {}
    for k in kinds:
        a, base = k.alias, k.base
        out[f"{PREFIX}{base}_ai"] = _trigger(
            f"{PREFIX}{base}_ai", f"AFTER INSERT ON {base}",
            [f"{k.insert}\n      AND {a}.id = NEW.id;"])
        out[f"{PREFIX}{base}_au"] = _trigger(
            f"{PREFIX}{base}_au", f"AFTER UPDATE OF {', '.join(k.watched)} ON {base}",
            [f"DELETE FROM {k.table} WHERE rowid = OLD.id;",
             f"{k.insert}\n      AND {a}.id = NEW.id;"])
        out[f"{PREFIX}{base}_ad"] = _trigger(
            f"{PREFIX}{base}_ad", f"AFTER DELETE ON {base}",
            [f"DELETE FROM {k.table} WHERE rowid = OLD.id;"])
        for p in k.parents:
            when = f"\n    WHEN {p.when}" if p.when else ""
            group = grouped.setdefault(f"{PREFIX}{p.table}_{'_'.join(p.columns)}_au", _Grouped(
                f"AFTER UPDATE OF {', '.join(p.columns)} ON {p.table}{when}"))
            group.body += _refresh_where(k, f"{a}.{p.link} = NEW.id")
        for c in k.feeders:
            name = f"{PREFIX}{c.name}"
            new = f" WHEN NEW.{c.kind_column} = '{k.kind}'" if c.kind_column else ""
            old = f" WHEN OLD.{c.kind_column} = '{k.kind}'" if c.kind_column else ""
            either = (f" WHEN OLD.{c.kind_column} = '{k.kind}' OR NEW.{c.kind_column} = "
                      f"'{k.kind}'" if c.kind_column else "")
            out[f"{name}_ai"] = _trigger(f"{name}_ai", f"AFTER INSERT ON {c.table}{new}",
                                         _refresh_id(k, f"NEW.{c.link}"))
            out[f"{name}_ad"] = _trigger(f"{name}_ad", f"AFTER DELETE ON {c.table}{old}",
                                         _refresh_id(k, f"OLD.{c.link}"))
            out[f"{name}_au"] = _trigger(
                f"{name}_au", f"AFTER UPDATE ON {c.table}{either}",
                _refresh_id(k, f"OLD.{c.link}") + _refresh_id(k, f"NEW.{c.link}"))
        if k.tagged:
            group = grouped.setdefault(f"{PREFIX}tags_name_au",
                                       _Grouped("AFTER UPDATE OF name ON tags"))
            group.body += _refresh_where(
                k, f"{a}.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND "
                   f"target_kind = '{k.kind}')")
    for name, group in grouped.items():
        out[name] = _trigger(name, group.event, group.body)
    return dict(out)


# -- installing ------------------------------------------------------------------------------

@dataclass
class Plan:
    """What `install` would change: FTS tables to (re)make, triggers to drop and create."""
    tables: list[Kind] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)
    create: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tables or self.drop or self.create)


def installed(conn: Connection, kinds: tuple[Kind, ...] = KINDS_TABLE) -> bool:
    """Whether this notebook has search at all (one at schema 1 has no search tables)."""
    names = [k.table for k in kinds]
    marks = ", ".join("?" * len(names))
    return conn.execute(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN "
                        f"({marks}) LIMIT 1", names).fetchone() is not None


def plan(conn: Connection, kinds: tuple[Kind, ...] = KINDS_TABLE) -> Plan:
    """Compare what the notebook holds with what the table of kinds generates."""
    held = {str(r[0]): str(r[1]) for r in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger') AND "
        "substr(name, 1, ?) = ?", (len(PREFIX), PREFIX))}
    found = Plan()
    for k in kinds:
        if held.get(k.table) != k.create or k.vocabulary not in held:
            found.tables.append(k)
    wanted = trigger_sql(kinds)
    triggers = {str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, ?) = ?",
        (len(PREFIX), PREFIX))}
    for name in sorted(triggers):
        if wanted.get(name) != held[name]:
            found.drop.append(name)
    found.create = [name for name, sql in wanted.items() if held.get(name) != sql]
    return found


def install(conn: Connection, kinds: tuple[Kind, ...] = KINDS_TABLE) -> Plan:
    """Bring the FTS tables and triggers to what the table generates (inside the caller's
    write transaction); a kind's table made anew is filled from its live records."""
    todo = plan(conn, kinds)
    for k in todo.tables:
        conn.execute(f"DROP TABLE IF EXISTS {k.vocabulary}")
        conn.execute(f"DROP TABLE IF EXISTS {k.table}")
        conn.execute(k.create)
        conn.execute(k.rank)
        conn.execute(k.create_vocabulary)
        conn.execute(k.insert)
    for name in todo.drop:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    wanted = trigger_sql(kinds)
    for name in todo.create:
        conn.execute(wanted[name])
    return todo
