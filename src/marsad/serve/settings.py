"""How the web server is configured: from the environment, overridden by ``marsad serve`` options.

Writes (ingest, split, merge) need a bearer token; a server started without one refuses every write, so
exposing the UI never exposes the database to changes by accident.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, SecretStr

ENV_PREFIX = "MARSAD_"


class ServeSettings(BaseModel):
    """Settings of one server; ``from_env`` reads ``MARSAD_*`` variables."""

    model_config = ConfigDict(frozen=True)

    api_token: SecretStr | None = None
    """``MARSAD_API_TOKEN``: the bearer token writes require; None refuses all writes."""
    cors_origins: tuple[str, ...] = ()
    """``MARSAD_CORS_ORIGINS`` (comma-separated): origins allowed to call the API from a browser."""
    db: str | None = None
    """``MARSAD_DB``: database URL or SQLite file, when the app opens the store itself."""
    data_dir: Path | None = None
    """``MARSAD_DATA_DIR``: folder of the default SQLite store."""
    allow_private_urls: bool = False
    """``MARSAD_ALLOW_PRIVATE_URLS``: let ``POST /api/ingest`` fetch loopback and private addresses."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> ServeSettings:
        """Settings from ``environ`` (default ``os.environ``); overrides that are not None win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            "api_token": env.get(ENV_PREFIX + "API_TOKEN") or None,
            "cors_origins": tuple(
                o.strip() for o in env.get(ENV_PREFIX + "CORS_ORIGINS", "").split(",") if o.strip()
            ),
            "db": env.get(ENV_PREFIX + "DB") or None,
            "data_dir": env.get(ENV_PREFIX + "DATA_DIR") or None,
            "allow_private_urls": env.get(ENV_PREFIX + "ALLOW_PRIVATE_URLS", "").lower()
            in ("1", "true", "yes"),
        }
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls.model_validate(values)

    @property
    def writes_enabled(self) -> bool:
        return self.api_token is not None and bool(self.api_token.get_secret_value())
