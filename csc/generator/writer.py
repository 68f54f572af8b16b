"""Turn generated tables into extract files: CSV (with the contract's allowed variations) or
Parquet.

Generated tables are column dicts of numpy arrays: dates as ``datetime64[D]`` (NaT is null),
flags as ``int8`` (1, 0, -1 for null), everything else as object arrays of ``str`` or None.
Formatting is vectorised with pyarrow compute and each file is assembled as one buffer,
because at England scale per-row Python formatting would dominate the run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from csc.generator.tables import DATE, FLAG, JSON, TABLES

Table = dict[str, np.ndarray]

DATE_FORMATS = ("iso", "uk", "uk_short", "sqlserver", "iso_t", "uk_time", "mixed")
FLAG_SPELLINGS = (("Y", "N"), ("Yes", "No"), ("1", "0"), ("true", "false"), ("TRUE", "FALSE"),
                  ("y", "n"))


@dataclass(frozen=True)
class FileStyle:
    """How one file is spelled: all of it within what the contract accepts."""

    date_format: str = "iso"
    flags: tuple[str, str] = ("Y", "N")
    crlf: bool = False
    bom: bool = False
    header: str = "lower"  # lower, upper or title
    null_date_placeholder: bool = False  # write optional null dates as 1900-01-01


PLAIN = FileStyle()


def random_style(rng: np.random.Generator) -> FileStyle:
    """A style drawn from the variations real extracts show (one system export per file)."""
    return FileStyle(
        date_format=DATE_FORMATS[int(rng.integers(len(DATE_FORMATS)))],
        flags=FLAG_SPELLINGS[int(rng.integers(len(FLAG_SPELLINGS)))],
        crlf=bool(rng.random() < 0.3),
        bom=bool(rng.random() < 0.2),
        header=("lower", "lower", "upper", "title")[int(rng.integers(4))],
        null_date_placeholder=bool(rng.random() < 0.2),
    )


def _dates(values: np.ndarray, fmt: str, placeholder: bool, rng: np.random.Generator) -> pa.Array:
    """Dates as text in one of the accepted formats; null as '' (or the 1900-01-01 marker)."""
    null = np.isnat(values)
    filled = np.where(null, np.datetime64("1900-01-01"), values) if placeholder else values
    iso = pa.array(np.datetime_as_string(filled, unit="D"))
    y = pc.utf8_slice_codeunits(iso, 0, 4)
    m = pc.utf8_slice_codeunits(iso, 5, 7)
    d = pc.utf8_slice_codeunits(iso, 8, 10)
    variants = {
        "iso": lambda: iso,
        "uk": lambda: pc.binary_join_element_wise(d, m, y, "/"),
        "uk_short": lambda: pc.binary_join_element_wise(
            pc.replace_substring_regex(d, "^0", ""), pc.replace_substring_regex(m, "^0", ""),
            y, "/"),
        "sqlserver": lambda: pc.binary_join_element_wise(iso, "00:00:00.000", " "),
        "iso_t": lambda: pc.binary_join_element_wise(iso, "00:00:00", "T"),
        "uk_time": lambda: pc.binary_join_element_wise(
            pc.binary_join_element_wise(d, m, y, "/"), "00:00", " "),
    }
    if fmt == "mixed":
        names = [n for n in DATE_FORMATS if n != "mixed"]
        pick = pa.array(rng.integers(len(names), size=len(values)).astype(np.int8))
        out = pc.choose(pick, *[variants[n]() for n in names])
    else:
        out = variants[fmt]()
    if not placeholder:
        out = pc.if_else(pa.array(null), "", out)
    return out


def _as_arrow(values: np.ndarray | pa.Array) -> pa.Array:
    """Text columns come as numpy arrays (str or None) or, for generated ids, arrow arrays."""
    return values if isinstance(values, pa.Array) else pa.array(values, type=pa.string())


def _text(values: np.ndarray | pa.Array, always_quote: bool = False) -> pa.Array:
    """Free text with CSV quoting where needed (always for the outcome JSON)."""
    arr = pc.fill_null(_as_arrow(values), "")
    quoted = pc.binary_join_element_wise(
        "", pc.replace_substring(arr, '"', '""'), "", '"')
    if always_quote:
        return pc.if_else(pc.equal(arr, ""), arr, quoted)
    return pc.if_else(pc.match_substring_regex(arr, '[",\r\n]'), quoted, arr)


def format_table(name: str, table: Table, style: FileStyle,
                 rng: np.random.Generator, quoting: bool = True) -> list[pa.Array]:
    """Every column of a table as text in contract order (CSV-quoted unless quoting=False)."""
    out = []
    for col, kind in TABLES[name]:
        values = table[col]
        if kind == DATE:
            optional = not col.endswith(("_start_date", "contact_date", "visit_date",
                                         "referral_date", "check_date"))
            out.append(_dates(values, style.date_format,
                              style.null_date_placeholder and optional, rng))
        elif kind == FLAG:
            yes, no = style.flags
            out.append(pa.array(np.where(values == 1, yes, np.where(values == 0, no, ""))))
        elif not quoting:
            out.append(pc.fill_null(_as_arrow(values), ""))
        else:
            out.append(_text(values, always_quote=kind == JSON))
    return out


def header_line(name: str, style: FileStyle) -> str:
    """The header row in the file's header case."""
    cols = [c for c, _ in TABLES[name]]
    if style.header == "upper":
        cols = [c.upper() for c in cols]
    elif style.header == "title":
        cols = [c.title() for c in cols]
    return ",".join(cols)


def csv_bytes(name: str, table: Table, style: FileStyle, rng: np.random.Generator) -> bytes:
    """The whole CSV file as bytes: header, rows, the file's line ends and optional BOM."""
    eol = "\r\n" if style.crlf else "\n"
    head = ("\ufeff" if style.bom else "") + header_line(name, style) + eol
    n = len(table[TABLES[name][0][0]])
    if n == 0:
        return head.encode("utf-8")
    cols = format_table(name, table, style, rng)
    lines = pc.binary_join_element_wise(*cols, ",")
    lines = pc.binary_join_element_wise(lines, "", eol)  # line + eol, contiguous in one buffer
    lines = lines.cast(pa.large_string())
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset:lines.offset + n + 1]
    body = lines.buffers()[2].to_pybytes()[offsets[0]:offsets[-1]]
    return head.encode("utf-8") + body


def write_table(folder: Path, name: str, table: Table, style: FileStyle,
                rng: np.random.Generator, fmt: str = "csv") -> int:
    """Write one table file (``<name>.csv`` or ``<name>.parquet``); returns its row count.

    Parquet holds the same text values as the CSV would (an extract is text until staging
    parses it), with real nulls instead of empty strings.
    """
    folder.mkdir(parents=True, exist_ok=True)
    n = len(table[TABLES[name][0][0]])
    if fmt == "parquet":
        cols = format_table(name, table, PLAIN, rng, quoting=False)
        names = [c for c, _ in TABLES[name]]
        arrays = [pc.if_else(pc.equal(c, ""), pa.scalar(None, pa.string()), c) for c in cols]
        pq.write_table(pa.table(arrays, names=names), folder / f"{name}.parquet",
                       compression="zstd")
    else:
        (folder / f"{name}.csv").write_bytes(csv_bytes(name, table, style, rng))
    return n
