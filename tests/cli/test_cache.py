"""``synthquery cache info|clear`` on a cache filled from the loopback OLS server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ols.server import FakeOLS, ols_env, ols_server  # noqa: F401  (fixtures)
from synthquery.cli import main
from synthquery.ols import CACHE_FILENAME, OLSClient


@pytest.fixture
def cache(isolated_dirs: tuple[Path, Path], ols_env: FakeOLS) -> Iterator[Path]:  # noqa: F811
    """An isolated cache dir with 3 fresh OLS answers (2 uberon, 1 cl), 1 expired (mondo) and a
    stand-in for the compiled ontology index."""
    directory = isolated_dirs[0]
    with OLSClient(ols_env.url, cache_dir=directory) as client:
        assert client.search_exact("heart", "uberon").source == "network"
        assert client.term("UBERON:0002048").source == "network"
        assert client.search_exact("B cell", "cl").source == "network"
    with OLSClient(ols_env.url, cache_dir=directory, expire_after_days=0) as client:
        assert client.search_exact("lung adenocarcinoma", "mondo").source == "network"
    (directory / "vocab-0123456789abcdef.sqlite").write_bytes(b"index stand-in")
    (directory / "notes.txt").write_text("not synthquery's")
    yield directory


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_info_reports_entries_age_and_expiry(cache: Path, capsys: pytest.CaptureFixture[str]):
    info = run_json(capsys, "cache", "info")
    ols = info["ols"]
    assert info["cache_dir"] == str(cache)
    assert ols["path"] == str(cache / CACHE_FILENAME)
    assert (ols["entries"], ols["fresh"], ols["expired"]) == (4, 3, 1)
    assert ols["by_ontology"] == {"cl": 1, "mondo": 1, "uberon": 2}
    assert ols["by_endpoint"] == {"search": 3, "term": 1}
    assert ols["size_bytes"] > 0 and ols["expire_after_days"] == 30
    assert ols["oldest"] <= ols["newest"]
    assert {f["name"] for f in info["other_files"]} == {
        "vocab-0123456789abcdef.sqlite",
        "notes.txt",
    }

    assert main(["cache", "info"]) == 0
    text = capsys.readouterr().out
    assert "entries: 4 (3 fresh, 1 expired)" in text
    assert "by ontology: cl 1, mondo 1, uberon 2" in text


def test_info_on_an_empty_cache(isolated_dirs: tuple[Path, Path], capsys):
    info = run_json(capsys, "cache", "info")
    assert (info["ols"]["exists"], info["ols"]["entries"]) == (False, 0)
    assert main(["cache", "info"]) == 0
    assert "not created yet" in capsys.readouterr().out
    assert not (isolated_dirs[0] / CACHE_FILENAME).exists()  # info never creates the cache


def test_clear_expired_then_one_ontology_then_all_ols(cache: Path, capsys):
    assert run_json(capsys, "cache", "clear", "--expired")["removed_entries"] == 1
    assert run_json(capsys, "cache", "clear", "--ontology", "UBERON")["removed_entries"] == 2
    assert run_json(capsys, "cache", "info")["ols"]["by_ontology"] == {"cl": 1}
    assert main(["cache", "clear", "--ols"]) == 0
    out = capsys.readouterr()
    assert "removed 1 OLS cache entry" in out.out and "index was kept" in out.err
    assert run_json(capsys, "cache", "info")["ols"]["entries"] == 0
    assert (cache / "vocab-0123456789abcdef.sqlite").exists()  # the index is not ours to drop


def test_cleared_answers_are_fetched_again(cache: Path, ols_env: FakeOLS, capsys):  # noqa: F811
    before = len(ols_env.requests)
    assert main(["cache", "clear"]) == 0
    with OLSClient(ols_env.url, cache_dir=cache) as client:
        assert client.search_exact("heart", "uberon").source == "network"
    assert len(ols_env.requests) == before + 1


def test_clear_all_removes_index_but_not_foreign_files(cache: Path, capsys):
    result = run_json(capsys, "cache", "clear", "--all")
    assert result["removed_entries"] == 4
    assert CACHE_FILENAME in result["removed_files"]
    assert "vocab-0123456789abcdef.sqlite" in result["removed_files"]
    assert sorted(p.name for p in cache.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    "argv",
    [
        ["cache", "clear", "--all", "--expired"],
        ["cache", "clear", "--ontology", "cellosaurus"],
        ["cache"],
        ["cache", "purge"],
    ],
)
def test_usage_errors_exit_2(isolated_dirs, argv: list[str], capsys) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err
