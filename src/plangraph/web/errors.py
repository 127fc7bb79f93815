"""Web-facing errors and the one handler that renders every failure.

Each error class carries its HTTP status; the handler turns any exception into
one response shape:

* on ``/sparql``: a plain-text message (what SPARQL clients show their users);
* for browsers: the HTML error page;
* otherwise: JSON built by :func:`error_body` — ``{"ok": false, "error": ..., "errors": [...], "status": N}``.

Store errors keep their meaning (QuerySyntaxError 400, ReadOnly 403,
NotFound 404, QueryTimeout 503, ...). Anything else is a bug: it is logged
with its traceback and the client gets a bare 500, never the traceback.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from plangraph._errors import (
    InputError,
    NotFound,
    PlangraphError,
    QuerySyntaxError,
    QueryTimeout,
    ReadOnly,
    StoreUnavailable,
)
from plangraph.web.negotiation import HTML, negotiate
from plangraph.web.pages import page_context

__all__ = [
    "BadRequest",
    "Forbidden",
    "NotAcceptable",
    "PageNotFound",
    "PayloadTooLarge",
    "ServiceUnavailable",
    "UnsupportedMediaType",
    "WebError",
    "error_body",
    "handle_error",
    "status_and_message",
]

logger = logging.getLogger("plangraph.web")

#: Store errors -> HTTP status. Other PlangraphErrors are server faults (500).
_STORE_STATUS: dict[type[PlangraphError], int] = {
    QuerySyntaxError: 400,
    InputError: 400,
    ReadOnly: 403,
    NotFound: 404,
    QueryTimeout: 503,
    StoreUnavailable: 503,
}


class WebError(Exception):
    """An error with an HTTP status; ``headers`` are sent with the response."""

    status: ClassVar[int] = 500

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(WebError):
    status = 400


class Forbidden(WebError):
    status = 403


class PageNotFound(WebError):
    status = 404


class NotAcceptable(WebError):
    status = 406


class PayloadTooLarge(WebError):
    status = 413


class UnsupportedMediaType(WebError):
    status = 415


class ServiceUnavailable(WebError):
    status = 503


def error_body(status: int, message: str, errors: list[str] | None = None) -> dict[str, Any]:
    """The JSON error shape every endpoint uses (pinned by a test)."""
    return {"ok": False, "error": message, "errors": errors or [message], "status": status}


def status_and_message(exc: BaseException) -> tuple[int, str, list[str], dict[str, str]]:
    """(status, message, detail list, headers) for any exception; logs the ones that are bugs."""
    if isinstance(exc, WebError):
        return exc.status, exc.message, [exc.message], exc.headers
    if isinstance(exc, PlangraphError):
        for cls, status in _STORE_STATUS.items():
            if isinstance(exc, cls):
                headers = {"Retry-After": "1"} if status == 503 else {}
                return status, str(exc), [str(exc)], headers
    if isinstance(exc, RequestValidationError):
        details = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()]
        return 400, "invalid request parameters: " + "; ".join(details), details, {}
    if isinstance(exc, StarletteHTTPException):
        message = str(exc.detail)
        return exc.status_code, message, [message], dict(exc.headers or {})
    logger.error("internal error: %s: %s", type(exc).__name__, exc, exc_info=exc)
    return 500, "internal server error (logged on the server)", ["internal server error"], {}


async def handle_error(request: Request, exc: Exception) -> Response:
    """The app's single exception handler."""
    status, message, details, headers = status_and_message(exc)
    headers = {**headers, "Vary": "Accept"}
    if request.url.path.endswith("/sparql"):
        return PlainTextResponse(message + "\n", status_code=status, headers=headers)
    chosen = negotiate(request.headers.get("accept"), ["application/json", HTML])
    templates = getattr(request.app.state, "templates", None)
    if chosen == HTML and templates is not None:
        context = page_context(request, title=f"{status}", status=status, message=message)
        return HTMLResponse(
            templates.get_template("error.html").render(context), status_code=status, headers=headers
        )
    return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)
