"""The reconciliation service on HTTP: ``/reconcile`` and its preview and suggest endpoints.

Routes (every one GET, the first also POST):

=====================================  =============================================
``/reconcile``                          manifest; with ``queries``: a result batch
``/reconcile/preview?id=…``             HTML preview of one entity
``/reconcile/suggest/entity?prefix=…``  entity auto-complete (``cursor``, ``type``)
``/reconcile/suggest/type?prefix=…``    type auto-complete
``/reconcile/suggest/property?prefix=`` property auto-complete
=====================================  =============================================

The app includes :data:`router`; the :class:`Reconciler` comes from
:func:`get_reconciler` (built from ``app.state.store`` on first use and kept in
``app.state.reconciler``: set that to None after the data change). Bad input
gives 400, an unknown id 404, an over-long body 413, a body that is not a form
415 (as ``HTTPException``, which the app's error handler renders). GET
endpoints also answer JSONP when given ``callback``; every response allows
any origin (the specification requires CORS).
"""

from __future__ import annotations

import json
import re
import threading
from typing import Annotated, Any, Final
from urllib.parse import parse_qs

from fastapi import Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, JSONResponse, Response

from plangraph._errors import InputError, NotFound
from plangraph.link import Reconciler, ServiceUrls
from plangraph.web.routes import router_for

__all__ = ["ReconcilerDep", "get_reconciler", "router"]

_LOCK: Final = threading.Lock()
_MAX_BODY: Final = 1_048_576
_CALLBACK: Final = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$")
_CORS: Final = {"Access-Control-Allow-Origin": "*"}
_FORM: Final = "application/x-www-form-urlencoded"



def get_reconciler(request: Request) -> Reconciler:
    """The app's :class:`Reconciler`, built from ``app.state.store`` the first time it is needed."""
    state = request.app.state
    reconciler: Reconciler | None = getattr(state, "reconciler", None)
    if reconciler is None:
        with _LOCK:
            reconciler = getattr(state, "reconciler", None)
            if reconciler is None:
                reconciler = Reconciler.from_store(state.store)
                state.reconciler = reconciler
    return reconciler


ReconcilerDep = Annotated[Reconciler, Depends(get_reconciler)]


def _urls(request: Request) -> ServiceUrls:
    """The manifest's URLs, on the configured public URL when the app has one, else on the request's."""
    settings = getattr(request.app.state, "settings", None)
    service = (getattr(settings, "public_url", None) or str(request.base_url)).rstrip("/")
    root = request.scope.get("root_path", "").rstrip("/")

    def path(name: str) -> str:
        return str(request.url_for(name).path).removeprefix(root)

    return ServiceUrls(
        view=service + "/id/{{id}}",
        preview=service + path("reconcile_preview") + "?id={{id}}",
        service=service,
        suggest_entity=path("reconcile_suggest_entity"),
        suggest_type=path("reconcile_suggest_type"),
        suggest_property=path("reconcile_suggest_property"),
        documentation=service + "/dataset",
    )


def _json(request: Request, data: Any, callback: str | None = None) -> Response:
    if callback is not None:
        if not _CALLBACK.match(callback):
            raise HTTPException(400, "callback: expected a JavaScript identifier")
        body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});"
        return Response(body, media_type="application/javascript", headers=_CORS)
    return JSONResponse(data, headers=_CORS)


def _single(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name, [])
    if len(found) > 1:
        raise HTTPException(400, f"{name} is given {len(found)} times; give it once")
    return found[0] if found else None


async def _form(request: Request) -> dict[str, list[str]]:
    """The POST body as a form, capped before it is read and decoded once."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != _FORM:
        raise HTTPException(415, f"send the batch as {_FORM} with a 'queries' field, not {media or 'no content type'}")
    settings = getattr(request.app.state, "settings", None)
    limit = int(getattr(settings, "max_body_bytes", _MAX_BODY))
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body over {limit} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "request body is not UTF-8") from None
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise HTTPException(400, "a form field is not percent-encoded UTF-8") from None


def _answer(reconciler: Reconciler, text: str) -> dict[str, Any]:
    try:
        return reconciler.reconcile(reconciler.parse_batch(text))
    except InputError as error:
        raise HTTPException(400, str(error)) from None


def reconcile_get(request: Request, reconciler: ReconcilerDep) -> Response:
    """Without ``queries``: the manifest. With ``queries`` (JSON): one result list per query."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    callback = _single(params, "callback")
    if "extend" in params:
        raise HTTPException(400, "this service offers no data extension")
    queries = _single(params, "queries")
    if queries is None:
        return _json(request, reconciler.manifest(_urls(request)), callback)
    return _json(request, _answer(reconciler, queries), callback)


async def reconcile_post(request: Request, reconciler: ReconcilerDep) -> Response:
    """The batch comes in the form field ``queries``; giving it in the URL as well is refused (400)."""
    form = await _form(request)
    if "queries" in request.query_params:
        raise HTTPException(400, "queries is given both in the URL and in the body; give it once")
    if "extend" in form:
        raise HTTPException(400, "this service offers no data extension")
    queries = _single(form, "queries")
    if queries is None:
        raise HTTPException(400, "the form has no 'queries' field")
    return JSONResponse(await run_in_threadpool(_answer, reconciler, queries), headers=_CORS)


def reconcile_preview(
    request: Request, reconciler: ReconcilerDep, id: Annotated[str, Query(description="Entity id, e.g. entity/kunshan")]
) -> Response:
    try:
        page = reconciler.preview(id, _urls(request).view)
    except NotFound as error:
        raise HTTPException(404, str(error)) from None
    return HTMLResponse(page, headers=_CORS)


_Prefix = Annotated[str, Query(description="What the user has typed so far")]
_Cursor = Annotated[int, Query(ge=0, description="Suggestions to skip")]
_Callback = Annotated[str | None, Query(description="JSONP function name")]


def reconcile_suggest_entity(
    request: Request,
    reconciler: ReconcilerDep,
    prefix: _Prefix,
    cursor: _Cursor = 0,
    type: Annotated[list[str] | None, Query(description="Only entities of these types")] = None,
    callback: _Callback = None,
) -> Response:
    try:
        data = reconciler.suggest_entities(prefix, cursor, type or ())
    except InputError as error:
        raise HTTPException(400, str(error)) from None
    return _json(request, data, callback)


def reconcile_suggest_type(
    request: Request, reconciler: ReconcilerDep, prefix: _Prefix, cursor: _Cursor = 0, callback: _Callback = None
) -> Response:
    return _json(request, reconciler.suggest_types(prefix, cursor), callback)


def reconcile_suggest_property(
    request: Request, reconciler: ReconcilerDep, prefix: _Prefix, cursor: _Cursor = 0, callback: _Callback = None
) -> Response:
    return _json(request, reconciler.suggest_properties(prefix, cursor), callback)


router = router_for("reconcile", globals())
