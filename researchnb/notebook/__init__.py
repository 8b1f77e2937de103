"""The notebook: one facade (`Notebook`) composed of one object per area."""

from ..domain import Changes
from .facade import Notebook

__all__ = ["Changes", "Notebook"]
