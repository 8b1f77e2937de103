-- Partial indexes over the records in the trash (soft-deleted: deleted IS NOT NULL).
-- The trash is small, but without these, finding it meant reading every row of the table:
-- counting each tag's live records (the sidebar's tag tree, `tags list`) probed the record
-- of every tagging, 0.5 s with 100,000 tagged excerpts; now it subtracts the few taggings
-- of trashed records (issue 10, scripts/bench/scale.py).
CREATE INDEX sources_trash ON sources (deleted) WHERE deleted IS NOT NULL;
CREATE INDEX documents_trash ON documents (deleted) WHERE deleted IS NOT NULL;
CREATE INDEX excerpts_trash ON excerpts (deleted) WHERE deleted IS NOT NULL;
CREATE INDEX notes_trash ON notes (deleted) WHERE deleted IS NOT NULL;
