"""The app starts on an empty notebook without crashing."""

from researchnb.ui.main_window import MainWindow


def test_main_window_opens_on_an_empty_notebook(qtbot, nb):
    window = MainWindow(nb)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert nb.path.name in window.windowTitle()
