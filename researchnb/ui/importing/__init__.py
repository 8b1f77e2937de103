"""Importing: the import dialog, the import controller, OCR of stored pages."""
