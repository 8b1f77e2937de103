"""Read a CSL-JSON file (Zotero, Pandoc, our own export) into sources.

CSL's `archive`, `archive_location` (`RGASPI, f. 17, op. 84, d. 343, l. 12`),
`archive_collection` and `archive-place` come back as our archival fields. An item that is
not an object or has no usable title is reported as a failure with the line it starts on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..citations.citekeys import IMPORT_KEY_RE, unique_citekey
from ..citations.csljson import CSL_TYPES, ROLE_VARIABLES
from ..citations.fields import (
    edtf_from_parts,
    lang_code,
    parse_shelfmark,
    split_archive_name,
)
from ..dates import date_bounds
from ..domain import Creator, InvalidInput, Source
from .base import BlockFailure, ReferenceImport

_KINDS = {csl: kind for kind, csl in CSL_TYPES.items()}
_KINDS.update({"article": "article", "article-magazine": "article", "paper-conference":
               "chapter", "entry-encyclopedia": "chapter", "entry-dictionary": "chapter",
               "post": "web", "post-weblog": "web", "letter": "letter",
               "thesis": "other", "report": "other"})
_PLAIN = {"title": "title", "genre": "genre", "container-title": "container_title",
          "volume": "volume", "issue": "issue", "page": "pages", "publisher": "publisher",
          "publisher-place": "place", "archive_collection": "fond_title",
          "archive-place": "archive_place", "call-number": "call_number", "URL": "url",
          "DOI": "doi"}
_USED = set(_PLAIN) | {"id", "citation-key", "type", "issued", "archive", "archive_location",
                       "language", "custom", *ROLE_VARIABLES.values()}


def _text(value: Any) -> str:
    if isinstance(value, (int, float)):
        return str(value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _date(value: Any, custom: Any) -> str:
    if isinstance(custom, dict) and isinstance(custom.get("edtf"), str):
        try:
            date_bounds(custom["edtf"])
            return custom["edtf"].strip()
        except InvalidInput:
            pass
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            start = [int(p) for p in parts[0][:3]]
            end = [int(p) for p in parts[1][:3]] if len(parts) > 1 and parts[1] else None
        except (TypeError, ValueError):
            return ""
        return edtf_from_parts(start, end, bool(value.get("circa")))
    for name in ("raw", "literal"):
        raw = value.get(name)
        if isinstance(raw, str):
            try:
                date_bounds(raw)
                return raw.strip()
            except InvalidInput:
                found = re.search(r"\d{4}", raw)
                return found.group(0) if found else ""
    return ""


_PINNED_RE = re.compile(r"^\s*Citation Key\s*:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE)


def pinned_key(item: dict[str, Any]) -> str:
    """The citekey Better BibTeX pinned: CSL `citation-key`, or a `Citation Key: X` line in
    `note` (Zotero's Extra); '' when there is none."""
    key = _text(item.get("citation-key"))
    if key:
        return key
    note = item.get("note")
    found = _PINNED_RE.search(note) if isinstance(note, str) else None
    return found.group(1) if found else ""


def to_source(item: dict[str, Any]) -> Source:
    kind = _KINDS.get(_text(item.get("type")), "other")
    src = Source(kind=kind)
    for csl, ours in _PLAIN.items():
        setattr(src, ours, _text(item.get(csl)))
    for role, var in ROLE_VARIABLES.items():
        for person in item.get(var) or []:
            if not isinstance(person, dict):
                continue
            if person.get("literal"):
                src.creators.append(Creator(literal=_text(person["literal"]), role=role))
            elif person.get("family") or person.get("given"):
                family = " ".join(x for x in (_text(person.get("non-dropping-particle")),
                                              _text(person.get("family"))) if x)
                src.creators.append(Creator(family=family or _text(person.get("given")),
                                            given=_text(person.get("given")) if family else "",
                                            role=role))
    src.date = _date(item.get("issued"), item.get("custom"))
    src.language = lang_code(_text(item.get("language"))) if item.get("language") else ""
    archive = _text(item.get("archive"))
    location = _text(item.get("archive_location"))
    if location:
        mark = parse_shelfmark(location)
        if mark.fond or mark.delo or mark.opis or mark.folio:
            src.fond, src.opis, src.delo, src.folio = mark.fond, mark.opis, mark.delo, mark.folio
            head = ", ".join(mark.head)
            full, abbr = split_archive_name(head) if head else ("", "")
            src.archive_abbr = abbr or (head if head and head != archive else "")
            if not archive and full:
                archive = full
        else:
            full, abbr = split_archive_name(location)
            if abbr and not full:
                src.archive_abbr = abbr
            else:
                src.call_number = src.call_number or location
    if archive and archive == src.archive_abbr:
        archive = ""
    src.archive = archive
    key = pinned_key(item) or _text(item.get("id"))
    if IMPORT_KEY_RE.match(key) and key[:1].isalpha():
        src.citekey = key
    rest = {k: v for k, v in item.items() if k not in _USED}
    if rest or (key and not src.citekey):
        src.extra = {"csl": {"id": key, **rest}}
    if not src.title:
        raise InvalidInput("the item has no title")
    return src


def _item_lines(text: str) -> list[int]:
    """Line numbers where the values of the top-level array start (for reporting)."""
    lines, depth, line, in_str, esc, expect = [], 0, 1, False, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if expect and not ch.isspace():
            lines.append(line)
            expect = False
        if ch == '"':
            in_str, esc = True, False
        elif ch in "[{":
            depth += 1
            expect = depth == 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            expect = True
    return lines


def read(path: Path) -> ReferenceImport:
    """Every item as a source, or as a failure with its line and what was wrong."""
    result = ReferenceImport()
    text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.failures.append(BlockFailure(line=exc.lineno, message=f"not valid JSON: {exc.msg}"))
        return result
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        result.failures.append(BlockFailure(line=1, message="a CSL-JSON file is a list of items"))
        return result
    lines = _item_lines(text)
    taken: dict[str, str] = {}
    for i, item in enumerate(data):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(item, dict):
            result.failures.append(BlockFailure(line=line, message="this item is not an object"))
            continue
        try:
            src = to_source(item)
            _unique_in_file(src, taken, line, result.warnings)
            result.sources.append(src)
        except (InvalidInput, TypeError, ValueError, AttributeError) as exc:  # odd JSON shapes
            result.failures.append(BlockFailure(line=line, message=str(exc)))
    return result


def _unique_in_file(src: Source, taken: dict[str, str], line: int, warnings: list[str]) -> None:
    """A key that differs from an earlier item's only in letter case gets a letter added."""
    key = src.citekey
    if not key:
        return
    if key.lower() in taken:
        new = unique_citekey(key, taken)
        warnings.append(f"line {line}: the key {key} is already used by the item "
                        f"{taken[key.lower()]} (keys must differ in more than letter case); "
                        f"this item is imported as {new}.")
        key = src.citekey = new
    taken[key.lower()] = key
