"""Streaming CSV reader with encoding detection (UTF-8 with or without BOM, cp949/EUC-KR)."""
from __future__ import annotations

import codecs
import csv
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..base import SourceFormatError, SourceRecord, SourceUnavailable
from ..limits import DEFAULT, Limits, size

# Enough to see Korean text in any realistic export without reading a large file whole.
SNIFF_BYTES = 1 << 20
DELIMITERS = (",", "\t", ";", "|")
# Python's euc_kr codec lacks the extended Hangul that Korean "EUC-KR" files carry in practice;
# cp949 is the superset Windows and Excel actually write.
ALIASES = {"euc-kr": "cp949", "euckr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949",
           "ms949": "cp949", "uhc": "cp949", "utf8": "utf-8", "utf-8-bom": "utf-8-sig"}


def detect_encoding(path: str | Path) -> str:
    """The encoding of a CSV file from its BOM or first megabyte: utf-8-sig, utf-8 or cp949."""
    path = Path(path)
    with _open(path) as handle:
        return _sniff(handle, path.name)


def read_csv(path: str | Path, *, required: Iterable[str] = (), id_column: str | None = None,
             encoding: str | None = None, delimiter: str | None = None,
             limits: Limits = DEFAULT) -> Iterator[SourceRecord]:
    """Stream the rows of a CSV file as records; values are strings exactly as in the file.

    Refused past limits.csv_file_bytes, a line past limits.csv_line_bytes or more than
    limits.csv_rows rows."""
    path = Path(path)
    name = path.name
    with _open(path) as handle:
        found = os.fstat(handle.fileno()).st_size
        if found > limits.csv_file_bytes:
            raise SourceFormatError(f"refused: the file is {size(found)} "
                                    f"(limit {size(limits.csv_file_bytes)})", location=name)
        codec = _codec(encoding, name) if encoding else _sniff(handle, name)
        handle.seek(0)
        if codec == "utf-8-sig":
            # Skip the BOM once; decoding every line with utf-8-sig would also eat a U+FEFF
            # that legitimately starts a later line.
            codec = "utf-8"
            if handle.read(3) != codecs.BOM_UTF8:
                handle.seek(0)
        start = handle.tell()
        lines = _decoded_lines(handle, codec, name, start, sniffed=encoding is None,
                               line_bytes=limits.csv_line_bytes)
        first = next(lines, None)
        if first is None:
            raise SourceFormatError("the file is empty: expected a header row", location=name)
        # strict: a broken quote is reported with its row instead of swallowing later rows.
        reader = csv.reader(itertools.chain([first], lines),
                            delimiter=delimiter or _guess_delimiter(first), strict=True)
        yield from _records(reader, name, tuple(required), id_column, limits.csv_rows)


def _records(reader, name: str, required: tuple[str, ...],
             id_column: str | None, max_rows: int) -> Iterator[SourceRecord]:
    row = 0  # the last row read, numbered as in a spreadsheet: the header is row 1
    try:
        header = next(reader)
        row = 1
        columns = _columns(header)
        _check_required(columns, required + ((id_column,) if id_column else ()), name)
        width = len(header)
        for values in reader:
            row += 1
            if row > max_rows + 1:
                raise SourceFormatError(f"refused: the file has more than {max_rows:,} rows "
                                        f"(limit {max_rows:,})", location=f"{name}, row {row}")
            if not any(v.strip() for v in values):
                continue
            if len(values) > width and any(v.strip() for v in values[width:]):
                raise SourceFormatError(
                    f"row has {len(values)} fields but the header has {width}; a quote is "
                    "probably not closed or a delimiter not escaped", location=f"{name}, row {row}")
            data = {key: values[i] if i < len(values) else None for i, key in columns}
            source_id = None
            if id_column:
                source_id = (data.get(id_column) or "").strip() or None
            yield SourceRecord(f"{name}, row {row}", data, source_id)
    except csv.Error as exc:
        raise SourceFormatError(f"malformed CSV (line {reader.line_num}): {exc}",
                                location=f"{name}, row {row + 1}") from None


def _columns(header: list[str]) -> list[tuple[int, str]]:
    """(index, name) of the named columns; unnamed ones are dropped, repeats get their position."""
    columns: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, raw in enumerate(header):
        key = " ".join(raw.replace("\ufeff", "").split())
        if not key:
            continue
        if key in seen:
            key = f"{key} (column {index + 1})"
        seen.add(key)
        columns.append((index, key))
    return columns


def _check_required(columns: list[tuple[int, str]], required: Iterable[str], name: str) -> None:
    present = [key for _, key in columns]
    missing = [c for c in dict.fromkeys(required) if c not in present]
    if missing:
        raise SourceFormatError(
            f"missing required column(s): {', '.join(missing)}; the header has: "
            f"{', '.join(present) or '(no named columns)'}", location=f"{name}, row 1")


def _open(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise SourceUnavailable(f"file not found: {path}", location=path.name) from None
    except OSError as exc:
        raise SourceUnavailable(f"cannot open {path}: {exc.strerror or exc}",
                                location=path.name) from None


def _codec(encoding: str, name: str) -> str:
    wanted = ALIASES.get(encoding.lower(), encoding)
    try:
        return codecs.lookup(wanted).name
    except LookupError:
        raise SourceFormatError(f"unknown encoding {encoding!r}", location=name) from None


def _sniff(handle: BinaryIO, name: str) -> str:
    sample = handle.read(SNIFF_BYTES)
    final = len(sample) < SNIFF_BYTES
    handle.seek(0)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceFormatError("the file is UTF-16 text; save it as 'CSV UTF-8' instead",
                                location=name)
    # Incremental decoders, because the sample may end in the middle of a character.
    for codec in ("utf-8", "cp949"):
        try:
            codecs.getincrementaldecoder(codec)("strict").decode(sample, final)
            return codec
        except UnicodeDecodeError as exc:
            failure = exc
    line = sample[:failure.start].count(b"\n") + 1
    raise SourceFormatError(
        f"cannot detect the text encoding: neither UTF-8 nor cp949 (EUC-KR) can decode line "
        f"{line} (byte offset {failure.start}: {sample[failure.start:failure.start + 4]!r})",
        location=name)


def _decoded_lines(handle: BinaryIO, codec: str, name: str, offset: int,
                   sniffed: bool, line_bytes: int) -> Iterator[str]:
    # Byte lines are safe to split on b"\n" for UTF-8 and cp949: neither uses 0x0A inside a
    # multi-byte character. Decoding per line lets an error name its line late in a huge file.
    # Lines are read with a cap, so a file with no line breaks is refused, not read whole.
    for number, raw in enumerate(iter(lambda: handle.readline(line_bytes + 1), b""), 1):
        if len(raw) > line_bytes:
            raise SourceFormatError(f"refused: line {number} is longer than {size(line_bytes)} "
                                    f"(limit {size(line_bytes)})", location=f"{name}, line {number}")
        try:
            yield raw.decode(codec)
        except UnicodeDecodeError as exc:
            hint = (" (the encoding was guessed from the start of the file; pass encoding= "
                    "if the file mixes encodings)" if sniffed else "")
            raise SourceFormatError(
                f"line {number} cannot be decoded as {codec} at byte offset {offset + exc.start} "
                f"({raw[exc.start:exc.start + 4]!r}){hint}", location=f"{name}, line {number}",
            ) from None
        offset += len(raw)


def _guess_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","
