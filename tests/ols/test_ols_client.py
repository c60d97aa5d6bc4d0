"""The OLS client against a real loopback server: caching, faults, offline, circuit breaker."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ols.server import FakeOLS
from synthquery import UsageError
from synthquery.ols import (
    BREAKER,
    CACHE_FILENAME,
    OLSClient,
    OLSResult,
    default_client,
    reset_default_client,
)

MakeClient = Callable[..., OLSClient]


def ids(result: OLSResult) -> list[str]:
    return [hit.obo_id for hit in result.hits]


def test_exact_search_then_cache_hit(ols_env: FakeOLS, make_client: MakeClient) -> None:
    client = make_client()
    first = client.search_exact("Branchial Heart", "uberon")
    assert (ids(first), first.source, first.warnings) == (["UBERON:0000948"], "network", ())
    (hit,) = ols_env.requests
    assert hit.path == "/api/search"
    assert hit.params["q"] == "Branchial Heart"
    assert {k: hit.params[k] for k in ("exact", "queryFields", "local", "type", "ontology")} == {
        "exact": "true",
        "queryFields": "label,synonym",
        "local": "true",
        "type": "class",
        "ontology": "uberon",
    }

    second = client.search_exact("Branchial Heart", "UBERON")
    assert (ids(second), second.source) == (["UBERON:0000948"], "cache")
    assert len(ols_env.requests) == 1  # served from the cache
    # a new client (new process, same cache dir) is served from disk as well
    assert make_client().search_exact("Branchial Heart", "uberon").source == "cache"
    assert len(ols_env.requests) == 1


def test_cache_keys_separate_ontologies_and_texts(
    ols_env: FakeOLS, make_client: MakeClient
) -> None:
    client = make_client()
    assert ids(client.search_exact("heart", "uberon")) == ["UBERON:0000948"]
    assert ids(client.search_exact("heart", "cl")) == []
    assert ids(client.search_exact("lung", "uberon")) == ["UBERON:0002048"]
    assert len(ols_env.requests) == 3


def test_exact_recheck_drops_non_exact_hits(ols_env: FakeOLS, make_client: MakeClient) -> None:
    ols_env.non_exact = True  # like live OLS: "heart valve" comes back for an exact "heart"
    client = make_client()
    assert ids(client.search_exact("HEART", "uberon")) == ["UBERON:0000948"]
    assert ids(client.search_exact("valve", "uberon")) == []
    raw = client.search("heart", "uberon")  # ranked search: no re-check, both come back
    assert set(ids(raw)) == {"UBERON:0000948", "UBERON:0000946"}


def test_scalar_fields_and_junk_docs_parse(ols_env: FakeOLS, make_client: MakeClient) -> None:
    ols_env.scalar_fields = True
    ols_env.junk_docs = True
    client = make_client()
    found = client.search_exact("chambered heart", "uberon")
    assert found.source == "network"
    (hit,) = found.hits
    assert (hit.obo_id, hit.label, hit.synonyms) == (
        "UBERON:0000948",
        "heart",
        ("chambered heart",),
    )

    term = client.term("UBERON:0000948")
    (heart,) = term.hits
    assert (heart.label, heart.obsolete) == ("heart", False)
    assert heart.typed_synonyms == (("chambered heart", "EXACT"),)
    (old,) = client.term("UBERON:0009999").hits
    assert (old.obsolete, old.replaced_by) == (True, ("UBERON:0000948",))


def test_term_lookup(ols_env: FakeOLS, make_client: MakeClient) -> None:
    client = make_client()
    (heart,) = client.term("UBERON_0000948").hits
    assert heart.label == "heart"
    assert ("branchial heart", "RELATED") in heart.typed_synonyms
    assert ("chambered heart", "EXACT") in heart.typed_synonyms
    (old,) = client.term("UBERON:0009999", "uberon").hits
    assert (old.obsolete, old.replaced_by) == (True, ("UBERON:0000948",))
    (human,) = client.term("9606").hits
    assert (human.obo_id, human.wire_id, human.ontology) == ("NCBITaxon:9606", "9606", "ncbitaxon")
    assert [h.path for h in ols_env.requests] == [
        "/api/ontologies/uberon/terms",
        "/api/ontologies/uberon/terms",
        "/api/ontologies/ncbitaxon/terms",
    ]
    assert ols_env.requests[0].params == {"obo_id": "UBERON:0000948"}


def test_unknown_id_is_an_answer_and_cached(ols_env: FakeOLS, make_client: MakeClient) -> None:
    client = make_client()
    missing = client.term("UBERON:1234567")
    assert (missing.hits, missing.source, missing.warnings) == ((), "network", ())
    assert missing.answered
    assert client.term("UBERON:1234567").source == "cache"
    assert len(ols_env.requests) == 1


def test_a_404_from_a_wrong_base_url_is_an_error(
    ols_env: FakeOLS, make_client: MakeClient, tmp_path: Path
) -> None:
    with OLSClient(ols_env.url + "/not-ols", cache_dir=tmp_path / "wrong") as client:
        wrong = client.term("UBERON:0000948")
        assert (wrong.hits, wrong.source, wrong.answered) == ((), "error", False)
        assert "404" in wrong.warnings[0]
        assert client.term("UBERON:0000948").source == "error"  # not cached
    assert len(ols_env.requests) == 2


def test_stale_answer_served_when_ols_errors(ols_env: FakeOLS, make_client: MakeClient) -> None:
    assert make_client().search_exact("lung", "uberon").source == "network"
    expired = make_client(expire_after_days=0)  # everything cached is now stale

    ols_env.status = 500
    stale = expired.search_exact("lung", "uberon")
    assert (ids(stale), stale.source) == (["UBERON:0002048"], "stale-cache")
    assert "HTTP 500" in stale.warnings[0] and "cached copy" in stale.warnings[0]
    assert len(ols_env.requests) == 2  # it did ask before falling back

    ols_env.status = None  # OLS back: a stale entry is refreshed from the network
    assert expired.search_exact("lung", "uberon").source == "network"
    assert len(ols_env.requests) == 3


@pytest.mark.parametrize("fault", ["status", "malformed"])
def test_errors_are_never_cached(ols_env: FakeOLS, make_client: MakeClient, fault: str) -> None:
    if fault == "status":
        ols_env.status = 503
    else:
        ols_env.malformed = True
    client = make_client()
    failed = client.search_exact("lung", "uberon")
    assert (failed.hits, failed.source, failed.answered) == ((), "error", False)
    assert len(failed.warnings) == 1 and "no cached answer" in failed.warnings[0]

    ols_env.reset_faults()
    healthy = client.search_exact("lung", "uberon")
    assert (ids(healthy), healthy.source) == (["UBERON:0002048"], "network")
    assert len(ols_env.requests) == 2


def test_offline_makes_zero_requests(
    ols_env: FakeOLS, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    nothing = make_client(offline=True).search_exact("heart", "uberon")
    assert (nothing.hits, nothing.source) == ((), "offline")
    assert "offline" in nothing.warnings[0]
    assert make_client(offline=True).term("UBERON:0000948").source == "offline"

    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "1")
    follows_env = make_client()  # offline=None reads the environment at each call
    assert follows_env.search("heart", "uberon").source == "offline"
    assert ols_env.requests == []

    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "0")
    assert follows_env.search_exact("heart", "uberon").source == "network"
    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "1")
    cached = follows_env.search_exact("heart", "uberon")
    assert (ids(cached), cached.source) == (["UBERON:0000948"], "cache")
    old = make_client(expire_after_days=0).search_exact("heart", "uberon")
    assert (ids(old), old.source) == (["UBERON:0000948"], "stale-cache")
    assert len(ols_env.requests) == 1


def test_circuit_breaker_after_timeout(ols_env: FakeOLS, make_client: MakeClient) -> None:
    ols_env.delay = 2.0
    client = make_client(read_timeout=0.3, connect_timeout=0.3)
    started = time.monotonic()
    first = client.search_exact("heart", "uberon")
    assert time.monotonic() - started < 1.5
    assert (first.source, first.hits) == ("error", ())
    assert "did not answer in time" in first.warnings[0]
    assert len(ols_env.requests) == 1

    started = time.monotonic()
    second = client.search_exact("lung", "uberon")
    assert time.monotonic() - started < 0.2
    assert second.source == "offline"
    assert "skipped" in second.warnings[0] and "timeout" in second.warnings[0]
    # the breaker is per process and host: another client skips the host too
    assert make_client().term("CL:0000236").source == "offline"
    assert len(ols_env.requests) == 1

    ols_env.delay = 0.0
    BREAKER.reset()  # cool-down over: the next call probes the host again
    assert client.search_exact("lung", "uberon").source == "network"
    assert len(ols_env.requests) == 2


def test_breaker_cooldown_expires(ols_env: FakeOLS, make_client: MakeClient) -> None:
    ols_env.delay = 2.0
    client = make_client(read_timeout=0.2, breaker_cooldown=0.3)
    assert client.search_exact("heart", "uberon").source == "error"
    assert client.search_exact("heart", "uberon").source == "offline"
    ols_env.delay = 0.0
    time.sleep(0.35)
    assert client.search_exact("heart", "uberon").source == "network"


def test_stopped_server_degrades_within_budget(ols_env: FakeOLS, make_client: MakeClient) -> None:
    assert make_client().search_exact("heart", "uberon").source == "network"
    ols_env.stop()
    client = make_client(expire_after_days=0, connect_timeout=0.5, read_timeout=0.5)

    started = time.monotonic()
    stale = client.search_exact("heart", "uberon")
    assert time.monotonic() - started < 1.0
    assert (ids(stale), stale.source) == (["UBERON:0000948"], "stale-cache")
    assert "unreachable" in stale.warnings[0]

    started = time.monotonic()
    unknown = client.search_exact("lung", "uberon")  # never cached; breaker now open
    assert time.monotonic() - started < 0.2
    assert (unknown.hits, unknown.source) == ((), "offline")


def test_default_client_follows_environment(
    ols_env: FakeOLS, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    client = default_client()
    assert client is default_client()
    assert client.api_url == ols_env.url + "/api"
    assert client.timeout == (2.0, 2.0)
    assert client.search_exact("heart", "uberon").source in ("network", "cache")

    monkeypatch.setenv("SYNTHQUERY_CACHE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("SYNTHQUERY_OLS_TIMEOUT", "0.5")
    moved = default_client()
    assert moved is not client
    assert moved.cache_path == tmp_path / "elsewhere" / CACHE_FILENAME
    assert moved.timeout == (0.5, 0.5)
    reset_default_client()
    assert default_client() is not moved

    monkeypatch.setenv("SYNTHQUERY_OLS_TIMEOUT", "soon")
    with pytest.warns(RuntimeWarning, match="SYNTHQUERY_OLS_TIMEOUT"):
        assert default_client().timeout == (2.0, 5.0)


def test_corrupt_cache_file_is_replaced(ols_env: FakeOLS, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / CACHE_FILENAME).write_bytes(b"this is not sqlite" * 100)
    with OLSClient(ols_env.url, cache_dir=directory) as client:
        assert client.search_exact("heart", "uberon").source == "network"
        assert client.search_exact("heart", "uberon").source == "cache"


def test_ranked_search_escapes_and_ranks(ols_env: FakeOLS, make_client: MakeClient) -> None:
    client = make_client()
    result = client.search("valve", "uberon", rows=5)
    assert ids(result) == ["UBERON:0000946"]
    client.search("heart (organ)", "uberon")
    assert ols_env.requests[-1].params["q"] == "heart \\(organ\\)"
    assert "exact" not in ols_env.requests[-1].params
    assert ols_env.requests[-1].params["rows"] == "10"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.search_exact("heart", "cellosaurus"),
        lambda c: c.search_exact("   ", "uberon"),
        lambda c: c.search("heart", "uberon", rows=0),
        lambda c: c.term("CVCL_0030"),
        lambda c: c.term("ENSG00000156127"),
        lambda c: c.term("heart", "uberon"),
    ],
)
def test_bad_arguments_are_usage_errors(
    call: Callable[[OLSClient], object], tmp_path: Path
) -> None:
    client = OLSClient("http://127.0.0.1:9", cache_dir=tmp_path, offline=True)
    with pytest.raises(UsageError):
        call(client)


@pytest.mark.parametrize("url", ["ftp://example.org", "not a url", "http://"])
def test_bad_base_url(url: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        OLSClient(url, cache_dir=tmp_path)


def test_base_url_may_end_in_api(tmp_path: Path) -> None:
    client = OLSClient("http://127.0.0.1:9/ols4/api/", cache_dir=tmp_path)
    assert client.api_url == "http://127.0.0.1:9/ols4/api"
    assert client.host == "127.0.0.1:9"


def test_import_is_light() -> None:
    code = (
        "import sys, synthquery.ols\n"
        "heavy = {'requests', 'requests_cache', 'urllib3'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
