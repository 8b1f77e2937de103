"""The query language: Lucene syntax parsed with luqum, turned into a small tree of our own.

`parse(text)` never raises. It returns a `Query`: a tree of `Terms` (an FTS5 MATCH fragment
built only from analyzer output, every term double-quoted, so nothing a user types reaches
FTS5 or SQL as syntax), `Fuzzy` (expanded against the index vocabulary later), `Field`
(a filter the store turns into SQL with bound parameters), and `And`/`Or`/`Not`. Anything
luqum rejects, or anything we cannot make sense of, is searched as its plain words.

Words are analysed exactly as the index was (researchnb.search.analyzer), so `рабочих`
becomes the stem `рабоч` and finds `рабочие`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from decimal import Decimal

from luqum import tree as lt
from luqum.parser import parser as _luqum

from .analyzer import fold, prefix_forms, stem, tokens

FIELDS = ("tag", "kind", "source", "archive", "fond", "lang", "date")
MAX_QUERY_CHARS = 2000    # longer input is cut: nobody types more, and FTS5 stays quick
MAX_TERMS = 64            # likewise for the number of terms in one query
# Fuzzy (word~) and prefix (word*) terms each stand for many indexed words, and FTS5's time
# grows with all of them: 400 x `the~` took 47 s. So a query keeps its first few of those
# (the rest are left out, and the result says so), and the words its fuzzy terms expand to
# are shared out from one budget (sql.Renderer).
MAX_EXPANDING_TERMS = 8   # fuzzy and prefix terms in one query
MAX_EXPANDED_TERMS = 64   # indexed words all the fuzzy terms of one query may stand for
_luqum_lock = threading.Lock()   # the ply parser keeps state between calls


@dataclass
class Terms:
    """An FTS5 expression fragment made only of quoted analyzer terms."""
    expr: str


@dataclass
class Fuzzy:
    term: str            # a stem
    edits: int           # largest Levenshtein distance accepted


@dataclass
class Field:
    name: str                               # one of FIELDS
    value: str = ""
    low: str | None = None                  # date ranges: bounds as typed ('*' = open)
    high: str | None = None
    include_low: bool = True
    include_high: bool = True


@dataclass
class And:
    items: list[Node]


@dataclass
class Or:
    items: list[Node]


@dataclass
class Not:
    item: Node


Node = Terms | Fuzzy | Field | And | Or | Not | None   # None: no condition (matches all)


@dataclass
class Query:
    text: str
    root: Node
    parsed: bool                     # False when searched as plain words
    exact: set[str] = field(default_factory=set)       # stems to mark in snippets
    prefixes: set[str] = field(default_factory=set)    # prefixes to mark
    shortened: set[str] = field(default_factory=set)   # "terms", "expanding": what was cut
    fuzzy: set[tuple[str, int]] = field(default_factory=set)  # (stem, edits) to mark

    @property
    def empty(self) -> bool:
        return self.root is None


_SYNTAX_CHARS = set('":()[]*~')
_SYNTAX_WORDS = {"AND", "OR", "NOT", "TO"}


def uses_syntax(text: str) -> bool:
    """Whether the text is a query with fields, phrases or operators (not plain words, which
    the search panel runs as typed: the last word also a prefix)."""
    return bool(_SYNTAX_CHARS & set(text)) or any(w in _SYNTAX_WORDS for w in text.split())


def quote(term: str) -> str:
    """An FTS5 string: double quotes, inner quotes doubled (analyzer terms have none)."""
    return '"' + term.replace('"', '""') + '"'


class _Builder:
    def __init__(self, text: str, typeahead_node: object | None = None) -> None:
        self.text = text
        self.exact: set[str] = set()
        self.prefixes: set[str] = set()
        self.fuzzies: set[tuple[str, int]] = set()
        self.count = 0                  # terms so far (MAX_TERMS)
        self.expanding = 0              # fuzzy and prefix terms so far (MAX_EXPANDING_TERMS)
        self.shortened: set[str] = set()
        self.cuts = 0                   # terms left out by the caps
        self.typeahead_node = typeahead_node

    def _room(self, *, expanding: bool = False) -> bool:
        """Whether one more term fits the caps; when not, the query is marked shortened."""
        if self.count >= MAX_TERMS:
            self.shortened.add("terms")
        elif expanding and self.expanding >= MAX_EXPANDING_TERMS:
            self.shortened.add("expanding")
        else:
            return True
        self.cuts += 1
        return False

    # -- leaves ----------------------------------------------------------------------------

    def words(self, raw: str, *, mark: bool = True) -> Node:
        """Plain words: each a term; a word the analyzer splits (по-моему) is a phrase."""
        parts = [self.phrase(w, mark=mark) for w in raw.split()]
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def phrase(self, raw: str, *, mark: bool = True, near: int | None = None) -> Node:
        toks = tokens(raw)
        if not toks or not self._room():
            return None
        if len(toks) > MAX_TERMS - self.count:
            toks = toks[:MAX_TERMS - self.count]
            self.shortened.add("terms")
        self.count += len(toks)
        stems = [stem(t) for t in toks]
        if mark:
            self.exact.update(stems)
        if near is not None and len(stems) > 1:
            return Terms(f"NEAR({' '.join(quote(s) for s in stems)}, {int(near)})")
        return Terms(quote(" ".join(stems)))

    def prefix(self, raw: str) -> Node:
        """`word*` and the word being typed: its folded form as a prefix, OR its stem as a
        prefix (`рабочих*` must find `рабочие`, whose indexed term is `рабоч`), as
        analyzer.prefix_forms says; the index keeps beside the stems the words these would
        miss (`electin*`: `electing·`, analyzer step 5), so every word starting so is found."""
        toks = tokens(raw)
        if not toks or not self._room(expanding=True):
            return None
        if len(toks) > MAX_TERMS - self.count:
            toks = toks[-(MAX_TERMS - self.count):]      # the prefix is the last word
            self.shortened.add("terms")
        self.count += len(toks)
        self.expanding += 1
        head = [stem(t) for t in toks[:-1]]
        forms = prefix_forms(toks[-1])
        self.exact.update(head)
        self.prefixes.update(forms)
        alts: list[Node] = [Terms(quote(" ".join([*head, f])) + " *") for f in forms]
        return alts[0] if len(alts) == 1 else Or(alts)

    def fuzzy(self, raw: str, degree: Decimal | None) -> Node:
        toks = tokens(raw)
        if len(toks) != 1:
            return self.words(raw)
        if not self._room(expanding=True):
            return None
        self.count += 1
        self.expanding += 1
        term = stem(toks[0])
        if degree is None or degree == Decimal("0.5"):
            edits = 1 if len(term) <= 4 else 2
        elif degree >= 1:
            edits = min(2, int(degree))
        else:
            edits = max(1, min(2, int((1 - float(degree)) * len(term))))
        self.exact.add(term)
        self.fuzzies.add((term, edits))
        return Fuzzy(term, edits)

    # -- the luqum tree --------------------------------------------------------------------

    def node(self, n: object, field_name: str | None = None) -> Node:
        if isinstance(n, lt.SearchField):
            name = n.name.casefold()
            if name in FIELDS:
                return self.node(n.expr, name)
            # Not a field we know (or a URL's "http:"): its name and value are words.
            value_node = self.node(n.expr, field_name)
            name_node = self.words(n.name)
            return _and([name_node, value_node])
        if isinstance(n, (lt.Group, lt.FieldGroup)):
            return self.node(n.expr, field_name)
        if isinstance(n, (lt.AndOperation, lt.UnknownOperation)):
            return _and([self.node(c, field_name) for c in n.children])
        if isinstance(n, lt.OrOperation):
            items: list[Node] = []
            for c in n.children:
                cuts = self.cuts
                item = self.node(c, field_name)
                if item is None and self.cuts != cuts:
                    continue        # left out by a cap: the OR does without it
                if item is None:
                    return None     # an alternative with no condition: matches everything
                items.append(item)
            items = _distinct(items)
            if not items:
                return None
            return items[0] if len(items) == 1 else Or(items)
        if isinstance(n, (lt.Not, lt.Prohibit)):
            # Negated words are not marked in snippets: they go to sets thrown away.
            marked = self.exact, self.prefixes, self.fuzzies
            self.exact, self.prefixes, self.fuzzies = set(), set(), set()
            try:
                item = self.node(n.a, field_name)
            finally:
                self.exact, self.prefixes, self.fuzzies = marked
            return None if item is None else Not(item)
        if isinstance(n, (lt.Plus, lt.Boost)):
            return self.node(n.children[0], field_name)
        if field_name is not None:
            return self.field(field_name, n)
        if isinstance(n, lt.Fuzzy):
            return self.fuzzy(str(n.term.value), n.degree)
        if isinstance(n, lt.Proximity):
            value = _unquote(str(n.term.value))
            return self.phrase(value, near=int(n.degree or 0))
        if isinstance(n, lt.Phrase):
            return self.phrase(_unquote(n.value))
        if isinstance(n, lt.Word):
            value = str(n.value)
            if n is self.typeahead_node:
                if len(fold(value).strip()) < 2:
                    return None
                return self.prefix(value)
            if "*" in value or "?" in value:
                head = re.split(r"[*?]", value, maxsplit=1)[0]
                if len(tokens(head)) and len(fold(head)) >= 1:
                    return self.prefix(head)
                return self.words(value.replace("*", " ").replace("?", " "))
            return self.words(value)
        if isinstance(n, (lt.Range, lt.From, lt.To)):
            return self.words(" ".join(str(c) for c in n.children))
        if isinstance(n, lt.Regex):
            return self.words(str(n.value).strip("/"))
        return self.words(str(n))

    def field(self, name: str, n: object) -> Node:
        if not self._room():            # each filter is a subquery: it counts as a term
            return None
        self.count += 1
        if isinstance(n, lt.Range):
            return Field(name, low=str(n.low), high=str(n.high),
                         include_low=bool(n.include_low), include_high=bool(n.include_high))
        if isinstance(n, lt.From):
            return Field(name, low=str(n.a), high="*", include_low=bool(n.include))
        if isinstance(n, lt.To):
            return Field(name, low="*", high=str(n.a), include_high=bool(n.include))
        if isinstance(n, lt.Phrase):
            return Field(name, _unquote(n.value))
        if isinstance(n, (lt.Fuzzy, lt.Proximity)):
            return Field(name, _unquote(str(n.term.value)))
        value = str(getattr(n, "value", n)).strip()
        return Field(name, value) if value else None


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _distinct(items: list[Node]) -> list[Node]:
    """The items without repeats (`the~ the~` is `the~`), in order."""
    out: list[Node] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def _and(items: list[Node]) -> Node:
    items = _distinct([i for i in items if i is not None])
    if not items:
        return None
    return items[0] if len(items) == 1 else And(items)


def _last_word(n: object) -> object | None:
    """The rightmost plain word of the tree (what the user is typing), if it is one."""
    if isinstance(n, lt.Word):
        return n
    children = list(getattr(n, "children", ()) or ())
    if isinstance(n, (lt.Not, lt.Prohibit, lt.SearchField, lt.Fuzzy, lt.Proximity, lt.Range,
                      lt.From, lt.To, lt.Boost)):
        return None
    return _last_word(children[-1]) if children else None


def _clean(text: str) -> str:
    text = text[:MAX_QUERY_CHARS]
    return "".join(ch if ch.isprintable() or ch == " " else " " for ch in text)


def parse(text: str, *, typeahead: bool = False) -> Query:
    """The query tree for `text`; with `typeahead`, its last word is also taken as a prefix.

    Never raises: whatever luqum rejects is searched as plain words.
    """
    text = text if isinstance(text, str) else str(text)
    cleaned = _clean(text)
    tree = None
    if cleaned.strip():
        try:
            with _luqum_lock:
                tree = _luqum.parse(cleaned)
        except Exception:       # noqa: BLE001 - luqum raises several kinds; all mean "words"
            tree = None
    if tree is not None:
        try:
            last = _last_word(tree) if typeahead and not cleaned[-1:].isspace() else None
            b = _Builder(cleaned, last)
            root = b.node(tree)
            return Query(text, root, True, b.exact, b.prefixes, b.shortened, b.fuzzies)
        except (RecursionError, ValueError, TypeError, AttributeError, ArithmeticError):
            pass
    return plain(text, typeahead=typeahead)


def plain(text: str, *, typeahead: bool = False) -> Query:
    """Every word of `text` as a term (the last one also as a prefix when typing)."""
    cleaned = _clean(text)
    words = re.findall(r"\S+", cleaned)
    b = _Builder(cleaned)
    items: list[Node] = []
    for i, w in enumerate(words):
        if typeahead and i == len(words) - 1 and not cleaned[-1:].isspace():
            items.append(b.prefix(w) if len(fold(w).strip()) >= 2 else None)
        else:
            items.append(b.words(w))
    return Query(text, _and(items), False, b.exact, b.prefixes, b.shortened, b.fuzzies)
