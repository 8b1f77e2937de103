"""Counting what survives import -> export -> import (issue 17, acceptance 1).

Two measures, both reported by the tests:
- `compare_sources`: the sources of the first import against those of the second, every
  column, every creator and every field of the entry as written (`extra["bibtex"]`), by
  citekey; dates are also listed on their own, so "no date changed" is checked by name.
- `compare_files`: the original .bib against the exported one, both read by bibtexparser's
  own default reader (not ours), entry by entry: each field of the original must come back
  with the same text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import bibtexparser

from researchnb.domain import SOURCE_TEXT_FIELDS, Source

DATE_FIELDS = ("date", "year", "month", "origdate", "urldate", "eventdate")


@dataclass
class Tally:
    fields: int = 0
    same: int = 0
    differences: list[str] = field(default_factory=list)
    dates_changed: list[str] = field(default_factory=list)

    def add(self, where: str, before: object, after: object, *, is_date: bool = False) -> None:
        self.fields += 1
        if before == after:
            self.same += 1
            return
        self.differences.append(f"{where}: {before!r} -> {after!r}")
        if is_date:
            self.dates_changed.append(f"{where}: {before!r} -> {after!r}")

    @property
    def share(self) -> float:
        return self.same / self.fields if self.fields else 0.0

    def report(self) -> str:
        return (f"{self.same} of {self.fields} fields identical ({100 * self.share:.2f}%), "
                f"{len(self.dates_changed)} dates changed")


def raw_fields(src: Source) -> dict[str, str]:
    info = src.extra.get("bibtex") or {}
    return {k: v for k, v in info.get("@fields", [])}


def compare_sources(first: list[Source], second: list[Source]) -> Tally:
    tally = Tally()
    again = {s.citekey: s for s in second}
    for src in first:
        other = again.get(src.citekey)
        if other is None:
            tally.add(f"{src.citekey}", "present", "missing")
            continue
        tally.add(f"{src.citekey}.kind", src.kind, other.kind)
        for name in SOURCE_TEXT_FIELDS:
            before, after = getattr(src, name), getattr(other, name)
            if before or after:
                tally.add(f"{src.citekey}.{name}", before, after, is_date=name == "date")
        tally.add(f"{src.citekey}.creators", [dataclasses.astuple(c) for c in src.creators],
                  [dataclasses.astuple(c) for c in other.creators])
        mine, theirs = raw_fields(src), raw_fields(other)
        for name, value in mine.items():
            tally.add(f"{src.citekey}.@{name}", value, theirs.get(name),
                      is_date=name in DATE_FIELDS)
    return tally


def _plain(value: str) -> str:
    """A value as text for comparing: `\\%`, `\\&`, `\\#` are how a file writes %, &, #."""
    for ch in "%&#":
        value = value.replace("\\" + ch, ch)
    return " ".join(value.split())


def _entries(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    return {e.key: {f.key.lower(): _plain(str(f.value)) for f in e.fields}
            for e in library.entries}


def compare_files(original: str, exported: str, renamed: dict[str, str]) -> Tally:
    """Every field of every entry of `original` against the same entry of `exported`
    (`renamed`: key as written -> key exported, for keys renamed on import)."""
    tally = Tally()
    out = _entries(exported)
    for key, fields in _entries(original).items():
        other = out.get(renamed.get(key, key))
        if other is None:
            continue                     # @xdata and @set entries are not sources
        for name, value in fields.items():
            if name == "xdata":
                continue                 # resolved: its fields are now the entry's own
            if name.startswith("%"):
                continue                 # bibtexparser reads `% note = …` as a field; biber not
            if " # " in value:
                continue                 # `@string # {…}`: bibtexparser cannot expand it
            tally.add(f"{key}.{name}", value, other.get(name), is_date=name in DATE_FIELDS)
    return tally
