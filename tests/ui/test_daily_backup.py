"""The daily backup runs in the background once the window is up, not before it shows."""

from researchnb.domain import Source
from researchnb.notebook import Notebook
from researchnb.ui.app import run_upkeep
from researchnb.ui.main_window import MainWindow


def test_daily_backup_is_deferred_until_the_window_is_up_and_then_taken(qtbot, tmp_path):
    path = tmp_path / "delo.rnb"
    with Notebook.create(path) as nb:
        nb.sources.add(Source(kind="archival", title="Minutes of the cell bureau"))
        for b in nb.backups.all():            # as if the last backup were long ago
            b.path.unlink()
    nb = Notebook.open_for_user(path, defer_upkeep=True)
    assert nb.backups.all() == []             # opening did not copy the database
    window = MainWindow(nb)
    qtbot.addWidget(window)
    window.show()
    run_upkeep(window)
    qtbot.waitUntil(lambda: any(b.reason == "daily" for b in nb.backups.all()), timeout=10000)
    assert not list((path / "backups").glob("*.partial"))


def test_opening_without_deferring_still_takes_the_daily_backup(tmp_path):
    path = tmp_path / "delo.rnb"
    with Notebook.create(path) as nb:
        nb.sources.add(Source(kind="book", title="Magnetic Mountain"))
        for b in nb.backups.all():
            b.path.unlink()
    with Notebook.open(path) as nb:
        assert [b.reason for b in nb.backups.all()] == ["daily"]
