"""The W3C Reconciliation Service API 0.2, as plain data: manifest, query batches, suggest, preview.

No web framework here: :class:`Reconciler` takes decoded values and returns
JSON-ready dicts (or HTML for a preview), raising :class:`InputError` for a
malformed batch (HTTP 400) and :class:`NotFound` for an unknown identifier
(404). ``plangraph.web.reconcile`` puts it on HTTP.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..__version__ import __version__
from .._errors import InputError, NotFound
from ..rdf.vocab import BASE, PG
from ..store import Store
from ._matcher import Candidate, LinkTarget, Matcher, PropertyCondition
from ._targets import LINK_PROPERTIES, LinkProperty, LinkType, read_targets, read_types

__all__ = ["BATCH_SIZE", "MAX_LIMIT", "Reconciler", "ServiceUrls"]

#: Most queries one batch may hold (the manifest's ``batchSize``).
BATCH_SIZE: Final = 100
#: Most candidates one query may ask for.
MAX_LIMIT: Final = 100
_DEFAULT_LIMIT: Final = 10
_SUGGEST_PAGE: Final = 10
_QUERY_KEYS: Final = frozenset({"query", "type", "limit", "properties", "type_strict"})
_PG: Final = str(PG)


@dataclass(frozen=True, slots=True)
class ServiceUrls:
    """Absolute URLs the manifest names, worked out by the web layer from the request or settings."""

    view: str
    """Entity page template, containing ``{{id}}``."""
    preview: str
    """Preview template, containing ``{{id}}``."""
    service: str
    """Base URL the suggest paths are appended to (no trailing slash)."""
    suggest_entity: str
    suggest_type: str
    suggest_property: str
    documentation: str | None = None


class Reconciler:
    """Answers reconciliation requests over a fixed set of targets.

    Build it once per store with :meth:`from_store`; it holds no reference to
    the store afterwards (rebuild it when the data change).
    """

    def __init__(self, matcher: Matcher, types: Sequence[LinkType], properties: Sequence[LinkProperty] = LINK_PROPERTIES) -> None:
        self.matcher = matcher
        self.types = list(types)
        self.properties = list(properties)
        self._types = {t.iri: t for t in self.types}
        self._properties = {p.iri: p for p in self.properties}

    @classmethod
    def from_store(cls, store: Store) -> Reconciler:
        """Read the targets and their types from ``store``."""
        targets = read_targets(store)
        types = read_types(store, targets)
        return cls(Matcher(targets, broader={t.iri: t.broader for t in types}), types)

    # -- manifest -----------------------------------------------------------------

    def manifest(self, urls: ServiceUrls) -> dict[str, Any]:
        """The service manifest: spaces, default types, view, preview and suggest services."""
        tops = [t for t in self.types if not t.broader]
        manifest: dict[str, Any] = {
            "versions": ["0.2"],
            "name": "plangraph — Chinese city development plans (规划知识图谱)",
            "identifierSpace": BASE,
            "schemaSpace": _PG,
            "serviceVersion": __version__,
            "defaultTypes": [self._type_json(t) for t in tops],
            "view": {"url": urls.view},
            "preview": {"url": urls.preview, "width": 420, "height": 180},
            "suggest": {
                kind: {"service_url": urls.service, "service_path": path}
                for kind, path in (("entity", urls.suggest_entity), ("type", urls.suggest_type), ("property", urls.suggest_property))
            },
            "batchSize": BATCH_SIZE,
        }
        if urls.documentation:
            manifest["documentation"] = urls.documentation
        return manifest

    # -- queries ------------------------------------------------------------------

    @staticmethod
    def parse_batch(text: str) -> dict[str, Any]:
        """The ``queries`` parameter decoded: a JSON object of queries, at most :data:`BATCH_SIZE`."""
        try:
            batch = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"queries: not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
        if not isinstance(batch, dict):
            raise InputError("queries: expected a JSON object of queries keyed by id, e.g. {\"q0\": {\"query\": \"昆山\"}}")
        if len(batch) > BATCH_SIZE:
            raise InputError(f"queries: {len(batch)} queries in one batch; at most {BATCH_SIZE} (the manifest's batchSize)")
        return batch

    def reconcile(self, batch: Mapping[str, Any]) -> dict[str, Any]:
        """Results for a decoded batch: ``{key: {"result": [candidate, ...]}}``, each list best first."""
        return {key: {"result": [self._candidate_json(c) for c in self._answer(key, query)]} for key, query in batch.items()}

    def _answer(self, key: str, query: Any) -> list[Candidate]:
        where = f"queries[{json.dumps(key, ensure_ascii=False)}]"
        if not isinstance(query, dict):
            raise InputError(f"{where}: expected an object")
        unknown = sorted(set(query) - _QUERY_KEYS)
        if unknown:
            raise InputError(f"{where}: unknown field {', '.join(unknown)}; known: {', '.join(sorted(_QUERY_KEYS))}")
        text = query.get("query", "")
        if not isinstance(text, str):
            raise InputError(f"{where}.query: expected a string")
        types = query.get("type", [])
        types = [types] if isinstance(types, str) else types
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise InputError(f"{where}.type: expected a type id or a list of them")
        limit = query.get("limit", _DEFAULT_LIMIT)
        if isinstance(limit, bool) or not isinstance(limit, int | float) or limit != int(limit) or limit < 1:
            raise InputError(f"{where}.limit: expected a positive integer")
        strict = query.get("type_strict", "any")
        if strict not in ("any", "should", "all"):
            raise InputError(f"{where}.type_strict: expected any, should or all")
        conditions = self._conditions(where, query.get("properties", []))
        if not text.strip() and not conditions:
            raise InputError(f"{where}: give a non-empty query, or properties")
        return self.matcher.match(
            text,
            types=[self._type_iri(where, t) for t in types],
            type_strict=strict,
            conditions=conditions,
            limit=min(int(limit), MAX_LIMIT),
        )

    def _conditions(self, where: str, raw: Any) -> list[PropertyCondition]:
        if not isinstance(raw, list):
            raise InputError(f"{where}.properties: expected a list of {{\"pid\": ..., \"v\": ...}}")
        conditions: list[PropertyCondition] = []
        for number, item in enumerate(raw):
            at = f"{where}.properties[{number}]"
            if not isinstance(item, dict) or "pid" not in item or "v" not in item or not isinstance(item["pid"], str):
                raise InputError(f"{at}: expected {{\"pid\": property id, \"v\": value(s)}}")
            prop: LinkProperty = self._lookup(at + ".pid", item["pid"], self._properties, "property")
            values: list[str] = []
            ids: list[str] = []
            for value in item["v"] if isinstance(item["v"], list) else [item["v"]]:
                if isinstance(value, dict) and isinstance(value.get("id"), str):
                    ids.append(self._entity_iri(value["id"]))
                elif isinstance(value, str | int | float) and not isinstance(value, bool):
                    values.append(str(value))
                elif isinstance(value, bool):
                    values.append("true" if value else "false")
                else:
                    raise InputError(f"{at}.v: expected strings, numbers, booleans or {{\"id\": ...}} objects")
            conditions.append(PropertyCondition(prop.iri, tuple(values), tuple(ids)))
        return conditions

    def _type_iri(self, where: str, type_id: str) -> str:
        link_type: LinkType = self._lookup(where + ".type", type_id, self._types, "type")
        return link_type.iri

    @staticmethod
    def _lookup(where: str, given: str, known: Mapping[str, Any], kind: str) -> Any:
        iri = given if given.startswith(("http://", "https://")) else _PG + given.removeprefix("pg:")
        if iri not in known:
            names = ", ".join(sorted(k.removeprefix(_PG) for k in known))
            raise InputError(f"{where}: unknown {kind} {given!r}; known: {names}")
        return known[iri]

    @staticmethod
    def _entity_iri(identifier: str) -> str:
        return identifier if identifier.startswith(("http://", "https://")) else BASE + identifier

    # -- suggest and preview --------------------------------------------------------

    def suggest_entities(self, prefix: str, cursor: int = 0, types: Sequence[str] = ()) -> dict[str, Any]:
        """Entities whose name starts with (then contains) ``prefix``, a page of 10 from ``cursor``."""
        found = self.matcher.suggest(prefix, types=[self._type_iri("type", t) for t in types])
        page = found[cursor : cursor + _SUGGEST_PAGE]
        return {"result": [self._entity_json(t, notable=True) for t in page]}

    def suggest_types(self, prefix: str, cursor: int = 0) -> dict[str, Any]:
        """Types whose id, English or Chinese name contains ``prefix``."""
        key = prefix.strip().casefold()
        found = [t for t in self.types if key in t.id.casefold() or key in t.name.casefold() or key in t.description]
        return {"result": [self._type_json(t, broader=True) for t in found[cursor : cursor + _SUGGEST_PAGE]]}

    def suggest_properties(self, prefix: str, cursor: int = 0) -> dict[str, Any]:
        """Properties whose id or name contains ``prefix``."""
        key = prefix.strip().casefold()
        found = [p for p in self.properties if key in p.id.casefold() or key in p.name.casefold()]
        return {
            "result": [{"id": p.id, "name": p.name, "description": p.description} for p in found[cursor : cursor + _SUGGEST_PAGE]]
        }

    def target(self, identifier: str) -> LinkTarget:
        """The target with this id (``entity/kunshan``) or IRI; :class:`NotFound` otherwise."""
        target = self.matcher.by_iri.get(self._entity_iri(identifier))
        if target is None:
            raise NotFound(f"no entity with id {identifier!r}")
        return target

    def preview(self, identifier: str, view_url: str) -> str:
        """A small HTML page summarising one entity, for an ``<iframe>`` of the manifest's size."""
        target = self.target(identifier)
        esc = html.escape
        others = [label for label in target.labels if label != target.name]
        types = ", ".join(self._types[t].name if t in self._types else t for t in target.types)
        rows = [("类型 type", types), ("名称 labels", " · ".join(others)), ("别名 aliases", " · ".join(target.aliases))]
        rows += [(self._properties[p].name, " · ".join(self._value_name(v) for v in vs)) for p, vs in target.properties.items()]
        body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v)
        return (
            '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>'
            f"{esc(target.name)}</title><style>body{{font:14px sans-serif;margin:8px}}th{{text-align:left;"
            f'padding-right:8px;color:#555;font-weight:normal}}</style></head><body><h3 style="margin:0 0 6px">'
            f'<a href="{esc(view_url.replace("{{id}}", target.id))}" target="_blank" rel="noopener">{esc(target.name)}</a></h3>'
            f"<p style=\"margin:0 0 6px;color:#333\">{esc(target.description)}</p><table>{body}</table></body></html>"
        )

    # -- JSON shapes ------------------------------------------------------------------

    def _value_name(self, value: str) -> str:
        other = self.matcher.by_iri.get(value)
        return other.name if other else value

    def _type_json(self, link_type: LinkType, *, broader: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"id": link_type.id, "name": link_type.name}
        if link_type.description:
            data["description"] = link_type.description
        if broader and link_type.broader:
            data["broader"] = [self._type_json(self._types[b]) for b in link_type.broader if b in self._types]
        return data

    def _types_of(self, target: LinkTarget) -> list[dict[str, Any]]:
        return [self._type_json(self._types[t]) for t in target.types if t in self._types]

    def _entity_json(self, target: LinkTarget, *, notable: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"id": target.id, "name": target.name}
        if target.description:
            data["description"] = target.description
        data["notable" if notable else "type"] = self._types_of(target)
        return data

    def _candidate_json(self, candidate: Candidate) -> dict[str, Any]:
        data = self._entity_json(candidate.target)
        data["score"] = candidate.score
        data["match"] = candidate.match
        features = [{"id": key, "value": value} for key, value in candidate.features.items()]
        features.append({"id": f"method_{candidate.method}", "value": True})
        data["features"] = features
        return data
