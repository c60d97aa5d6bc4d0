"""Fixtures: the tiny fixture snapshot (tests/data/snapshots) and the real one when present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ontology.paths import FIXTURE, REAL


@pytest.fixture
def fixture_snapshot(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point synthquery at the fixture snapshot (index in the session cache dir)."""
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(FIXTURE))
    return FIXTURE


@pytest.fixture
def snapshot_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, writable copy of the fixture snapshot with a private cache dir."""
    target = tmp_path / "snapshots"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(target))
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(tmp_path / "cache"))
    return target


@pytest.fixture
def real_snapshot(monkeypatch: pytest.MonkeyPatch) -> Path:
    if not (REAL / "manifest.json").is_file():
        pytest.skip("the real snapshots (ontologies/manifest.json) are not built")
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(REAL))
    return REAL
