"""Shared test set-up: hermetic dirs, offline by default, no API key from the environment."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # One compiled index for the whole session (and across local runs via pytest's cache dir);
    # it is keyed by snapshot checksum, so a stale one is rebuilt automatically.
    cache = getattr(config, "cache", None)  # absent under -p no:cacheprovider
    cache_root = cache.mkdir("synthquery-cache") if cache is not None else None
    if cache_root is not None and "SYNTHQUERY_TEST_KEEP_ENV" not in os.environ:
        os.environ["SYNTHQUERY_CACHE_DIR"] = str(cache_root)
    os.environ["SYNTHQUERY_OFFLINE"] = "1"  # tests never reach the internet
    os.environ.pop("SYNTHESIZE_API_KEY", None)
    os.environ.pop("SYNTHESIZE_API_BASE_URL", None)
    os.environ.pop("SYNTHQUERY_OLS_URL", None)


@pytest.fixture
def isolated_dirs(tmp_path, monkeypatch):
    """A fresh cache and data dir for tests that write there."""
    cache = tmp_path / "cache"
    data = tmp_path / "data"
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(cache))
    monkeypatch.setenv("SYNTHQUERY_DATA_DIR", str(data))
    return cache, data


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    # imported model vocabularies live in the data dir: never let one test see another's
    monkeypatch.setenv("SYNTHQUERY_DATA_DIR", str(tmp_path_factory.mktemp("data")))
