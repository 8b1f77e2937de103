"""The sidebar's tree models over the read-only Notebook: library, tags, notes, recent
imports. All are id-backed: a node holds a key; details are fetched when a view asks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ...domain import Source
from ...notebook import Notebook
from ..plurals import counted
from .tree import Node, TreeModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("library", text)


def archival_path(src: Source) -> list[str]:
    """The group labels above an archival source: archive › fond › opis."""
    path = [src.archive_abbr or src.archive or _tr("Archive not given")]
    if src.fond:
        path.append(_tr("f. {fond}").format(fond=src.fond))     # fond, opis: ф., оп.
        if src.opis:
            path.append(_tr("op. {opis}").format(opis=src.opis))
    return path


def source_label(src: Source) -> str:
    if src.kind == "archival" and src.delo:
        return _tr("d. {delo} — {title}").format(delo=src.delo, title=src.title)
    return src.title


class NotebookTreeModel(TreeModel):
    """A tree built from the notebook by `build()`, filled at once and on `refresh()`."""

    def __init__(self, nb: Notebook, parent: Any = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.refresh()


class LibraryModel(NotebookTreeModel):
    """Sources grouped archive › fond › opis › delo, with their documents beneath."""

    def build(self) -> Node:
        root = Node("root", "")
        docs_by_source: dict[str | None, list[Any]] = {}
        for doc in self.nb.documents.all():
            docs_by_source.setdefault(doc.source_key, []).append(doc)
        sources = sorted(self.nb.sources.all(),
                         key=lambda s: (s.kind != "archival", archival_path(s),
                                        _natural(s.delo), s.title.casefold()))
        published: Node | None = None
        for src in sources:
            if src.kind == "archival":
                parent = root
                for label in archival_path(src):
                    parent = parent.child("group", label)
            else:
                if published is None:
                    published = Node("group", _tr("Books, articles and other sources"))
                parent = published
            node = parent.add(Node("source", source_label(src), src.key,
                                   tooltip=_source_tooltip(src)))
            for doc in docs_by_source.get(src.key, []):
                node.add(Node("document", doc.filename or doc.key, doc.key,
                              tooltip=_doc_tooltip(doc)))
            node.count = len(node.children)
        if published is not None:
            root.add(published)
        unfiled = docs_by_source.get(None, [])
        if unfiled:
            group = root.add(Node("group", _tr("Documents without a source")))
            for doc in unfiled:
                group.add(Node("document", doc.filename or doc.key, doc.key,
                               tooltip=_doc_tooltip(doc)))
        _count_groups(root)
        return root


def _doc_tooltip(doc: Any) -> str:
    return counted("library", "%n page · %2", "%n pages · %2", doc.page_count).replace(
        "%2", doc.media_type)


def _count_groups(node: Node) -> int:
    """A group's count: the sources and documents filed directly in groups at or below it
    (one pass over the tree; counting each group's subtree anew was quadratic)."""
    total = 0
    for child in node.children:
        if child.kind in ("source", "document") and node.kind == "group":
            total += 1
        total += _count_groups(child) if child.children else 0
    if node.kind == "group":
        node.count = total
    return total


def _natural(text: str) -> tuple[int, str]:
    digits = "".join(ch for ch in text if ch.isdigit())
    return (int(digits) if digits else 0, text)


def _source_tooltip(src: Source) -> str:
    bits = [src.title]
    if src.date:
        bits.append(src.date)
    if src.citekey:
        bits.append(f"@{src.citekey}")
    return " · ".join(bits)


class TagModel(NotebookTreeModel):
    """Tags as a tree of their `a/b` names; each node's key is the full tag name.

    Each node's count is the length of the list the tag shows when chosen (every kind of
    record, the tags below it included, each record once): `nb.tags.counts()`."""

    def build(self) -> Node:
        root = Node("root", "")
        counts = self.nb.tags.counts()
        for tag in sorted(self.nb.tags.all(), key=lambda t: t.name.casefold()):
            parent = root
            parts = tag.name.split("/")
            for depth, part in enumerate(parts):
                parent = parent.child("tag", part, "/".join(parts[: depth + 1]))
                parent.count = counts.get(parent.key, 0)
            parent.tooltip = tag.name
        return root


class NotesModel(NotebookTreeModel):
    """The notes, newest first (a flat tree so it shares the sidebar's view class)."""

    def build(self) -> Node:
        root = Node("root", "")
        for key, title in self.nb.notes.titles():   # keys and titles: bodies stay on disk
            root.add(Node("note", title or _tr("(untitled)"), key))
        return root


class RecentImportsModel(NotebookTreeModel):
    """The most recently imported documents."""

    LIMIT = 30

    def build(self) -> Node:
        root = Node("root", "")
        docs = sorted(self.nb.documents.all(), key=lambda d: d.imported_at, reverse=True)
        for doc in docs[: self.LIMIT]:
            root.add(Node("document", doc.filename or doc.key, doc.key,
                          tooltip=_tr("imported %1").replace(
                              "%1", doc.imported_at[:16].replace("T", " "))))
        return root
