"""Where synthquery keeps things: shipped snapshots, the user cache and the user data dir."""

from __future__ import annotations

import os
import tempfile
import warnings
from functools import cache
from pathlib import Path

__all__ = ["cache_dir", "data_dir", "snapshot_dir"]

_APP = "synthquery"


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def _resolve_dir(env: str, kind: str) -> Path:
    override = os.environ.get(env)
    if override:
        wanted = Path(override).expanduser()
    else:
        import platformdirs

        getter = platformdirs.user_cache_dir if kind == "cache" else platformdirs.user_data_dir
        wanted = Path(getter(_APP))
    if _writable(wanted):
        return wanted
    fallback = (
        Path(tempfile.gettempdir())
        / f"{_APP}-{kind}-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    )
    warnings.warn(
        f"{kind} dir {wanted} is not writable; using {fallback} instead",
        RuntimeWarning,
        stacklevel=3,
    )
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def cache_dir() -> Path:
    """The user cache dir (``SYNTHQUERY_CACHE_DIR`` overrides); a temp dir if unwritable."""
    return _resolve_dir("SYNTHQUERY_CACHE_DIR", "cache")


def data_dir() -> Path:
    """The user data dir (``SYNTHQUERY_DATA_DIR`` overrides); a temp dir if unwritable."""
    return _resolve_dir("SYNTHQUERY_DATA_DIR", "data")


@cache
def _default_snapshot_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_ontologies"  # wheel installs carry the snapshots inside the package
    if (shipped / "manifest.json").is_file():
        return shipped
    return here.parents[1] / "ontologies"  # source checkout / editable install


def snapshot_dir() -> Path:
    """The dir with ``manifest.json`` and snapshots (``SYNTHQUERY_ONTOLOGIES_DIR`` wins)."""
    override = os.environ.get("SYNTHQUERY_ONTOLOGIES_DIR")
    return Path(override) if override else _default_snapshot_dir()
