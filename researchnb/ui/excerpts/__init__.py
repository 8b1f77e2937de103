"""Excerpts: the excerpt list and form, the excerpt dialog, making and deleting excerpts."""
