"""Linked research notes: Markdown notes that link notes, sources and excerpts.

Every save keeps a revision, resolves hand-typed `[[Title]]` links that name exactly one
note, and rebuilds the note's rows in `links` in the same transaction, so backlinks are one
query. Links hold keys, so renaming a note breaks none; labels that were the old title follow
the new one in every linking note (each of which is saved with a revision of its own).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain import Changes, InvalidInput, Note, NotFound
from ..notes import links as note_links
from ..notes.incremental import LinkState, link_edit
from ..progress import Progress
from ..store import notes as store_notes
from ..store import tags as store_tags
from ..store.connection import Connection
from .core import Core
from .notes_export import References, export_markdown
from .sources import Sources

_UNRESOLVED_REASONS = {
    "note": "the linked note is missing or in the trash",
    "source": "the linked source is missing or in the trash",
    "excerpt": "the linked excerpt is missing or in the trash",
    "page": "the linked document (or that page of it) is missing or in the trash",
    "citation": "no source in this notebook has this citekey",
}


AUTOSAVE_MINUTES = 10
REMEMBERED_BODIES = 4      # notes whose last saved lines are kept for the next save


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("A note needs a title (a few words saying what it is about).")
    return title


class Notes:
    """`nb.notes`: write, link, trash, restore notes; their links, backlinks and history."""

    def __init__(self, core: Core, sources: Sources, references: References) -> None:
        self._core = core
        self._sources = sources
        self._references = references
        self._last_saved: dict[int, LinkState] = {}     # note id -> its body as saved last

    # -- writing ---------------------------------------------------------------------------

    def add(self, title: str, body: str = "", *, private: bool = False,
            tags: list[str] | None = None) -> Changes[Note]:
        """Store a new note (revision 1); the value is the note with its key."""
        title = _clean_title(title)
        names = [store_tags.normalise(t) for t in tags or []]
        with self._core.write() as tx:
            nid, key = store_notes.insert(tx.conn, title, "", private)
            self._save(tx.conn, nid, key, title, body, private, force=True)
            store_tags.add(tx.conn, "note", nid, names)
            self._resolve_pending(tx.conn, {title})
        return tx.result(self.get(key))

    def edit(self, key: str, *, title: str | None = None, body: str | None = None,
             private: bool | None = None, autosave: bool = False) -> Changes[Note]:
        """Change the title, body or private flag; a save that changes nothing keeps no
        revision.

        `autosave=True` is for an editor saving as the historian types: a save within
        AUTOSAVE_MINUTES of the last revision (when that was an edit, not the note's first
        version) replaces that revision instead of adding one, so history keeps one version
        per sitting rather than one per pause for breath.
        """
        row = store_notes.note_row(self._core.conn, key.strip().upper())
        new_title = row["title"] if title is None else _clean_title(title)
        with self._core.write() as tx:
            self._save(tx.conn, int(row["id"]), row["key"], new_title,
                       row["body"] if body is None else body,
                       bool(row["private"]) if private is None else private,
                       old_title=row["title"], merge_recent=autosave)
        return tx.result(self.get(row["key"]))

    def delete(self, key: str) -> Changes[Note]:
        """Move a note to the trash; links to it show as unresolved until it is restored."""
        row = store_notes.note_row(self._core.conn, key.strip().upper())
        note = self.get(row["key"])
        with self._core.write() as tx:
            store_notes.set_deleted(tx.conn, int(row["id"]), True)
            self._resolve_pending(tx.conn, {row["title"]})
        return tx.result(note)

    def restore(self, key: str) -> Changes[Note]:
        """Take a note out of the trash."""
        row = store_notes.note_row(self._core.conn, key.strip().upper(), include_deleted=True)
        if row["deleted"] is None:
            raise InvalidInput(f"Note {row['key']} is not in the trash.")
        with self._core.write() as tx:
            store_notes.set_deleted(tx.conn, int(row["id"]), False)
            self._resolve_pending(tx.conn, {row["title"]})
        return tx.result(self.get(row["key"]))

    def restore_revision(self, key: str, number: int) -> Changes[Note]:
        """Make an earlier revision's title and text current again (saved as a new revision,
        nothing lost). The private flag stays as it is now: bringing back old wording must
        never quietly make a note shareable that was made private since."""
        row = store_notes.note_row(self._core.conn, key.strip().upper())
        rev = store_notes.revision(self._core.conn, int(row["id"]), number)
        if rev is None:
            raise NotFound(f"Note {row['key']} has no revision {number}; "
                           f"`researchnb notes history {row['key']}` lists them.")
        return self.edit(row["key"], title=rev["title"], body=rev["body"])

    def _save(self, conn: Connection, nid: int, key: str, title: str, body: str,
              private: bool, *, old_title: str | None = None, force: bool = False,
              merge_recent: bool = False) -> bool:
        """Write one note: labels, [[links]], row, revision and links rows. Returns whether
        anything changed."""
        renamed = old_title is not None and old_title != title
        if renamed:
            body = note_links.rewrite_note_labels(body, key, str(old_title), title)
        body, _ = note_links.resolve_wikilinks(body, self._title_lookup(conn, key, title))
        current = store_notes.row_by_id(conn, nid)
        if not force and (current["title"], current["body"], bool(current["private"])) == (
                title, body, private):
            return False
        store_notes.update(conn, nid, title, body, private)
        if not (merge_recent and store_notes.replace_recent_revision(
                conn, nid, title, body, private, AUTOSAVE_MINUTES)):
            store_notes.add_revision(conn, nid, title, body, private)
        self._write_links(conn, nid, current["body"], body)
        if renamed:
            for other in store_notes.notes_linking(conn, key):
                if other != nid:
                    self._resave(conn, other, key, str(old_title), title)
            self._resolve_pending(conn, {str(old_title), title})
        return True

    def remember(self, key: str) -> None:
        """Read a note's links ahead of its next save, which then re-reads only the lines
        that changed (the editor asks this, off the GUI thread, when it opens a long note:
        otherwise the first autosave parses it all). Writes nothing."""
        row = store_notes.note_row(self._core.conn, key.strip().upper(), include_deleted=True)
        nid = int(row["id"])
        known = self._last_saved.get(nid)
        if known is None or known.body != row["body"]:
            self._last_saved[nid] = link_edit(None, row["body"])[0]
            while len(self._last_saved) > REMEMBERED_BODIES:
                self._last_saved.pop(next(iter(self._last_saved)))

    def _write_links(self, conn: Connection, nid: int, stored: str, body: str) -> None:
        """Rebuild the note's links rows for `body`; when the body stored before this save
        (`stored`) is the one this object saved last, only the changed lines are re-read."""
        before = self._last_saved.pop(nid, None)
        if before is not None and before.body != stored:
            before = None           # saved since by someone else: read it all
        state, edit = link_edit(before, body)
        if edit is None:
            store_notes.replace_links(conn, nid, state.rows)
        else:
            store_notes.patch_links(conn, nid, edit.first, edit.old_last, edit.shift, edit.rows)
        self._last_saved[nid] = state
        while len(self._last_saved) > REMEMBERED_BODIES:
            self._last_saved.pop(next(iter(self._last_saved)))

    def _resave(self, conn: Connection, nid: int, renamed_key: str = "",
                old_title: str = "", new_title: str = "") -> None:
        """Save another note again: its labels follow a rename, its [[links]] resolve."""
        row = store_notes.row_by_id(conn, nid)
        body = row["body"]
        if renamed_key:
            body = note_links.rewrite_note_labels(body, renamed_key, old_title, new_title)
        self._save(conn, nid, row["key"], row["title"], body, bool(row["private"]))

    def _resolve_pending(self, conn: Connection, titles: set[str]) -> None:
        """Notes whose [[Title]] had no single match may have one now (a note of that title
        was added, renamed, deleted or restored): save them again so it resolves."""
        wanted = {note_links.title_match_key(t) for t in titles}
        pending = {nid for nid, t in store_notes.unresolved_everywhere(conn)
                   if note_links.title_match_key(t) in wanted}
        if not pending:
            return
        counts: dict[str, int] = {}
        for _, t in store_notes.live_titles(conn):
            k = note_links.title_match_key(t)
            counts[k] = counts.get(k, 0) + 1
        if not any(counts.get(k) == 1 for k in wanted):
            return
        for nid in sorted(pending):
            self._resave(conn, nid)

    def _title_lookup(self, conn: Connection, own_key: str, own_title: str) -> Any:
        index: dict[str, list[tuple[str, str]]] | None = None

        def lookup(title: str) -> list[tuple[str, str]]:
            nonlocal index
            if index is None:
                index = {}
                for k, t in store_notes.live_titles(conn):
                    if k == own_key:
                        t = own_title
                    index.setdefault(note_links.title_match_key(t), []).append((k, t))
            return index.get(note_links.title_match_key(title), [])
        return lookup

    def problems(self) -> list[str]:
        """Every note's links rows must be what its body says (backlinks depend on it)."""
        problems = []
        conn = self._core.conn
        for row in store_notes.list_rows(conn) + store_notes.list_rows(conn, deleted=True):
            stored = [tuple(r) for r in store_notes.links_of(self._core.conn, int(row["id"]))]
            wanted = [(p.kind, p.target, p.anchor, p.label, p.line, p.context)
                      for p in note_links.parse(row["body"])]
            if sorted(stored) != sorted(wanted):
                problems.append(f"note {row['key']} has links that do not match its text "
                                "(save it again to rebuild them)")
        return problems

    # -- reading ---------------------------------------------------------------------------

    def get(self, key: str, *, include_deleted: bool = False) -> Note:
        row = store_notes.note_row(self._core.conn, key.strip().upper(),
                                   include_deleted=include_deleted)
        return store_notes.to_note(row, store_tags.of(self._core.conn, "note", int(row["id"])))

    def all(self, *, tag: str | None = None, trash: bool = False,
                   include_private: bool = True) -> list[Note]:
        """Notes by title; `tag` includes the tags below it, `trash` lists deleted ones."""
        tag_ids = None if tag is None else store_tags.ids_under(self._core.conn, tag)
        rows = store_notes.list_rows(self._core.conn, deleted=trash, tag_ids=tag_ids)
        return [store_notes.to_note(r, store_tags.of(self._core.conn, "note", int(r["id"])))
                for r in rows if include_private or not r["private"]]

    def titles(self) -> list[tuple[str, str]]:
        """(key, title) of every note not in the trash, in `all` order: what a list
        of notes shows, without reading every body and its tags (5,000 notes: 0.7 s)."""
        return store_notes.titles_in_order(self._core.conn)

    def backlinks(self, key: str) -> list[dict[str, Any]]:
        """The places in live notes that link to a note, source, excerpt or document.

        A source's backlinks include citations of its citekey; a document's are its page
        links; a page key gives the page links to that page.
        """
        kind, rid = self._core.kind_of(key)
        key = key.strip().upper()
        anchor = None
        if kind == "note":
            targets = [("note", key)]
        elif kind == "source":
            targets = [("source", key)]
            citekey = store_notes.source_citekey(self._core.conn, key)
            if citekey:
                targets.append(("citation", citekey))
        elif kind == "excerpt":
            targets = [("excerpt", key)]
        elif kind == "document":
            targets = [("page", key)]
        else:   # a page: links to its document with its number
            row = store_notes.page_place(self._core.conn, rid)
            targets, anchor = [("page", row["key"])], str(row["number"])
        return [{"note_key": r["note"], "title": r["title"], "private": bool(r["private"]),
                 "to_kind": r["to_kind"], "to_key": r["to_key"], "label": r["label"],
                 "anchor": r["anchor"], "line": r["line"], "context": r["context"]}
                for r in store_notes.backlinks(self._core.conn, targets)
                if anchor is None or r["anchor"] == anchor]

    def links(self, key: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The links of a note, and those of them that lead nowhere (with the reason)."""
        row = store_notes.note_row(self._core.conn, key.strip().upper(), include_deleted=True)
        return self._checked(store_notes.links_of(self._core.conn, int(row["id"])))

    def unresolved(self, key: str) -> list[dict[str, Any]]:
        """`links(key)[1]` without reading every link: each distinct target is looked up
        once and only the rows of those that lead nowhere are read (what the editor shows
        after each save of a long note)."""
        conn = self._core.conn
        nid = int(store_notes.note_row(conn, key.strip().upper(), include_deleted=True)["id"])
        missing = [t for t in store_notes.link_targets(conn, nid)
                   if t[0] == "unresolved" or not store_notes.target_exists(conn, *t)]
        return self._checked(store_notes.links_to(conn, nid, missing))[1] if missing else []

    def _checked(self, rows: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        found, unresolved = [], []
        titles = None
        looked_up: dict[tuple[str, str, str], tuple[bool, str]] = {}
        for r in rows:
            item = {"to_kind": r["to_kind"], "to_key": r["to_key"], "anchor": r["anchor"],
                    "label": r["label"], "line": r["line"], "context": r["context"]}
            if r["to_kind"] == "unresolved":
                if titles is None:
                    titles = [note_links.title_match_key(t)
                              for _, t in store_notes.live_titles(self._core.conn)]
                n = titles.count(note_links.title_match_key(r["to_key"]))
                reason = ("no note has this title" if n == 0 else
                          f"{n} notes have this title; link one with [[Title|label]] "
                          "after renaming, or pick it with [[ in the editor")
                unresolved.append({"to_kind": "note", "to_key": r["to_key"],
                                   "label": r["label"],
                                   "line": r["line"], "reason": reason})
                continue
            target = (r["to_kind"], r["to_key"], r["anchor"] if r["to_kind"] == "page" else "")
            if target not in looked_up:      # a long note cites a few sources many times
                looked_up[target] = (
                    store_notes.target_exists(self._core.conn, *target),
                    store_notes.titles_of(self._core.conn, r["to_kind"], r["to_key"]))
            item["exists"], item["title"] = looked_up[target]
            found.append(item)
            if not item["exists"]:
                unresolved.append({"to_kind": r["to_kind"], "to_key": r["to_key"],
                                   "label": r["label"], "line": r["line"],
                                   "reason": _UNRESOLVED_REASONS[r["to_kind"]]})
        return found, unresolved

    def details(self, key: str) -> dict[str, Any]:
        """A note as `notes show --json` prints it."""
        note = self.get(key, include_deleted=True)
        row = store_notes.note_row(self._core.conn, note.key, include_deleted=True)
        found, unresolved = self.links(note.key)
        return {"key": note.key, "title": note.title, "body": note.body,
                "private": note.private, "tags": note.tags, "created": note.created,
                "modified": note.modified, "deleted": row["deleted"], "links": found,
                "backlinks": self.backlinks(note.key), "unresolved": unresolved}

    def history(self, key: str) -> list[dict[str, Any]]:
        """Every saved revision of a note, oldest first."""
        row = store_notes.note_row(self._core.conn, key.strip().upper(), include_deleted=True)
        return [{"revision": r["number"], "title": r["title"], "private": bool(r["private"]),
                 "saved": r["saved"], "characters": len(r["body"]), "body": r["body"]}
                for r in store_notes.revisions(self._core.conn, int(row["id"]))]

    def render(self, key: str) -> str:
        """The note body as safe HTML for the app (see notes/render.py)."""
        from ..notes.render import render_html
        return render_html(self.get(key, include_deleted=True).body)

    def sources_cited_in(self, note_keys: list[str] | None = None) -> dict[str, Any]:
        """Keys of the sources that notes cite or link (directly, or through an excerpt or a
        page), for citation exports. Private notes are left out and counted: a sharing export
        must never reveal them. `None` means every live note."""
        if note_keys is None:
            rows = store_notes.list_rows(self._core.conn)
        else:
            rows = [store_notes.note_row(self._core.conn, k.strip().upper()) for k in note_keys]
        sources: list[str] = []
        left_out = 0
        for row in rows:
            if row["private"]:
                left_out += 1
                continue
            for link in store_notes.links_of(self._core.conn, int(row["id"])):
                found = self._source_of_link(link["to_kind"], link["to_key"])
                if found and found not in sources:
                    sources.append(found)
        return {"sources": sources, "private_left_out": left_out}

    def _source_of_link(self, kind: str, target: str) -> str | None:
        if kind == "source":
            return target if store_notes.target_exists(self._core.conn, "source", target) else None
        if kind == "citation":
            return self._sources.find(target, citekey_only=True)
        if kind == "excerpt":
            ex = store_notes.excerpt_record(self._core.conn, target)
            if ex is None or ex["deleted"] or not ex["source"] or ex["source_deleted"]:
                return None
            return str(ex["source"])
        if kind == "page":
            return store_notes.document_source(self._core.conn, target)
        return None

    def export_markdown(self, folder: str | Path, *, tag: str | None = None,
                        progress: Progress | None = None) -> dict[str, Any]:
        """Write every shared (non-private, live) note, or those tagged `tag`, into `folder`.

        Sources and excerpts the notes link or cite get files of their own; references.bib
        and references.json hold the sources for pandoc. Private notes are left out (counted
        in `private_left_out`) and links to them become plain text. Files an earlier export
        wrote there are replaced, and removed when their note is no longer shared (a note
        made private since must not linger); nothing else in the folder is touched.
        """
        return export_markdown(self._core.conn, folder, tag=tag, progress=progress,
                               sources=self._sources, references=self._references)

