"""The one place that maps graph IRIs to page URLs and back, and builds every link.

The graph's resources are named ``<graph_base>X`` (``https://w3id.org/plangraph/id/X``);
this service shows each at ``<base>id/X``. Ontology terms
(``https://w3id.org/plangraph/ontology#T``) are shown on ``<base>ontology#T``.
The base is the ``public_url`` setting or, when unset, the request's own
base URL, so no host name is ever written into the code.

Links in HTML are root-relative paths (``/id/X``) under the base's path;
:meth:`Urls.absolute` makes a full URL where one is needed (RDF descriptions,
``Link`` headers).
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote, urlencode, urlsplit

from plangraph.rdf.vocab import PG

__all__ = ["ONTOLOGY_IRI", "Urls", "valid_iri"]

ONTOLOGY_IRI: Final = "https://w3id.org/plangraph/ontology"
_VOCAB: Final = str(PG)
#: Characters SPARQL forbids inside <...>, plus controls: a path holding them names no IRI of the graph.
_BAD_IRI: Final = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f]')
_SAFE_PATH: Final = "/:@!$&'()*+,;=-._~"


def valid_iri(text: str) -> bool:
    """True when ``text`` is an absolute IRI that can be written as ``<text>`` in SPARQL."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text)) and not _BAD_IRI.search(text)


class Urls:
    """Builds the service's URLs for one base (``http://host:port/`` or the public URL)."""

    def __init__(self, base_url: str, graph_base: str) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.graph_base = graph_base
        self.base_path = urlsplit(self.base_url).path or "/"
        self._origin = self.base_url[: len(self.base_url) - len(self.base_path)]

    # -- IRI <-> page --------------------------------------------------------------

    def page(self, iri: str) -> str:
        """Local page path of a graph IRI or ontology term; other IRIs are returned unchanged."""
        if iri.startswith(self.graph_base):
            return self.path("id/" + quote(iri[len(self.graph_base) :], safe=_SAFE_PATH))
        if iri.startswith(_VOCAB):
            return self.path("ontology") + "#" + quote(iri[len(_VOCAB) :], safe=_SAFE_PATH)
        if iri == ONTOLOGY_IRI:
            return self.path("ontology")
        return iri

    def is_local(self, iri: str) -> bool:
        """True when :meth:`page` gives a page of this service for ``iri``."""
        return iri.startswith((self.graph_base, _VOCAB)) or iri == ONTOLOGY_IRI

    def iri_for_path(self, path: str) -> str:
        """The graph IRI shown at ``/id/<path>`` (``path`` already percent-decoded)."""
        return self.graph_base + path

    def data(self, iri: str, suffix: str) -> str:
        """A resource's page with a format suffix (``.ttl``, ``.jsonld``, ``.nt``, ``.json``)."""
        return self.page(iri) + suffix

    # -- pages ---------------------------------------------------------------------------

    def path(self, relative: str = "", **params: str | int | list[str] | None) -> str:
        """``relative`` under the base path, with query parameters (None values dropped)."""
        pairs: list[tuple[str, str]] = []
        for key, value in params.items():
            if value is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                pairs.append((key, str(item)))
        query = ("?" + urlencode(pairs)) if pairs else ""
        return self.base_path + relative.lstrip("/") + query

    def absolute(self, path: str) -> str:
        """A full URL for a path made by this object."""
        return self._origin + path

    def home(self) -> str:
        return self.path("")

    def search(self, q: str | None = None, type: str | None = None, format: str | None = None) -> str:
        return self.path("search", q=q, type=type, format=format)

    def sparql(self, query: str | None = None, format: str | None = None, name: str | None = None) -> str:
        return self.path("sparql", query=query, format=format, name=name)

    def queries(self, suffix: str = "") -> str:
        return self.path("queries" + suffix)

    def query(self, name: str, suffix: str = "", params: dict[str, str] | None = None) -> str:
        return self.path(f"queries/{quote(name, safe='')}{suffix}", **(params or {}))

    def explore(self, iri: str | None = None, goal: str | None = None) -> str:
        return self.path("explore", iri=iri, goal=goal)

    def explore_api(self, what: str, **params: str | list[str] | None) -> str:
        return self.path(f"explore/{what}", **params)

    def dataset(self, suffix: str = "") -> str:
        return self.path("dataset" + suffix)

    def dump(self, extension: str) -> str:
        return self.path(f"dataset/dump.{extension}")

    def ontology(self, term: str | None = None, suffix: str = "") -> str:
        return self.path("ontology" + suffix) + (f"#{quote(term, safe='')}" if term else "")

    def static(self, name: str) -> str:
        return self.path(f"static/{name}")

    def vendor(self, name: str) -> str:
        return self.path(f"vendor/vis-network/{name}")
