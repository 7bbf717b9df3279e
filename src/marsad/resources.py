"""Load the data files shipped inside the package (lexicons, tables, models), once and with clear errors.

Every stage keeps its knowledge in ``<its package>/data/``; a missing or broken file is a
:class:`ResourceError` that names the file and says how to fix it, never a bare ``KeyError`` later on.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from marsad.errors import ResourceError


def read_text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>``."""
    try:
        return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(
            f"cannot read {package}/data/{name}: {exc}; reinstall Marsad or rebuild it (see scripts/)",
            code="R001",
        ) from exc


def load_yaml(package: str, name: str) -> dict[str, Any]:
    """Parse ``<package>/data/<name>``, which must hold a mapping."""
    try:
        data = yaml.safe_load(read_text(package, name))
    except yaml.YAMLError as exc:
        raise ResourceError(f"{package}/data/{name} is not valid YAML: {exc}", code="R001") from exc
    if not isinstance(data, dict):
        raise ResourceError(f"{package}/data/{name} must hold a mapping at the top", code="R001")
    return data
