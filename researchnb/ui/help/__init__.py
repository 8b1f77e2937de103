"""Help: keyboard shortcuts and the demo notebook."""
