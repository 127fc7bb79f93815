"""Where the project's data lives: one settings-resolved place, never the current directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ProjectPaths", "project_paths"]


@dataclass(frozen=True, slots=True)
class ProjectPaths:
    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def curated(self) -> Path:
        return self.root / "data" / "curated"

    @property
    def triples(self) -> Path:
        return self.root / "data" / "triples"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def gazetteer(self) -> Path:
        return self.root / "data" / "gazetteer.toml"


def project_paths(root: Path | str | None = None) -> ProjectPaths:
    """``root``, else ``$PLANGRAPH_HOME``, else the checkout this package was installed from."""
    if root is None:
        root = os.environ.get("PLANGRAPH_HOME") or Path(__file__).resolve().parents[2]
    return ProjectPaths(Path(root).resolve())
