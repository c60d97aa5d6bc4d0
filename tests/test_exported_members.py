"""The public surface: everything in __all__ resolves, and __all__ is sorted."""

from __future__ import annotations

import subprocess
import sys

import synthquery


def test_all_is_sorted_and_complete() -> None:
    assert synthquery.__all__ == sorted(synthquery.__all__, key=str.lower)
    for name in synthquery.__all__:
        assert getattr(synthquery, name) is not None, name


def test_unknown_attribute() -> None:
    try:
        synthquery.does_not_exist  # noqa: B018
    except AttributeError as exc:
        assert "does_not_exist" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_is_lazy() -> None:
    # importing the package must not pull in the heavy layers
    code = (
        "import sys, synthquery; "
        "heavy = [m for m in ('pandas', 'numpy', 'httpx', 'requests_cache', 'pydantic', "
        "'rapidfuzz', 'sqlite3') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
