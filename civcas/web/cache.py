"""A cache of rendered GET responses, valid while the database's data revision stays the same.

Migration 0006_web keeps one counter in the database that triggers raise on every write to a table
the pages show, whoever writes (this server, another worker, ``civcas run``). A response is stored
with the revision read *before* it was rendered, and served again only while the counter still
reads the same, so no page outlives a write. Only anonymous requests are cached (no session cookie,
no Authorization header), never on a server that closes reading, and only when the store has a
revision (SQLite).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_BYTES = 32_000_000  # bodies kept per process, least recently used dropped first
MAX_BODY = 512_000  # bytes; bigger responses (exports) are rendered each time
SKIPPED_PREFIXES = ("/static/", "/docs", "/login")


class ResponseCache:
    """ASGI middleware: replays a stored 200 response for the same path and query at the same revision."""

    def __init__(self, app: Any, revision: Callable[[], int | None], max_bytes: int = MAX_BYTES):
        self.app, self.revision, self.max_bytes = app, revision, max_bytes
        self.entries: OrderedDict[bytes, tuple[int, dict, bytes]] = OrderedDict()
        self.bytes = self.hits = self.misses = 0

    async def __call__(self, scope, receive, send):
        key = _cache_key(scope)
        revision = self.revision() if key is not None else None
        if revision is None:
            return await self.app(scope, receive, send)
        stored = self.entries.get(key)
        if stored is not None and stored[0] == revision:
            self.hits += 1
            self.entries.move_to_end(key)
            return await _replay(stored[1], stored[2], send)
        self.misses += 1
        await self.app(scope, receive, self._recording(key, revision, send))

    def _recording(self, key: bytes, revision: int, send):
        start: dict = {}
        chunks: list[bytes] = []

        async def recording_send(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, revision, start, b"".join(chunks))
            await send(message)

        return recording_send

    def _keep(self, key: bytes, revision: int, start: dict, body: bytes) -> None:
        headers = start.get("headers") or []
        if start.get("status") != 200 or len(body) > MAX_BODY or any(k == b"set-cookie" for k, _ in headers):
            return
        self._drop(key)
        self.entries[key] = (revision, start, body)
        self.bytes += len(body)
        while self.bytes > self.max_bytes:
            self._drop(next(iter(self.entries)))

    def _drop(self, key: bytes) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old[2])


def _cache_key(scope) -> bytes | None:
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    path: str = scope["path"]
    if path.startswith(SKIPPED_PREFIXES):
        return None
    for name, value in scope.get("headers") or []:
        if name == b"authorization" or (name == b"cookie" and b"civcas_session=" in value):
            return None
    return path.encode("utf-8") + b"?" + scope.get("query_string", b"")


async def _replay(start: dict, body: bytes, send) -> None:
    await send(start)
    await send({"type": "http.response.body", "body": body})
