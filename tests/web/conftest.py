"""Fixtures for the web tests: real servers on loopback over the small test plan graph.

``server`` is shared by the whole session (read-only, default limits);
``make_server`` starts a variant (short timeout, updates on, ...) for one test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack

import httpx
import pytest
from web_support import LiveServer, fixture_store, serving, web_settings


@pytest.fixture(scope="session")
def server() -> Iterator[LiveServer]:
    """The app over the test graph, read-only, on a free loopback port."""
    with serving(web_settings(query_timeout=10), fixture_store(timeout=10)) as live:
        yield live


@pytest.fixture(scope="session")
def base(server: LiveServer) -> str:
    return server.url


@pytest.fixture
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


@pytest.fixture
def make_server() -> Iterator[Callable[..., LiveServer]]:
    """Start a server with other settings: ``make_server(query_timeout=1.5, workers=2, read_only=False)``."""
    with ExitStack() as stack:

        def start(*, workers: int = 2, read_only: bool = True, **settings: object) -> LiveServer:
            timeout = float(settings.get("query_timeout", 10))  # type: ignore[arg-type]
            store = fixture_store(workers=workers, timeout=timeout, read_only=read_only)
            context: AbstractContextManager[LiveServer] = serving(web_settings(workers=workers, **settings), store)
            return stack.enter_context(context)

        yield start


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Keep each phase's report on the item, so fixtures can tell that the test failed (screenshots)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
