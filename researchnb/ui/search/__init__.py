"""Search in the window: the panel, the helper-process link, hits, saved searches."""
