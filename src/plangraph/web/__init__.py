"""The plangraph web service: linked-data pages, search, named queries, explorer, SPARQL endpoint.

``create_app(settings, store)`` builds the FastAPI app; ``run_server`` opens
the served store and runs uvicorn (``plangraph serve``).
"""

from __future__ import annotations

from plangraph.web.app import create_app
from plangraph.web.server import open_served_store, run_server
from plangraph.web.settings import Settings

__all__ = ["Settings", "create_app", "open_served_store", "run_server"]
