"""Export: the export dialog and Copy citation."""
