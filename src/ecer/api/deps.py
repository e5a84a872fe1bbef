"""Request dependencies as typed aliases: ``StoreDep``, ``SettingsDep``, ``StoreHolderDep``, ``CacheDep``.

The app has one :class:`ecer.storage.Store` object, made on first use. It holds no connection and no lock
between calls: every store call is its own short session (a DuckDB file is opened read-only for a read,
read-write only for a load's transaction, and let go after), so requests run side by side, the CLI can
read and load beside the server, and nothing is held while a request parses a file or renders a page.
A store call that finds the file busy for longer than ``Settings.store_wait`` seconds raises
``E_STORE_BUSY`` (503 with ``Retry-After``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from ecer.api.cache import ResultCache
from ecer.api.settings import DEFAULT_STORE_WAIT, Settings
from ecer.storage import Store

log = logging.getLogger("ecer.api")
T = TypeVar("T")


class StoreHolder:
    """Makes the app's store on first use (``Store.at(location)``: a DuckDB file or ``spark:…``).

    wait : seconds a store call of the server waits for a file another process holds [s].
    """

    def __init__(self, path: Path | None, store: Store | None = None, *, wait: float = DEFAULT_STORE_WAIT):
        self.path = path
        self.wait = wait
        self._store = store
        self._made = threading.Lock()  # held only while the Store object is made, never during a request

    def get(self) -> Store:
        if self._store is None:
            with self._made:
                if self._store is None and self.path is not None:
                    self._store = Store.at(self.path, wait=self.wait, on_wait=log.warning)
                elif self._store is None:
                    self._store = Store.open(None, wait=self.wait, on_wait=log.warning)
        return self._store

    def made(self) -> Store | None:
        """The store when it was made already, else ``None`` (never blocks)."""
        return self._store

    @contextmanager
    def session(self) -> Iterator[Store]:
        """The store (kept for callers written against the old lock; it holds nothing now)."""
        yield self.get()

    def close(self) -> None:
        with self._made:
            if self._store is not None:
                self._store.close()
                self._store = None


# The trivial dependencies are ``async``: FastAPI runs a plain ``def`` dependency on the thread pool, a hop
# per request for nothing. They never block (``get_store`` may make a Spark session, so it stays plain).
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_store_holder(request: Request) -> StoreHolder:
    holder: StoreHolder = request.app.state.store_holder
    return holder


async def get_cache(request: Request) -> ResultCache:
    """The app's cache of results computed from the store, keyed by ``Store.version()`` (``ecer.api.cache``)."""
    cache: ResultCache = request.app.state.result_cache
    return cache


async def get_store(request: Request) -> Store:
    """The app's store (no lock: each store call is its own session). Made on the thread pool the first time (a
    Spark session may take seconds), then handed out without a thread hop."""
    holder: StoreHolder = request.app.state.store_holder
    made = holder.made()
    return made if made is not None else await run_in_threadpool(holder.get)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreHolderDep = Annotated[StoreHolder, Depends(get_store_holder)]
StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[ResultCache, Depends(get_cache)]


def cached_now(store: Store, cache: ResultCache, what: str, params: tuple[object, ...]) -> object:
    """The cached value of ``(what, params)`` when it is known without blocking — the store's version is known
    without reading the store (``Store.known_version``) and the cache holds the entry — else ``MISSING``. For
    ``async`` endpoints: a hit is answered on the event loop, a miss goes to the thread pool (:func:`cached`)."""
    from ecer.api.cache import MISSING

    version = store.known_version()
    if version is None:
        return MISSING
    return cache.peek((version, what, params))


def cached(store: Store, cache: ResultCache, what: str, params: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()`` once per store version and ``(what, params)``: the store's version is read first (cheap), so
    a load by any process — this server's upload or an ``ecer load`` beside it — is seen by the next request."""
    return cache.get((store.version(), what, params), compute)
