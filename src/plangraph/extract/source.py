"""Reading a source document and the metadata file beside it, with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from .._errors import SourceError
from .records import DocumentMeta, SourceDocument

__all__ = ["find_sources", "read_source"]

#: A report's last line ends a sentence; a copy cut short in transfer does not.
_SENTENCE_ENDS = "。！？；”）)!?"
_REQUIRED_META = ("title_zh", "title_en", "city_zh", "city_en", "author_zh", "author_en", "delivered", "source_url")


def find_sources(directory: Path) -> list[Path]:
    """The ``*.txt`` reports in ``directory``, sorted by name."""
    if not directory.is_dir():
        raise SourceError("source directory does not exist", path=str(directory))
    found = sorted(directory.glob("*.txt"))
    if not found:
        raise SourceError("no *.txt source documents", path=str(directory))
    return found


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            raise SourceError("truncated: the file ends inside a UTF-8 character", path=str(path)) from error
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            hint = ""
        else:
            hint = "; it looks like GBK/GB18030: convert it with `iconv -f GBK -t UTF-8`"
        raise SourceError(f"not UTF-8 (invalid byte at offset {error.start}){hint}", path=str(path)) from error


def _read_meta(path: Path, doc_id: str) -> DocumentMeta:
    meta_path = path.with_suffix(".meta.json")
    if not meta_path.exists():
        raise SourceError("metadata file is missing", path=str(meta_path))
    try:
        raw = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"metadata is not valid UTF-8 JSON: {error}", path=str(meta_path)) from error
    if not isinstance(raw, dict):
        raise SourceError("metadata must be a JSON object", path=str(meta_path))
    missing = [key for key in _REQUIRED_META if not raw.get(key)]
    if missing:
        raise SourceError(f"metadata lacks {', '.join(missing)}", path=str(meta_path))
    delivered = str(raw["delivered"])
    try:
        review_year = int(raw.get("review_year") or int(delivered[:4]) - 1)
        plan_year = int(raw.get("plan_year") or int(delivered[:4]))
    except ValueError as error:
        raise SourceError(f"metadata has a malformed year: {error}", path=str(meta_path)) from error
    return DocumentMeta(
        doc_id=doc_id,
        title_zh=raw["title_zh"],
        title_en=raw["title_en"],
        city_zh=raw["city_zh"],
        city_en=raw["city_en"],
        author_zh=raw["author_zh"],
        author_en=raw["author_en"],
        delivered=delivered,
        delivered_at_zh=raw.get("delivered_at_zh", ""),
        published=raw.get("published"),
        source_url=raw["source_url"],
        review_year=review_year,
        plan_year=plan_year,
        province_zh=raw.get("province_zh"),
    )


def read_source(path: Path) -> SourceDocument:
    """Read a report and its ``.meta.json``; raise ``SourceError`` naming the file and the problem."""
    if not path.exists():
        raise SourceError("file does not exist", path=str(path))
    if not path.is_file():
        raise SourceError("not a regular file", path=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise SourceError("file is empty", path=str(path))
    text = _decode(path, data)
    if text.startswith("\ufeff"):
        raise SourceError("starts with a byte-order mark; save it as UTF-8 without BOM so offsets stay exact", path=str(path))
    last_line = text.rstrip().splitlines()[-1].rstrip()
    if last_line and last_line[-1] not in _SENTENCE_ENDS:
        raise SourceError(f"truncated: the last line ends mid-sentence ({last_line[-12:]!r})", path=str(path))
    return SourceDocument(path=str(path), text=text, meta=_read_meta(path, path.stem))
