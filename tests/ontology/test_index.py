"""The compiled index: built once, keyed by snapshot checksum, rebuilt when stale or damaged,
safe under concurrent first use, and out of the way of ``import synthquery``."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ontology.paths import FIXTURE
from synthquery.ontology import build_index, index_info, vocab
from synthquery.ontology._lock import file_lock
from synthquery.ontology.index import current_handle, last_build


def _index_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("vocab-*.sqlite"))


def test_first_use_builds_then_reuses(snapshot_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert index_info()["built"] is False
    assert vocab("UBERON").term("UBERON:0002048").label == "lung"
    [path] = _index_files(cache)
    info = index_info()
    assert info["built"] is True and info["index_path"] == str(path)
    assert info["size_bytes"] == path.stat().st_size
    assert info["vocabularies"]["UBERON"]["indexed"]["terms"] == 12
    assert info["vocabularies"]["NCBITAXON"]["indexed"]["ids"] == 10
    mtime = path.stat().st_mtime_ns
    assert build_index() == path  # current: nothing to do
    assert path.stat().st_mtime_ns == mtime
    build_index(force=True)
    assert path.stat().st_mtime_ns != mtime
    assert vocab("UBERON").term("UBERON:0002048").label == "lung"  # reopened after the rebuild
    assert index_info(check=True)["quick_check"] == "ok"


def test_index_name_is_keyed_by_snapshot_checksums(snapshot_copy: Path, tmp_path: Path) -> None:
    build_index()
    [old] = _index_files(tmp_path / "cache")
    # a new snapshot version in the same directory: new key, new index, the old one removed
    data = gzip.compress(b'{"id": "CL:0000000", "label": "cell, renamed"}\n', mtime=0)
    (snapshot_copy / "cl.jsonl.gz").write_bytes(data)
    manifest = json.loads((snapshot_copy / "manifest.json").read_text())
    manifest["vocabularies"]["CL"]["sha256"] = hashlib.sha256(data).hexdigest()
    (snapshot_copy / "manifest.json").write_text(json.dumps(manifest))
    current_handle()._manifest = None  # a new process would read the manifest afresh
    current_handle()._key = current_handle()._path = None
    current_handle().close()
    new = build_index()
    assert new != old and not old.exists()
    assert vocab("CL").term("CL:0000000").label == "cell, renamed"


def _fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> Path:
    cache = tmp_path / name
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(cache))
    return cache


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "missing_table", "other_key", "incomplete"],
)
def test_damaged_or_stale_index_is_rebuilt(
    damage: str, snapshot_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_index()
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"this is not an sqlite file" * 100)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        conn = sqlite3.connect(path)
        if damage == "missing_table":
            conn.execute("DROP TABLE edges")
        elif damage == "other_key":
            conn.execute("UPDATE meta SET value = 'feed' WHERE key = 'key'")
        else:
            conn.execute("DELETE FROM meta WHERE key = 'complete'")
        conn.commit()
        conn.close()
    # a fresh process (new handle): same dirs, so re-point the env to force a new handle slot
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(path.parent) + os.sep)
    assert index_info()["built"] is False
    assert vocab("MONDO").term("MONDO:0000002").obsolete
    assert index_info()["built"] is True
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def test_unwritable_cache_dir_falls_back_with_a_warning(
    snapshot_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(blocker / "cache"))  # mkdir fails even as root
    with pytest.warns(RuntimeWarning, match="not writable"):
        term = vocab("CVCL").term("CVCL_0030")
    assert term.label == "HeLa"
    path = Path(index_info()["index_path"])
    assert path.is_file() and blocker not in path.parents


def test_import_does_not_touch_the_index(snapshot_copy: Path, tmp_path: Path) -> None:
    code = "import sys, synthquery; print('sqlite3' in sys.modules)"
    env = {**os.environ}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
    assert not (tmp_path / "cache").exists()


_WORKER = textwrap.dedent(
    """
    import json, os, sys, time
    go = sys.argv[1]
    while not os.path.exists(go):
        time.sleep(0.005)
    from synthquery.ontology import vocab
    from synthquery.ontology.index import last_build
    term = vocab("UBERON").term("UBERON:0002048")
    print(json.dumps({"label": term.label, "built": bool(last_build),
                      "ancestors": vocab("UBERON").ancestors(term.id)}))
    """
)


def _run_workers(tmp_path: Path, n: int, hold_lock_for: float = 0.0) -> list[dict[str, object]]:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    if hold_lock_for:
        # hold the build lock so both workers find no index and queue on the lock together
        (tmp_path / "cache").mkdir(exist_ok=True)
        lock = Path(index_info()["index_path"]).with_suffix(".lock")
        with file_lock(lock) as locked:
            assert locked
            go.touch()
            time.sleep(hold_lock_for)
    else:
        go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    return results


def test_concurrent_first_use_builds_once(snapshot_copy: Path, tmp_path: Path) -> None:
    results = _run_workers(tmp_path, 2, hold_lock_for=1.5)
    assert [r["label"] for r in results] == ["lung", "lung"]
    assert sum(bool(r["built"]) for r in results) == 1  # the other waited, then reused it
    assert results[0]["ancestors"] == results[1]["ancestors"]
    files = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len([f for f in files if f.endswith(".sqlite")]) == 1
    assert not [f for f in files if f.endswith(".tmp")]
    assert index_info(check=True)["quick_check"] == "ok"


def test_concurrent_first_use_without_coordination(snapshot_copy: Path, tmp_path: Path) -> None:
    results = _run_workers(tmp_path, 3)
    assert [r["label"] for r in results] == ["lung"] * 3
    assert sum(bool(r["built"]) for r in results) >= 1
    assert index_info(check=True)["quick_check"] == "ok"


def test_dead_builders_temp_file_is_cleaned_up(snapshot_copy: Path, tmp_path: Path) -> None:
    # a leftover temp file from a crashed builder is ignored and does not block anything
    cache = tmp_path / "cache"
    cache.mkdir()
    path = Path(index_info()["index_path"])
    leftover = cache / f".{path.stem}.99999.1.tmp"
    leftover.write_bytes(b"half-written")
    assert vocab("ENSEMBL").term("ENSG00000156127").label == "BATF"
    assert last_build["path"] == str(path)
    assert not leftover.exists()  # removed by the next builder holding the lock


def test_index_of_another_snapshot_dir_is_kept(
    snapshot_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_index()
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(FIXTURE))
    second = build_index(force=True)
    assert first != second or first.exists()
    assert first.exists() and second.exists()
