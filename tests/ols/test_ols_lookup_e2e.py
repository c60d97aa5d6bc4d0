"""Issue 6 "done means": grounding falls back to OLS (loopback), caches it, and survives OLS dying.

"blood pump organ" is no name of heart in the UBERON snapshot; the loopback OLS knows it as a
synonym of UBERON:0000948.
"""

from __future__ import annotations

import json
import time

import pytest

from ols.server import FakeOLS
from synthquery.cli import _load, main

TEXT = "blood pump organ"
HEART = "UBERON:0000948"
BUDGET = 2.0  # seconds: the fixture's connect timeout; a refused connection must not cost more


def test_lookup_online_uses_ols_then_cache_then_stale(
    ols_env: FakeOLS, monkeypatch: pytest.MonkeyPatch
) -> None:
    from synthquery.resolve import lookup

    first = lookup(TEXT, "tissue", online=True)
    assert first.best is not None
    assert (first.best.id, first.best.source, first.best.match) == (HEART, "ols", "ols exact")
    asked = len(ols_env.requests)
    assert asked >= 1

    second = lookup(TEXT, "tissue", online=True)
    assert (second.best.id, second.best.source) == (HEART, "ols-cache")
    assert len(ols_env.requests) == asked  # served from the cache

    ols_env.stop()
    monkeypatch.setenv("SYNTHQUERY_OLS_CACHE_DAYS", "0")  # every cached answer is now stale
    started = time.monotonic()
    stale = lookup(TEXT, "tissue", online=True)
    assert time.monotonic() - started < BUDGET
    assert (stale.best.id, stale.best.source) == (HEART, "ols-cache")
    assert any("cached copy" in w for w in stale.warnings)

    started = time.monotonic()
    unseen = lookup("valva cordis", "tissue", online=True)  # never asked: offline answer only
    assert time.monotonic() - started < BUDGET
    assert all(c.source == "snapshot" for c in unseen.candidates)
    assert any("OLS" in w for w in unseen.warnings)


def test_lookup_respects_offline_and_online_false(
    ols_env: FakeOLS, monkeypatch: pytest.MonkeyPatch
) -> None:
    from synthquery.resolve import lookup

    assert all(c.source == "snapshot" for c in lookup(TEXT, "tissue", online=False).candidates)
    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "1")
    assert all(c.source == "snapshot" for c in lookup(TEXT, "tissue").candidates)
    assert ols_env.requests == []


def _lookup_cli(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["lookup", TEXT, "--field", "tissue", "--online", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.skipif(_load("lookup") is None, reason="the `lookup` command is not written yet")
def test_cli_lookup_online(
    ols_env: FakeOLS, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    best = _lookup_cli(capsys)["candidates"][0]
    assert (best["id"], best["match"]) == (HEART, "ols exact")  # found through OLS
    asked = len(ols_env.requests)

    assert _lookup_cli(capsys)["candidates"][0]["id"] == HEART
    assert len(ols_env.requests) == asked  # second call served from the cache

    ols_env.stop()
    monkeypatch.setenv("SYNTHQUERY_OLS_CACHE_DAYS", "0")  # the cached answer is now stale
    started = time.monotonic()
    payload = _lookup_cli(capsys)
    assert time.monotonic() - started < BUDGET
    assert payload["candidates"][0]["id"] == HEART
    assert any("unreachable" in w and "cached copy" in w for w in payload["warnings"])
