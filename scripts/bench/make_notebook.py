#!/usr/bin/env python3
"""Make a realistic notebook of a given size, seeded, for the scale benchmarks.

  small   1,000 excerpts,     200 pages,    50 notes,    40 sources
  large 100,000 excerpts,  20,000 pages, 5,000 notes, 2,000 sources

Sources carry archival fields (archive, fond, opis, delo, folios) or are books and articles
with creators; each archival source has documents whose pages hold mixed Russian and
English text (the search benchmark's Zipf generator); excerpts quote a passage of a page
(exact offsets) and carry tags, one tag far bigger than the rest (the list to scroll);
notes link to excerpts, sources and other notes and cite sources as `[@citekey, l. N]`.

Records are written through `researchnb.store.*` in a few large transactions (one
`nb.write()` per batch) rather than one Notebook call each, so the large notebook builds in
minutes; the search triggers index everything as it goes, and `researchnb check` passes.

Usage: .venv/bin/python scripts/bench/make_notebook.py {small,large,tiny} PATH [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from search import Generator

from researchnb.domain import Creator, Document, Page, Source
from researchnb.notebook import Notebook
from researchnb.notebook.sources import insert_source
from researchnb.notes import links as note_links
from researchnb.store import documents as store_documents
from researchnb.store import excerpts as store_excerpts
from researchnb.store import notes as store_notes
from researchnb.store import tags as store_tags


@dataclass(frozen=True)
class Size:
    sources: int        # archival sources hold the documents; a fifth more are publications
    pages: int
    pages_per_doc: int
    excerpts: int
    notes: int


SIZES = {
    "tiny": Size(sources=6, pages=30, pages_per_doc=5, excerpts=100, notes=10),
    "small": Size(sources=40, pages=200, pages_per_doc=10, excerpts=1_000, notes=50),
    "large": Size(sources=2_000, pages=20_000, pages_per_doc=10, excerpts=100_000,
                  notes=5_000),
}
BATCH = 2_000

ARCHIVES = [("Российский государственный архив социально-политической истории", "RGASPI",
             "Moscow"),
            ("Центральный государственный архив Московской области", "TsGAMO", "Moscow"),
            ("Государственный архив Российской Федерации", "GARF", "Moscow"),
            ("Hoover Institution Library & Archives", "Hoover", "Stanford")]
GENRES = ["протокол", "letter", "доклад", "report", "сводка", "memorandum", "стенограмма"]
FAMILIES = [("Медведев", "Жорес"), ("Fitzpatrick", "Sheila"), ("Кондратьева", "Анна"),
            ("Kotkin", "Stephen"), ("Хлевнюк", "Олег"), ("Getty", "J. Arch"),
            ("Волков", "Сергей"), ("Hoffmann", "David L.")]
TAGS = ["тема/рабочие", "theme/press", "тема/жилище", "theme/wages", "люди/ячейка",
        "places/Moscow", "тема/партия", "theme/religion", "method/statistics", "тема/быт",
        "ocr/check", "todo", "цитировать", "theme/women", "тема/дети", "theme/strikes"]
BIG_TAG = "тема/рабочие"   # every other excerpt: the list the scale bench opens and scrolls


def make_sources(nb: Notebook, size: Size, rng: random.Random,
                 gen: Generator) -> tuple[list[int], list[str]]:
    """Archival sources (ids returned, in order) and publications; all citekeys."""
    archival_ids: list[int] = []
    citekeys: list[str] = []
    with nb.write() as conn:
        for i in range(size.sources + size.sources // 5):
            year = rng.randint(1917, 1932)
            date = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}~",
                               f"{year}/{year + 1}"])
            title = " ".join(gen.words("ru" if rng.random() < 0.7 else "en", rng.randint(3, 8)))
            title = title[:1].upper() + title[1:]
            if i < size.sources:
                archive, abbr, place = ARCHIVES[i % len(ARCHIVES)]
                fond = str(rng.randint(1, 9000))
                src = Source(kind="archival", title=title, date=date, language="ru",
                             archive=archive, archive_abbr=abbr, archive_place=place,
                             fond=fond, opis=str(rng.randint(1, 120)), delo=str(i + 1),
                             folio=f"{rng.randint(1, 40)}-{rng.randint(41, 300)}",
                             fond_title=f"Фонд {fond}", genre=rng.choice(GENRES))
            else:
                fam, given = rng.choice(FAMILIES)
                kind = rng.choice(["book", "article"])
                src = Source(kind=kind, title=title, date=str(year + rng.randint(50, 100)),
                             language=rng.choice(["ru", "en"]),
                             publisher="Наука" if kind == "book" else "",
                             place="Москва" if kind == "book" else "",
                             container_title="" if kind == "book" else "Slavic Review",
                             volume="" if kind == "book" else str(rng.randint(1, 80)),
                             creators=[Creator(family=fam, given=given)])
            key = insert_source(conn, src)
            if src.citekey:
                citekeys.append(src.citekey)
            if i < size.sources:
                archival_ids.append(int(conn.execute("SELECT id FROM sources WHERE key = ?",
                                                     (key,)).fetchone()[0]))
    return archival_ids, citekeys


def page_text(gen: Generator) -> str:
    """About 2 KB: two generated paragraphs."""
    return gen.record() + "\n\n" + gen.record()


def make_documents(nb: Notebook, size: Size, source_ids: list[int],
                   gen: Generator) -> list[tuple[int, str, list[int]]]:
    """Documents of `pages_per_doc` pages; returns (doc id, doc key, page text lengths)."""
    docs: list[tuple[int, str, list[int]]] = []
    n_docs = max(1, size.pages // size.pages_per_doc)
    for b in range(0, n_docs, max(1, BATCH // size.pages_per_doc)):
        with nb.write() as conn:
            for d in range(b, min(n_docs, b + BATCH // size.pages_per_doc)):
                first = 1 + 2 * d % 200
                pages = [Page(number=n + 1, text=page_text(gen), text_origin="extracted",
                              label=f"{first + n // 2}" + (" ob." if n % 2 else ""))
                         for n in range(size.pages_per_doc)]
                doc = Document(filename=f"delo-{d + 1:05d}.txt", media_type="text/plain",
                               pages=pages)
                key = store_documents.insert(conn, doc, source_ids[d % len(source_ids)])
                did = int(conn.execute("SELECT id FROM documents WHERE key = ?",
                                       (key,)).fetchone()[0])
                docs.append((did, key, [len(p.text) for p in pages]))
    return docs


def make_excerpts(nb: Notebook, size: Size, docs: list[tuple[int, str, list[int]]],
                  rng: random.Random) -> list[str]:
    """Excerpts quoting 80-400 characters of a page; tags Zipf-like, BIG_TAG on half."""
    keys: list[str] = []
    texts: dict[tuple[int, int], str] = {}
    for b in range(0, size.excerpts, BATCH):
        with nb.write() as conn:
            tag_ids = {t: store_tags.ensure(conn, t) for t in TAGS}
            next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM excerpts"
                                       ).fetchone()[0])
            for i in range(b, min(size.excerpts, b + BATCH)):
                did, _dkey, lengths = docs[i % len(docs)]
                number = 1 + (i // len(docs)) % len(lengths)
                text = texts.get((did, number))
                if text is None:
                    text = conn.execute("SELECT text FROM pages WHERE document_id = ? AND "
                                        "number = ?", (did, number)).fetchone()[0]
                    if len(texts) > 4_000:
                        texts.clear()
                    texts[(did, number)] = text
                start = rng.randrange(0, max(1, len(text) - 420))
                end = min(len(text), start + rng.randint(80, 400))
                values = {"page_start": number, "page_end": number, "char_start": start,
                              "char_end": end, "quote": text[start:end],
                              "comment": ("См. также протокол." if i % 7 == 0 else
                                       "Compare the wage tables." if i % 11 == 0 else ""),
                              "language": "ru", "locator": f"l. {number}"}
                # Taggings first, under the id the excerpt is about to get: the excerpt's
                # own insert trigger then indexes quote and tags once (a tagging added
                # afterwards would make the search triggers analyze the quote again).
                eid = next_id
                next_id += 1
                names = {BIG_TAG} if i % 2 == 0 else set()
                names.add(TAGS[min(len(TAGS) - 1, int(rng.paretovariate(1.2)) - 1)])
                if rng.random() < 0.3:
                    names.add(rng.choice(TAGS))
                conn.executemany(
                    "INSERT INTO taggings (tag_id, target_kind, target_id, created) "
                    "VALUES (?, 'excerpt', ?, '2026-01-01T00:00:00Z')",
                    [(tag_ids[n], eid) for n in sorted(names)])
                key, got = store_excerpts.insert(conn, did, dict(values, id=eid))
                assert got == eid
                keys.append(key)
    return keys


def make_notes(nb: Notebook, size: Size, excerpt_keys: list[str], citekeys: list[str],
               rng: random.Random, gen: Generator) -> int:
    """Notes with stored links to excerpts, sources and earlier notes, and citations."""
    note_keys: list[str] = []
    source_keys = [r[0] for r in nb.conn.execute("SELECT key FROM sources")]
    links = 0
    for b in range(0, size.notes, BATCH // 4):
        with nb.write() as conn:
            for i in range(b, min(size.notes, b + BATCH // 4)):
                title = f"Заметка {i + 1}: " + " ".join(gen.words("ru", 3))
                lines = [f"# {title}", ""]
                for _ in range(rng.randint(3, 10)):
                    line = gen.record()[:rng.randint(120, 600)]
                    r = rng.random()
                    if r < 0.4:
                        line += f" [цитата](ex:{rng.choice(excerpt_keys)})"
                    elif r < 0.55:
                        line += f" [source](src:{rng.choice(source_keys)})"
                    elif r < 0.7 and note_keys:
                        line += f" [see](note:{rng.choice(note_keys)})"
                    if rng.random() < 0.35 and citekeys:
                        line += f" [@{rng.choice(citekeys)}, l. {rng.randint(1, 300)}]"
                    lines += [line, ""]
                body = "\n".join(lines)
                private = rng.random() < 0.05
                nid, key = store_notes.insert(conn, title, body, private)
                store_notes.add_revision(conn, nid, title, body, private)
                parsed = note_links.parse(body)
                store_notes.replace_links(conn, nid, [
                    (p.kind, p.target, p.anchor, p.label, p.line, p.context) for p in parsed])
                links += len(parsed)
                note_keys.append(key)
    return links


def make(size_name: str, path: Path, seed: int = 1922, quiet: bool = False) -> dict[str, int]:
    """Build the notebook at `path` (which must not exist yet); returns its counts."""
    size = SIZES[size_name]
    rng = random.Random(seed)
    gen = Generator(seed)
    started = time.perf_counter()

    def say(what: str) -> None:
        if not quiet:
            print(f"{time.perf_counter() - started:7.1f} s  {what}", flush=True)

    with Notebook.create(path) as nb:
        # A bulk build may keep pages in memory and skip waiting on the disk per batch.
        nb.conn.execute("PRAGMA synchronous = OFF")
        source_ids, citekeys = make_sources(nb, size, rng, gen)
        say(f"{len(source_ids)} archival sources, {len(citekeys)} citekeys")
        docs = make_documents(nb, size, source_ids, gen)
        say(f"{len(docs)} documents, {sum(len(d[2]) for d in docs)} pages")
        excerpts = make_excerpts(nb, size, docs, rng)
        say(f"{len(excerpts)} excerpts")
        links = make_notes(nb, size, excerpts, citekeys, rng, gen)
        say(f"{size.notes} notes with {links} links and citations")
        nb.conn.execute("PRAGMA synchronous = FULL")
        nb.conn.execute("PRAGMA optimize")
        counts = nb.info()
    say(f"done: {path}")
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size", choices=sorted(SIZES))
    ap.add_argument("path", type=Path, help="the notebook folder to create (must not exist)")
    ap.add_argument("--seed", type=int, default=1922)
    args = ap.parse_args()
    if (args.path / "notebook.sqlite").exists():
        print(f"{args.path} already holds a notebook; choose a new path", file=sys.stderr)
        return 1
    counts = make(args.size, args.path, args.seed)
    print({k: v for k, v in counts.items() if k != "notebook"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
