"""Waiting for a store that another thread or process is using: deadlines, back-off, the writer's flag.

No engine code here (``engines.py`` uses these for DuckDB files).

* :class:`Waiter` — one operation's bounded wait: a deadline, growing sleeps (5 ms doubling to 200 ms),
  and one bilingual notice (``on_wait``, else the ``ecer.storage`` log) the first time it has to wait
  for another process.
* :class:`WriterFlag` — "a process is loading into this store": an exclusive ``flock`` on
  ``<store>.lock``, held by a writer from before it opens the file read-write until it has closed it.
  Readers test the flag before they open the file (or reuse a connection their process already has
  open), so a steady stream of readers in one process cannot starve a writer in another. Without
  ``fcntl`` (Windows) the flag is a no-op and writers rely on DuckDB's own lock and the retry.

>>> w = Waiter(0.0, on_wait=None)
>>> w.expired(), round(w.remaining(), 3)
(True, 0.0)
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("ecer.storage")

#: Default seconds to wait for a busy store file (``$ECER_STORE_WAIT`` overrides it).
DEFAULT_WAIT = 30.0


def default_wait(env_var: str = "ECER_STORE_WAIT", fallback: float = DEFAULT_WAIT) -> float:
    """Seconds to wait for a busy store: ``$ECER_STORE_WAIT`` (a number ≥ 0) or ``fallback``.

    >>> default_wait("ECER_TEST_UNSET_VARIABLE", 7.5)
    7.5
    """
    text = os.environ.get(env_var, "").strip()
    if not text:
        return fallback
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{env_var} must be a number of seconds, got {text!r}") from None
    if value < 0:
        raise ValueError(f"{env_var} must be ≥ 0, got {text!r}")
    return value


def waiting_message(seconds: float, reason: str) -> str:
    """The notice shown once while an operation waits for another process.

    >>> waiting_message(30, "PID 12")
    '数据库正被其他进程使用，等待中（最多 30 秒）… / the store is in use by another process, waiting (up to 30 s) … [PID 12]'
    """
    return (f"数据库正被其他进程使用，等待中（最多 {seconds:g} 秒）… / the store is in use by another process, "
            f"waiting (up to {seconds:g} s) … [{reason}]")


class Waiter:
    """The bounded wait of one store operation (``seconds`` from its start)."""

    def __init__(self, seconds: float, on_wait: Callable[[str], None] | None) -> None:
        self.seconds = seconds
        self.on_wait = on_wait
        self._start = time.monotonic()
        self._end = self._start + seconds
        self._delay = 0.005
        self._told = False
        # A wait shorter than this is normal beside a busy server and not worth a notice.
        self._grace = min(0.5, seconds / 2)

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self._end

    def other_process(self, reason: str) -> None:
        """Say once that this operation waits for another process (after a short grace)."""
        if self._told or time.monotonic() - self._start < self._grace:
            return
        self._told = True
        text = waiting_message(self.seconds, reason)
        if self.on_wait is not None:
            self.on_wait(text)
        else:
            log.warning("%s", text)

    def sleep(self) -> None:
        """Sleep the next back-off step (never past the deadline)."""
        time.sleep(min(self._delay, self.remaining()))
        self._delay = min(self._delay * 2, 0.2)


class WriterFlag:
    """An exclusive ``flock`` on ``<store>.lock`` held by the process loading into the store.

    ``flock`` locks belong to an open file, so two threads of one process that each open the file
    exclude each other just as two processes do; the store never tests the flag from the thread
    that holds it.
    """

    def __init__(self, store_file: Path) -> None:
        self.path = store_file.with_name(store_file.name + ".lock")
        self._fd: int | None = None
        self._lock = threading.Lock()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the flag without blocking; ``True`` when this process holds it now."""
        if fcntl is None:  # pragma: no cover - Windows
            return True
        with self._lock:
            if self._fd is not None:
                return True
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:  # e.g. a lock file of another user: write without the flag
                log.debug("cannot use the writer flag %s: %s", self.path, exc)
                return True
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            os.ftruncate(fd, 0)
            os.write(fd, f"PID {os.getpid()}".encode())
            self._fd = fd
            return True

    def release(self) -> None:
        with self._lock:
            if self._fd is None:
                return
            fd, self._fd = self._fd, None
            os.ftruncate(fd, 0)
            os.close(fd)  # closing the file drops the lock

    def held_elsewhere(self) -> str | None:
        """Who holds the flag (``"PID 123"``) when another process (or thread) does, else ``None``."""
        if fcntl is None:  # pragma: no cover - Windows
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        except OSError:  # unreadable: cannot take part, do not block readers
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                text = os.read(fd, 100).decode(errors="replace").strip()
                return f"{text or 'a process'} is loading into it (lock file {self.path})"
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)
