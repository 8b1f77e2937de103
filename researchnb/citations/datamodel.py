"""The BibLaTeX data model as researchnb reads and writes it: field types, the aliases biber
maps on input, and crossref inheritance (the biblatex manual's tables, `biblatex.def`).

Nothing here reads a file or the database; the importer and the writers share these facts.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from ..domain import SOURCE_TEXT_FIELDS, Creator, Source
from .latex import decode, parse_name, split_names

# Field types (blx-dm.def). Name lists: `A and B`; literal lists: `Moscow and Leningrad`.
NAME_LISTS = frozenset("""
    author editor editora editorb editorc translator bookauthor afterword annotator
    commentator foreword holder introduction namea nameb namec shortauthor shorteditor
    sortname""".split())
LITERAL_LISTS = frozenset("""
    institution organization location origlocation origpublisher publisher lista listb
    listc listd liste listf address school""".split())
DATES = frozenset({"date", "eventdate", "origdate", "urldate"})
RANGES = frozenset({"pages"})
VERBATIM = frozenset({"url", "doi", "eprint", "file", "verba", "verbb", "verbc", "pdf",
                      "isbn", "issn", "ismn", "isrn", "isan", "iswc", "date", "origdate",
                      "urldate", "eventdate", "keywords", "ids", "xdata", "crossref", "xref",
                      "related", "options", "langid", "entryset", "execute"})
KEY_LISTS = frozenset({"keywords", "ids", "xdata", "related", "entryset", "options"})

# biber's input aliases (its default source map): the second name is the one it keeps.
ALIASES = {"address": "location", "annote": "annotation", "archiveprefix": "eprinttype",
           "journal": "journaltitle", "key": "sortkey", "pdf": "file",
           "primaryclass": "eprintclass", "school": "institution"}

ENTRY_TYPES = frozenset("""
    article artwork audio bibnote book bookinbook booklet collection commentary customa
    customb customc customd custome customf dataset image inbook incollection inproceedings
    inreference jurisdiction legal legislation letter manual misc movie music mvbook
    mvcollection mvproceedings mvreference online patent performance periodical proceedings
    reference report review set software standard suppbook suppcollection suppperiodical
    thesis unpublished video xdata conference electronic mastersthesis phdthesis techreport
    www""".split())

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# -- crossref inheritance ----------------------------------------------------------------------

NEVER_INHERITED = frozenset("""
    ids crossref xref entryset entrysubtype execute label options presort related
    relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey""".split())
_TITLE_SKIP = ("shorttitle", "sorttitle", "indextitle", "indexsorttitle")


def _titles(prefix: str) -> dict[str, str | None]:
    rules: dict[str, str | None] = {"title": prefix + "title", "subtitle": prefix + "subtitle",
                                    "titleaddon": prefix + "titleaddon"}
    rules.update({name: None for name in _TITLE_SKIP})
    return rules


# (parent types, child types, {parent field: child field, or None for "not inherited"})
_RULES: list[tuple[frozenset[str], frozenset[str], dict[str, str | None]]] = [
    (frozenset({"mvbook"}), frozenset({"book", "inbook", "bookinbook", "suppbook"}),
     _titles("main")),
    (frozenset({"mvcollection", "mvreference"}),
     frozenset({"collection", "reference", "incollection", "inreference", "suppcollection"}),
     _titles("main")),
    (frozenset({"mvproceedings"}), frozenset({"proceedings", "inproceedings"}), _titles("main")),
    (frozenset({"book"}), frozenset({"inbook", "bookinbook", "suppbook"}), _titles("book")),
    (frozenset({"collection", "reference"}),
     frozenset({"incollection", "inreference", "suppcollection"}), _titles("book")),
    (frozenset({"proceedings"}), frozenset({"inproceedings"}), _titles("book")),
    (frozenset({"periodical"}), frozenset({"article", "suppperiodical"}), _titles("journal")),
]
_AUTHOR_TO_BOOKAUTHOR = (frozenset({"mvbook", "book"}),
                         frozenset({"inbook", "bookinbook", "suppbook"}))
_TYPE_ALIASES = {"conference": "inproceedings", "electronic": "online", "www": "online",
                 "mastersthesis": "thesis", "phdthesis": "thesis", "techreport": "report"}
_DATE_PARTS = frozenset({"date", "year", "month", "day"})


def canonical(name: str) -> str:
    """The field name biber keeps for `name` (`journal` -> `journaltitle`)."""
    return ALIASES.get(name, name)


def inherited(parent_type: str, child_type: str, parent: dict[str, str],
              child: dict[str, str]) -> dict[str, str]:
    """The fields a crossref child takes from its parent, as biber gives them: the child's own
    fields are never overridden, and its own date (`date`, or `year`/`month`) stays its date.
    """
    ptype = _TYPE_ALIASES.get(parent_type, parent_type)
    ctype = _TYPE_ALIASES.get(child_type, child_type)
    rules: dict[str, str | None] = {}
    for parents, children, table in _RULES:
        if ptype in parents and ctype in children:
            rules.update(table)
    has = {canonical(n) for n in child}
    own_date = bool(_DATE_PARTS & has)
    out: dict[str, str] = {}
    for name, value in parent.items():
        if name in NEVER_INHERITED or canonical(name) in NEVER_INHERITED:
            continue
        targets: list[str | None] = [rules[name]] if name in rules else [name]
        if name == "author" and ptype in _AUTHOR_TO_BOOKAUTHOR[0] \
                and ctype in _AUTHOR_TO_BOOKAUTHOR[1]:
            targets.append("bookauthor")
        for target in targets:
            if target is None or canonical(target) in has or target in out:
                continue
            if own_date and target in _DATE_PARTS:
                continue
            out[target] = value
    return out


def xdata_keys(value: str) -> list[str]:
    """`{a, b}` -> ['a', 'b'] (the `xdata`, `ids` and `related` key lists)."""
    return [k.strip() for k in value.split(",") if k.strip()]


def month_number(value: str) -> int:
    """`jun`, `June`, `6` -> 6; 0 when it is not a month."""
    v = value.strip().lower()
    if v.isdigit():
        n = int(v)
        return n if 1 <= n <= 12 else 0
    return MONTHS.index(v[:3]) + 1 if v[:3] in MONTHS else 0


_UNESCAPED = re.compile(r"(?<!\\)([%&#])")


def escape_specials(raw: str) -> str:
    """A literal value with the `%`, `&` and `#` that LaTeX would choke on escaped (biber and
    BibTeX keep them raw; LaTeX then reads `%` as a comment and `&` as a table cell)."""
    if not _UNESCAPED.search(raw):
        return raw
    out, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            out.append(raw[i:i + 2])
            i += 2
            continue
        out.append("\\" + ch if ch in "%&#" else ch)
        i += 1
    return "".join(out)


# -- what an imported entry was ------------------------------------------------------------------

def digest(src: Source) -> str:
    """A fingerprint of everything a source's own columns say (not its key or citekey).

    The importer stores it with the entry's raw fields; a writer finding the same fingerprint
    knows the source is unchanged since import and writes the entry back exactly as it was read.
    """
    data = [src.kind, *(getattr(src, name) for name in _DIGEST_COLUMNS),
            [(c.role, c.family, c.given, c.literal) for c in src.creators]]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


_DIGEST_COLUMNS = tuple(f for f in SOURCE_TEXT_FIELDS if f != "citekey")


@dataclass
class ImportedEntry:
    """What the .bib reader kept of an entry, in `extra["bibtex"]`: the type, every own field
    as written (in file order), which of them the columns hold, where the date came from, and
    the columns' fingerprint at import. Keys starting with `@` cannot be BibTeX field names,
    so they never collide with the readable copies of the other fields kept beside them."""
    entrytype: str
    fields: dict[str, str]
    used: frozenset[str]
    digest: str = ""
    date_from: str = ""
    kind: str = ""          # the source kind the entry was read as


def imported(src: Source) -> ImportedEntry | None:
    info = src.extra.get("bibtex") if isinstance(src.extra, dict) else None
    if not isinstance(info, dict) or not isinstance(info.get("@fields"), list):
        return None
    fields = {str(p[0]): str(p[1]) for p in info["@fields"]
              if isinstance(p, list) and len(p) == 2}
    return ImportedEntry(str(info.get("entrytype") or ""), fields,
                         frozenset(info.get("@used") or ()), str(info.get("@digest") or ""),
                         str(info.get("@date_from") or ""), str(info.get("@kind") or ""))


def keep(entry: ImportedEntry, citekey: str, readable: dict[str, str]) -> dict[str, object]:
    """The `extra["bibtex"]` record of an imported entry (`readable`: the fields no column
    holds, as text, for people and for older readers)."""
    return {**readable, "entrytype": entry.entrytype, "citekey": citekey,
            "@fields": [[k, v] for k, v in entry.fields.items()],
            "@used": sorted(entry.used), "@digest": entry.digest,
            "@date_from": entry.date_from, "@kind": entry.kind}


# -- the fields as the data model types them ----------------------------------------------------

TypedValue = str | list[str] | list[Creator] | tuple[str, str]


def split_list(raw: str) -> list[str]:
    """A literal list (`Moskva and Leningrad`) at brace depth 0, each item as text."""
    return [decode(item) for item in split_names(raw)]


def typed_value(name: str, raw: str, text: str | None = None) -> TypedValue:
    """One field as the biblatex data model types it: a name list as creators, a literal
    list or a key list as a list, a date as its EDTF text, a range as (start, end), the rest
    as text (LaTeX decoded; verbatim fields as written). `text`: the value already decoded
    (the importer keeps it), which spares decoding it again."""
    if name in NAME_LISTS:
        return [parse_name(n, name) for n in split_names(raw)]
    if name in KEY_LISTS:
        return [k.strip() for k in raw.split(",") if k.strip()]
    if name in DATES:
        return raw.strip().replace("--", "/")
    if name in VERBATIM:
        return raw.strip()
    if name in LITERAL_LISTS:
        return split_list(raw) if text is None else _AND.split(text)
    plain = decode(raw) if text is None else text
    if name in RANGES:
        start, _, end = plain.replace("–", "--").partition("--")
        return (start.strip(), end.strip())
    return plain


_AND = re.compile(r"\s+and\s+")


def typed_fields(entry: ImportedEntry, texts: dict[str, str] | None = None,
                 skip: frozenset[str] = frozenset()) -> dict[str, TypedValue]:
    """The fields of an imported entry (but those in `skip`), typed (see `typed_value`);
    `texts`: decoded values already at hand, by field name."""
    texts = texts or {}
    return {name: typed_value(name, raw, texts.get(name))
            for name, raw in entry.fields.items() if name not in skip}


def readable_texts(src: Source) -> dict[str, str]:
    """The decoded copies of an imported entry's unmapped fields that the importer kept."""
    info = src.extra.get("bibtex") if isinstance(src.extra, dict) else None
    if not isinstance(info, dict):
        return {}
    return {k: v for k, v in info.items()
            if isinstance(v, str) and not k.startswith("@") and k not in _RECORD_KEYS}


_RECORD_KEYS = frozenset({"entrytype", "citekey"})
