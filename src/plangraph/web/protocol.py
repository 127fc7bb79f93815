"""Reading a SPARQL 1.1 Protocol request: parameters, body, and the ambiguities refused with 400.

* GET: parameters from the query string.
* POST ``application/x-www-form-urlencoded``: parameters from the body (decoded
  once, by ``parse_qsl``) and the query string; a parameter in both is refused.
* POST ``application/sparql-query`` / ``application/sparql-update``: the body is
  the operation; ``query`` / ``update`` in the URL as well is refused.
* Any other POST type: 415. Bodies are capped before they are read (413) and
  must be UTF-8 (400).

``query``, ``update`` and ``format`` may appear once; graph parameters may
repeat. ``query`` with ``update`` is refused, as is ``default-graph-uri``
mixed with Oxigraph's ``union-default-graph``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl

from fastapi import Request

from plangraph.web.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from plangraph.web.negotiation import FORMAT_PARAMETER, SPARQL_POST_TYPES, media_type
from plangraph.web.urls import valid_iri

__all__ = ["ProtocolRequest", "accept_for", "parse_get", "parse_post", "read_body"]

_SINGLE: Final = ("query", "update", "format", "union-default-graph", "name")
_GRAPHS: Final = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")


@dataclass(frozen=True)
class ProtocolRequest:
    """The operation and dataset of one protocol request."""

    query: str | None = None
    update: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None
    name: str | None = None


def parse_get(request: Request) -> ProtocolRequest:
    """Parameters of a GET request."""
    return _build(list(request.query_params.multi_items()), [])


async def parse_post(request: Request, max_bytes: int) -> ProtocolRequest:
    """Parameters and body of a POST request (415, 413 or 400 when they cannot be read)."""
    content_type = media_type(request.headers.get("content-type"))
    kind = SPARQL_POST_TYPES.get(content_type)
    if kind is None:
        accepted = ", ".join(SPARQL_POST_TYPES)
        raise UnsupportedMediaType(f"unsupported Content-Type {content_type or '(none)'!r}; send one of {accepted}")
    url_pairs = list(request.query_params.multi_items())
    text = _utf8(await read_body(request, max_bytes))
    if kind == "form":
        try:
            body_pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(f"the form body cannot be decoded: {exc}") from exc
        return _build(url_pairs, body_pairs)
    if any(key in ("query", "update") for key, _ in url_pairs):
        raise BadRequest(f"the operation is in the body ({content_type}); do not also pass query= or update= in the URL")
    return _build(url_pairs, [(kind, text)])


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) one longer than ``limit`` bytes before reading past it."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"request body of {declared} bytes exceeds the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"request body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def accept_for(request: Request, fmt: str | None) -> str | None:
    """The Accept header to negotiate with: the ``format`` parameter's, else the request's."""
    if fmt is None or not fmt.strip():
        return request.headers.get("accept")
    key = fmt.strip().lower()
    if key in FORMAT_PARAMETER:
        return FORMAT_PARAMETER[key]
    if "/" in key and " " not in key:
        return key  # a media type given directly
    raise BadRequest(f"unknown format {fmt!r}; use one of {', '.join(FORMAT_PARAMETER)} or a media type")


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"the request body is not valid UTF-8 (byte {exc.start})") from exc


def _build(url_pairs: list[tuple[str, str]], body_pairs: list[tuple[str, str]]) -> ProtocolRequest:
    in_url = {key for key, _ in url_pairs}
    in_body = {key for key, _ in body_pairs}
    both = sorted((in_url & in_body) & {*_SINGLE, *_GRAPHS})
    if both:
        raise BadRequest(f"parameter {', '.join(both)} given both in the URL and in the body")
    values: dict[str, list[str]] = {}
    for key, value in [*url_pairs, *body_pairs]:
        values.setdefault(key, []).append(value)
    for key in _SINGLE:
        if len(values.get(key, [])) > 1:
            raise BadRequest(f"parameter {key!r} given {len(values[key])} times; give it once")
    single = {key: values[key][0] for key in _SINGLE if key in values}
    if "query" in single and "update" in single:
        raise BadRequest("a request carries either query or update, not both")
    graphs = {key: tuple(values.get(key, [])) for key in _GRAPHS}
    for key, iris in graphs.items():
        for iri in iris:
            if not valid_iri(iri):
                raise BadRequest(f"{key} must be an absolute IRI, not {iri!r}")
    if "union-default-graph" in single and graphs["default-graph-uri"]:
        raise BadRequest("default-graph-uri cannot be combined with union-default-graph")
    if "query" in single and (graphs["using-graph-uri"] or graphs["using-named-graph-uri"]):
        raise BadRequest("using-graph-uri and using-named-graph-uri apply to updates, not queries")
    if "update" in single and (graphs["default-graph-uri"] or graphs["named-graph-uri"]):
        raise BadRequest("default-graph-uri and named-graph-uri apply to queries, not updates")
    if graphs["using-graph-uri"] or graphs["using-named-graph-uri"]:
        raise BadRequest("using-graph-uri / using-named-graph-uri are not supported; name graphs with USING in the update")
    return ProtocolRequest(
        query=single.get("query"),
        update=single.get("update"),
        default_graphs=graphs["default-graph-uri"],
        named_graphs=graphs["named-graph-uri"],
        format=single.get("format"),
        name=single.get("name"),
    )
