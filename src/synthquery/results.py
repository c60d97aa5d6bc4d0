"""Prediction results: decode the result JSON (or a self-hosted Arrow stream) into DataFrames.

The result of a bulk query is mostly one big integer matrix (samples x 44,592 genes) written as
JSON arrays. Parsing it with ``json.loads`` makes one Python ``int`` per count and then pandas
builds 44,592 columns from lists of lists, which is slow and several times the matrix in
memory. Here each ``"counts": [...]`` array is parsed straight from the bytes by numpy into a
preallocated int64 matrix, and only the small rest of the document (gene order, metadata,
latents) goes through ``json``. Anything unusual falls back to the plain ``json`` path, so the
fast path never changes what is decoded, only how fast.
"""

from __future__ import annotations

import json
import re
import secrets
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from synthquery._api_errors import (
    ConfigurationError,
    PredictionFailed,
    ResponseError,
    strip_traceback,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["Result", "decode_arrow", "decode_json"]

ARROW_STREAM_TYPE = "application/vnd.apache.arrow.stream"
FORMATS = ("csv", "parquet")

# a "counts" key whose value is an array; the quote must not be escaped (checked separately)
_COUNTS_ARRAY = re.compile(rb'"counts"\s*:\s*\[')
_INT64_MAX = 2**63 - 1
_INT64_MIN = -(2**63)
_LATENT_COLUMNS = {
    "biological": "biological_latent",
    "technical": "technical_latent",
    "perturbation": "perturbation_latent",
}


@dataclass(eq=False)
class Result:
    """The data a prediction returned.

    ``metadata``: one row per sample, in input order, starting with ``input_index`` (which
    ``inputs[]`` entry produced it) and ``sample_index`` (0..num_samples-1 within that input);
    both are missing values when the query is unknown (e.g. a result fetched by job id).
    ``expression``: int64 counts, one column per gene of ``gene_order``.
    ``latents``: ``biological``/``technical``/``perturbation`` list cells, as pysynthbio gives.
    """

    metadata: pd.DataFrame
    expression: pd.DataFrame
    latents: pd.DataFrame
    model_version: int | str | None = None
    model_id: str | None = None
    job_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def gene_order(self) -> list[str]:
        return [str(c) for c in self.expression.columns]

    @property
    def counts(self) -> np.ndarray:
        """The expression matrix as a (samples x genes) int64 array (no copy when possible)."""
        return self.expression.to_numpy()

    def __len__(self) -> int:
        return len(self.expression)

    def __repr__(self) -> str:
        samples, genes = self.expression.shape
        return (
            f"Result(samples={samples}, genes={genes}, model_id={self.model_id!r}, "
            f"model_version={self.model_version!r}, job_id={self.job_id!r})"
        )

    def to_dict(self) -> dict[str, pd.DataFrame]:
        """pysynthbio's shape: ``{"metadata": df, "expression": df, "latents": df}``."""
        return {"metadata": self.metadata, "expression": self.expression, "latents": self.latents}

    def save(self, directory: str | Path, format: str = "csv") -> dict[str, Path]:
        """Write ``metadata``, ``expression``, ``latents`` and a ``result.json`` manifest.

        ``format`` is ``"csv"`` or ``"parquet"`` (parquet needs pyarrow). Returns the paths.
        """
        from synthquery._errors import UsageError

        if format not in FORMATS:
            raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths = {name: out / f"{name}.{format}" for name in ("metadata", "expression", "latents")}
        latents = self.latents
        if format == "csv":
            # list cells would be written as Python reprs; JSON is readable by every language
            latents = latents.apply(lambda column: column.map(_json_cell))
            self.metadata.to_csv(paths["metadata"], index=False)
            _write_expression_csv(self.expression, paths["expression"])
            latents.to_csv(paths["latents"], index=False)
        else:
            _require_pyarrow("writing parquet")
            self.metadata.to_parquet(paths["metadata"], index=False)
            self.expression.to_parquet(paths["expression"], index=False)
            latents.to_parquet(paths["latents"], index=False)
        manifest = {
            "job_id": self.job_id,
            "model_id": self.model_id,
            "model_version": self.model_version,
            "samples": int(self.expression.shape[0]),
            "genes": int(self.expression.shape[1]),
            "format": format,
            "files": {name: p.name for name, p in paths.items()},
        }
        paths["manifest"] = out / "result.json"
        paths["manifest"].write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        return paths


def _json_cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value))
    if hasattr(value, "tolist"):
        return json.dumps(value.tolist())
    return value


def _write_expression_csv(expression: pd.DataFrame, path: Path) -> None:
    # numpy's per-row join is several times faster than DataFrame.to_csv for a wide int matrix
    import numpy as np

    matrix = expression.to_numpy()
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(_csv_field(str(c)) for c in expression.columns) + "\n")
        if matrix.size:
            np.savetxt(fh, matrix, fmt="%d", delimiter=",")


def _csv_field(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _require_pyarrow(purpose: str) -> Any:
    try:
        import pyarrow
        import pyarrow.ipc
    except ImportError as exc:
        raise ConfigurationError(
            f"{purpose} needs pyarrow: pip install 'synthquery[arrow]'"
        ) from exc
    return pyarrow


# --- query -> sample index columns ------------------------------------------------------------


def _num_samples(query: Any) -> list[int] | None:
    """``num_samples`` per input, or None when the query is unknown or unreadable."""
    if query is None:
        return None
    if hasattr(query, "to_dict"):
        query = query.to_dict()
    inputs = query.get("inputs") if isinstance(query, Mapping) else None
    if not isinstance(inputs, Sequence):
        return None
    counts = []
    for item in inputs:
        n = item.get("num_samples") if isinstance(item, Mapping) else None
        if isinstance(n, bool) or not isinstance(n, int):
            return None
        counts.append(n)
    return counts


def _metadata_frame(rows: list[Any], query: Any) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    n = len(rows)
    frame = pd.DataFrame([r if isinstance(r, Mapping) else {} for r in rows], index=range(n))
    per_input = _num_samples(query)
    if per_input is not None:
        if sum(per_input) != n:
            raise ResponseError(
                f"result has {n} samples but the query asked for {sum(per_input)} "
                f"(num_samples per input: {per_input})"
            )
        input_index = np.repeat(np.arange(len(per_input), dtype=np.int64), per_input)
        starts: np.ndarray | list[int]
        starts = np.repeat(np.cumsum([0, *per_input[:-1]]), per_input) if per_input else []
        sample_index = np.arange(n, dtype=np.int64) - np.asarray(starts, dtype=np.int64)
        columns = {"input_index": input_index, "sample_index": sample_index}
    else:
        missing = pd.array([pd.NA] * n, dtype="Int64")
        columns = {"input_index": missing, "sample_index": missing.copy()}
    for position, (name, values) in enumerate(columns.items()):
        if name in frame.columns:  # the server echoed a key of the same name: keep ours
            frame = frame.drop(columns=name)
        frame.insert(position, name, values)
    return frame


def _latents_frame(rows: list[Any]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows) if rows else pd.DataFrame()


# --- JSON decoding --------------------------------------------------------------------------------


def _parse_int_array(text: bytes) -> np.ndarray | None:
    """The comma-separated integers of one JSON array body, or None if it is anything else."""
    import numpy as np

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)  # numpy < 2.x warns, later raises
            row = np.fromstring(text, dtype=np.int64, sep=",")
    except (ValueError, DeprecationWarning):
        return None  # floats, strings, nesting, malformed: let json decide
    if row.size and (row.max() == _INT64_MAX or row.min() == _INT64_MIN):
        return None  # strtoll saturates on overflow; json will keep the exact value
    return row


@dataclass
class _Scan:
    skeleton: bytes
    marker: str  # sentinel prefix standing in for each spliced-out array
    block: np.ndarray | None  # rows parsed into one matrix (same length as the first row)
    block_rows: dict[int, int]  # sentinel number -> row of block
    odd: dict[int, np.ndarray]  # sentinel number -> row of another length


def _scan_counts(data: bytes) -> _Scan:
    """Parse every ``"counts": [ints]`` array with numpy and splice it out of the document."""
    import numpy as np

    matches = list(_COUNTS_ARRAY.finditer(data))
    marker = f"\x00sq{secrets.token_hex(6)}:"
    tag = marker[1:].encode()
    pieces: list[bytes] = []
    block: np.ndarray | None = None
    block_rows: dict[int, int] = {}
    odd: dict[int, np.ndarray] = {}
    previous = 0
    for number, match in enumerate(matches):
        start = match.start()
        backslashes = 0
        while start - backslashes > 0 and data[start - backslashes - 1] == 0x5C:  # "\\"
            backslashes += 1
        if backslashes % 2 or start < previous:
            continue  # an escaped quote inside a string, or inside an array already taken
        body_start = match.end()
        body_end = data.find(b"]", body_start)
        if body_end < 0:
            break  # truncated document: json will report it
        row = _parse_int_array(data[body_start:body_end])
        if row is None:
            continue
        if block is None:
            block = np.empty((len(matches), row.size), dtype=np.int64)
        if row.size == block.shape[1]:
            block[len(block_rows)] = row
            block_rows[number] = len(block_rows)
        else:
            odd[number] = row
        # the sentinel is an escaped NUL + random tag: no genuine value can collide with it
        pieces.append(data[previous : match.end() - 1])
        pieces.append(b'"\\u0000%s%d"' % (tag, number))
        previous = body_end + 1
    pieces.append(data[previous:])
    if block is not None and len(block_rows) < block.shape[0]:
        block = block[: len(block_rows)]  # a view; rows past the end were never written
    return _Scan(b"".join(pieces), marker, block, block_rows, odd)


def _json_error(data: bytes, exc: json.JSONDecodeError) -> ResponseError:
    if exc.pos >= len(data.rstrip()) - 1 or exc.msg.startswith("Unterminated"):
        return ResponseError(
            f"result JSON is truncated: it ends after {len(data):,} bytes ({exc.msg}); "
            "the download was probably cut short, try fetching the result again"
        )
    return ResponseError(
        f"result JSON is malformed at line {exc.lineno} column {exc.colno}: {exc.msg}"
    )


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise _json_error(data, exc) from None
    except UnicodeDecodeError as exc:
        raise ResponseError(f"result is not UTF-8 text: {exc}") from None


def decode_json(
    data: bytes | str | Mapping[str, Any],
    *,
    query: Any = None,
    model_id: str | None = None,
    job_id: str | None = None,
) -> Result:
    """Decode a result document (raw bytes, text, or an already parsed dict) into a Result.

    ``query`` (dict or Query) supplies ``num_samples`` per input for the index columns and the
    row-count check. Raises :class:`PredictionFailed` when the result carries ``error(s)`` and
    :class:`ResponseError` when it is truncated, malformed or inconsistent.
    """
    if isinstance(data, Mapping):
        return _decode_content(data, None, query=query, model_id=model_id, job_id=job_id)
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if not raw.strip():
        raise ResponseError("result is empty (0 bytes of JSON)")
    scan = _scan_counts(raw)
    try:
        content = json.loads(scan.skeleton)
    except (json.JSONDecodeError, UnicodeDecodeError):
        content = None  # reparse the original for an exact error position (or a rescue)
    if content is not None:
        try:
            return _decode_content(content, scan, query=query, model_id=model_id, job_id=job_id)
        except _SentinelMisplaced:
            pass  # an array named "counts" outside outputs[].counts: take the plain path
    return _decode_content(_loads(raw), None, query=query, model_id=model_id, job_id=job_id)


class _SentinelMisplaced(Exception):
    pass


def _failure_text(value: Any) -> str:
    if isinstance(value, str):
        return strip_traceback(value)
    if isinstance(value, list):
        return "; ".join(_failure_text(v) for v in value)
    if isinstance(value, Mapping):
        for key in ("message", "error", "detail"):
            if isinstance(value.get(key), str):
                return strip_traceback(value[key])
    return json.dumps(value)[:500]


def _decode_content(
    content: Any,
    scan: _Scan | None,
    *,
    query: Any,
    model_id: str | None,
    job_id: str | None,
) -> Result:
    import numpy as np
    import pandas as pd

    if not isinstance(content, Mapping):
        raise ResponseError(f"result JSON is a {type(content).__name__}, expected an object")
    for key in ("error", "errors"):
        if content.get(key):
            raise PredictionFailed(
                f"prediction failed: {_failure_text(content[key])}", job_id=job_id
            )
    missing = [key for key in ("outputs", "gene_order") if key not in content]
    if missing:
        raise ResponseError(
            f"result JSON lacks {' and '.join(map(repr, missing))}; "
            f"top-level keys: {sorted(content)[:10]}"
        )
    outputs, gene_order = content["outputs"], content["gene_order"]
    if not isinstance(outputs, list) or not isinstance(gene_order, list):
        raise ResponseError("result JSON: 'outputs' and 'gene_order' must be arrays")
    n, width = len(outputs), len(gene_order)

    sources: list[Any] = []
    used: set[int] = set()
    for i, output in enumerate(outputs):
        if not isinstance(output, Mapping):
            raise ResponseError(f"result JSON: outputs[{i}] is not an object")
        counts = output.get("counts")
        if isinstance(counts, Mapping) and "counts" in counts:
            counts = counts["counts"]  # older wrapped form
        if scan is not None and isinstance(counts, str) and counts.startswith(scan.marker):
            number = int(counts[len(scan.marker) :])
            used.add(number)
            counts = ("block", scan.block_rows[number]) if number in scan.block_rows else None
            if counts is None:
                counts = ("array", scan.odd[number])
        sources.append(counts)
    if scan is not None and len(used) != len(scan.block_rows) + len(scan.odd):
        raise _SentinelMisplaced

    block = scan.block if scan is not None else None
    identity = (
        block is not None
        and block.shape == (n, width)
        and all(
            isinstance(s, tuple) and s[0] == "block" and s[1] == i for i, s in enumerate(sources)
        )
    )
    if identity:
        matrix = block  # the common case: rows parsed in place, no copy
    else:
        matrix = np.zeros((n, width), dtype=np.int64)
        gene_index: dict[str, int] | None = None
        for i, source in enumerate(sources):
            if isinstance(source, tuple):
                # a "block" source exists only when the scan parsed a block
                row = cast("np.ndarray", block)[source[1]] if source[0] == "block" else source[1]
            elif isinstance(source, list):
                row = _list_row(source, i)
            elif isinstance(source, Mapping):  # single-cell: {gene_id: count}
                if gene_index is None:
                    gene_index = {str(g): j for j, g in enumerate(gene_order)}
                _fill_from_mapping(matrix[i], source, gene_index, i)
                continue
            else:
                raise ResponseError(
                    f"result JSON: outputs[{i}].counts is "
                    f"{'missing' if source is None else type(source).__name__}"
                )
            if row.shape != (width,):
                raise ResponseError(
                    f"result JSON: outputs[{i}] has {row.size} counts but gene_order has "
                    f"{width} genes"
                )
            matrix[i] = row
    expression = pd.DataFrame(matrix, columns=pd.Index(gene_order), copy=False)
    metadata = _metadata_frame([o.get("metadata") or {} for o in outputs], query)
    latents = _latents_frame([o["latents"] for o in outputs if "latents" in o])
    extra = {
        k: v for k, v in content.items() if k not in ("outputs", "gene_order", "model_version")
    }
    return Result(
        metadata=metadata,
        expression=expression,
        latents=latents,
        model_version=content.get("model_version"),
        model_id=model_id,
        job_id=job_id,
        extra=extra,
    )


def _list_row(values: list[Any], i: int) -> np.ndarray:
    import numpy as np

    try:
        row = np.asarray(values)
    except ValueError as exc:  # ragged nesting
        raise ResponseError(f"result JSON: outputs[{i}].counts is not a flat array") from exc
    if row.size == 0:
        return row.astype(np.int64)
    if row.ndim != 1 or row.dtype.kind not in "iuf":
        raise ResponseError(f"result JSON: outputs[{i}].counts holds non-numbers")
    if row.dtype.kind == "f":
        if not np.isfinite(row).all():
            raise ResponseError(f"result JSON: outputs[{i}].counts holds NaN or infinity")
        return row.astype(np.int64)  # truncates like pysynthbio's astype(int)
    if row.dtype.kind == "u" and row.max() > _INT64_MAX:
        raise ResponseError(f"result JSON: outputs[{i}].counts overflows int64")
    return row.astype(np.int64, copy=False)


def _fill_from_mapping(
    target: np.ndarray, counts: Mapping[str, Any], gene_index: dict[str, int], i: int
) -> None:
    import numpy as np

    # genes the server lists but gene_order lacks are dropped, as pysynthbio does
    pairs = [(gene_index[g], v) for g, v in counts.items() if g in gene_index]
    if not pairs:
        return
    positions = np.fromiter((p for p, _ in pairs), dtype=np.int64, count=len(pairs))
    values = _list_row([v for _, v in pairs], i)
    target[positions] = values


# --- Arrow (self-hosted) decoding ------------------------------------------------------------


def decode_arrow(
    source: Any, *, query: Any = None, model_id: str | None = None, job_id: str | None = None
) -> Result:
    """Decode a self-hosted container's Arrow IPC stream (bytes or a readable file object)."""
    import numpy as np
    import pandas as pd

    pa = _require_pyarrow("reading a self-hosted (Arrow) result")
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            source = pa.BufferReader(pa.py_buffer(source))
        table = pa.ipc.open_stream(source).read_all()
    except (pa.ArrowInvalid, pa.ArrowIOError, OSError, EOFError) as exc:
        raise ResponseError(f"Arrow result stream is truncated or malformed: {exc}") from None
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    gene_order: list[str] | None = None
    if "gene_order" in meta:
        try:
            gene_order = json.loads(meta["gene_order"])
        except json.JSONDecodeError as exc:
            raise ResponseError(f"Arrow result: gene_order metadata is not JSON: {exc}") from None
    if "counts" not in table.column_names:
        raise ResponseError(f"Arrow result has no 'counts' column: {table.column_names}")
    counts = table.column("counts").combine_chunks()
    n = len(counts)
    width = len(gene_order) if gene_order is not None else None
    lengths = counts.value_lengths().to_numpy(zero_copy_only=False) if n else np.empty(0)
    if n and (lengths != (width if width is not None else lengths[0])).any():
        raise ResponseError(
            "Arrow result: every sample must carry one count per gene "
            f"(lengths {sorted(set(lengths.tolist()))[:5]}, genes {width})"
        )
    width = width if width is not None else (int(lengths[0]) if n else 0)
    flat = counts.flatten().to_numpy(zero_copy_only=False)
    matrix = flat.astype(np.int64, copy=False).reshape(n, width)
    columns = pd.Index(gene_order) if gene_order is not None else None
    expression = pd.DataFrame(matrix, columns=columns, copy=False)
    rows: list[Any] = []
    if "metadata" in table.column_names:
        rows = table.column("metadata").to_pylist()
        rows = [json.loads(r) if isinstance(r, str) else (r or {}) for r in rows]
    else:
        rows = [{}] * n
    metadata = _metadata_frame(rows, query)
    latents = pd.DataFrame(
        {
            name: table.column(column).to_pylist()
            for name, column in _LATENT_COLUMNS.items()
            if column in table.column_names
        }
    )
    version: int | str | None = meta.get("model_version")
    if isinstance(version, str) and version.isdigit():
        version = int(version)
    return Result(
        metadata=metadata,
        expression=expression,
        latents=latents,
        model_version=version,
        model_id=model_id,
        job_id=job_id,
        extra={"request_type": meta.get("request_type")} if "request_type" in meta else {},
    )
