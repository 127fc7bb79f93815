"""Search at /search: names in Chinese, English or pinyin, ranked, as HTML, JSON or CSV.

``type=`` keeps hits of a class and its subclasses (``PlanningZone``,
``pg:Zone`` or a full IRI; may repeat). Each hit carries its IRI and the URL
of its page. The index is built from the store at startup (``catalog``).
"""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Final

from fastapi import Query, Request
from starlette.responses import JSONResponse, Response

from plangraph.rdf.vocab import PG
from plangraph.web.catalog import Catalog
from plangraph.web.deps import CatalogDep, UrlsDep, VocabularyDep
from plangraph.web.errors import BadRequest, NotAcceptable
from plangraph.web.negotiation import TABLE_FORMATS, TABLE_TYPES, negotiate
from plangraph.web.pages import render
from plangraph.web.routes import router_for
from plangraph.web.searchindex import Hit
from plangraph.web.urls import Urls
from plangraph.web.vocabulary import Vocabulary

__all__ = ["HIDDEN", "hit_data", "resolve_types", "router"]

_PG: Final = str(PG)
#: Without a type filter, search leaves out the text-span and bookkeeping nodes (a mention's label repeats the name).
HIDDEN: Final = frozenset({_PG + "Mention", _PG + "Evidence", "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"})
_CSV_COLUMNS: Final = ("iri", "url", "label_zh", "label_en", "class", "matched", "field", "via", "match")


def search(
    request: Request,
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
    q: Annotated[str, Query(description="Text to look for: Chinese, English, pinyin or pinyin initials", max_length=200)] = "",
    type: Annotated[list[str] | None, Query(description="Class filter: local name (PlanningZone), pg:Zone or IRI")] = None,
    format: Annotated[str | None, Query(description="html, json or csv (else the Accept header)")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Most hits returned")] = 50,
) -> Response:
    """Ranked hits for ``q``: exact > prefix > substring, labels > aliases."""
    if format is not None and format not in TABLE_FORMATS:
        raise BadRequest(f"unknown format {format!r}; use html, json or csv")
    accept = TABLE_FORMATS[format] if format else request.headers.get("accept")
    chosen = negotiate(accept, TABLE_TYPES)
    if chosen is None:
        raise NotAcceptable(f"search results are available as {', '.join(TABLE_TYPES)}")
    types = resolve_types(type or [], vocabulary)
    hidden = HIDDEN if types is None else frozenset()
    hits = catalog.index.search(q, types=types, exclude=hidden, limit=limit) if q.strip() else []
    rows = [hit_data(hit, catalog, vocabulary, urls) for hit in hits]
    if TABLE_TYPES[chosen] == "json":
        body = {"ok": True, "q": q, "type": type or [], "count": len(rows), "hits": rows}
        return JSONResponse(body, headers={"Vary": "Accept"})
    if TABLE_TYPES[chosen] == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(_CSV_COLUMNS)
        for row in rows:
            writer.writerow([row["iri"], urls.absolute(row["url"]), row["label_zh"], row["label_en"],
                             row["class"]["iri"] if row["class"] else "", row["matched"], row["field"],
                             row["via"], row["match"]])  # fmt: skip
        return Response(buffer.getvalue(), media_type="text/csv", headers={"Vary": "Accept"})
    counts = catalog.class_counts()
    classes = [
        {"iri": c, "count": n, "local": c.removeprefix(_PG), "label": vocabulary.label(c)}
        for c, n in sorted(counts.items())
        if c.startswith(_PG)
    ]
    selected = [t if t.startswith("http") else _PG + t.removeprefix("pg:") for t in type or [] if t.strip()]
    return render(request, "search.html", title=f"{q} – search" if q else "Search", hits=rows, q=q,
                  classes=classes, selected=selected, json_url=urls.search(q, type=None, format="json"))  # fmt: skip


def resolve_types(names: list[str], vocabulary: Vocabulary) -> set[str] | None:
    """Class IRIs (with subclasses) for ``type=`` values; None when no filter; 400 for an unknown name."""
    names = [n.strip() for n in names if n.strip()]  # the form's "all classes" option sends type=
    if not names:
        return None
    wanted: set[str] = set()
    for name in names:
        iri = name if name.startswith(("http://", "https://")) else _PG + name.removeprefix("pg:")
        if iri not in vocabulary.terms and not name.startswith(("http://", "https://")):
            known = ", ".join(t.local for t in vocabulary.of_kind("class"))
            raise BadRequest(f"unknown class {name!r}; known: {known}")
        wanted |= vocabulary.descendants(iri)
    return wanted


def hit_data(hit: Hit, catalog: Catalog, vocabulary: Vocabulary, urls: Urls) -> dict[str, Any]:
    """A hit as plain data: IRI, page URL, labels, class, and what matched how."""
    cls = catalog.class_of(hit.iri)
    return {
        "iri": hit.iri,
        "url": urls.page(hit.iri),
        "label_zh": hit.label_zh,
        "label_en": hit.label_en,
        "aliases": catalog.aliases.get(hit.iri, []),
        "class": {"iri": cls, "zh": vocabulary.label(cls)[0], "en": vocabulary.label(cls)[1], "url": urls.page(cls)}
        if cls
        else None,
        "matched": hit.matched,
        "field": hit.field,
        "via": hit.via,
        "match": hit.match,
    }


router = router_for("search", globals())
