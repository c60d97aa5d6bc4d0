"""A loopback stand-in for the Synthesize Bio prediction API (see docs/api-contract.md).

It implements the contract's endpoints on 127.0.0.1 with an ephemeral port, records every
request, and can inject the faults a real client must survive:

- ``server.inject(route, Fault(...), ...)`` queues raw answers for a route (``models``,
  ``example``, ``predict``, ``status``, ``download``); ``Fault(status=-1)`` drops the
  connection without answering.
- ``server.fate`` decides what happens to new jobs: ``ready``, ``failed``, ``failed_error_url``,
  ``never`` (stays in progress), ``expired`` (first download URL refused), ``truncated``,
  ``malformed``, ``result_error`` (result carries ``error``).
- ``server.encoding`` picks the counts encoding: ``list``, ``wrapped`` or ``dict`` (single-cell).
- ``server.arrow = True`` answers predict synchronously with an Arrow IPC stream (self-hosted).

Each result row encodes where it came from: ``counts[0]`` is the input index and ``counts[1]``
the sample index within that input, so tests can check the order.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np

from contract_examples import API_BULK, API_SC

try:  # imported up front: tests hide pyarrow from the client via sys.modules
    import pyarrow as pa
except ImportError:  # pragma: no cover - the Arrow tests skip then
    pa = None

from synthquery.client import RetryPolicy

API_KEY = "sk-test-0123456789abcdef"
# tiny intervals keep the polling tests fast while still exercising several polls
FAST = {"poll_interval_seconds": 0.01, "poll_timeout_seconds": 5.0}
FAST_RETRY = RetryPolicy(max_retries=3, backoff_base=0.01, backoff_max=0.05)

EXAMPLE_QUERIES: dict[str, dict[str, Any]] = {"gem-1-bulk": API_BULK, "gem-1-sc": API_SC}

TRACEBACK = (
    'Metadata validation failed: ["Query 1 has bad values."]\n'
    "Traceback (most recent call last):\n"
    '  File "/srv/app/predict.py", line 88, in run\n'
    "    validate(metadata)\n"
    "ValueError: tissue_ontology_id UBERON:9999999 not in vocabulary\n"
)


@dataclass
class Fault:
    status: int  # -1: drop the connection without an answer
    body: bytes | str | dict | None = None
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Job:
    id: str
    model: str
    query: dict[str, Any]
    fate: str
    polls: int = 0
    generation: int = 0  # download tokens from older generations have expired
    downloads: int = 0


class FakeAPI:
    def __init__(self, *, genes: int = 50, polls_before_ready: int = 2) -> None:
        self.api_key = API_KEY
        self.gene_order = [f"ENSG{i:011d}" for i in range(genes)]
        self.polls_before_ready = polls_before_ready
        self.in_progress = ("queued", "running", "postprocessing")  # later ones are "unknown"
        self.fate = "ready"
        self.encoding = "list"
        self.model_version: int | str = 2
        self.arrow = False
        self.require_auth = True
        self.models = ["gem-1-bulk", "gem-1-sc"]
        self.requests: list[Recorded] = []
        self.on_status: Any = None  # called (no arguments) before each status answer
        self.jobs: dict[str, Job] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # --- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def inject(self, route: str, *faults: Fault) -> None:
        with self._lock:
            self._faults.setdefault(route, []).extend(faults)

    def take_fault(self, route: str) -> Fault | None:
        with self._lock:
            queue = self._faults.get(route)
            return queue.pop(0) if queue else None

    def requests_to(self, route_prefix: str, method: str | None = None) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if r.path.startswith(route_prefix) and (method is None or r.method == method)
        ]

    # --- results -----------------------------------------------------------------------------

    def rows(self, job: Job) -> list[tuple[int, int, dict[str, str]]]:
        out = []
        for i, item in enumerate(job.query.get("inputs", [])):
            for s in range(int(item.get("num_samples", 1))):
                out.append((i, s, dict(item.get("metadata", {}))))
        return out

    def counts(self, job: Job, i: int, s: int) -> np.ndarray:
        rng = np.random.default_rng(abs(hash((job.id, i, s))) % 2**32)
        row = rng.poisson(30.0, len(self.gene_order)).astype(np.int64)
        row[0], row[1] = i, s
        return row

    def result_document(self, job: Job) -> dict[str, Any]:
        outputs = []
        for i, s, metadata in self.rows(job):
            row = self.counts(job, i, s)
            if self.encoding == "wrapped":
                counts: Any = {"counts": row.tolist()}
            elif self.encoding == "dict":
                counts = {g: int(v) for g, v in zip(self.gene_order, row, strict=True) if v}
            else:
                counts = row.tolist()
            outputs.append(
                {
                    "counts": counts,
                    "metadata": {**metadata, "study": ""},
                    "latents": {
                        "biological": [0.5 * i, 0.25 * s, 1.0],
                        "technical": [0.1, 0.2],
                        "perturbation": [float(i)],
                    },
                }
            )
        return {
            "outputs": outputs,
            "gene_order": self.gene_order,
            "model_version": self.model_version,
        }

    def result_bytes(self, job: Job) -> bytes:
        if job.fate == "result_error":
            return json.dumps(
                {"error": "GPU out of memory\n" + TRACEBACK.split("\n", 1)[1]}
            ).encode()
        body = json.dumps(self.result_document(job)).encode()
        if job.fate == "truncated":
            return body[: len(body) * 2 // 3]
        if job.fate == "malformed":
            return body.replace(b'"metadata"', b'"metadata" "', 1)
        return body

    def arrow_bytes(self, job: Job) -> bytes:
        rows = self.rows(job)
        schema_meta = {
            "request_type": "baseline",
            "model_version": str(self.model_version),
            "gene_order": json.dumps(self.gene_order),
        }
        table = pa.table(
            {
                "counts": pa.array(
                    [self.counts(job, i, s).tolist() for i, s, _ in rows], pa.list_(pa.int64())
                ),
                "metadata": pa.array([m for _, _, m in rows]),
                "biological_latent": pa.array([[0.5 * i, 0.25 * s] for i, s, _ in rows]),
                "technical_latent": pa.array([[0.1] for _ in rows]),
                "perturbation_latent": pa.array([[float(i)] for i, _, _ in rows]),
            }
        ).replace_schema_metadata(schema_meta)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=3)  # several batches, like a real stream
        return sink.getvalue().to_pybytes()


def _handler_for(api: FakeAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else header and body writes meet delayed ACKs

        def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
            pass

        # --- plumbing ------------------------------------------------------------------------

        def _send(
            self,
            status: int,
            body: bytes | str | dict | list | None = None,
            content_type: str = "application/json",
            headers: dict[str, str] | None = None,
        ) -> None:
            if status == -1:  # vanish mid-exchange
                self.close_connection = True
                return
            if isinstance(body, (dict, list)):
                payload = json.dumps(body).encode()
            elif isinstance(body, str):
                payload = body.encode()
            else:
                payload = body or b""
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def _record(self) -> Recorded:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            record = Recorded(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
            )
            with api._lock:
                api.requests.append(record)
            return record

        def _authorized(self, record: Recorded) -> bool:
            if not api.require_auth:
                return True
            return record.headers.get("authorization") == f"Bearer {api.api_key}"

        # --- routing -------------------------------------------------------------------------

        def do_GET(self) -> None:
            self._route(self._record())

        def do_POST(self) -> None:
            self._route(self._record())

        def _route(self, r: Recorded) -> None:
            parts = [p for p in r.path.split("/") if p]
            if parts[:1] == ["download"] and len(parts) == 2:
                return self._download(r, parts[1])
            if parts[:1] == ["errors"] and len(parts) == 2:
                return self._send(200, {"message": TRACEBACK})
            if parts[:1] != ["api"]:
                return self._send(404, {"error": "no such route"})
            route = {
                ("GET", 2): "models",
                ("GET", 4): "example" if parts[-1] == "example-query" else "status",
                ("POST", 4): "predict",
            }.get((r.method, len(parts)))
            if route is None:
                return self._send(404, {"error": "no such route"})
            fault = api.take_fault(route)
            if fault is not None:
                return self._send(fault.status, fault.body, fault.content_type, fault.headers)
            if not self._authorized(r):
                return self._send(401, {"error": "Invalid or missing API key"})
            if route == "models":
                return self._send(200, {"models": [{"model_id": m} for m in api.models]})
            if route == "example":
                model = parts[2]
                if model not in EXAMPLE_QUERIES:
                    return self._send(404, {"error": f"unknown model {model}"})
                return self._send(200, {"example_query": EXAMPLE_QUERIES[model]})
            if route == "predict":
                return self._predict(r, parts[2])
            return self._status(parts[2])

        def _predict(self, r: Recorded, model: str) -> None:
            if model not in api.models:
                return self._send(404, {"error": f"unknown model {model}"})
            try:
                query = json.loads(r.body)
            except ValueError:
                return self._send(400, "request body is not JSON", "text/plain")
            if not isinstance(query, dict) or not isinstance(query.get("inputs"), list):
                return self._send(
                    422,
                    {
                        "error": "Invalid query",
                        "errors": [
                            {"path": "inputs", "message": "field required", "code": "missing"}
                        ],
                    },
                )
            job = Job(id=uuid.uuid4().hex[:12], model=model, query=query, fate=api.fate)
            with api._lock:
                api.jobs[job.id] = job
            if api.arrow:
                return self._send(200, api.arrow_bytes(job), "application/vnd.apache.arrow.stream")
            return self._send(200, {"modelQueryId": job.id})

        def _status(self, job_id: str) -> None:
            job = api.jobs.get(job_id)
            if job is None:
                return self._send(404, {"error": f"unknown model query {job_id}"})
            if api.on_status is not None:
                api.on_status()
            with api._lock:
                job.polls += 1
                polls = job.polls
            if job.fate == "never" or polls <= api.polls_before_ready:
                # cycle through known and unknown in-progress names
                return self._send(200, {"status": api.in_progress[(polls - 1) % 3]})
            if job.fate == "failed":
                return self._send(200, {"status": "failed", "message": TRACEBACK})
            if job.fate == "failed_error_url":
                return self._send(
                    200, {"status": "failed", "errorUrl": f"{api.url}/errors/{job.id}"}
                )
            url = f"{api.url}/download/{job.id}?X-Signature=sig{job.generation}&X-Expires=60"
            return self._send(200, {"status": "ready", "downloadUrl": url})

        def _download(self, r: Recorded, job_id: str) -> None:
            fault = api.take_fault("download")
            if fault is not None:
                return self._send(fault.status, fault.body, fault.content_type, fault.headers)
            job = api.jobs.get(job_id)
            if "authorization" in r.headers:  # S3 rejects a second auth mechanism
                return self._send(400, "<Error><Code>InvalidArgument</Code></Error>", "text/xml")
            if job is None:
                return self._send(404, "<Error><Code>NoSuchKey</Code></Error>", "text/xml")
            with api._lock:
                job.downloads += 1
                if job.fate == "expired" and job.downloads == 1:
                    job.generation += 1  # the URL the client holds is now stale
            if r.query.get("X-Signature") != [f"sig{job.generation}"]:
                return self._send(
                    403, "<Error><Code>AccessDenied</Code>Request has expired</Error>", "text/xml"
                )
            return self._send(200, api.result_bytes(job))

    return Handler
