"""The server's settings, declared once: name, default and help text.

The same declaration drives ``plangraph serve --setting NAME=VALUE``, the
documentation test and the ``/dataset`` page; nothing in the web package reads
environment variables or constants for these values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from plangraph._errors import InputError
from plangraph._paths import ProjectPaths, project_paths
from plangraph.rdf.vocab import BASE

__all__ = ["Settings"]


class Settings(BaseModel):
    """How the web service behaves. Every field has a default and a description."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    home: Path | None = Field(
        None, description="Project folder holding data/, ontology/ and queries/ (default: $PLANGRAPH_HOME or this checkout)."
    )
    public_url: str | None = Field(
        None,
        description="Public base URL used in links and RDF descriptions, e.g. https://plangraph.example.org/ "
        "(default: taken from each request).",
    )
    graph_base: str = Field(
        BASE, description="Namespace of the graph's resource IRIs; the page of <graph_base>X is /id/X."
    )
    query_timeout: float = Field(10.0, gt=0, description="Seconds a SPARQL query may run before it is cut off (503).")
    workers: int = Field(2, ge=1, le=64, description="Query worker processes; each holds its own copy of the data.")
    max_rows: int = Field(10_000, ge=1, description="Most rows (or triples) a query answer carries; more are cut off and flagged.")
    max_body_bytes: int = Field(1_048_576, ge=1024, description="Largest request body accepted, in bytes (413 above).")
    allow_updates: bool = Field(False, description="Accept SPARQL updates on /sparql (read-only when false: 403).")
    cors: bool = Field(True, description="Send CORS headers so browser clients on other origins can query /sparql.")
    license: str = Field(
        "https://spdx.org/licenses/MIT", description="Licence IRI stated in the dataset description (/dataset)."
    )
    title: str = Field("plangraph", description="Name of the service shown in page headers.")

    @field_validator("public_url")
    @classmethod
    def _ends_with_slash(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("public_url must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("graph_base")
    @classmethod
    def _namespace(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or not value.endswith(("/", "#")):
            raise ValueError("graph_base must be an http(s) IRI ending in / or #")
        return value

    @property
    def paths(self) -> ProjectPaths:
        """Where the data, ontology and named queries live."""
        return project_paths(self.home)

    @property
    def data_files(self) -> list[Path]:
        """The Turtle files the service loads: data/triples/*.ttl."""
        return sorted(self.paths.triples.glob("*.ttl"))

    @property
    def ontology_file(self) -> Path:
        """The ontology served at /ontology and loaded into its own named graph."""
        return self.paths.ontology / "plangraph.ttl"

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting, in declaration order."""
        return [(name, field.default, field.description or "") for name, field in cls.model_fields.items()]

    @classmethod
    def from_pairs(cls, pairs: list[str], **overrides: Any) -> Settings:
        """Settings from ``NAME=VALUE`` strings (``--setting``) plus keyword overrides; InputError if invalid."""
        values: dict[str, Any] = {}
        for pair in pairs:
            name, sep, value = pair.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in cls.model_fields:
                known = ", ".join(cls.model_fields)
                raise InputError(f"bad setting {pair!r}: expected NAME=VALUE with NAME one of {known}")
            values[name] = value.strip()
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise InputError(f"invalid settings: {problems}") from exc
