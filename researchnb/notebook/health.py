"""`nb.check()`: everything that can be verified without changing anything.

A damaged database (pages overwritten: SQLite's integrity check fails, or a query stops with
"database disk image is malformed") ends the list with the way back: restore a backup, the
newest good one named. Files a killed process left behind are reported, never removed here:
old ones still there (a read-only open, or one a process holds) are problems, the ones this
opening removed are listed under "cleaned", and young ones (maybe another program's work in
progress) under "in_progress".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..dates import date_bounds
from ..domain import InvalidInput
from ..store import maintenance
from ..store.connection import DatabaseError, is_damage
from ..store.documents import all_file_hashes
from . import leftovers
from .backups import damaged_message

if TYPE_CHECKING:
    from .facade import Notebook


def check(nb: Notebook) -> dict[str, Any]:
    problems: list[str] = []
    damaged = False
    try:
        problems += _database_problems(nb)
        damaged = any(p.startswith("database: ") for p in problems)
    except DatabaseError as exc:
        if not is_damage(exc):
            raise
        damaged = True
        problems.append(f"database: {exc}")
    stale = leftovers.stale(nb.path)
    problems += [f"{x.describe()} (a writable opening removes it)" for x in stale]
    old = {x.path for x in stale}
    young = [x.describe() for x in leftovers.find(nb.path) if x.path not in old]
    if damaged:
        problems.append(damaged_message(nb.path))
    result: dict[str, Any] = {"ok": not problems, "problems": problems}
    if nb.cleaned:
        result["cleaned"] = list(nb.cleaned)
    if young:
        result["in_progress"] = young
    return result


def _database_problems(nb: Notebook) -> list[str]:
    problems = maintenance.integrity_problems(nb.conn)
    for key, date in maintenance.source_dates(nb.conn):
        try:
            date_bounds(date)
        except InvalidInput:
            problems.append(f"source {key} has an invalid date {date!r}")
    for p in nb.files.verify(all_file_hashes(nb.conn)):
        what = "is missing" if p.problem == "missing" else "was altered (its sha256 differs)"
        problems.append(f"original file {p.sha256[:12]}… {what}: {p.path}")
    problems.extend(nb.search.problems())
    problems.extend(nb.pages.problems())
    problems.extend(nb.notes.problems())
    return problems
