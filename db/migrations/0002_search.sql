-- Full-text search (DESIGN.md section 6): one FTS5 table per kind of record, holding the
-- stemmed stream made by the Python analyzer rnb_analyze() (researchnb/search/analyzer.py),
-- which every notebook connection registers. rowid = the record's id. Only live records are
-- indexed (not soft-deleted ones, nor the pages and excerpts of a deleted document).
-- The triggers below keep the tables in step with every write, in the same transaction,
-- whoever makes it. The SELECTs are those of researchnb/store/search.py (INDEXES); `check`
-- compares every indexed row with them. Inserts index the new row without a DELETE first
-- (half the cost of a bulk import); nothing REPLACEs these base rows.

CREATE VIRTUAL TABLE search_pages USING fts5 (body, tokenize = 'ascii', prefix = '2 3');
CREATE VIRTUAL TABLE search_excerpts USING fts5 (body, comment, tags, tokenize = 'ascii', prefix = '2 3');
CREATE VIRTUAL TABLE search_notes USING fts5 (title, body, tags, tokenize = 'ascii', prefix = '2 3');
CREATE VIRTUAL TABLE search_sources USING fts5 (title, body, tags, tokenize = 'ascii', prefix = '2 3');
-- Ranking: bm25 with column weights, titles and tags over bodies.
INSERT INTO search_pages (search_pages, rank) VALUES ('rank', 'bm25(1.0)');
INSERT INTO search_excerpts (search_excerpts, rank) VALUES ('rank', 'bm25(2.0, 1.0, 3.0)');
INSERT INTO search_notes (search_notes, rank) VALUES ('rank', 'bm25(5.0, 1.0, 3.0)');
INSERT INTO search_sources (search_sources, rank) VALUES ('rank', 'bm25(5.0, 2.0, 3.0)');

-- Vocabulary lists for fuzzy queries (term~): near terms are looked up here.
CREATE VIRTUAL TABLE search_pages_vocab USING fts5vocab (search_pages, 'row');
CREATE VIRTUAL TABLE search_excerpts_vocab USING fts5vocab (search_excerpts, 'row');
CREATE VIRTUAL TABLE search_notes_vocab USING fts5vocab (search_notes, 'row');
CREATE VIRTUAL TABLE search_sources_vocab USING fts5vocab (search_sources, 'row');

CREATE TRIGGER search_pages_ai AFTER INSERT ON pages
BEGIN
    INSERT INTO search_pages (rowid, body) SELECT p.id, rnb_analyze(p.text) FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted IS NULL
      AND p.id = NEW.id;
END;

CREATE TRIGGER search_pages_au AFTER UPDATE OF text, document_id ON pages
BEGIN
    DELETE FROM search_pages WHERE rowid = OLD.id;
    INSERT INTO search_pages (rowid, body) SELECT p.id, rnb_analyze(p.text) FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted IS NULL
      AND p.id = NEW.id;
END;

CREATE TRIGGER search_pages_ad AFTER DELETE ON pages
BEGIN
    DELETE FROM search_pages WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_documents_au AFTER UPDATE OF deleted ON documents
    WHEN (OLD.deleted IS NULL) IS NOT (NEW.deleted IS NULL)
BEGIN
    DELETE FROM search_pages WHERE rowid IN (SELECT p.id FROM pages p WHERE p.document_id = NEW.id);
    INSERT INTO search_pages (rowid, body) SELECT p.id, rnb_analyze(p.text) FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted IS NULL
      AND p.document_id = NEW.id;
    DELETE FROM search_excerpts WHERE rowid IN (SELECT e.id FROM excerpts e WHERE e.document_id = NEW.id);
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.document_id = NEW.id;
END;

CREATE TRIGGER search_excerpts_ai AFTER INSERT ON excerpts
BEGIN
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id = NEW.id;
END;

CREATE TRIGGER search_excerpts_au AFTER UPDATE OF quote, comment, translation, deleted, document_id ON excerpts
BEGIN
    DELETE FROM search_excerpts WHERE rowid = OLD.id;
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id = NEW.id;
END;

CREATE TRIGGER search_excerpts_ad AFTER DELETE ON excerpts
BEGIN
    DELETE FROM search_excerpts WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_notes_ai AFTER INSERT ON notes
BEGIN
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id = NEW.id;
END;

CREATE TRIGGER search_notes_au AFTER UPDATE OF title, body, deleted ON notes
BEGIN
    DELETE FROM search_notes WHERE rowid = NEW.id;
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id = NEW.id;
END;

CREATE TRIGGER search_notes_ad AFTER DELETE ON notes
BEGIN
    DELETE FROM search_notes WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_sources_ai AFTER INSERT ON sources
BEGIN
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = NEW.id;
END;

CREATE TRIGGER search_sources_au AFTER UPDATE OF title, deleted, citekey, archive, archive_abbr, archive_place, fond, opis, delo, folio, call_number, fond_title, genre, publisher, place, container_title
    ON sources
BEGIN
    DELETE FROM search_sources WHERE rowid = NEW.id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = NEW.id;
END;

CREATE TRIGGER search_sources_ad AFTER DELETE ON sources
BEGIN
    DELETE FROM search_sources WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_creators_ai AFTER INSERT ON source_creators
BEGIN
    DELETE FROM search_sources WHERE rowid = NEW.source_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = NEW.source_id;
END;

CREATE TRIGGER search_creators_au AFTER UPDATE ON source_creators
BEGIN
    DELETE FROM search_sources WHERE rowid = OLD.source_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = OLD.source_id;
    DELETE FROM search_sources WHERE rowid = NEW.source_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = NEW.source_id;
END;

CREATE TRIGGER search_creators_ad AFTER DELETE ON source_creators
BEGIN
    DELETE FROM search_sources WHERE rowid = OLD.source_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = OLD.source_id;
END;

CREATE TRIGGER search_taggings_excerpt_ai AFTER INSERT ON taggings WHEN NEW.target_kind = 'excerpt'
BEGIN
    DELETE FROM search_excerpts WHERE rowid = NEW.target_id;
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id = NEW.target_id;
END;

CREATE TRIGGER search_taggings_excerpt_ad AFTER DELETE ON taggings WHEN OLD.target_kind = 'excerpt'
BEGIN
    DELETE FROM search_excerpts WHERE rowid = OLD.target_id;
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id = OLD.target_id;
END;

CREATE TRIGGER search_taggings_excerpt_au AFTER UPDATE ON taggings WHEN OLD.target_kind = 'excerpt' OR NEW.target_kind = 'excerpt'
BEGIN
    DELETE FROM search_excerpts WHERE rowid = OLD.target_id;
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id = OLD.target_id;
    DELETE FROM search_excerpts WHERE rowid = NEW.target_id;
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id = NEW.target_id;
END;

CREATE TRIGGER search_taggings_note_ai AFTER INSERT ON taggings WHEN NEW.target_kind = 'note'
BEGIN
    DELETE FROM search_notes WHERE rowid = NEW.target_id;
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id = NEW.target_id;
END;

CREATE TRIGGER search_taggings_note_ad AFTER DELETE ON taggings WHEN OLD.target_kind = 'note'
BEGIN
    DELETE FROM search_notes WHERE rowid = OLD.target_id;
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id = OLD.target_id;
END;

CREATE TRIGGER search_taggings_note_au AFTER UPDATE ON taggings WHEN OLD.target_kind = 'note' OR NEW.target_kind = 'note'
BEGIN
    DELETE FROM search_notes WHERE rowid = OLD.target_id;
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id = OLD.target_id;
    DELETE FROM search_notes WHERE rowid = NEW.target_id;
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id = NEW.target_id;
END;

CREATE TRIGGER search_taggings_source_ai AFTER INSERT ON taggings WHEN NEW.target_kind = 'source'
BEGIN
    DELETE FROM search_sources WHERE rowid = NEW.target_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = NEW.target_id;
END;

CREATE TRIGGER search_taggings_source_ad AFTER DELETE ON taggings WHEN OLD.target_kind = 'source'
BEGIN
    DELETE FROM search_sources WHERE rowid = OLD.target_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = OLD.target_id;
END;

CREATE TRIGGER search_taggings_source_au AFTER UPDATE ON taggings WHEN OLD.target_kind = 'source' OR NEW.target_kind = 'source'
BEGIN
    DELETE FROM search_sources WHERE rowid = OLD.target_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = OLD.target_id;
    DELETE FROM search_sources WHERE rowid = NEW.target_id;
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id = NEW.target_id;
END;

CREATE TRIGGER search_tags_au AFTER UPDATE OF name ON tags
BEGIN
    DELETE FROM search_excerpts WHERE rowid IN (SELECT e.id FROM excerpts e WHERE e.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND target_kind = 'excerpt'));
    INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL
      AND e.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND target_kind = 'excerpt');
    DELETE FROM search_notes WHERE rowid IN (SELECT n.id FROM notes n WHERE n.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND target_kind = 'note'));
    INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL
      AND n.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND target_kind = 'note');
    DELETE FROM search_sources WHERE rowid IN (SELECT s.id FROM sources s WHERE s.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND target_kind = 'source'));
    INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL
      AND s.id IN (SELECT target_id FROM taggings WHERE tag_id = NEW.id AND target_kind = 'source');
END;

-- Index what the notebook already holds, and record the analyzer that did it.
INSERT INTO search_pages (rowid, body) SELECT p.id, rnb_analyze(p.text) FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted IS NULL;
INSERT INTO search_excerpts (rowid, body, comment, tags) SELECT e.id, rnb_analyze(e.quote || ' ' || e.translation), rnb_analyze(e.comment), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'excerpt' AND g.target_id = e.id)) FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE e.deleted IS NULL AND d.deleted IS NULL;
INSERT INTO search_notes (rowid, title, body, tags) SELECT n.id, rnb_analyze(n.title), rnb_analyze(n.body), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'note' AND g.target_id = n.id)) FROM notes n WHERE n.deleted IS NULL;
INSERT INTO search_sources (rowid, title, body, tags) SELECT s.id, rnb_analyze(s.title), rnb_analyze(ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || ifnull(s.citekey, '')), rnb_analyze((SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_kind = 'source' AND g.target_id = s.id)) FROM sources s WHERE s.deleted IS NULL;
INSERT OR REPLACE INTO meta (name, value) VALUES ('search_analyzer_version', rnb_analyzer_version());
