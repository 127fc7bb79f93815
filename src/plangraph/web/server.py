"""Running the service: open the served store from the settings and start uvicorn."""

from __future__ import annotations

from plangraph.store import IsolatedStore
from plangraph.web.settings import Settings
from plangraph.web.urls import ONTOLOGY_IRI

__all__ = ["open_served_store", "run_server"]


def open_served_store(settings: Settings) -> IsolatedStore:
    """The data files (default graph) and the ontology (its own named graph) in query worker processes."""
    files: list[object] = list(settings.data_files)
    if settings.ontology_file.is_file():
        files.append((settings.ontology_file, ONTOLOGY_IRI))
    return IsolatedStore(
        files,  # type: ignore[arg-type]
        workers=settings.workers,
        timeout=settings.query_timeout,
        read_only=not settings.allow_updates,
    )


def run_server(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until interrupted; the store's worker processes stop with the server."""
    import uvicorn

    from plangraph.web.app import create_app

    store = open_served_store(settings)
    try:
        # timeout_keep_alive and the worker pool bound idle connections; the query limit bounds work
        uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info", timeout_keep_alive=5)
    finally:
        store.close()
