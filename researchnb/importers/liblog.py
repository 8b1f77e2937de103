"""Keep the chatter of PDF and image libraries off the user's terminal.

pypdf reports repairs ("incorrect startxref pointer") through `logging` and the `warnings`
module; Pillow and pypdfium2 use `warnings`. During an import those messages are caught, sent
to researchnb's own log at INFO level (visible with RESEARCHNB_LOG=INFO) and collected, so the
import can mention that the file needed repairs without printing library internals.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

log = logging.getLogger("researchnb.importers")

_LIBRARY_LOGGERS = ("pypdf", "pypdfium2", "PIL")


class _Collector(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.sink.append(message)
        log.info("%s: %s", record.name, message)


@contextlib.contextmanager
def quiet_libraries(sink: list[str]) -> Iterator[list[str]]:
    """Collect library warnings into `sink` (and the log) instead of the terminal."""
    collector = _Collector(sink)
    saved: list[tuple[logging.Logger, bool]] = []
    for name in _LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(collector)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield sink
            finally:
                for w in caught:
                    sink.append(str(w.message))
                    log.info("%s: %s", w.category.__name__, w.message)
    finally:
        for logger, propagate in saved:
            logger.removeHandler(collector)
            logger.propagate = propagate


def summarise(name: str, messages: list[str]) -> list[str]:
    """One warning in a reader's words for what the libraries said, or none."""
    if not messages:
        return []
    message = (f"{name} is slightly damaged; researchnb worked around it while reading "
               f"({len(messages)} repair(s); the details are kept in the import report)")
    return [message]
