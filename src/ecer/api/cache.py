"""A bounded, thread-safe cache of results computed from the store, keyed by the store's version.

Every key starts with ``Store.version()`` (it changes with every committed load, by the server or by ``ecer load``
in another process), so a load makes every older entry unreachable; the first request that sees a new version
also drops the entries of older ones. Entries are evicted least recently used first, beyond ``max_entries`` or
``max_bytes`` (each entry's size is estimated: a polars frame's ``estimated_size()``, bytes by their length).

Concurrent identical misses compute **once**: the first request computes while the others wait on its
``Future`` (no lock is held while computing; the lock guards only the dictionaries). A ``FindingsError`` is a
result too (the same question on the same version gets the same 404/422), except ``E_STORE_BUSY``, which is
transient and never cached; any other exception reaches every waiting request and is not cached.

>>> cache = ResultCache(max_entries=2)
>>> cache.get(("v1", "a"), lambda: 1), cache.get(("v1", "a"), lambda: 2), cache.stats()["hits"]
(1, 1, 1)
>>> cache.get(("v2", "a"), lambda: 3), len(cache)   # a new version: the old entries are dropped
(3, 1)
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

import polars as pl

from ecer.findings import Finding, FindingsError

T = TypeVar("T")
TRANSIENT_CODES = frozenset({"E_STORE_BUSY"})
DEFAULT_MAX_ENTRIES = 256
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
MISSING: Any = object()  # ResultCache.peek: not cached


@dataclass(frozen=True)
class _Entry:
    value: Any
    error: tuple[Finding, ...] | None
    size: int

    def unwrap(self) -> Any:
        if self.error is not None:
            raise FindingsError(list(self.error))
        return self.value


def estimated_size(value: Any) -> int:
    """Rough bytes of a cached value: frames by polars' estimate, bytes by length, containers summed."""
    if isinstance(value, pl.DataFrame):
        return int(value.estimated_size())
    if isinstance(value, (bytes, bytearray, str)):
        return len(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sum(estimated_size(v) for v in value) + 64
    if isinstance(value, dict):
        return sum(estimated_size(k) + estimated_size(v) for k, v in value.items()) + 64
    table = getattr(value, "table", None)  # e.g. an AssessmentResult: its frame dominates
    if isinstance(table, pl.DataFrame):
        return int(table.estimated_size()) + 4096
    return sys.getsizeof(value)


class ResultCache:
    """LRU of ``key → value``; a key is a tuple whose first item is the store version.

    max_entries : most entries kept; max_bytes : most estimated bytes kept (a value larger than that is returned
    but not kept).
    """

    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()  # guards the dictionaries only, never held while computing
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._flights: dict[Hashable, Future[_Entry]] = {}
        self._bytes = 0
        self._version: Hashable = None
        self.hits = self.misses = self.waits = 0

    def __len__(self) -> int:
        return len(self._entries)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes, "hits": self.hits, "misses": self.misses,
                    "waits": self.waits}

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def peek(self, key: tuple[Hashable, ...]) -> Any:
        """The cached value of ``key`` (a hit, raising a cached ``FindingsError``), or ``MISSING``; never computes
        and never waits (the lock guards a dictionary look-up only)."""
        with self._lock:
            if key[0] != self._version:
                return MISSING
            entry = self._entries.get(key)
            if entry is None:
                return MISSING
            self._entries.move_to_end(key)
            self.hits += 1
        return entry.unwrap()

    def get(self, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """The cached value of ``key``, else ``compute()`` once (other callers of the same key wait for it)."""
        with self._lock:
            self._see_version(key[0])
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                flight = self._flights.get(key)
                owner = flight is None
                if owner:
                    flight = self._flights[key] = Future()
                    self.misses += 1
                else:
                    self.waits += 1
        if entry is not None:
            return entry.unwrap()
        assert flight is not None
        if not owner:
            return flight.result().unwrap()
        try:
            value = compute()
        except FindingsError as exc:
            entry = _Entry(None, tuple(exc.findings), 1024)
            transient = any(f.code in TRANSIENT_CODES for f in exc.findings)
            self._finish(key, flight, entry, keep=not transient)
            raise
        except BaseException as exc:
            with self._lock:
                self._flights.pop(key, None)
            flight.set_exception(exc)
            raise
        self._finish(key, flight, _Entry(value, None, estimated_size(value)), keep=True)
        return value

    def _finish(self, key: Hashable, flight: Future[_Entry], entry: _Entry, *, keep: bool) -> None:
        with self._lock:
            self._flights.pop(key, None)
            if keep and entry.size <= self.max_bytes:
                old = self._entries.pop(key, None)
                self._bytes -= old.size if old is not None else 0
                self._entries[key] = entry
                self._bytes += entry.size
                while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
                    _, dropped = self._entries.popitem(last=False)
                    self._bytes -= dropped.size
        flight.set_result(entry)

    def _see_version(self, version: Hashable) -> None:
        """A version not seen before (a load happened): drop every entry of the others (lock held)."""
        if version == self._version:
            return
        self._version = version
        for k in [k for k in self._entries if isinstance(k, tuple) and k[0] != version]:
            self._bytes -= self._entries.pop(k).size
