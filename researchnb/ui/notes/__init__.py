"""The notes editor: text, completion, highlighting, preview, backlinks, autosave."""
