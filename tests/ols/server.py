"""A loopback OLS4 look-alike for tests: real HTTP on 127.0.0.1, OLS4-shaped JSON, faults on demand.

Import it as ``from ols.server import FakeOLS, ols_server, ols_env`` (``tests/`` is on
``sys.path`` because of ``tests/conftest.py``); the fixtures can be imported into any test module.

Every server instance serves under a random path prefix, so cache entries of one instance can
never answer for another even when the OS reuses a port.
"""

from __future__ import annotations

import copy
import json
import secrets
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

__all__ = ["DEFAULT_TERMS", "FakeOLS", "Hit", "ols_env", "ols_server", "term_doc"]

_SCOPE = {"EXACT": "hasExactSynonym", "RELATED": "hasRelatedSynonym", "BROAD": "hasBroadSynonym"}


def term_doc(
    obo_id: str,
    label: str,
    synonyms: Iterable[tuple[str, str]] = (),
    *,
    obsolete: bool = False,
    replaced_by: str | None = None,
) -> dict[str, Any]:
    """An OLS4 ``/terms`` document; ``synonyms`` are ``(text, scope)`` pairs."""
    prefix, local = obo_id.split(":")
    ontology = prefix.lower()
    short_form = f"{prefix}_{local}"
    synonyms = list(synonyms)
    return {
        "iri": f"http://purl.obolibrary.org/obo/{short_form}",
        "label": label,
        "description": [f"{label} (test fixture)"],
        "synonyms": [text for text, _ in synonyms],
        "obo_synonym": [
            {
                "name": text,
                "scope": _SCOPE.get(scope, "hasRelatedSynonym"),
                "type": None,
                "xrefs": [],
            }
            for text, scope in synonyms
        ],
        "is_obsolete": obsolete,
        "term_replaced_by": replaced_by,
        "obo_id": obo_id,
        "short_form": short_form,
        "ontology_name": ontology,
        "ontology_prefix": prefix.upper(),
        "has_children": False,
        "is_root": False,
    }


DEFAULT_TERMS: tuple[dict[str, Any], ...] = (
    term_doc(
        "UBERON:0000948",
        "heart",
        [
            ("chambered heart", "EXACT"),
            ("branchial heart", "RELATED"),
            ("cardium", "RELATED"),
            # a name the snapshot does not have: what only OLS can answer
            ("blood pump organ", "RELATED"),
        ],
    ),
    term_doc(
        "UBERON:0000946", "cardiac valve", [("heart valve", "EXACT"), ("valva cordis", "EXACT")]
    ),
    term_doc("UBERON:0002048", "lung", [("pulmo", "EXACT")]),
    term_doc(
        "UBERON:0009999",
        "obsolete cardiac organ",
        obsolete=True,
        replaced_by="http://purl.obolibrary.org/obo/UBERON_0000948",
    ),
    term_doc("CL:0000236", "B cell", [("B lymphocyte", "EXACT"), ("B-cell", "EXACT")]),
    term_doc("MONDO:0005061", "lung adenocarcinoma", [("adenocarcinoma of lung", "EXACT")]),
    term_doc("CHEBI:45783", "imatinib", [("Gleevec", "RELATED"), ("STI-571", "RELATED")]),
    term_doc("NCBITaxon:9606", "Homo sapiens", [("human", "EXACT")]),
)


@dataclass(frozen=True)
class Hit:
    """One request the server saw."""

    path: str
    params: dict[str, str]


def _unescape(text: str) -> str:
    out, escaped = [], False
    for char in text:
        if escaped or char != "\\":
            out.append(char)
            escaped = False
        else:
            escaped = True
    return "".join(out)


@dataclass
class FakeOLS:
    """OLS4-shaped server. Flip the fault switches between calls; ``requests`` logs every call.

    * ``status``: answer every request with this HTTP status (e.g. 500) and an error body
    * ``delay``: seconds to wait before answering (use > the client's read timeout)
    * ``malformed``: answer 200 with a body that is not JSON
    * ``non_exact``: ``exact=true`` searches also return substring (non-exact) hits, like live OLS
    * ``scalar_fields``: lists sent as scalars (synonym, obo_synonym) and label as a list
    * ``junk_docs``: add unusable documents (no id, null/number label, a bare string)
    """

    terms: Iterable[dict[str, Any]] = DEFAULT_TERMS
    status: int | None = None
    delay: float = 0.0
    malformed: bool = False
    non_exact: bool = False
    scalar_fields: bool = False
    junk_docs: bool = False
    requests: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.terms = [copy.deepcopy(t) for t in self.terms]
        self.prefix = f"/ols-{secrets.token_hex(4)}"
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """OLS root to give the client (``/api`` is below it)."""
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def start(self) -> FakeOLS:
        handler = _handler_for(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket: later connections are refused."""
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeOLS:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset_faults(self) -> None:
        self.status, self.delay = None, 0.0
        self.malformed = self.non_exact = self.scalar_fields = self.junk_docs = False

    def paths(self) -> list[str]:
        with self._lock:
            return [hit.path for hit in self.requests]

    # -- answers ---------------------------------------------------------------------------

    def _log(self, path: str, params: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(Hit(path, params))

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, bytes]:
        if self.delay:
            self._stop.wait(self.delay)
        if self.status is not None:
            body = {"status": self.status, "error": "Internal Server Error", "path": path}
            return self.status, json.dumps(body).encode()
        if self.malformed:
            return 200, b'{"response": {"docs": [ this is not json'
        parts = [p for p in path.split("/") if p]
        if parts == ["api", "search"]:
            return 200, json.dumps(self._search(params)).encode()
        if len(parts) == 4 and parts[:2] == ["api", "ontologies"] and parts[3] == "terms":
            return self._term(parts[2], params.get("obo_id", ""))
        return 404, json.dumps({"status": 404, "message": f"no route {path}"}).encode()

    def _search(self, params: dict[str, str]) -> dict[str, Any]:
        ontology = params.get("ontology", "")
        query = _unescape(params.get("q", "")).strip().lower()
        exact = params.get("exact") == "true"
        found_terms = []
        for term in self.terms:
            if term["is_obsolete"] or (ontology and term["ontology_name"] != ontology):
                continue
            names = [term["label"].lower(), *(s.lower() for s in term["synonyms"])]
            if exact and not self.non_exact:
                found = query in names
            else:
                words = query.split()
                found = any(all(w in name for w in words) for name in names)
            if found:
                found_terms.append(term)
        found_terms.sort(key=lambda t: t["label"].lower() != query)  # label matches first
        docs: list[Any] = [self._search_doc(term) for term in found_terms]
        if self.junk_docs:
            docs = [
                {"label": "no id at all"},
                {"obo_id": "UBERON:0000001", "label": None},
                {"obo_id": "UBERON:0000002", "label": 42, "synonym": ["x"]},
                "a bare string",
                {"obo_id": 12.5, "label": "bad id type"},
                *docs,
            ]
        rows = int(params.get("rows", "10"))
        return {
            "responseHeader": {"status": 0, "QTime": 1},
            "response": {"numFound": len(docs), "start": 0, "docs": docs[:rows]},
            "facet_counts": {"facet_fields": {}},
        }

    def _search_doc(self, term: dict[str, Any]) -> dict[str, Any]:
        doc = {
            "iri": term["iri"],
            "obo_id": term["obo_id"],
            "short_form": term["short_form"],
            "label": term["label"],
            "synonym": list(term["synonyms"]),
            "ontology_name": term["ontology_name"],
            "type": "class",
            "is_defining_ontology": True,
        }
        if self.scalar_fields:
            doc["label"] = [term["label"]]
            doc["synonym"] = term["synonyms"][0] if term["synonyms"] else None
        return doc

    def _term(self, ontology: str, obo_id: str) -> tuple[int, bytes]:
        for term in self.terms:
            if term["ontology_name"] == ontology and term["obo_id"].lower() == obo_id.lower():
                doc = copy.deepcopy(term)
                if self.scalar_fields:
                    doc["synonyms"] = doc["synonyms"][0] if doc["synonyms"] else None
                    doc["obo_synonym"] = doc["obo_synonym"][0] if doc["obo_synonym"] else None
                    doc["is_obsolete"] = "true" if doc["is_obsolete"] else "false"
                    doc["label"] = [doc["label"]]
                body = {
                    "_embedded": {"terms": [doc]},
                    "page": {"size": 1, "totalElements": 1, "totalPages": 1, "number": 0},
                }
                return 200, json.dumps(body).encode()
        message = {"status": 404, "message": f"No resource with {obo_id} in {ontology}"}
        return 404, json.dumps(message).encode()


def _handler_for(server: FakeOLS) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            path = parts.path
            if not path.startswith(server.prefix + "/"):
                status, body = 404, b'{"status": 404, "message": "unknown prefix"}'
            else:
                path = path[len(server.prefix) :]
                server._log(path, params)
                status, body = server.answer(path, params)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout) and closed the socket
                pass

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

    return Handler


# -- fixtures (importable from any test module) -------------------------------------------------


@pytest.fixture
def ols_server() -> Iterator[FakeOLS]:
    """A running :class:`FakeOLS`, stopped after the test."""
    with FakeOLS() as server:
        yield server


@pytest.fixture
def ols_env(ols_server: FakeOLS, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOLS]:
    """Online against the loopback server: the default client points there, offline is off.

    The session's ``SYNTHQUERY_CACHE_DIR`` is kept (the compiled ontology index lives there);
    the random URL prefix keeps OLS cache entries from different tests apart.
    """
    from synthquery.ols import reset_default_client

    monkeypatch.setenv("SYNTHQUERY_OFFLINE", "0")  # tests/conftest.py makes every test offline
    monkeypatch.setenv("SYNTHQUERY_OLS_URL", ols_server.url)
    monkeypatch.setenv("SYNTHQUERY_OLS_TIMEOUT", "2,2")
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    reset_default_client()
    yield ols_server
    reset_default_client()
