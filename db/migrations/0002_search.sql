-- Full-text search tables (DESIGN.md section 6). Filled in by the search work.
SELECT 1;
