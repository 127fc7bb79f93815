"""Reading a researcher's CSV/TSV table, with errors that name the file, line and column.

The whole file is read and checked before anything is done with it: an
encoding that is not the one given (GBK is common for Chinese tables and is
recognised and named), a malformed quote, a row with more or fewer cells than
the header, an empty or repeated column name, or a missing column each raise
:class:`InputError`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .._errors import InputError

__all__ = ["Table", "TableRow", "cell_error", "read_table"]


@dataclass(frozen=True, slots=True)
class TableRow:
    line: int
    """Line of the file the row starts on, from 1 (the header is line 1)."""
    cells: Mapping[str, str]
    """Cell text by column name, stripped."""


@dataclass(frozen=True, slots=True)
class Table:
    path: Path
    encoding: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]

    def require(self, *names: str) -> None:
        """Raise :class:`InputError` naming the first of ``names`` the header lacks."""
        for name in names:
            if name not in self.columns:
                raise InputError(f"{self.path}, line 1: no column {name!r}; the columns are {', '.join(self.columns)}")

    def only(self, allowed: Iterable[str]) -> None:
        """Raise :class:`InputError` naming a column that is not among ``allowed``."""
        allowed = list(allowed)
        for number, name in enumerate(self.columns, start=1):
            if name not in allowed:
                raise InputError(
                    f"{self.path}, line 1, column {number}: unknown column {name!r}; expected {', '.join(allowed)}"
                )

    def position(self, name: str) -> int:
        return self.columns.index(name) + 1


def cell_error(table: Table, row: TableRow, column: str, message: str) -> InputError:
    """An :class:`InputError` for one cell: ``file, line N, column M (name): message``."""
    return InputError(f"{table.path}, line {row.line}, column {table.position(column)} ({column}): {message}")


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    name = encoding or "utf-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f"--encoding {name!r} is not an encoding Python knows (try utf-8, gbk or gb18030)") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        where = f"{path}, line {line}, byte {column} of the line"
        hint = ""
        if codec == "utf-8":
            try:
                data.decode("gb18030")
            except UnicodeDecodeError:
                hint = "; give its encoding with --encoding"
            else:
                hint = "; it reads as GBK (GB18030), as Chinese spreadsheets often save CSV: give --encoding gbk"
        raise InputError(f"{where}: not valid {codec} (byte 0x{data[error.start]:02x}){hint}") from None


def _delimiter(path: Path, first_line: str) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    if "," not in first_line and "\t" in first_line:
        return "\t"
    if "," not in first_line and "，" in first_line:
        raise InputError(f"{path}, line 1: the header is separated by full-width commas (，); save the table as CSV")
    return ","


def read_table(path: Path, *, encoding: str | None = None) -> Table:
    """Read ``path`` (CSV, or TSV for ``.tsv``/``.tab`` or a tab-separated header) in ``encoding`` (UTF-8 by default)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    text, codec = _decode(path, data, encoding)
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path, text.splitlines()[0]), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{path}, line {reader.line_num}: malformed CSV ({error})") from None
    records = [(number, cells) for number, cells in records if any(cell.strip() for cell in cells)]
    header_line, header = records[0]
    columns = tuple(cell.strip() for cell in header)
    for number, name in enumerate(columns, start=1):
        if not name:
            raise InputError(f"{path}, line {header_line}, column {number}: the column has no name")
        if columns.index(name) != number - 1:
            raise InputError(f"{path}, line {header_line}, column {number}: column {name!r} appears twice")
    rows: list[TableRow] = []
    for number, cells in records[1:]:
        if len(cells) != len(columns):
            extra = f"; the extra cell starts {cells[len(columns)][:20]!r}" if len(cells) > len(columns) else ""
            raise InputError(
                f"{path}, line {number}: {len(cells)} cells, but the header has {len(columns)} "
                f"({', '.join(columns)}){extra}"
            )
        rows.append(TableRow(number, {name: cell.strip() for name, cell in zip(columns, cells)}))
    return Table(path, codec, columns, tuple(rows))
