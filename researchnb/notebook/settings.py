"""`nb.settings`: choices that belong to one notebook rather than to the computer (the
languages its scans are recognised in), stored in the notebook itself (store/settings.py)."""

from __future__ import annotations

from ..domain import Changes, InvalidInput
from ..store import settings as store_settings
from .core import Core

# The settings a notebook knows, with their defaults: one list, one place.
OCR_LANGUAGES = "ocr.languages"       # tesseract codes joined with +, e.g. rus+eng
DEFAULTS = {OCR_LANGUAGES: "rus+eng"}


class Settings:
    def __init__(self, core: Core) -> None:
        self._core = core

    def get(self, name: str) -> str:
        """The notebook's value of `name`, or its default when never set."""
        if name not in DEFAULTS:
            raise InvalidInput(f"There is no notebook setting called {name!r}.")
        stored = store_settings.get(self._core.conn, name)
        return DEFAULTS[name] if stored is None else stored

    def is_set(self, name: str) -> bool:
        return store_settings.get(self._core.conn, name) is not None

    def set(self, name: str, value: str) -> Changes[None]:
        if name not in DEFAULTS:
            raise InvalidInput(f"There is no notebook setting called {name!r}.")
        with self._core.write() as tx:
            store_settings.put(tx.conn, name, value.strip())
        return tx.result()

    # -- the OCR languages -----------------------------------------------------------------

    @property
    def ocr_languages(self) -> list[str]:
        """tesseract language codes, in the order tesseract is given them."""
        return [x for x in self.get(OCR_LANGUAGES).split("+") if x]

    def set_ocr_languages(self, codes: list[str]) -> Changes[None]:
        clean = [c.strip() for c in codes if c.strip()]
        if not clean:
            raise InvalidInput("Choose at least one language to recognise text in.")
        if any("+" in c or " " in c for c in clean):
            raise InvalidInput("A tesseract language code has no spaces or '+' in it.")
        return self.set(OCR_LANGUAGES, "+".join(dict.fromkeys(clean)))
