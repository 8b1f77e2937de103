"""A formatted bibliography as a file a word processor opens: HTML, Markdown, or .docx.

HTML keeps the style's italics (`<i>`); Markdown writes them as `*…*`; .docx is made by
pandoc from the HTML when pandoc is installed (it is not needed for anything else), and
otherwise the historian is told to install it or to choose .html, which Word opens too.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ...domain import InvalidInput
from .engine import Formatted

BIBLIOGRAPHY_SUFFIXES = (".html", ".md", ".docx")
_ITALIC = re.compile(r"</?i>")
_TAG = re.compile(r"<[^>]+>")


def bibliography_html(entries: list[Formatted], title: str) -> str:
    items = "\n".join(f"<p class=\"entry\">{e.html}</p>" for e in entries)
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n{items}\n</body>\n</html>\n")


def _markdown_entry(rich: str) -> str:
    text = html.unescape(_TAG.sub(lambda m: "*" if _ITALIC.fullmatch(m.group(0)) else "",
                                  rich))
    return re.sub(r"([\[\]_`])", r"\\\1", text)


def bibliography_markdown(entries: list[Formatted], title: str) -> str:
    body = "\n\n".join(_markdown_entry(e.html) for e in entries)
    return f"# {title}\n\n{body}\n"


def bibliography_bytes(entries: list[Formatted], title: str, suffix: str) -> bytes:
    """The file's bytes for `.html`, `.md` or `.docx` (InvalidInput for anything else, or
    for .docx without pandoc)."""
    suffix = suffix.lower()
    if suffix == ".html":
        return bibliography_html(entries, title).encode("utf-8")
    if suffix == ".md":
        return bibliography_markdown(entries, title).encode("utf-8")
    if suffix == ".docx":
        return _docx(bibliography_html(entries, title))
    raise InvalidInput("A bibliography is written to a .html, .md or .docx file.")


def _docx(page: str) -> bytes:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise InvalidInput("Writing a Word file (.docx) needs pandoc, which is not installed. "
                           "Install pandoc (pandoc.org), or write the bibliography to .html, "
                           "which Word and LibreOffice open with the formatting kept.")
    with tempfile.TemporaryDirectory(prefix="researchnb-bib-") as tmp:
        source, target = Path(tmp) / "bibliography.html", Path(tmp) / "bibliography.docx"
        source.write_text(page, encoding="utf-8")
        done = subprocess.run([pandoc, "--from", "html", "--to", "docx", "--output",
                               str(target), str(source)], capture_output=True, text=True,
                              timeout=120, check=False)
        if done.returncode != 0 or not target.is_file():
            raise InvalidInput("pandoc could not write the Word file: "
                               + (done.stderr.strip() or "no reason given"))
        return target.read_bytes()
