-- researchnb schema 1: the data model of DESIGN.md section 5.
-- Every linkable record has an integer id for joins and a stable 8-character key.
-- Timestamps are ISO 8601 UTC text. Soft-deleted rows keep deleted = timestamp.

CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every key ever handed out, so a key is never reused even after a hard delete.
CREATE TABLE used_keys (
    key TEXT PRIMARY KEY COLLATE BINARY
) WITHOUT ROWID;

CREATE TABLE sources (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('archival','book','article','chapter',
                        'newspaper','letter','interview','web','other')),
    title          TEXT NOT NULL DEFAULT '',
    date           TEXT NOT NULL DEFAULT '',      -- EDTF: 1922-06, 1921~, 1920/1923
    date_sort      TEXT NOT NULL DEFAULT '',      -- earliest day the date can mean, YYYY-MM-DD
    date_sort_end  TEXT NOT NULL DEFAULT '',      -- latest day the date can mean
    language       TEXT NOT NULL DEFAULT '',
    citekey        TEXT UNIQUE COLLATE NOCASE,
    archive        TEXT NOT NULL DEFAULT '',
    archive_abbr   TEXT NOT NULL DEFAULT '',
    archive_place  TEXT NOT NULL DEFAULT '',
    fond           TEXT NOT NULL DEFAULT '',
    opis           TEXT NOT NULL DEFAULT '',
    delo           TEXT NOT NULL DEFAULT '',
    folio          TEXT NOT NULL DEFAULT '',
    call_number    TEXT NOT NULL DEFAULT '',
    fond_title     TEXT NOT NULL DEFAULT '',
    genre          TEXT NOT NULL DEFAULT '',
    publisher      TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '',
    container_title TEXT NOT NULL DEFAULT '',
    volume         TEXT NOT NULL DEFAULT '',
    issue          TEXT NOT NULL DEFAULT '',
    pages          TEXT NOT NULL DEFAULT '',
    url            TEXT NOT NULL DEFAULT '',
    doi            TEXT NOT NULL DEFAULT '',
    extra          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra)),
    created        TEXT NOT NULL,
    modified       TEXT NOT NULL,
    deleted        TEXT
);
CREATE INDEX sources_archival ON sources (archive_abbr, archive, fond, opis, delo);

CREATE TABLE source_creators (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    role      TEXT NOT NULL DEFAULT 'author'
              CHECK (role IN ('author','editor','recipient','translator','interviewer','contributor')),
    family    TEXT NOT NULL DEFAULT '',
    given     TEXT NOT NULL DEFAULT '',
    literal   TEXT NOT NULL DEFAULT '',       -- corporate creators: "Orgbiuro TsK VKP(b)"
    UNIQUE (source_id, position)
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    sha256        TEXT,                       -- NULL for a document without an original file
    filename      TEXT NOT NULL DEFAULT '',
    media_type    TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL DEFAULT 0,
    page_count    INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL DEFAULT 'ok',  -- ok, needs_ocr, partial_text
    import_report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(import_report)),
    imported_at   TEXT NOT NULL,
    modified      TEXT NOT NULL,
    deleted       TEXT
);
CREATE INDEX documents_source ON documents (source_id);
CREATE INDEX documents_sha256 ON documents (sha256);

-- A document made of several originals (photos of one delo) lists them here, in page order.
CREATE TABLE document_files (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    filename    TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX document_files_sha256 ON document_files (sha256);

CREATE TABLE pages (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number         INTEGER NOT NULL CHECK (number >= 1),
    label          TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL DEFAULT '',
    text_origin    TEXT NOT NULL DEFAULT 'none'
                   CHECK (text_origin IN ('none','extracted','ocr','transcribed')),
    ocr_confidence REAL,
    file_position  INTEGER NOT NULL DEFAULT 0,  -- which document_files entry holds the image
    frame          INTEGER NOT NULL DEFAULT 0,  -- frame within a multi-page TIFF
    width          REAL,                        -- page size in points (PDF) or pixels (image)
    height         REAL,
    modified       TEXT NOT NULL,
    UNIQUE (document_id, number)
);

CREATE TABLE excerpts (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page_start   INTEGER NOT NULL,               -- page numbers (1-based)
    page_end     INTEGER NOT NULL,
    char_start   INTEGER,                        -- offset in page_start's text
    char_end     INTEGER,                        -- offset in page_end's text
    region_x     REAL, region_y REAL, region_w REAL, region_h REAL,  -- fractions of the page
    quote        TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    translation  TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'quotation'
                 CHECK (kind IN ('quotation','paraphrase','transcription','translation')),
    locator      TEXT NOT NULL DEFAULT '',
    anchor       TEXT NOT NULL DEFAULT 'ok' CHECK (anchor IN ('ok','detached')),
    created      TEXT NOT NULL,
    modified     TEXT NOT NULL,
    deleted      TEXT,
    CHECK (page_end >= page_start)
);
CREATE INDEX excerpts_document ON excerpts (document_id, page_start);

CREATE TABLE tags (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT NOT NULL DEFAULT ''
);

CREATE TABLE taggings (
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('source','document','excerpt','note')),
    target_id   INTEGER NOT NULL,
    created     TEXT NOT NULL,
    PRIMARY KEY (tag_id, target_kind, target_id)
) WITHOUT ROWID;
CREATE INDEX taggings_target ON taggings (target_kind, target_id);

CREATE TABLE notes (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE,
    title    TEXT NOT NULL DEFAULT '',
    body     TEXT NOT NULL DEFAULT '',
    private  INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created  TEXT NOT NULL,
    modified TEXT NOT NULL,
    deleted  TEXT
);
CREATE INDEX notes_title ON notes (title COLLATE NOCASE);

CREATE TABLE note_revisions (
    id       INTEGER PRIMARY KEY,
    note_id  INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    title    TEXT NOT NULL,
    body     TEXT NOT NULL,
    private  INTEGER NOT NULL,
    saved    TEXT NOT NULL,
    UNIQUE (note_id, number)
);

CREATE TABLE links (
    id        INTEGER PRIMARY KEY,
    note_id   INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    to_kind   TEXT NOT NULL CHECK (to_kind IN ('note','source','excerpt','page','citation','unresolved')),
    to_key    TEXT NOT NULL,          -- record key, citekey for citations, title for unresolved
    anchor    TEXT NOT NULL DEFAULT '', -- page number for page links, locator for citations
    label     TEXT NOT NULL DEFAULT '',
    line      INTEGER NOT NULL DEFAULT 0,
    context   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX links_target ON links (to_kind, to_key);
CREATE INDEX links_note ON links (note_id);
