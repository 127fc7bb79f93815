"""The home page, the dataset description (VoID + DCAT) with its dumps, and the ontology.

* ``/`` — search box, what the graph holds, where to go next;
* ``/dataset`` — HTML, JSON, or RDF (VoID/DCAT: source, licence, counts,
  class partitions, endpoint and dumps) by Accept;
* ``/dataset/dump.{ttl,nt,nq,trig,jsonld}`` — the whole served dataset;
* ``/ontology`` — classes and properties with zh/en labels and definitions
  (HTML, JSON), the ontology file as Turtle, or converted (``/ontology.nt``...).
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import Path, Request
from starlette.responses import JSONResponse, Response

from plangraph.rdf.vocab import PG
from plangraph.store import IRI, BNode, GraphResult, Literal, Store, open_store
from plangraph.web.catalog import Catalog
from plangraph.web.deps import (
    CatalogDep,
    QueriesDep,
    SettingsDep,
    StoreDep,
    UrlsDep,
    VocabularyDep,
    select,
)
from plangraph.web.errors import NotAcceptable, PageNotFound
from plangraph.web.negotiation import DUMP_TYPES, GRAPH_TYPES, PAGE_TYPES, negotiate
from plangraph.web.pages import render
from plangraph.web.queries import query_data
from plangraph.web.routes import router_for
from plangraph.web.settings import Settings
from plangraph.web.sparql import rdf_response
from plangraph.web.urls import ONTOLOGY_IRI, Urls
from plangraph.web.vocabulary import Vocabulary

Term = IRI | Literal | BNode

__all__ = ["router", "void_description"]

_PG: Final = str(PG)
_ONTOLOGY_FILES: Final = {k: v for k, v in DUMP_TYPES.items() if k in ("ttl", "nt", "jsonld")}
_RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_VOID: Final = "http://rdfs.org/ns/void#"
_DCT: Final = "http://purl.org/dc/terms/"
_DCAT: Final = "http://www.w3.org/ns/dcat#"
_XSD_INT: Final = "http://www.w3.org/2001/XMLSchema#integer"
_SOURCES: Final = f"""PREFIX pg: <{_PG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?source WHERE {{ ?doc a pg:PlanDocument . OPTIONAL {{ ?doc dcterms:source ?source }} }}"""
_PROPERTIES: Final = "SELECT (COUNT(DISTINCT ?p) AS ?n) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { ?s ?p ?o }"


def home(
    request: Request,
    settings: SettingsDep,
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    queries: QueriesDep,
    urls: UrlsDep,
) -> Response:
    """The landing page."""
    counts = [
        {"iri": c, "local": c.removeprefix(_PG), "label": vocabulary.label(c), "count": n}
        for c, n in sorted(catalog.class_counts(settings.graph_base).items(), key=lambda item: (-item[1], item[0]))
        if c.startswith(_PG)
    ]
    goals = sorted(iri for iri, cls in catalog.classes.items() if cls == _PG + "StrategicGoal")
    return render(request, "index.html", title="plangraph", counts=counts, goals=goals, triples=catalog.triples,
                  items=[query_data(q, urls) for q in queries.values()])  # fmt: skip


def dataset(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    vocabulary: VocabularyDep,
    urls: UrlsDep,
) -> Response:
    """The dataset description: HTML, JSON, or VoID/DCAT RDF by Accept."""
    chosen = negotiate(request.headers.get("accept"), PAGE_TYPES)
    if chosen is None:
        raise NotAcceptable(f"the dataset description is available as {', '.join(PAGE_TYPES)}")
    data = _dataset_data(store, settings, catalog, vocabulary, urls)
    fmt = PAGE_TYPES[chosen]
    if fmt == "json":
        return JSONResponse({"ok": True, **data}, headers={"Vary": "Accept"})
    if fmt != "html":
        return rdf_response(void_description(data), chosen)
    return render(request, "dataset.html", title="Dataset", d=data)


def dump(store: StoreDep, ext: Annotated[str, Path(description="ttl, nt, nq, trig or jsonld", examples=["ttl"])]) -> Response:
    """The whole dataset in one file."""
    if ext not in DUMP_TYPES:
        raise PageNotFound(f"no dump in format {ext!r}; available: {', '.join(DUMP_TYPES)}")
    fmt, media = DUMP_TYPES[ext]
    return Response(store.dump(fmt), media_type=media)


def ontology(request: Request, settings: SettingsDep, vocabulary: VocabularyDep) -> Response:
    """Classes, properties and individuals of the ontology: HTML, JSON, or the RDF itself."""
    chosen = negotiate(request.headers.get("accept"), PAGE_TYPES)
    if chosen is None:
        raise NotAcceptable(f"the ontology is available as {', '.join(PAGE_TYPES)}")
    fmt = PAGE_TYPES[chosen]
    if fmt in GRAPH_TYPES.values():
        return _ontology_rdf(settings, chosen)
    if fmt == "json":
        terms = [vars(t) | {"local": t.local} for t in vocabulary.terms.values()]
        return JSONResponse({"ok": True, "iri": ONTOLOGY_IRI, "header": vocabulary.header, "terms": terms},
                            headers={"Vary": "Accept"})  # fmt: skip
    sections = [
        ("classes", "类", "Classes", vocabulary.of_kind("class")),
        ("object-properties", "对象属性", "Object properties", vocabulary.of_kind("object property")),
        ("datatype-properties", "数据属性", "Datatype properties", vocabulary.of_kind("datatype property")),
        ("individuals", "个体", "Individuals", vocabulary.of_kind("individual")),
    ]
    return render(request, "ontology.html", title="Ontology", sections=sections, header=vocabulary.header,
                  ontology_iri=ONTOLOGY_IRI)  # fmt: skip


def ontology_file(
    settings: SettingsDep, ext: Annotated[str, Path(description="ttl, nt or jsonld", examples=["ttl"])]
) -> Response:
    """The ontology in one format: ``.ttl`` (as written), ``.nt`` or ``.jsonld``."""
    if ext not in _ONTOLOGY_FILES:
        raise PageNotFound(f"no ontology file in format {ext!r}; available: {', '.join(_ONTOLOGY_FILES)}")
    return _ontology_rdf(settings, _ONTOLOGY_FILES[ext][1])


def _ontology_rdf(settings: Settings, media: str) -> Response:
    path = settings.ontology_file
    if not path.is_file():
        raise PageNotFound("this service has no ontology file")
    if media == "text/turtle":
        return Response(path.read_bytes(), media_type=media, headers={"Vary": "Accept"})
    fmt = GRAPH_TYPES.get(media) or "turtle"
    with open_store() as store:
        store.load(path, format="turtle")
        return Response(store.dump(fmt), media_type=media, headers={"Vary": "Accept"})


def _dataset_data(
    store: Store, settings: Settings, catalog: Catalog, vocabulary: Vocabulary, urls: Urls,
) -> dict[str, Any]:
    rows = select(store, _SOURCES, settings).rows
    sources = sorted({str(row["source"]) for row in rows if row["source"]})
    documents = sorted({str(row["doc"]) for row in rows if row["doc"]})
    stats = select(store, _PROPERTIES, settings).rows
    properties = int(str(stats[0]["n"])) if stats and stats[0]["n"] else 0
    subjects = int(str(stats[0]["subjects"])) if stats and stats[0]["subjects"] else 0
    classes = [
        {"iri": c, "url": urls.page(c), "label": vocabulary.label(c), "count": n, "search": urls.search(type=c)}
        for c, n in sorted(catalog.class_counts(settings.graph_base).items())
    ]
    return {
        "iri": urls.absolute(urls.dataset()),
        "title": settings.title,
        "description": "A knowledge graph of Chinese city development plans, built from the plan reports' own text; "
        "every fact carries the quoted source sentence as evidence.",
        "license": settings.license,
        "sources": sources,
        "documents": [{"iri": d, "url": urls.page(d), "label": catalog.label(d)} for d in documents],
        "triples": catalog.triples,
        "entities": sum(1 for iri in catalog.types if iri.startswith(settings.graph_base)),
        "classes": classes,
        "properties": properties,
        "distinct_subjects": subjects,
        "uri_space": settings.graph_base,
        "vocabulary": _PG,
        "sparql": urls.absolute(urls.sparql()),
        "homepage": urls.absolute(urls.home()),
        "dumps": {ext: {"url": urls.absolute(urls.dump(ext)), "media": media} for ext, (_, media) in DUMP_TYPES.items()},
    }


def void_description(data: dict[str, Any]) -> GraphResult:
    """The dataset description as VoID + DCAT triples."""
    d = IRI(data["iri"])
    t: list[tuple[Term, Term, Term]] = [
        (d, IRI(_RDF), IRI(_VOID + "Dataset")),
        (d, IRI(_RDF), IRI(_DCAT + "Dataset")),
        (d, IRI(_DCT + "title"), Literal(data["title"], language="en")),
        (d, IRI(_DCT + "description"), Literal(data["description"], language="en")),
        (d, IRI(_DCT + "license"), IRI(data["license"])),
        (d, IRI(_VOID + "triples"), Literal(str(data["triples"]), _XSD_INT)),
        (d, IRI(_VOID + "entities"), Literal(str(data["entities"]), _XSD_INT)),
        (d, IRI(_VOID + "classes"), Literal(str(len(data["classes"])), _XSD_INT)),
        (d, IRI(_VOID + "properties"), Literal(str(data["properties"]), _XSD_INT)),
        (d, IRI(_VOID + "distinctSubjects"), Literal(str(data["distinct_subjects"]), _XSD_INT)),
        (d, IRI(_VOID + "uriSpace"), Literal(data["uri_space"])),
        (d, IRI(_VOID + "vocabulary"), IRI(data["vocabulary"])),
        (d, IRI(_VOID + "sparqlEndpoint"), IRI(data["sparql"])),
        (d, IRI(_DCAT + "landingPage"), IRI(data["homepage"])),
    ]
    t += [(d, IRI(_DCT + "source"), IRI(s)) for s in data["sources"]]
    t += [(d, IRI(_VOID + "rootResource"), IRI(doc["iri"])) for doc in data["documents"]]
    for ext, dump_info in data["dumps"].items():
        dist = BNode(f"dist-{ext}")
        t += [
            (d, IRI(_VOID + "dataDump"), IRI(dump_info["url"])),
            (d, IRI(_DCAT + "distribution"), dist),
            (dist, IRI(_RDF), IRI(_DCAT + "Distribution")),
            (dist, IRI(_DCAT + "downloadURL"), IRI(dump_info["url"])),
            (dist, IRI(_DCAT + "mediaType"), Literal(dump_info["media"])),
        ]
    for index, cls in enumerate(data["classes"]):
        part = BNode(f"class-{index}")
        t += [
            (d, IRI(_VOID + "classPartition"), part),
            (part, IRI(_VOID + "class"), IRI(cls["iri"])),
            (part, IRI(_VOID + "entities"), Literal(str(cls["count"]), _XSD_INT)),
        ]
    return GraphResult(t)


router = router_for("dataset", globals())
