"""The document viewer alone in a window (for the viewer tests): 900 x 700, the page half
of the width, with the background runner its text saves go through."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from support import Host

from researchnb.notebook import Notebook
from researchnb.ui.viewer.viewer import DocumentViewer


@contextmanager
def shown_viewer(qtbot, nb: Notebook) -> Iterator[DocumentViewer]:
    host = Host(nb)
    qtbot.addWidget(host)
    viewer = DocumentViewer(nb)
    host.hold(viewer)
    host.resize(900, 700)
    host.show()
    qtbot.waitExposed(host)
    viewer.split.setSizes([500, 400])
    try:
        yield viewer
    finally:
        viewer.text.flush()
        host.runner.shutdown()


def rendered(qtbot, viewer: DocumentViewer) -> None:
    """Wait until QtPdf has drawn the page asked for."""
    qtbot.waitUntil(lambda: not viewer.rendering and viewer.view.has_image(), timeout=20000)
