"""Server settings from the environment: ``ECER_STORE``, ``ECER_HOST`` (127.0.0.1), ``ECER_PORT`` (8000).

Safe by default: the server binds the loopback interface unless ``ECER_HOST`` says otherwise.

>>> s = Settings.from_env({"ECER_PORT": "9001"})
>>> s.host, s.port, s.store_path
('127.0.0.1', 9001, None)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_BYTES = 50_000_000


@dataclass(frozen=True)
class Settings:
    """Where the store lives, where to listen, how big an upload may be [bytes]."""

    store_path: Path | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``ECER_STORE``, ``ECER_HOST``, ``ECER_PORT`` (a bad port raises ``ValueError``)."""
        env = os.environ if env is None else env
        store = env.get("ECER_STORE") or None
        port_text = env.get("ECER_PORT") or str(DEFAULT_PORT)
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"ECER_PORT must be a port number, got {port_text!r}") from None
        return cls(
            store_path=Path(store) if store else None,
            host=env.get("ECER_HOST") or DEFAULT_HOST,
            port=port,
        )
