"""Numbering a document's pages: folios with or without versos, page numbers, or the PDF's
own page labels, over all pages or a range (Document › Number Pages… in the app).

Which label each page gets is decided here (numbering.py); what locator a label gives is the
one locator rule of locators.py; `nb.pages.number` stores the labels in one transaction.
"""

from .numbering import SCHEMES, Numbering, labels_for, preview

__all__ = ["SCHEMES", "Numbering", "labels_for", "preview"]
