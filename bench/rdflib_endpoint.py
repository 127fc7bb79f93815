"""A plain rdflib-backed FastAPI SPARQL endpoint: the comparison point the web bench measures against.

It is what a minimal endpoint looks like (rdflib-endpoint's approach): one rdflib Dataset
with the same data, ``Dataset.query`` per request, SPARQL JSON out.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response
from rdflib import Dataset, URIRef


def create_app(home: Path) -> FastAPI:
    dataset = Dataset(default_union=True)
    for file in sorted((home / "data" / "triples").glob("*.ttl")):
        dataset.graph(URIRef(f"https://w3id.org/plangraph/id/graph/{file.stem}")).parse(file, format="turtle")
    dataset.graph(URIRef("https://w3id.org/plangraph/ontology")).parse(home / "ontology" / "plangraph.ttl", format="turtle")
    app = FastAPI()

    @app.post("/sparql")
    async def sparql(request: Request) -> Response:
        query = (await request.body()).decode("utf-8")
        result = dataset.query(query)
        return Response(result.serialize(format="json"), media_type="application/sparql-results+json")

    @app.get("/sparql")
    def ready() -> Response:
        return Response("ok", media_type="text/plain")

    return app


if __name__ == "__main__":
    uvicorn.run(create_app(Path(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
