"""Cached answers as ready-made bytes, and a small pure-ASGI fast path that sends them before FastAPI runs.

A cached assessment is serialised **once** per cache entry into a :class:`Prepared` answer: the JSON body, its
``ETag`` (a hash of the body) and the raw header lists of the 200 and of the 304 answer, taken from the same
Starlette :class:`~starlette.responses.Response` the route returns — so the route and the fast path send the same
status, headers and body, byte for byte (``tests/api/test_fast_path.py`` compares them).

When the route has answered ``GET /api/assessments?<query>`` with 200, it files the prepared answer in the result
cache under ``(store version, RAW, <the raw query string>)`` as well (:func:`file_raw`). The next identical request
is answered by :class:`AssessmentFastPath` — in front of FastAPI's routing, dependencies and parameter parsing —
when the store's version is known without reading the store (``Store.known_version``: a few ``stat`` calls, nothing
loaded since) and that entry is in the cache. Anything else — another query string, a miss, a new version (a load
by this server or by another process), an unknown region or a malformed period (their 404/422 are never filed
here) — goes through FastAPI as before. Every entry's key starts with the store version, so a load makes them
unreachable like every other cached result (``ecer.api.cache``).

Conditional requests: the answer carries ``ETag`` and ``Cache-Control: no-cache`` (a browser may keep it but asks
again each time); a request whose ``If-None-Match`` names the current tag gets ``304 Not Modified`` without a body.

>>> p = Prepared.of(b'{"rows":[]}')
>>> p.matches('W/"x", ' + p.etag), p.matches('"x"'), p.matches("*"), p.matches(None)
(True, False, True, False)
>>> [name for name, _ in p.headers], [name for name, _ in p.not_modified_headers]
([b'etag', b'cache-control', b'content-length', b'content-type'], [b'etag', b'cache-control'])
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from ecer.api.cache import MISSING, ResultCache

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ASSESSMENTS_PATH = "/api/assessments"
RAW = "assessment.raw"  # the cache's "what" of the prepared answers filed by raw query string
CACHE_CONTROL = "no-cache"  # may be stored, but asked again every time (a load changes the answer)


@dataclass(frozen=True)
class Prepared:
    """A JSON answer ready to send: ``body``, its ``etag`` and the raw ASGI header lists of the 200 answer
    (``headers``) and of the 304 answer (``not_modified_headers``)."""

    body: bytes
    etag: str
    headers: tuple[tuple[bytes, bytes], ...]
    not_modified_headers: tuple[tuple[bytes, bytes], ...]
    media_type: str = "application/json"

    @classmethod
    def of(cls, body: bytes, media_type: str = "application/json") -> Prepared:
        """Prepare ``body``: a strong ETag from its BLAKE2b-128 hash, the headers from Starlette's own responses."""
        etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        extra = {"etag": etag, "cache-control": CACHE_CONTROL}
        ok = Response(body, media_type=media_type, headers=extra)
        not_modified = Response(status_code=304, headers=extra)
        return cls(body, etag, tuple(ok.raw_headers), tuple(not_modified.raw_headers), media_type)

    def matches(self, if_none_match: str | None) -> bool:
        """Whether an ``If-None-Match`` header names this answer (``*``, or one of its tags; weak comparison as
        RFC 9110 §13.1.2 asks for If-None-Match: a ``W/`` prefix is ignored)."""
        if not if_none_match:
            return False
        for tag in if_none_match.split(","):
            tag = tag.strip()
            if tag == "*" or tag.removeprefix("W/") == self.etag:
                return True
        return False

    def response(self, if_none_match: str | None = None) -> Response:
        """The Starlette response the route returns: 304 when ``if_none_match`` names the tag, else 200."""
        if self.matches(if_none_match):
            answer = Response(status_code=304)
            answer.raw_headers = list(self.not_modified_headers)
        else:
            answer = Response(self.body)
            answer.raw_headers = list(self.headers)
        return answer

    @property
    def size(self) -> int:
        """Bytes the cache counts for this answer (``ecer.api.cache.estimated_size``)."""
        return len(self.body) + 512


def file_raw(cache: ResultCache, version: str, query_string: bytes, prepared: Prepared) -> None:
    """File ``prepared`` as the answer to this exact query string at this store version (for the fast path)."""
    cache.put((version, RAW, query_string), prepared)


def _lookup(scope: Scope) -> Prepared | None:
    """The prepared answer to this request when it is known without blocking, else ``None``."""
    app = scope.get("app")
    state = getattr(app, "state", None)
    holder = getattr(state, "store_holder", None)
    cache = getattr(state, "result_cache", None)
    if holder is None or cache is None:
        return None
    store = holder.made()
    if store is None:
        return None
    version = store.known_version()
    if version is None:
        return None
    found = cache.peek((version, RAW, scope.get("query_string", b"")))
    return None if found is MISSING else found


def _if_none_match(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"if-none-match":
            return bytes(value).decode("latin-1")
    return None


class AssessmentFastPath:
    """Pure ASGI middleware: a ``GET /api/assessments`` whose prepared answer is cached (see the module) is sent
    from here; every other request goes to the app unchanged.

    freeze_when_warm : at the first answer sent from here (the server is warm: the libraries imported, the
    reference data read, an assessment computed), collect once and move every object then alive out of the
    garbage collector's reach (``gc.freeze``). Without it a full collection walks the ≈ 200,000 objects of polars,
    Ibis, DuckDB and FastAPI every few thousand requests — 50–300 ms during which no request is answered, which
    was most of the p99 at 100 clients. For the server process only (``ecer serve``): the objects frozen are never
    collected, which a long test process should not have.
    """

    def __init__(self, app: ASGIApp, freeze_when_warm: bool = False) -> None:
        self.app = app
        self.freeze_when_warm = freeze_when_warm

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == ASSESSMENTS_PATH and scope["method"] == "GET":
            prepared = _lookup(scope)
            if prepared is not None:
                if self.freeze_when_warm:
                    self.freeze_when_warm = False
                    gc.collect()
                    gc.freeze()
                if prepared.matches(_if_none_match(scope)):
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 304,
                            "headers": list(prepared.not_modified_headers),
                        }
                    )
                    await send({"type": "http.response.body", "body": b""})
                else:
                    await send(
                        {"type": "http.response.start", "status": 200, "headers": list(prepared.headers)}
                    )
                    await send({"type": "http.response.body", "body": prepared.body})
                return
        await self.app(scope, receive, send)
