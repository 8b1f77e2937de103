"""Markdown -> HTML for showing a note in the app.

markdown-it-py (CommonMark plus tables and strikethrough) with raw HTML switched off, so a
`<script>` typed in a note is shown as text, never interpreted. Links keep the internal
schemes (`note:`, `src:`, `ex:`, `page:`) for the UI to follow, with a class naming the kind;
any other scheme than http(s) and mailto (`javascript:`, `data:`, `vbscript:`, `file:`…) is
neutralised: the label and the address are both shown, as text, and nothing is clickable.
Citations (`[@key, l. 12]`, `@key`) and unresolved `[[Title]]` links are wrapped in spans
the UI can style and act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .schemes import CITEKEY_PATTERN, SCHEME_KINDS, citekey_of, kind_of_scheme

SAFE_SCHEMES = frozenset({"http", "https", "mailto", *SCHEME_KINDS})
MAX_NESTING = 20        # markdown-it's own default: deeper nesting recurses in Python
_SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_SPECIAL_RE = re.compile(
    r"\[\[[^\[\]\n]+\]\]"                                   # [[Title]] left unresolved
    r"|\[[^\[\]\n]*\](?![(\[])"                             # [see @key, l. 12]
    r"|(?<![\w@/.+\-:=])@" + CITEKEY_PATTERN)               # @key
_CITED_RE = re.compile(r"(?<![\w@])-?@(" + CITEKEY_PATTERN + r"|\{[^{}]+\})")


def _scheme(url: str) -> str:
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    m = _SCHEME_RE.match(cleaned)
    return m.group(1).lower() if m else ""


def is_safe_url(url: str, *, image: bool = False) -> bool:
    """Relative addresses and the allowed schemes; images only from relative addresses
    (the app never fetches anything from the network)."""
    scheme = _scheme(url)
    if not scheme:
        return True
    return not image and scheme in SAFE_SCHEMES


def _neutralise_and_mark(state: StateCore) -> None:
    """Core rule: unsafe links become text; citations and [[links]] become spans."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        stack: list[bool] = []
        for tok in block.children:
            if tok.type == "link_open":
                href = str(tok.attrGet("href") or "")
                safe = is_safe_url(href)
                stack.append(safe)
                if safe:
                    kind = kind_of_scheme(_scheme(href))
                    if kind:
                        tok.attrSet("class", f"link-{kind}")
                else:
                    tok.type, tok.meta["url"] = "unsafe_link_open", href
            elif tok.type == "link_close":
                if stack and not stack.pop():
                    tok.type = "unsafe_link_close"
                    tok.meta["url"] = next(
                        (str(t.meta.get("url")) for t in reversed(children)
                         if t.type == "unsafe_link_open"), "")
            elif tok.type == "image" and not is_safe_url(str(tok.attrGet("src") or ""),
                                                         image=True):
                tok.type = "unsafe_image"
            elif tok.type == "text" and ("@" in tok.content or "[[" in tok.content):
                children.extend(_split_specials(tok))
                continue
            children.append(tok)
        block.children = children


def _split_specials(tok: Token) -> list[Token]:
    out: list[Token] = []
    text = tok.content
    last = 0
    for m in _SPECIAL_RE.finditer(text):
        piece = m.group()
        if piece.startswith("[["):
            kind, keys = "unresolved", [piece[2:-2].split("|")[0].strip()]
        else:
            keys = [citekey_of(c.group(1)) for c in _CITED_RE.finditer(piece)]
            if not keys:
                continue
            kind = "citation"
        if m.start() > last:
            out.append(_text(text[last:m.start()]))
        special = Token(kind, "span", 0, content=piece)
        special.meta["keys"] = keys
        out.append(special)
        last = m.end()
    if last == 0:
        return [tok]
    if last < len(text):
        out.append(_text(text[last:]))
    return out


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def citation_items(piece: str) -> list[tuple[str, str]]:
    """(citekey, locator) of each citation in `[see @a, l. 12; @b]` or a bare `@a`."""
    if not piece.startswith("["):
        m = _CITED_RE.search(piece)
        return [(citekey_of(m.group(1)), "")] if m else []
    out = []
    for part in piece[1:-1].split(";"):
        m = _CITED_RE.search(part)
        if m is not None:
            out.append((citekey_of(m.group(1)), part[m.end():].lstrip(" ,").strip()))
    return out


def _render_citation(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                     env: Any) -> str:
    tok = tokens[idx]
    keys = escapeHtml(" ".join(tok.meta["keys"]))
    cite = env.get("cite") if isinstance(env, dict) else None
    if cite is not None:
        items = citation_items(tok.content)
        shown = [cite(key, locator) for key, locator in items]
        if items and all(shown):
            # Clickable: `cite:KEY` goes to the (first) source cited.
            href = escapeHtml("cite:" + items[0][0])
            title = escapeHtml(tok.content)
            return (f'<a class="citation" href="{href}" title="{title}" data-cites="{keys}">'
                    f'{escapeHtml("; ".join(str(x) for x in shown))}</a>')
    return f'<span class="citation" data-cites="{keys}">{escapeHtml(tok.content)}</span>'


def _render_unresolved(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                       env: Any) -> str:
    tok = tokens[idx]
    title = escapeHtml(tok.meta["keys"][0])
    return (f'<span class="unresolved-link" title="No single note is called {title}">'
            f'{escapeHtml(tok.content)}</span>')


def _render_unsafe_open(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                        env: Any) -> str:
    url = escapeHtml(str(tokens[idx].meta["url"]))
    return f'<span class="unsafe-link" title="{url}">'


def _render_unsafe_close(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                         env: Any) -> str:
    url = escapeHtml(str(tokens[idx].meta.get("url", "")))
    return f'</span> <code class="unsafe-url">({url})</code>'


def _render_unsafe_image(self: Any, tokens: Sequence[Token], idx: int, options: Any,
                         env: Any) -> str:
    tok = tokens[idx]
    alt = escapeHtml(tok.content)
    src = escapeHtml(str(tok.attrGet("src") or ""))
    return f'<span class="unsafe-image">![{alt}]</span> <code class="unsafe-url">({src})</code>'


class _NoteMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Every address is let through the parser, so none is silently emptied; the core
        rule above decides what may stay a link."""
        return True


def _parser() -> MarkdownIt:
    """A fresh parser per call (0.1 ms): nothing shared between threads or notebooks."""
    md = _NoteMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False,
                                      "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.core.ruler.push("researchnb_links", _neutralise_and_mark)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("unresolved", _render_unresolved)
    md.add_render_rule("unsafe_link_open", _render_unsafe_open)
    md.add_render_rule("unsafe_link_close", _render_unsafe_close)
    md.add_render_rule("unsafe_image", _render_unsafe_image)
    return md


def render_html(body: str, cite: Callable[[str, str], str] | None = None) -> str:
    """The note body as an HTML fragment, safe to show in a QTextBrowser or a web view.

    With `cite(citekey, locator)`, citations show as what it returns (the app's short
    citation in the notebook's style), linked as `cite:CITEKEY`; a citation it gives ""
    for (an unknown citekey) stays as typed.

    markdown-it stops parsing blocks nested deeper than its limit and drops the rest; a
    note must never lose text on screen, so such a body (only ever pasted junk or an attack)
    is shown as typed, escaped, instead.
    """
    md = _parser()
    try:
        tokens = md.parse(body)
    except RecursionError:
        return _as_typed(body)
    if tokens and max(t.level for t in tokens) >= MAX_NESTING - 1:
        return _as_typed(body)
    return md.renderer.render(tokens, md.options, {"cite": cite})


def _as_typed(body: str) -> str:
    return ('<p class="render-note">This note is nested too deeply to format; it is shown '
            f'as typed.</p>\n<pre class="as-typed">{escapeHtml(body)}</pre>\n')


_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def split_chunks(body: str) -> list[str]:
    """The body cut into top-level pieces at blank lines outside fenced code, for a preview
    that re-renders only the piece being typed in (ui/notes/preview.py). A blank line
    followed by an indented line (a list item's next paragraph, indented code) does not cut,
    so a piece renders as it does within the whole note."""
    chunks: list[str] = []
    current: list[str] = []
    fence = ""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        m = _FENCE_OPEN.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
        elif m:
            fence = m.group(1)
        elif not line.strip() and current:
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if not following.startswith((" ", "\t")):
                chunks.append("\n".join(current))
                current = []
                continue
        current.append(line)
    if current:
        chunks.append("\n".join(current))
    return chunks
