"""Request dependencies as typed aliases: ``StoreDep``, ``SettingsDep``, ``StoreHolderDep``.

The app owns one :class:`ecer.storage.Store` (DuckDB allows one writing process per file), opened on first
use and closed at shutdown. A store connection is not safe for concurrent queries, so every request
holds the store's lock while it uses it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from ecer.api.settings import Settings
from ecer.storage import Store


class StoreHolder:
    """Opens the store lazily (``Store.at(location)``: a DuckDB file or ``spark:…``) and serialises access."""

    def __init__(self, path: Path | None, store: Store | None = None):
        self.path = path
        self._store = store
        self.lock = threading.Lock()

    def _get(self) -> Store:
        if self._store is None:
            self._store = Store.at(self.path) if self.path is not None else Store.open(None)
        return self._store

    @contextmanager
    def session(self) -> Iterator[Store]:
        """Hold the lock and give the store (opening it on first use)."""
        with self.lock:
            yield self._get()

    def close(self) -> None:
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store_holder(request: Request) -> StoreHolder:
    holder: StoreHolder = request.app.state.store_holder
    return holder


def get_store(request: Request) -> Iterator[Store]:
    """The app's store, held under its lock for the whole request."""
    with get_store_holder(request).session() as store:
        yield store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreHolderDep = Annotated[StoreHolder, Depends(get_store_holder)]
StoreDep = Annotated[Store, Depends(get_store)]
