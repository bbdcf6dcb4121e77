"""`civcas bench api`: latency of the list and incident pages under concurrent clients on loopback.

Seeds a temporary SQLite database with synthetic incidents (bulk insert), starts a real server
(`civcas serve` in a subprocess), then for each page runs N concurrent httpx clients for a bounded
time, each sending its next request as soon as the previous one is answered (closed loop).
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx

from civcas import assess
from civcas.models import ACTORS, GOVERNORATES, WEAPONS, Article, Claim, Figure, Link, Place, Span
from civcas.store import Store

OUTLETS = [f"Bench Outlet {k}" for k in range(12)]


@dataclass
class PageResult:
    page: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class ApiBench:
    pages: list[PageResult]

    def result_line(self) -> str:
        worst = max(self.pages, key=lambda r: r.p99_ms)
        errors = sum(r.errors for r in self.pages)
        return f"RESULT p50_ms={worst.p50_ms:.1f} p99_ms={worst.p99_ms:.1f} errors={errors}"


def seed(store: Store, n_incidents: int, rng: random.Random) -> list[str]:
    """Synthetic incidents of 1-3 claims each, from made-up articles; returns the incident ids."""
    items, incidents = [], []
    start = date(2015, 1, 1)
    outlets: dict[str, str | None] = {}
    for k in range(n_incidents):
        day = start + timedelta(days=rng.randrange(3000))
        governorate = rng.choice(GOVERNORATES[:-1])
        actor, weapon = rng.choice(ACTORS[:8]), rng.choice(WEAPONS[:8])
        killed = rng.randrange(1, 80)
        claims = []
        for j in range(rng.randint(1, 3)):
            text = (
                f"Synthetic report {k}-{j}: {killed + j} civilians were killed in {governorate} by {weapon}."
            )
            article = Article(
                id=f"bench-{k}-{j}",
                title=f"Bench {k}-{j}",
                text=text,
                outlet=rng.choice(OUTLETS),
                published=day,
            )
            outlets[article.id] = article.outlet
            claim = Claim(
                article_id=article.id,
                index=0,
                date=day,
                date_precision="day",
                place=Place(name=governorate, governorate=governorate, precision=3),
                governorate=governorate,
                actor=actor,
                weapon=weapon,
                figures={"killed.total": Figure(killed + j), "killed.civilians": Figure(killed + j)},
                sentence=Span(0, len(text), text),
            )
            items.append((article, [claim]))
            claims.append(claim)
        links = [
            Link(c.id, claims[0].id if i else None, 6.0 if i else 0.0, ["synthetic"])
            for i, c in enumerate(claims)
        ]
        incidents.append(assess.build_incident(f"inc-bench{k:06d}", claims, outlets, links))
    store.add_articles_bulk(items)
    store.save_incidents(incidents)
    return [i.id for i in incidents]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HttpConnection:
    """One keep-alive HTTP/1.1 connection on loopback, reading each response in full (Content-Length).

    httpx spends about 0.75 ms of CPU per request, more than a cached page costs the server, and the
    clients share the machine's cores with it; this client costs a fraction of that, so the latencies
    measure the server rather than the client.
    """

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in header_lines if ": " in line)
        if "content-length" not in headers:
            raise ValueError(f"GET {path}: no Content-Length in the response")
        body = await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection") == "close":
            await self.close()
        return int(status_line.split(" ", 2)[1]), body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def _hammer(
    base: str, make_path: Callable[[random.Random], str], clients: int, seconds: float
) -> PageResult:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async def client(seed_: int) -> None:
        nonlocal errors
        rng = random.Random(seed_)
        connection = HttpConnection(host, int(port))
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                status, _body = await connection.get(make_path(rng))
                ok = status == 200
            except (OSError, ValueError, asyncio.IncompleteReadError):
                ok = False
                await connection.close()
            latencies.append((time.perf_counter() - t0) * 1000)
            errors += not ok
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return PageResult("", len(latencies), errors, elapsed, pct(0.50), pct(0.99))


def run(
    incidents: int = 10_000, clients: int = 50, seconds: float = 10.0, out: Callable[[str], None] = print
) -> ApiBench:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        with Store(db) as store:
            ids = seed(store, incidents, rng)
        out(f"seeded {len(ids)} incidents in {time.perf_counter() - t0:.1f} s")
        port = _free_port()
        env = {**os.environ, "CIVCAS_DB": db}
        server = subprocess.Popen(
            [sys.executable, "-m", "civcas", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base, server)
            pages = {
                "list /": lambda r: f"/?offset={r.randrange(0, max(1, len(ids) - 50))}",
                "incident /incidents/{id}": lambda r: f"/incidents/{r.choice(ids)}",
            }
            results = []
            for name, make_path in pages.items():
                result = asyncio.run(_hammer(base, make_path, clients, seconds))
                result.page = name
                results.append(result)
                out(
                    f"{name:28} {result.requests:6d} requests in {result.seconds:.1f} s ({result.rps:.0f}/s), "
                    f"{clients} clients: p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, errors {result.errors}"
                )
        finally:
            server.terminate()
            server.wait(10)
    return ApiBench(results)


def _wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            if httpx.get(base + "/api/incidents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("the server did not answer within 60 s")
