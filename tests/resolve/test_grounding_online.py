"""The OLS fallback of lookup() against a loopback OLS (tests/ols/server.py)."""

from __future__ import annotations

import pytest
from _resolve_fixtures import requires_snapshots

from ols.server import FakeOLS, ols_env, ols_server  # noqa: F401  (fixtures)
from synthquery.resolve import lookup

pytestmark = requires_snapshots


def test_strong_local_answer_does_not_ask(ols_env: FakeOLS) -> None:  # noqa: F811
    result = lookup("lung", "tissue")  # online=None: only weak answers go online
    assert result.best is not None and result.best.source == "snapshot"
    assert ols_env.requests == []


def test_weak_local_answer_asks_and_merges(ols_env: FakeOLS) -> None:  # noqa: F811
    result = lookup("blood pump organ", "tissue")
    assert ols_env.requests
    sources = {c.source for c in result.candidates}
    assert "ols" in sources
    ols = [c for c in result.candidates if c.source == "ols"]
    assert ols[0].id == "UBERON:0000948" and ols[0].vocabulary == "UBERON"
    assert len({c.id for c in result.candidates}) == len(result.candidates)


def test_online_true_never_duplicates_local_ids(ols_env: FakeOLS) -> None:  # noqa: F811
    result = lookup("lung", "tissue", online=True)
    ids = [c.id for c in result.candidates]
    assert ids.count("UBERON:0002048") == 1
    assert result.best is not None and result.best.source == "snapshot"


def test_vocabularies_outside_ols_never_ask(ols_env: FakeOLS) -> None:  # noqa: F811
    lookup("no such cell line zzz", "cell_line", online=True)
    lookup("no such gene zzz", "gene", online=True)
    assert ols_env.requests == []


def test_offline_environment(ols_env: FakeOLS, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "1")
    result = lookup("blood pump organ", "tissue")
    assert all(c.source == "snapshot" for c in result.candidates)
    assert ols_env.requests == []
