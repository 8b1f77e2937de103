"""Loading a CSL style for citeproc-py, with the one repair it needs.

citeproc-py ignores `initialize="false"` on a `<name>` and so initialises every given name
when the style sets `initialize-with` globally (the Chicago styles do: "S. Fitzpatrick"
instead of "Sheila Fitzpatrick"). The repair moves the style's own `initialize-with` onto
each `<name>` that does not say `initialize="false"`, which is what CSL means. citeproc-py
also prints a `<label>` whose variable is empty; the repair puts each such label under a
test of its variable.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from lxml import etree

CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def _guard_labels(root: etree._Element) -> None:
    """Wrap `<label variable="X">` in `<choose><if variable="X">`: citeproc-py prints a
    label whose variable is empty ("edition" after an article's title in a short note)."""
    for label in list(root.iter(f"{CSL_NS}label")):
        variable = label.get("variable")
        parent = label.getparent()
        if not variable or variable == "locator" or parent is None:
            continue
        choose = etree.Element(f"{CSL_NS}choose")
        test = etree.SubElement(choose, f"{CSL_NS}if", variable=variable)
        parent.replace(label, choose)
        test.append(label)


def repaired_style_xml(path: Path) -> bytes:
    tree = etree.parse(str(path))
    root = tree.getroot()
    _guard_labels(root)
    mark = root.get("initialize-with")
    layouts = [*root.iter(f"{CSL_NS}citation", f"{CSL_NS}bibliography")]
    if mark is None or any(el.get("initialize-with") is not None for el in layouts):
        return etree.tostring(tree)   # nothing to repair, or not this simple case
    for name in root.iter(f"{CSL_NS}name"):
        if name.get("initialize") != "false" and name.get("initialize-with") is None:
            name.set("initialize-with", mark)
    del root.attrib["initialize-with"]
    return etree.tostring(tree)


def load_style(path: Path) -> Any:
    """A citeproc-py CitationStylesStyle for the .csl file (read locally, never fetched)."""
    from citeproc import CitationStylesStyle  # imported when first used: it is slow
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(io.BytesIO(repaired_style_xml(path)), validate=False)
