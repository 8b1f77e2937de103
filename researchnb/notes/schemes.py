"""The link forms a note stores, in one table (DESIGN §7): how to write them and read them.

A note links records by key, so a rename breaks nothing: `[label](note:KEY)`,
`[label](src:KEY)`, `[label](ex:KEY)` and `[label](page:KEY#12)` (a document's page 12).
Citations keep the Pandoc form (`[@citekey, l. 12]`, `@citekey`) so exported notes work with
pandoc; `CITEKEY_PATTERN` and `citekey_of` are how a citekey is read from it.

Everything that builds or parses these forms (notes/links.py, notes/render.py,
notes/export.py, the app's editor) asks here; a new linkable kind is one row of `SCHEMES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..store.keys import ALPHABET


@dataclass(frozen=True)
class Scheme:
    """One stored link scheme: its name in the link and the record kind it points at
    (the `links.to_kind` value and the kind the app navigates to)."""

    name: str       # as written: src
    kind: str       # what it names: source


SCHEMES: tuple[Scheme, ...] = (
    Scheme("note", "note"),
    Scheme("src", "source"),
    Scheme("ex", "excerpt"),
    Scheme("page", "page"),      # page:KEY#12: the document KEY, its page 12
)
SCHEME_KINDS: dict[str, str] = {s.name: s.kind for s in SCHEMES}     # "src" -> "source"
KIND_SCHEMES: dict[str, str] = {s.kind: s.name for s in SCHEMES}     # "source" -> "src"

KEY_PATTERN = f"[{ALPHABET}]{{8}}"
_NAMES = "|".join(re.escape(s.name) for s in SCHEMES)
# [label](scheme:KEY) or [label](page:KEY#12); the label may hold escaped brackets.
# Groups: 1 label (escaped), 2 scheme, 3 key, 4 anchor.
STORED_RE = re.compile(
    r"\[((?:\\.|[^\[\]\\\n])*)\]\((" + _NAMES + r"):(" + KEY_PATTERN + r")(?:#([^()\s]*))?\)")
_TARGET_RE = re.compile(r"^\s*(" + _NAMES + r"):(" + KEY_PATTERN + r")(?:#([^()\s]*))?\s*$",
                        re.IGNORECASE)

# Pandoc citekeys: start with a word character; inner punctuation only between word characters.
CITEKEY_PATTERN = r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*"


def escape_brackets(text: str) -> str:
    """Backslashes and brackets escaped, so the text can stand inside `[...]`."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def escape_label(text: str) -> str:
    """A title as a link label: backslashes and brackets escaped, one line."""
    return escape_brackets(" ".join(text.split()))


def unescape_label(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def target(kind: str, key: str, anchor: str = "") -> str:
    """The address of a record in a stored link: `src:K7Q2M9XA`, `page:K7Q2M9XA#12`."""
    scheme = KIND_SCHEMES.get(kind)
    if scheme is None:
        raise ValueError(f"no stored link scheme for the kind {kind!r}")
    address = f"{scheme}:{key.strip().upper()}"
    return f"{address}#{anchor}" if anchor else address


def stored_link(kind: str, key: str, label: str, anchor: str = "") -> str:
    """The Markdown a note stores for a link: `[label](src:K7Q2M9XA)` (label escaped)."""
    return f"[{escape_label(label)}]({target(kind, key, anchor)})"


def parse_target(address: str) -> tuple[str, str, str] | None:
    """(kind, KEY, anchor) of a stored link's address (`page:k7q2m9xa#12` gives
    ("page", "K7Q2M9XA", "12")); None for any other address (https:, mailto:, a file)."""
    m = _TARGET_RE.match(address)
    if m is None:
        return None
    return SCHEME_KINDS[m.group(1).lower()], m.group(2).upper(), m.group(3) or ""


def kind_of_scheme(scheme: str) -> str | None:
    """The record kind an address scheme names (`src` -> `source`); None if not ours."""
    return SCHEME_KINDS.get(scheme.lower())


def labels_only(text: str) -> str:
    """Text with every stored link shown as its label, as a reader sees it."""
    return STORED_RE.sub(lambda m: unescape_label(m.group(1)), text)


def citekey_of(raw: str) -> str:
    """The citekey of a Pandoc citation item: `@key` gives key, `@{key with spaces}` its
    inside (trimmed)."""
    return raw[1:-1].strip() if raw.startswith("{") else raw
