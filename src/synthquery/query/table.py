"""Read sample sheets (one condition per row) into records for :meth:`Query.add_many`.

CSV (comma or, as decimal-comma locales export it, semicolon) and TSV are read with the standard
library, cells as text; ``.xlsx`` needs openpyxl (read through pandas). Lines starting with
``#`` are comments; blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

from synthquery._errors import QueryError, UsageError

__all__ = ["read_table"]

#: a sample sheet has one row per condition: far below this
MAX_TABLE_BYTES = 64 * 1024 * 1024
# .csv is sniffed (comma or semicolon); other suffixes are sniffed too (tab or comma)
_DELIMITERS = {".tsv": "\t", ".tab": "\t", ".txt": "\t"}


def _read_text(path: Path, delimiter: str | None) -> list[dict[str, Any]]:
    try:
        with open(path, "rb") as handle:  # bounded: a device or a huge file is no sample sheet
            data = handle.read(MAX_TABLE_BYTES + 1)
        if len(data) > MAX_TABLE_BYTES:
            raise UsageError(f"{path} is larger than {MAX_TABLE_BYTES:,} bytes")
        text = data.decode("utf-8-sig")  # Excel writes a BOM
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path.name} is not UTF-8 text: {exc}") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise QueryError(f"{path.name} is empty")
    if delimiter is None:
        header_line = lines[0]
        if "\t" in header_line:
            delimiter = "\t"
        elif ";" in header_line and "," not in header_line:
            delimiter = ";"  # spreadsheets in decimal-comma locales export CSV this way
        else:
            delimiter = ","
    # strict: a quote left open swallows the rest of the file into one cell
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter, strict=True)
    try:
        header, *body = list(reader)
    except csv.Error as exc:
        raise QueryError(f"{path.name}: line {reader.line_num}: {exc}") from None
    header = [h.strip() for h in header]
    if len(set(header)) != len(header) or "" in header:
        raise QueryError(f"{path.name}: the header needs unique, non-empty column names")
    rows = []
    for number, cells in enumerate(body, start=2):
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            raise QueryError(f"{path.name}: row {number} has more cells than the header")
        rows.append({h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def _read_excel(path: Path, sheet: str | int | None) -> list[dict[str, Any]]:
    try:
        import openpyxl  # noqa: F401  # pandas needs it for .xlsx
    except ImportError:
        raise UsageError(
            f"reading {path.suffix} files needs openpyxl; install it or save the sheet as CSV"
        ) from None
    import pandas as pd

    try:
        frame = pd.read_excel(path, sheet_name=0 if sheet is None else sheet, dtype=object)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    return list(frame.to_dict(orient="records"))


def read_table(
    path: str | os.PathLike[str], *, sheet: str | int | None = None
) -> list[dict[str, Any]]:
    """Rows of the sheet at ``path`` as dicts keyed by column name."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_excel(path, sheet)
    if suffix == ".xls":
        raise UsageError("old .xls workbooks are not supported; save the sheet as .xlsx or CSV")
    if suffix == ".json":  # a query, not a sample sheet: reading it as CSV gives nonsense
        raise UsageError(
            f"{path.name} is JSON, not a sample sheet; read a query with Query.from_json "
            "(or check it with `synthquery lint`)"
        )
    return _read_text(path, _DELIMITERS.get(suffix))
