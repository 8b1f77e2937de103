"""Running a search for the panel: plain words as type-ahead, anything else as a query.

No Qt here: the search helper process (`search_server.py`) runs this without loading Qt.
"""

from __future__ import annotations

from typing import Any

LIMIT = 50
_SYNTAX_CHARS = set('":()[]*~')
_SYNTAX_WORDS = {"AND", "OR", "NOT", "TO"}


def _get(hit: Any, name: str, default: Any = None) -> Any:
    if isinstance(hit, dict):
        return hit.get(name, default)
    return getattr(hit, name, default)


def hit_dict(hit: Any) -> dict[str, Any]:
    """A search hit as a plain dict, whatever the search module returns."""
    if isinstance(hit, dict):
        return dict(hit)
    if hasattr(hit, "__dataclass_fields__"):
        from dataclasses import asdict
        return asdict(hit)
    return dict(vars(hit))


def uses_syntax(text: str) -> bool:
    """Whether the text is a query with fields, phrases or operators (not plain words)."""
    return bool(_SYNTAX_CHARS & set(text)) or any(w in _SYNTAX_WORDS for w in text.split())


def run_query(nb: Any, text: str, full: bool, limit: int = LIMIT) -> list[dict[str, Any]]:
    """Type-ahead for plain words as they are typed, the full query language otherwise."""
    if not text.strip():
        return []
    if full or uses_syntax(text):
        found = nb.search.query(text, limit=limit)
    else:
        found = nb.search.type_ahead(text, limit=limit)
    hits = found["hits"]
    return [_enrich(nb, hit_dict(h)) for h in hits]


def _enrich(nb: Any, hit: dict[str, Any]) -> dict[str, Any]:
    """Add the source's title and the document's file name (hits carry only their keys).

    Runs in the search process; the names are cached per notebook object."""
    cache: dict[str, str] = nb.__dict__.setdefault("_search_panel_names", {})
    src = hit.get("source")
    if isinstance(src, str) and src and "source_title" not in hit:
        if src not in cache:
            try:
                cache[src] = nb.sources.get(src).title
            except Exception:  # noqa: BLE001 - a name is a nicety; the key will do
                cache[src] = src
        hit["source_title"] = cache[src]
    doc = hit.get("document")
    if isinstance(doc, str) and doc and "document_title" not in hit:
        if doc not in cache:
            cache.update({d.key: d.filename or d.key for d in nb.documents.all()})
        hit["document_title"] = cache.get(doc, doc)
    return hit
