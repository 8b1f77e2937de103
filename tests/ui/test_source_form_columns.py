"""The source form's three boxes (Source, Archival reference, Publication) line up: their
fields start at the same x, whatever the length of each box's labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from support import OFFSCREEN_NOISE, Host

from researchnb.domain import Source
from researchnb.ui.library.source_form import SourceForm
from researchnb.ui.undo import UndoController

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def test_the_fields_of_every_box_start_at_the_same_place(qtbot, nb):
    src = nb.sources.add(Source(kind="archival", title="Protocols", fond="415")).value
    host = Host(nb)
    qtbot.addWidget(host)
    form = host.hold(SourceForm(nb, UndoController(host)))
    host.resize(420, 900)
    host.show()
    qtbot.waitExposed(host)
    form.show_source(src)
    qtbot.wait(10)
    lefts = {name: form.fields[name].mapTo(form, QPoint(0, 0)).x()
             for name in ("title", "fond", "publisher")}
    assert len(set(lefts.values())) == 1, lefts
