"""The outlet registry: who publishes a report, and which media camp the outlet belongs to.

A media camp is a fact about an outlet (state-owned, opposition, wire, monitor ...): it says
which reports are *not* independent of each other. It describes outlets; it never scores them.

The registry ships as ``civcas/data/outlets.csv`` with columns
``name, aliases, domains, country, ownership, camp`` (aliases and domains ``|``-separated).
Users extend it with their own CSV files of the same shape, named in the ``CIVCAS_OUTLETS``
environment variable (several paths separated by ``os.pathsep``) or with ``civcas --outlets``.
A row whose name, or one of whose aliases, matches an outlet already loaded replaces that outlet.

Names are matched case-, accent- and punctuation-insensitively ("Free Syria Council – Media
Office" = "free syria council media office"); a domain matches its subdomains (``www.``,
``m.``, ``english.`` ...).
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

CAMPS = (
    "syrian_state",
    "russian_state",
    "iranian_state",
    "turkish_state",
    "syrian_opposition",
    "kurdish",
    "pan_arab",
    "western_wire",
    "western_media",
    "independent_monitor",
    "belligerent",
    "other",
)
COLUMNS = ("name", "aliases", "domains", "country", "ownership", "camp")
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "outlets.csv"
ENV_VAR = "CIVCAS_OUTLETS"

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PARENTHESES = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str = ""
    ownership: str = ""
    camp: str = "other"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def name_key(name: str) -> str:
    """The form names are compared in: no accents, case, apostrophes, punctuation or leading 'the'."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    plain = _APOSTROPHES.sub("", plain).replace("&", " and ")
    words = _NON_WORD.sub(" ", plain).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def host_of(url_or_host: str) -> str:
    """'https://English.Ahram.org.eg:443/News/1.aspx' -> 'english.ahram.org.eg'."""
    value = url_or_host.strip()
    if "://" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


class OutletRegistryError(ValueError):
    """A registry file that cannot be read: bad header, unknown camp, missing name."""


class OutletRegistry:
    def __init__(self, outlets: Iterable[Outlet]):
        self._outlets: list[Outlet] = []
        self._by_name: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in outlets:
            self.add(outlet)

    # ------------------------------------------------------------ building

    def add(self, outlet: Outlet) -> None:
        """Add an outlet; one that shares a name or alias with a loaded outlet replaces it."""
        replaced = {id(o) for name in outlet.names if (o := self._by_name.get(name_key(name)))}
        if replaced:
            self._outlets = [o for o in self._outlets if id(o) not in replaced]
            self._by_name = {k: o for k, o in self._by_name.items() if id(o) not in replaced}
            self._by_domain = {k: o for k, o in self._by_domain.items() if id(o) not in replaced}
        self._outlets.append(outlet)
        for name in outlet.names:
            self._by_name[name_key(name)] = outlet
        for domain in outlet.domains:
            self._by_domain[host_of(domain)] = outlet

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> OutletRegistry:
        registry = cls([])
        for path in paths:
            for outlet in read_outlets_csv(Path(path)):
                registry.add(outlet)
        return registry

    @classmethod
    def default(cls) -> OutletRegistry:
        """The bundled registry plus the files named in $CIVCAS_OUTLETS (cached per value)."""
        return _default_for(os.environ.get(ENV_VAR, ""))

    # ------------------------------------------------------------ queries

    def lookup(self, name_or_alias: str | None) -> Outlet | None:
        """The outlet with this name or alias; 'Anadolu Agency (AA)' and bare domains work too."""
        if not name_or_alias or not name_or_alias.strip():
            return None
        found = self._by_name.get(name_key(name_or_alias))
        if found:
            return found
        outside = _PARENTHESES.sub(" ", name_or_alias).strip()
        for candidate in (outside, *_PARENTHESES.findall(name_or_alias)):
            if candidate and (found := self._by_name.get(name_key(candidate))):
                return found
        if "." in name_or_alias and " " not in name_or_alias.strip():
            return self.by_domain(name_or_alias)
        return None

    def by_domain(self, url_or_host: str | None) -> Outlet | None:
        """The outlet owning this URL's host or any parent domain of it."""
        if not url_or_host:
            return None
        labels = host_of(url_or_host).split(".")
        for start in range(len(labels) - 1):
            found = self._by_domain.get(".".join(labels[start:]))
            if found:
                return found
        return None

    def camp_of(self, name: str | None) -> str | None:
        outlet = self.lookup(name) if name else None
        return outlet.camp if outlet else None

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._outlets)

    def __len__(self) -> int:
        return len(self._outlets)


@lru_cache(maxsize=8)
def _default_for(extra: str) -> OutletRegistry:
    extra_files = [p for p in extra.split(os.pathsep) if p.strip()]
    return OutletRegistry.from_files([DEFAULT_FILE, *extra_files])


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def read_outlets_csv(path: Path) -> list[Outlet]:
    """The outlets of one registry file; raises OutletRegistryError naming the file and line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise OutletRegistryError(f"{path}: missing column(s) {', '.join(missing)}")
            return [_outlet_from_row(row, f"{path}:{reader.line_num}") for row in reader]
    except OSError as exc:
        raise OutletRegistryError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _outlet_from_row(row: dict[str, str], where: str) -> Outlet:
    name = (row.get("name") or "").strip()
    camp = (row.get("camp") or "").strip() or "other"
    if not name:
        raise OutletRegistryError(f"{where}: outlet without a name")
    if camp not in CAMPS:
        raise OutletRegistryError(f"{where}: unknown camp {camp!r} (known: {', '.join(CAMPS)})")
    return Outlet(
        name=name,
        aliases=_split(row.get("aliases")),
        domains=tuple(host_of(d) for d in _split(row.get("domains"))),
        country=(row.get("country") or "").strip(),
        ownership=(row.get("ownership") or "").strip(),
        camp=camp,
    )
