"""Decoding result documents: every counts encoding, odd layouts, and broken payloads."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthquery.client import PredictionFailed, ResponseError, Result
from synthquery.results import decode_arrow, decode_json

GENES = [f"ENSG{i:011d}" for i in range(6)]


def _doc(matrix, *, encoding="list", metadata=None, latents=True, **top) -> dict:
    outputs = []
    for i, row in enumerate(matrix):
        row = [int(v) for v in row]
        counts = {
            "list": row,
            "wrapped": {"counts": row},
            "dict": {g: v for g, v in zip(GENES, row, strict=False) if v},
        }[encoding]
        out = {"counts": counts, "metadata": (metadata or {}) | {"row": str(i)}}
        if latents:
            out["latents"] = {"biological": [float(i)], "technical": [], "perturbation": [0.5]}
        outputs.append(out)
    return {"outputs": outputs, "gene_order": GENES[: len(matrix[0]) if matrix else 6], **top}


def _dumps(doc, style: int) -> bytes:
    if style == 0:
        return json.dumps(doc).encode()
    if style == 1:
        return json.dumps(doc, separators=(",", ":")).encode()
    return json.dumps(doc, indent=2).encode()  # newlines inside the counts arrays


matrices = st.integers(0, 5).flatmap(
    lambda n: st.lists(
        st.lists(st.integers(0, 2**62), min_size=6, max_size=6), min_size=n, max_size=n
    )
)


@given(matrices, st.sampled_from(["list", "wrapped", "dict"]), st.integers(0, 2))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_decode_matches_the_matrix_for_every_encoding_and_layout(matrix, encoding, style):
    doc = _doc(matrix, encoding=encoding)
    result = decode_json(_dumps(doc, style))
    expected = np.array(matrix, dtype=np.int64).reshape(len(matrix), 6)
    np.testing.assert_array_equal(result.counts, expected)
    assert result.expression.dtypes.tolist() == [np.dtype("int64")] * 6
    assert list(result.expression.columns) == GENES
    assert len(result.metadata) == len(matrix)
    if matrix:
        assert result.metadata["row"].tolist() == [str(i) for i in range(len(matrix))]
    # the fast path and the plain-dict path agree exactly
    slow = decode_json(doc)
    pd.testing.assert_frame_equal(result.expression, slow.expression)
    pd.testing.assert_frame_equal(result.metadata, slow.metadata)
    pd.testing.assert_frame_equal(result.latents, slow.latents)


@given(matrices.filter(bool), st.integers(0, 2))
@settings(max_examples=30)
def test_same_frames_as_pysynthbio(matrix, style):
    transformers = pytest.importorskip("pysynthbio.output_transformers")
    doc = _doc([[v % 10**6 for v in row] for row in matrix])
    theirs = transformers.transform_standard_model_output(json.loads(_dumps(doc, style)))
    ours = decode_json(_dumps(doc, style)).to_dict()
    pd.testing.assert_frame_equal(ours["expression"], theirs["expression"])
    pd.testing.assert_frame_equal(ours["latents"], theirs["latents"])
    pd.testing.assert_frame_equal(
        ours["metadata"].drop(columns=["input_index", "sample_index"]), theirs["metadata"]
    )


def test_query_gives_index_columns():
    query = {"inputs": [{"metadata": {}, "num_samples": 2}, {"metadata": {}, "num_samples": 1}]}
    result = decode_json(_dumps(_doc([[1] * 6] * 3), 0), query=query)
    assert result.metadata.columns[:2].tolist() == ["input_index", "sample_index"]
    assert result.metadata["input_index"].tolist() == [0, 0, 1]
    assert result.metadata["sample_index"].tolist() == [0, 1, 0]
    assert len(result) == 3 and "samples=3" in repr(result)


def test_counts_key_elsewhere_is_left_alone():
    doc = _doc([[1, 2, 3, 4, 5, 6]], metadata={"counts": [9, 9]})
    doc["summary"] = {"counts": [7, 7, 7]}
    result = decode_json(_dumps(doc, 0))
    assert result.counts.tolist() == [[1, 2, 3, 4, 5, 6]]
    assert result.metadata["counts"][0] == [9, 9]
    assert result.extra["summary"] == {"counts": [7, 7, 7]}


def test_escaped_quote_key_is_not_taken_for_counts():
    doc = _doc([[1, 2, 3, 4, 5, 6]], metadata={'"counts': "x"})
    doc["outputs"][0]["metadata"] = {'"counts': [5, 5]}
    result = decode_json(_dumps(doc, 0))
    assert result.metadata['"counts'][0] == [5, 5]
    assert result.counts.tolist() == [[1, 2, 3, 4, 5, 6]]


def test_float_counts_truncate_like_pysynthbio():
    doc = _doc([[1, 2, 3, 4, 5, 6]])
    doc["outputs"][0]["counts"] = [1.0, 2.9, 3.0, 4.0, 5.0, 6.5]
    assert decode_json(json.dumps(doc)).counts.tolist() == [[1, 2, 3, 4, 5, 6]]


def test_extreme_integers_are_exact_or_refused():
    doc = _doc([[0] * 6])
    doc["outputs"][0]["counts"] = [2**63 - 1, -(2**63), 0, 1, 2, 3]
    assert decode_json(json.dumps(doc)).counts[0, :2].tolist() == [2**63 - 1, -(2**63)]
    doc["outputs"][0]["counts"][0] = 2**64
    with pytest.raises(ResponseError):
        decode_json(json.dumps(doc))


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda d: d["outputs"][0].pop("counts"), "missing"),
        (lambda d: d["outputs"][0].__setitem__("counts", [1, 2]), "2 counts but gene_order has 6"),
        (lambda d: d["outputs"][0].__setitem__("counts", ["a"] * 6), "non-numbers"),
        (lambda d: d["outputs"][0].__setitem__("counts", [[1]] * 6), "non-numbers"),
        (lambda d: d.pop("gene_order"), "gene_order"),
        (lambda d: d.__setitem__("outputs", {}), "arrays"),
        (lambda d: d["outputs"].__setitem__(0, 5), r"outputs\[0\]"),
    ],
)
def test_inconsistent_documents(mutate, match):
    doc = _doc([[1] * 6, [2] * 6])
    mutate(doc)
    with pytest.raises(ResponseError, match=match):
        decode_json(json.dumps(doc))


@pytest.mark.parametrize(
    "payload",
    [
        {"error": "bad things\nTraceback (most recent call last):\n  x"},
        {"errors": ["first", {"message": "second"}]},
    ],
)
def test_error_payload_is_prediction_failed(payload):
    with pytest.raises(PredictionFailed) as info:
        decode_json(json.dumps(payload).encode(), job_id="j1")
    assert "Traceback" not in str(info.value) and info.value.job_id == "j1"


@pytest.mark.parametrize("data", [b"", b"  \n", b"[1, 2]", b"null", b"\xff\xfe{}"])
def test_not_a_result(data):
    with pytest.raises(ResponseError):
        decode_json(data)


@given(st.data())
@settings(max_examples=60)
def test_every_truncation_is_a_response_error(data):
    body = _dumps(_doc([[3, 1, 4, 1, 5, 9], [2, 6, 5, 3, 5, 8]]), data.draw(st.integers(0, 2)))
    cut = data.draw(st.integers(0, len(body) - 1))
    with pytest.raises(ResponseError):
        decode_json(body[:cut])


def test_truncation_is_named():
    body = _dumps(_doc([[1] * 6] * 4), 0)
    with pytest.raises(ResponseError, match="truncated"):
        decode_json(body[: len(body) // 2])
    with pytest.raises(ResponseError, match="malformed at line 1"):
        decode_json(body.replace(b'"metadata"', b'"metadata" 7', 1))


def test_sample_count_must_match_the_query():
    query = {"inputs": [{"metadata": {}, "num_samples": 3}]}
    with pytest.raises(ResponseError, match="asked for 3"):
        decode_json(json.dumps(_doc([[1] * 6] * 2)), query=query)


def test_result_to_dict_shape():
    result = decode_json(json.dumps(_doc([[1] * 6])))
    assert isinstance(result, Result)
    assert list(result.to_dict()) == ["metadata", "expression", "latents"]
    assert result.gene_order == GENES


def test_no_latents_gives_an_empty_frame():
    result = decode_json(json.dumps(_doc([[1] * 6], latents=False)))
    assert result.latents.empty


# --- Arrow ---------------------------------------------------------------------------------------


def _arrow(counts, *, gene_order=GENES, metadata=None) -> bytes:
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {
            "counts": pa.array(counts, pa.list_(pa.int32())),
            "metadata": pa.array(metadata or [{"sex": "male"}] * len(counts)),
            "biological_latent": pa.array([[0.5]] * len(counts)),
        }
    ).replace_schema_metadata({"model_version": "3", "gene_order": json.dumps(gene_order)})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def test_arrow_decode():
    result = decode_arrow(_arrow([[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]]))
    assert result.counts.dtype == np.int64
    assert result.counts.tolist() == [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]]
    assert result.model_version == 3 and result.gene_order == GENES
    assert result.metadata["sex"].tolist() == ["male", "male"]
    assert list(result.latents.columns) == ["biological"]


def test_arrow_ragged_counts_refused():
    with pytest.raises(ResponseError, match="one count per gene"):
        decode_arrow(_arrow([[1, 2, 3, 4, 5, 6], [1, 2]]))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_arrow_truncated(cut):
    body = _arrow([[1, 2, 3, 4, 5, 6]] * 50)
    with pytest.raises(ResponseError, match="Arrow"):
        decode_arrow(body[: int(len(body) * cut)])
