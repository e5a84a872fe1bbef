"""Server settings from the environment: ``ECER_STORE``, ``ECER_HOST`` (127.0.0.1), ``ECER_PORT`` (8000),
``ECER_SERVE_STORE_WAIT`` (5: seconds a store call waits for a file another process holds, then 503).

Safe by default: the server binds the loopback interface unless ``ECER_HOST`` says otherwise.

>>> s = Settings.from_env({"ECER_PORT": "9001"})
>>> s.host, s.port, s.store_path, s.store_wait
('127.0.0.1', 9001, None, 5.0)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_BYTES = 50_000_000
DEFAULT_STORE_WAIT = 5.0
#: ``Retry-After`` of a 503 ``E_STORE_BUSY`` answer [s].
RETRY_AFTER_SECONDS = 2


@dataclass(frozen=True)
class Settings:
    """Where the store lives, where to listen, how big an upload may be [bytes], how long to wait for a busy store [s]."""

    store_path: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    store_wait: float = DEFAULT_STORE_WAIT

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``ECER_STORE``, ``ECER_HOST``, ``ECER_PORT``, ``ECER_SERVE_STORE_WAIT`` (bad values raise ``ValueError``)."""
        env = os.environ if env is None else env
        store = env.get("ECER_STORE") or None
        port_text = env.get("ECER_PORT") or str(DEFAULT_PORT)
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"ECER_PORT must be a port number, got {port_text!r}") from None
        wait_text = env.get("ECER_SERVE_STORE_WAIT") or str(DEFAULT_STORE_WAIT)
        try:
            wait = float(wait_text)
        except ValueError:
            raise ValueError(f"ECER_SERVE_STORE_WAIT must be a number of seconds, got {wait_text!r}") from None
        if wait < 0:
            raise ValueError(f"ECER_SERVE_STORE_WAIT must be ≥ 0, got {wait_text!r}")
        return cls(
            store_path=Path(store) if store else None,
            host=env.get("ECER_HOST") or DEFAULT_HOST,
            port=port,
            store_wait=wait,
        )
