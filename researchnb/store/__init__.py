"""All SQL lives here: connection set-up, migrations, one module per aggregate.

Nothing outside this package imports sqlite3 or sqlite_utils (a test enforces it).
"""
