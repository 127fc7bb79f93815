"""Named research queries: ``queries/*.rq`` files with a header of metadata.

A file starts with comment lines::

    # title_zh: 未完成的2022年目标
    # title_en: 2022 targets not met
    # description: Each 2022 target the review says was missed, with target and outcome wording.
    # param: zone = "太湖新城" : label (zh or en) or IRI of a zone

A parameter is a ``$name`` variable in the query. The query text runs unchanged
on any SPARQL endpoint (the variable is then unbound); :meth:`NamedQuery.render`
replaces each ``$name`` with a safely written RDF term: an IRI for ``<...>`` or
``http(s)://...`` values, a plain literal otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import InputError, NotFound

__all__ = ["NamedQuery", "Parameter", "find_query", "load_queries", "read_query", "sparql_term"]

_HEADER = re.compile(r"^#\s*(title_zh|title_en|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r'^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<default>"[^"]*"|<[^>]*>|\S+)\s*(?::\s*(?P<help>.*))?$')
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\s]')


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    default: str
    help: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title_zh: str
    title_en: str
    description: str
    sparql: str
    parameters: tuple[Parameter, ...] = field(default=())
    path: Path | None = None

    def render(self, values: dict[str, str] | None = None) -> str:
        """The query with every ``$param`` replaced by the given value or its default."""
        values = dict(values or {})
        known = {p.name for p in self.parameters}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; its parameters: {', '.join(sorted(known)) or 'none'}"
            )
        text = self.sparql
        for parameter in self.parameters:
            term = sparql_term(values.get(parameter.name, parameter.default))
            text = re.sub(rf"\${parameter.name}\b", lambda _: term, text)
        return text


def sparql_term(value: str) -> str:
    """A user value as a SPARQL term: ``<iri>`` for IRIs, a quoted literal otherwise."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
        if _IRI_FORBIDDEN.search(value):
            raise InputError(f"not a valid IRI: {value!r}")
        return f"<{value}>"
    if re.match(r"^https?://", value) and not _IRI_FORBIDDEN.search(value):
        return f"<{value}>"
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        value = value[1:-1]
    return '"' + value.translate(_LITERAL_ESCAPES) + '"'


def read_query(path: Path) -> NamedQuery:
    """One ``.rq`` file with its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read query: {error}") from error
    meta: dict[str, str] = {}
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            param = _PARAM.match(value)
            if not param:
                raise InputError(f"{path}:{number}: malformed parameter line {value!r}; expected `name = default : help`")
            parameters.append(Parameter(param.group("name"), param.group("default"), (param.group("help") or "").strip()))
        else:
            meta[key] = value
    missing = [key for key in ("title_zh", "title_en", "description") if not meta.get(key)]
    if missing:
        raise InputError(f"{path}: header lacks {', '.join(missing)}")
    return NamedQuery(
        name=path.stem,
        title_zh=meta["title_zh"],
        title_en=meta["title_en"],
        description=meta["description"],
        sparql=text,
        parameters=tuple(parameters),
        path=path,
    )


def load_queries(directory: Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` in ``directory`` by name, sorted."""
    if not directory.is_dir():
        raise NotFound(f"{directory}: query folder does not exist")
    return {path.stem: read_query(path) for path in sorted(directory.glob("*.rq"))}


def find_query(queries: dict[str, NamedQuery], name: str) -> NamedQuery:
    """The query called ``name``; the error lists the known names."""
    try:
        return queries[name]
    except KeyError:
        raise NotFound(f"no query named {name!r}; known queries: {', '.join(queries)}") from None
