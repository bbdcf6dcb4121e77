"""Live sources: fetch web pages and poll RSS/Atom feeds into the pipeline, archiving every byte read.

HTTP (httpx): a clear User-Agent, connect/read timeouts, retries with exponential back-off on
network errors and on 429/5xx answers, at most ``max_redirects`` redirects, a size limit checked
against Content-Length and while streaming, and robots.txt respected unless told otherwise
(RFC 9309: a robots.txt answering 4xx allows everything; one that cannot be read disallows).

Every response body read (pages and feeds, whatever the status) goes to the archive of the store
under its final URL, with status and headers, before anything is extracted from it; the article
keeps a link to that capture. A page is decoded with the charset of its Content-Type header, else
of its <meta> tag, else UTF-8 (cp1252 when that fails), then handed to ingest's HTML reader.

Feeds (feedparser) are polled with conditional requests (ETag / Last-Modified). Only items not
processed before are fetched; an item that fails is retried on later rounds, up to
MAX_ITEM_ATTEMPTS times. State lives in the database (tables ``feeds`` and ``feed_items``), so a
watcher stopped at any point resumes where it was: an item counts as processed only once its
article is stored, linked and assessed, and a feed's validators are saved only after its items.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from civcas import __version__, ingest, pipeline
from civcas.models import Article
from civcas.outlets import OutletRegistry, host_of

if TYPE_CHECKING:
    from civcas.store import Store

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/civcas/civcas"
USER_AGENT = f"civcas/{__version__} (+{PROJECT_URL})"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER_S = 60.0
MAX_ROBOTS_BYTES = 512 * 1024
MAX_ITEM_ATTEMPTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0  # seconds, per connect / read / write
    retries: int = 2  # further attempts after the first
    backoff: float = 1.0  # seconds before the first retry, doubling each time
    max_bytes: int = 10 * 2**20
    max_redirects: int = 5
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str  # final URL, after redirects
    status: int
    headers: dict[str, str]
    content: bytes  # the body as served (transfer/content encodings undone)
    fetched_at: datetime

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class FetchError(Exception):
    """A URL that could not be read: network failure, timeout, too big, redirect loop, robots.txt."""

    def __init__(self, url: str, message: str):
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message


# ---------------------------------------------------------------- HTTP


class Fetcher:
    """An HTTP client with the policy above; one per command, closed when done."""

    def __init__(self, policy: FetchPolicy | None = None, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._robots: dict[str, RobotFileParser | None] = {}
        self._client = httpx.Client(
            timeout=self.policy.timeout,
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            headers={"User-Agent": self.policy.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET url (any status is returned); raises FetchError when no usable answer came."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "only http and https URLs can be fetched")
        if self.policy.respect_robots and not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt (use --ignore-robots to fetch anyway)")
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            try:
                response = self._get_once(url, headers or {}, self.policy.max_bytes)
            except httpx.TooManyRedirects:
                raise FetchError(url, f"more than {self.policy.max_redirects} redirects") from None
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(url, _describe(exc)) from exc
                self._wait(attempt, None, url, _describe(exc))
                continue
            if response.status not in RETRY_STATUSES or last:
                return response
            self._wait(attempt, response.headers.get("retry-after"), url, f"HTTP {response.status}")
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict[str, str], limit: int) -> Response:
        with self._client.stream("GET", url, headers=headers) as r:
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(url, f"too large ({declared} bytes; limit {limit})")
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(url, f"too large (more than {limit} bytes)")
            return Response(str(r.url), r.status_code, dict(r.headers), bytes(body), _now())

    def _wait(self, attempt: int, retry_after: str | None, url: str, why: str) -> None:
        delay = self.policy.backoff * 2**attempt
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, min(float(retry_after), MAX_RETRY_AFTER_S))
        log.warning("%s: %s; retrying in %.1f s", url, why, delay)
        self._sleep(delay)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's site lets this User-Agent fetch it (read once per site)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return True if rules is None else rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser | None:
        """The site's rules; None when there are none (4xx); a deny-all parser when unreadable."""
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            response = self._get_once(origin + "/robots.txt", {}, MAX_ROBOTS_BYTES)
        except (httpx.HTTPError, FetchError) as exc:
            log.warning("%s/robots.txt unreadable (%s): not fetching from this site", origin, exc)
            rules.disallow_all = True
            return rules
        if 400 <= response.status < 500:
            return None
        if response.status != 200:
            rules.disallow_all = True
            return rules
        rules.parse(response.content.decode("utf-8", errors="replace").splitlines())
        return rules


def _describe(exc: httpx.TransportError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------- pages -> articles


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(content: bytes, content_type: str | None) -> str | None:
    """The charset of the Content-Type header, else of a <meta> tag in the first 4 KiB."""
    header = re.search(r"charset\s*=\s*([^\s;]+)", content_type or "", re.I)
    from_header = _known_codec(header.group(1)) if header else None
    meta = _META_CHARSET.search(content[:4096])
    return from_header or _known_codec(meta.group(1).decode("ascii") if meta else None)


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """The page as text: byte-order mark, then declared charset, then UTF-8, then cp1252."""
    if content.startswith(codecs.BOM_UTF8):
        return content.decode("utf-8-sig", errors="replace")
    charset = declared_charset(content, content_type)
    if charset:
        return content.decode(charset, errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def article_id_for(url: str) -> str:
    """A stable id from the URL: 'northernwire-example-org-3f2a9c01b4'."""
    host = host_of(url).removeprefix("www.")
    slug = re.sub(r"[^a-z0-9]+", "-", host).strip("-") or "web"
    return f"{slug}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:10]}"


def _unused_id(store: Store, base: str, content_hash: str) -> str:
    """base, or base-2, base-3 ... when a different version of the page holds base already."""
    candidate, n = base, 1
    while (stored := store.get_article(candidate)) is not None and stored.content_hash != content_hash:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def page_to_article(
    response: Response, store: Store, outlet_name: str | None = None
) -> Article | ingest.IngestError:
    """The article of a fetched page; its outlet from the registry by domain when known."""
    if response.status != 200:
        return ingest.IngestError(response.url, f"HTTP {response.status}")
    media_type = response.content_type.split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return ingest.IngestError(response.url, f"not an HTML page ({media_type})")
    text = decode_html(response.content, response.content_type)
    result = ingest.article_from_html(text, article_id_for(response.url), response.url, url=response.url)
    if isinstance(result, ingest.IngestError):
        return result
    known = OutletRegistry.default().by_domain(response.url)
    result.outlet = outlet_name or (known.name if known else result.outlet)
    result.id = _unused_id(store, result.id, result.content_hash)
    result.meta["http_status"] = response.status
    return result


def fetch_page(
    url: str, store: Store, fetcher: Fetcher, outlet_name: str | None = None
) -> tuple[Article | ingest.IngestError, int | None]:
    """Fetch and archive one page: (its article or an error, the archive capture id)."""
    try:
        response = fetcher.get(url)
    except FetchError as exc:
        return ingest.IngestError(url, exc.message), None
    capture, _new = store.archive(
        response.content, response.url, "http", response.status, response.headers, response.fetched_at
    )
    return page_to_article(response, store, outlet_name), capture.id


def fetch_urls(urls: Iterable[str], store: Store, fetcher: Fetcher) -> pipeline.RunReport:
    """`civcas fetch`: every page fetched and archived, then its article through the pipeline."""
    items: list[Article | ingest.IngestError] = []
    captures: dict[str, int] = {}
    for url in urls:
        item, capture_id = fetch_page(url, store, fetcher)
        items.append(item)
        if isinstance(item, Article) and capture_id is not None:
            captures[item.id] = capture_id
    return pipeline.run_articles(items, store, capture_of=lambda a: captures.get(a.id))


# ---------------------------------------------------------------- feeds


@dataclass(frozen=True)
class Feed:
    url: str
    name: str | None = None
    outlet: str | None = None  # outlet of its items, when the domain does not tell


def load_feeds(path: Path) -> tuple[list[Feed], float | None]:
    """Feeds and the polling interval (seconds) of a FEEDS.yaml file.

    Either a list of URLs, or a mapping with ``feeds:`` (URLs or mappings with ``url`` and
    optional ``name`` / ``outlet``) and an optional ``interval:``.
    """
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw, interval = (data.get("feeds"), data.get("interval")) if isinstance(data, dict) else (data, None)
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{path}: expected a list of feeds (or 'feeds:' with a list)")
    feeds = []
    for n, entry in enumerate(raw, start=1):
        spec: dict[str, Any] = {"url": entry} if isinstance(entry, str) else entry
        if not isinstance(spec, dict) or not isinstance(spec.get("url"), str):
            raise ValueError(f"{path}: feed {n} has no url")
        feeds.append(Feed(spec["url"].strip(), spec.get("name"), spec.get("outlet")))
    return feeds, float(interval) if interval is not None else None


@dataclass
class PollReport:
    articles: list[str] = field(default_factory=list)  # ids of articles stored
    items_seen: int = 0
    items_new: int = 0
    feeds_failed: list[str] = field(default_factory=list)
    items_failed: list[str] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)


class Watcher:
    """Polls feeds into the store; `stop()` is asked between items so that Ctrl-C loses nothing."""

    def __init__(
        self, store: Store, fetcher: Fetcher, feeds: list[Feed], stop: Callable[[], bool] | None = None
    ):
        self.store = store
        self.fetcher = fetcher
        self.feeds = feeds
        self.stop = stop or (lambda: False)

    def poll_round(self) -> PollReport:
        report = PollReport()
        for feed in self.feeds:
            if self.stop():
                break
            self.poll_feed(feed, report)
        return report

    def poll_feed(self, feed: Feed, report: PollReport) -> None:
        state = self.store.feed_state(feed.url)
        conditional = {"If-None-Match": state.etag, "If-Modified-Since": state.last_modified}
        try:
            response = self.fetcher.get(feed.url, {k: v for k, v in conditional.items() if v})
        except FetchError as exc:
            self._feed_failed(state, exc.message, report)
            return
        if response.status == 304:
            report.not_modified.append(feed.url)
            self._retry_failed_items(feed, report)
            self._feed_ok(state, etag=state.etag, last_modified=state.last_modified)
            return
        self.store.archive(response.content, response.url, "http", response.status, response.headers)
        if response.status != 200:
            self._feed_failed(state, f"HTTP {response.status}", report)
            return
        items = _feed_items(response)
        if items is None:
            self._feed_failed(state, "not an RSS or Atom feed", report)
            return
        done = self.store.feed_items_done(feed.url)
        report.items_seen += len(items)
        for key, link in items:
            if key in done:
                continue
            if self.stop():
                return  # validators not saved: the next round reads the whole feed again
            report.items_new += 1
            self._process_item(feed, key, link, report)
        self._retry_failed_items(feed, report, skip={key for key, _ in items})
        self._feed_ok(state, response.headers.get("etag"), response.headers.get("last-modified"))

    def _process_item(self, feed: Feed, key: str, link: str | None, report: PollReport) -> None:
        if not link:
            self.store.record_feed_item(feed.url, key, link, done=True, error="item without a link")
            return
        item, capture_id = fetch_page(link, self.store, self.fetcher, feed.outlet)
        if isinstance(item, ingest.IngestError):
            attempts = self.store.feed_item_attempts(feed.url, key) + 1
            give_up = attempts >= MAX_ITEM_ATTEMPTS
            log.warning("%s: %s%s", link, item.message, " (giving up)" if give_up else " (will retry)")
            self.store.record_feed_item(feed.url, key, link, done=give_up, error=item.message)
            report.items_failed.append(link)
            return
        run = pipeline.run_articles([item], self.store, capture_of=lambda _a: capture_id)
        report.articles.extend(run.added)
        stored_as = run.added[0] if run.added else (run.duplicates[0][1] if run.duplicates else None)
        self.store.record_feed_item(feed.url, key, link, done=True, article_id=stored_as)

    def _retry_failed_items(self, feed: Feed, report: PollReport, skip: set[str] | None = None) -> None:
        for key, link in self.store.feed_items_pending(feed.url):
            if self.stop():
                return
            if key not in (skip or set()):
                self._process_item(feed, key, link, report)

    def _feed_failed(self, state, message: str, report: PollReport) -> None:
        log.warning("feed %s: %s (will retry next round)", state.url, message)
        state.failures += 1
        state.last_error = message
        state.last_polled_at = _now()
        self.store.save_feed_state(state)
        report.feeds_failed.append(state.url)

    def _feed_ok(self, state, etag: str | None, last_modified: str | None) -> None:
        state.etag, state.last_modified = etag, last_modified
        state.failures, state.last_error, state.last_polled_at = 0, None, _now()
        self.store.save_feed_state(state)


def _feed_items(response: Response) -> list[tuple[str, str | None]] | None:
    """(key, link) of each entry, oldest first; None when the body is not a feed."""
    import feedparser

    parsed = feedparser.parse(response.content, response_headers={"content-type": response.content_type})
    if not parsed.entries and not parsed.get("version"):
        return None
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        key = entry.get("id") or link or entry.get("title")
        if key:
            items.append((key, link))
    return list(reversed(items))
