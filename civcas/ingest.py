"""Ingest: turn input files into Article objects, streaming, never losing data on bad input.

Supported inputs (by suffix, case-insensitive):

- ``.csv``  FA-KES-style CSV (header with unit_id, article_title, article_content, source, date,
  location, labels). One Article per row, id ``fakes-<unit_id>``.
- ``.txt``  one article per file; title = first non-empty line, text = the whole file.
- ``.jsonl`` one article per line: id, url, outlet, title, text, published.
- ``.html`` / ``.htm`` one article per page, main text and metadata by trafilatura.

Whatever goes wrong with one file, row or line becomes an :class:`IngestError` in the output
stream, and ingestion carries on with the next one.

Encoding policy: every text file is read as UTF-8 (a UTF-8/16/32 byte-order mark is honoured).
A file that is not valid UTF-8 is decoded as cp1252 (latin-1 when cp1252 cannot decode it)
*only if* the result looks like text (few control characters); its articles carry
``meta["encoding"]`` and a warning is logged. Otherwise the file is reported as a binary file.
A file with NUL bytes (and no UTF-16/32 byte-order mark) is a binary file; a file that holds
nothing but whitespace is an empty file.

Ids: an id that was already given, in the same run, to an article with different content gets a
suffix (``-2``, ``-3`` ...); the first one keeps the plain id. Identical repeats keep the id
(the store deduplicates by content hash).
"""

from __future__ import annotations

import codecs
import csv
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from civcas.credits import SOURCE_LINE, find_outlet
from civcas.models import Article

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".csv", ".txt", ".jsonl", ".html", ".htm")
FAKES_COLUMNS = ("unit_id", "article_title", "article_content", "source", "date", "location", "labels")
MIN_DATE = date(2000, 1, 1)

_CHUNK = 1 << 16
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_CONTROL_RATIO = 0.05  # more control characters than this in the first chunk: binary

# Articles can be long; the csv module's default field limit (128 KiB) would reject them.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class IngestError:
    """A file, row or line that could not be turned into an Article."""

    source: str  # "path", "path:row N" or "path:line N"
    message: str  # one line, human-readable

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class _Reject(Exception):
    """Raised inside a reader to turn the whole file into one IngestError."""


# --------------------------------------------------------------------------- file discovery


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    """Supported, non-hidden files under folder, recursively, in name order (symlink loops cut)."""
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if _is_hidden(entry):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.is_file() and _is_supported(entry):
            yield entry


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """The files named by paths (folders expanded), or an error for each unusable path."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                yield from _walk(path, seen)
            except OSError as exc:
                yield IngestError(str(path), f"cannot read folder ({exc.strerror or exc})")
        elif not path.exists():
            yield IngestError(str(path), "no such file or directory")
        elif not _is_supported(path):
            supported = ", ".join(SUPPORTED_SUFFIXES)
            yield IngestError(str(path), f"unsupported file type '{path.suffix}' (supported: {supported})")
        else:
            yield path


# --------------------------------------------------------------------------- encoding


def _looks_binary(sample: str) -> bool:
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    return controls / len(sample) > _MAX_CONTROL_RATIO


def _decodes(path: Path, encoding: str) -> tuple[bool, str, bool]:
    """Decode the file chunk by chunk: (ok, error description, has non-whitespace content)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset, has_content = 0, False
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            has_content = has_content or bool(chunk.strip())
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                bad = exc.object[exc.start]
                return False, f"byte 0x{bad:02x} at offset {offset + exc.start}", True
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return False, f"truncated character at offset {offset - len(exc.object) + exc.start}", True
    return True, "", has_content


def sniff_encoding(path: Path) -> str:
    """The encoding to read path with; raises _Reject for empty and binary files.

    Streams the file once (twice when it is not UTF-8), so memory stays constant.
    """
    with path.open("rb") as fh:
        head = fh.read(_CHUNK)
    bom_encoding = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
    if bom_encoding is None and b"\x00" in head:
        raise _Reject("binary file (contains NUL bytes)")
    encoding = bom_encoding or "utf-8"
    ok, problem, has_content = _decodes(path, encoding)
    if not has_content:
        raise _Reject("empty file")
    if ok:
        if _looks_binary(head.decode(encoding, errors="replace")):
            raise _Reject("binary file (mostly control characters)")
        return encoding
    if bom_encoding:
        raise _Reject(f"not valid {bom_encoding} despite its byte-order mark ({problem})")
    fallback = "cp1252" if _decodes(path, "cp1252")[0] else "latin-1"
    if _looks_binary(head.decode(fallback)):
        raise _Reject(f"binary file (not valid UTF-8: {problem})")
    log.warning("%s: not valid UTF-8 (%s); decoded as %s", path, problem, fallback)
    return fallback


def _encoding_meta(encoding: str) -> dict[str, Any]:
    return {} if encoding.startswith("utf-") else {"encoding": encoding}


# --------------------------------------------------------------------------- publication dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    # 12 February 2019 / Thursday, 06 December 2018 / AFP Thursday 30 Jun 2016
    re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}", re.I),
    # Published August 2 2016 / Fri Sep 27 2013 / July 20, 2016
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}", re.I),
    # Last updated at Jun 062016 (day and year run together)
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{2}}){_YEAR}", re.I),
    # 2016-06-21 (ISO)
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    # 24.08.2013 / 23-04-2016 / 18/05/2016 (day first; month first when day first is impossible)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?!\d)"),
]


def _match_date(m: re.Match[str]) -> date | None:
    parts = m.groupdict()
    year, day = int(parts["y"]), int(parts["d"])
    month = _MONTHS[parts["mon"][:3].lower()] if parts.get("mon") else int(parts["m"])
    for d, mo in ((day, month), (month, day)) if parts.get("sep") else ((day, month),):
        try:
            return date(year, mo, d)
        except ValueError:
            continue
    return None


def _plausible(d: date | None) -> bool:
    return d is not None and MIN_DATE <= d <= date.today()


def find_publication_date(text: str, max_chars: int = 600) -> date | None:
    """The publication date printed near the top of text: the earliest plausible full date.

    Looks at the first max_chars characters for day-month-year, month-day-year and numeric
    (day first) dates; dates before 2000 or after today are ignored. None if there is none.
    """
    head = text[:max_chars]
    candidates: list[tuple[int, date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(head):
            found = _match_date(m)
            if found is not None and _plausible(found):
                candidates.append((m.start(), found))
    return min(candidates)[1] if candidates else None


def _parse_iso_date(value: Any) -> date | None:
    """A date from an ISO date or datetime string ('2017-04-05', '2017-04-05T10:00:00Z')."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10]) if len(value) > 10 else date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


# --------------------------------------------------------------------------- ids


class _IdRegistry:
    """Gives each (id, content) pair a stable id; a reused id with new content gets -2, -3 ..."""

    def __init__(self) -> None:
        self._variants: dict[str, dict[str, str]] = {}
        self._used: set[str] = set()

    def assign(self, article: Article) -> Article:
        variants = self._variants.setdefault(article.id, {})
        chash = article.content_hash
        if chash not in variants:
            variants[chash] = self._fresh(article.id, first=not variants)
        article.id = variants[chash]
        return article

    def _fresh(self, base: str, first: bool) -> str:
        candidate, n = (base, 1) if first else (f"{base}-2", 2)
        while candidate in self._used:
            n += 1
            candidate = f"{base}-{n}"
        self._used.add(candidate)
        return candidate


# --------------------------------------------------------------------------- FA-KES CSV


def _norm_header(header: list[str]) -> list[str]:
    return [h.strip().lstrip("\ufeff").lower() for h in header]


def _parse_us_date(value: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def _fakes_meta(fields: dict[str, str]) -> dict[str, Any]:
    csv_date = _parse_us_date(fields["date"])
    meta: dict[str, Any] = {
        "fakes_date": csv_date.isoformat() if csv_date else fields["date"].strip() or None,
        "fakes_location": fields["location"].strip() or None,
    }
    raw_label = fields["labels"].strip()
    meta["label"] = int(raw_label) if re.fullmatch(r"-?\d+", raw_label) else None
    if raw_label and meta["label"] is None:
        meta["label_raw"] = raw_label
    return meta


def _fakes_article(fields: dict[str, str], source: str, encoding: str) -> Article:
    content = fields["article_content"]
    printed = find_publication_date(content)
    meta = _fakes_meta(fields) | _encoding_meta(encoding)
    meta["published_from"] = "text" if printed else "csv"
    return Article(
        id=f"fakes-{fields['unit_id'].strip()}",
        title=fields["article_title"].strip(),
        text=content,
        outlet=fields["source"].strip() or None,
        published=printed or _parse_us_date(fields["date"]),
        source=source,
        source_format="fakes-csv",
        meta=meta,
    )


def _fakes_row(header: list[str], row: list[str], source: str, encoding: str) -> Article | IngestError:
    if len(row) != len(header):
        return IngestError(source, f"{len(row)} fields, expected {len(header)}")
    fields = dict(zip(header, row, strict=True))
    for column in ("unit_id", "article_content"):
        if not fields[column].strip():
            return IngestError(source, f"missing {column}")
    return _fakes_article(fields, source, encoding)


def _read_csv(path: Path) -> Iterator[Article | IngestError]:
    """FA-KES rows; row N is the N-th data row (the header is row 0), blank lines skipped."""
    encoding = sniff_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        header = _norm_header(next(reader, []))
        missing = [c for c in FAKES_COLUMNS if c not in header]
        if missing:
            raise _Reject(
                f"not a FA-KES CSV: missing column(s) {', '.join(missing)} "
                f"(expected {', '.join(FAKES_COLUMNS)})"
            )
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                n += 1
                yield IngestError(f"{path}:row {n}", f"unreadable CSV row ({exc})")
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            n += 1
            yield _fakes_row(header, row, f"{path}:row {n}", encoding)
        if n == 0:
            yield IngestError(str(path), "CSV has a header but no rows")


# --------------------------------------------------------------------------- plain text

_URL_LINE = re.compile(r"^\s*(?:url|link)\s*:\s*(?P<v>https?://\S+)\s*$", re.I | re.M)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


_DATELINE_NOISE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:published|posted|updated|last|on|at|by)\b"
    r"|\d{1,2}:\d{2}(?::\d{2})?|[^\w\s]",
    re.I,
)


def _is_dateline(line: str) -> bool:
    """A short line that is just a date (with weekday, time or a short outlet name)."""
    if len(line) > 80 or not find_publication_date(line):
        return False
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return len(_DATELINE_NOISE.sub(" ", rest).split()) <= 4


def _txt_title(text: str) -> str:
    """The first non-empty line that is neither a dateline nor a 'Source:' line."""
    for line in text.splitlines()[:20]:
        line = line.strip()
        if line and not _is_dateline(line) and not SOURCE_LINE.match(line):
            return line
    return _first_line(text)


def _read_txt(path: Path) -> Iterator[Article | IngestError]:
    encoding = sniff_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        text = fh.read().replace("\r\n", "\n").replace("\r", "\n")
    url = _URL_LINE.search(text[:1000])
    title = _txt_title(text)
    yield Article(
        id=path.stem,
        title=title,
        text=text,
        outlet=find_outlet(text, title),
        url=url.group("v") if url else None,
        published=find_publication_date(text),
        source=str(path),
        source_format="txt",
        meta=_encoding_meta(encoding),
    )


# --------------------------------------------------------------------------- JSON lines


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _jsonl_article(obj: Any, path: Path, n: int, encoding: str) -> Article | IngestError:
    source = f"{path}:line {n}"
    if not isinstance(obj, dict):
        return IngestError(source, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(source, "missing text")
    meta = _encoding_meta(encoding)
    published = _parse_iso_date(obj.get("published"))
    if obj.get("published") and published is None:
        meta["published_raw"] = str(obj["published"])
    if published is None and (published := find_publication_date(text)):
        meta["published_from"] = "text"
    raw_id = obj.get("id")
    return Article(
        id=str(raw_id).strip() if raw_id not in (None, "") else f"{path.stem}-{n}",
        title=_str_or_none(obj.get("title")) or _first_line(text),
        text=text,
        outlet=_str_or_none(obj.get("outlet")),
        url=_str_or_none(obj.get("url")),
        published=published,
        language=_str_or_none(obj.get("language")) or "en",
        source=source,
        source_format="jsonl",
        meta=meta,
    )


def _read_jsonl(path: Path) -> Iterator[Article | IngestError]:
    encoding = sniff_encoding(path)
    with path.open(encoding=encoding) as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield IngestError(f"{path}:line {n}", f"bad JSON ({exc.msg} at column {exc.colno})")
                continue
            yield _jsonl_article(obj, path, n, encoding)


# --------------------------------------------------------------------------- HTML


def _read_html(path: Path) -> Iterator[Article | IngestError]:
    sniff_encoding(path)  # rejects empty and binary files; trafilatura decodes the bytes itself
    result = article_from_html(path.read_bytes(), path.stem, str(path))
    if isinstance(result, IngestError):
        raise _Reject(result.message)
    yield result


def article_from_html(
    content: bytes | str, article_id: str, source: str, url: str | None = None
) -> Article | IngestError:
    """One article from an HTML page: main text, title, date and site name by trafilatura.

    ``url`` (where the page was fetched from) wins over the canonical URL the page declares.
    """
    import trafilatura  # slow to import; only needed for HTML

    doc = trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return IngestError(source, "no article text found in the HTML")
    published = _parse_iso_date(doc.date)
    if not _plausible(published):
        published = find_publication_date(text)
    meta = {k: v for k in ("hostname", "sitename", "author", "description") if (v := getattr(doc, k, None))}
    return Article(
        id=article_id,
        title=(doc.title or "").strip() or _first_line(text),
        text=text,
        outlet=doc.sitename or doc.hostname,
        url=url or doc.url,
        published=published,
        source=source,
        source_format="html",
        meta=meta,
    )


# --------------------------------------------------------------------------- entry points

_READERS = {
    ".csv": _read_csv,
    ".txt": _read_txt,
    ".jsonl": _read_jsonl,
    ".html": _read_html,
    ".htm": _read_html,
}


def _read_file(path: Path) -> Iterator[Article | IngestError]:
    """One file's articles and errors; a failure that stops the file becomes one more error."""
    try:
        yield from _READERS[path.suffix.lower()](path)
    except _Reject as exc:
        yield IngestError(str(path), str(exc))
    except OSError as exc:
        yield IngestError(str(path), f"cannot read file ({exc.strerror or exc})")
    except Exception as exc:  # one bad file must not stop a long run
        log.exception("unexpected error while reading %s", path)
        yield IngestError(str(path), f"unexpected error: {type(exc).__name__}: {exc}")


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | IngestError]:
    """Articles from files and folders (recursive, name order, hidden files skipped), in order.

    Explicitly named files with an unsupported suffix are reported as errors; inside folders
    they are skipped silently. Errors are yielded in place; nothing stops the stream.
    """
    ids = _IdRegistry()
    for item in _expand(paths):
        if isinstance(item, IngestError):
            yield item
            continue
        for result in _read_file(item):
            yield ids.assign(result) if isinstance(result, Article) else result


def input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files iter_articles reads for these paths (folders expanded), in the same order."""
    return (item for item in _expand(paths) if isinstance(item, Path))


_ROW_OR_LINE = re.compile(r":(?:row|line) \d+$")


def source_file(article: Article) -> str | None:
    """The path of the file an article was read from (its ``source`` less ':row N' / ':line N')."""
    if article.source is None or article.source_format not in ("fakes-csv", "jsonl", "txt", "html"):
        return None
    return _ROW_OR_LINE.sub("", article.source)


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                return max(sum(1 for row in csv.reader(fh) if row) - 1, 1)
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                return max(sum(1 for line in fh if line.strip()), 1)
    except (OSError, csv.Error):
        pass
    return 1


def count_inputs(paths: Iterable[str | Path]) -> int:
    """Estimated number of items iter_articles will yield (for a progress bar).

    CSV data rows + non-blank JSONL lines + one per other file or bad path.
    """
    return sum(1 if isinstance(item, IngestError) else _count_file(item) for item in _expand(paths))
