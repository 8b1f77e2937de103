"""Never reopen at start a document whose opening crashed the app last time.

The app reopens the last document at start. A document that crashes the process while it
opens or first renders (a PDF page that inflates without limit, an image that exhausts
memory) would then crash it on every start. So before that reopening the window writes
"opening <key>" into its settings (synced to disk at once), and clears it after the
document's first paint. Finding the mark set at start means the last attempt never got that
far: the document is not opened again and a banner says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QFrame

from .banners import WARN, BannerArea, make_banner

if TYPE_CHECKING:
    from ...notebook import Notebook
    from ..viewer.viewer import DocumentViewer

OPENING = "last/opening"
LAST = "last/document"


class ReopenGuard(QObject):
    """`reopen(key, page, open_document)` at start; the mark is cleared after the first paint."""

    def __init__(self, settings: QSettings, viewer: DocumentViewer, banners: BannerArea,
                 nb: Notebook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.viewer = viewer
        self.banners = banners
        self.nb = nb
        self.key: str | None = None          # the document being reopened, until painted
        self.banner: QFrame | None = None

    def crashed_before(self) -> str | None:
        """The document whose reopening did not reach its first paint last time, if any."""
        value = self.settings.value(OPENING)
        return str(value) if value else None

    def reopen(self, key: str | None, page: int,
               open_document: Callable[[str, int], object]) -> bool:
        """Reopen `key` at `page` on the next turn of the event loop, unless it crashed the
        app last time (then a banner says so). Whether it will be opened."""
        crashed = self.crashed_before()
        if crashed is not None:
            self._refuse(crashed)
            if key is None or key == crashed:
                return False
        if not key:
            return False
        self.key = key
        self.settings.setValue(OPENING, key)
        self.settings.sync()
        # After the window is shown, so the page renders at the final width.
        QTimer.singleShot(0, lambda: self._open(key, page, open_document))
        return True

    def _open(self, key: str, page: int, open_document: Callable[[str, int], object]) -> None:
        open_document(key, page)
        if self.viewer.doc is None or self.viewer.doc.key != key:
            self._done()                     # gone from the notebook: nothing was shown
            return
        surface = self.viewer.page_surface()    # the page image, or a text document's text
        surface.installEventFilter(self)
        surface.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and self.key is not None
                and not self.viewer.rendering):
            # Cleared once this paint has finished without the process dying.
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        if self.key is None:
            return
        self.key = None
        for surface in (self.viewer.view.viewport(), self.viewer.text.viewport()):
            surface.removeEventFilter(self)
        self.settings.remove(OPENING)
        self.settings.sync()

    def _refuse(self, key: str) -> None:
        self.settings.remove(OPENING)
        if str(self.settings.value(LAST) or "") == key:
            self.settings.remove(LAST)
        self.settings.sync()
        name = key
        try:
            doc = self.nb.documents.get(key, with_pages=False)
            name = f"{doc.filename} ({key})" if doc.filename else key
        except Exception:  # noqa: BLE001 - a name only; the key says enough
            pass
        text = self.tr("researchnb stopped while opening %1 last time; it was not opened "
                       "again. Open it from the library if you want to try again.") \
            .replace("%1", name)
        self.banner = self.banners.add(make_banner("reopenBanner", text, WARN, closable=True))
