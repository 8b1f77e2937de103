"""The library: sidebar trees, their models, the source form, library commands."""
