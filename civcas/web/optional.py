"""Adapters for modules other branches add (outlet registry, credibility): None when they are absent."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _registry() -> Any:
    try:
        outlets = importlib.import_module("civcas.outlets")
        return outlets.OutletRegistry.default()
    except (ImportError, AttributeError):
        return None


@lru_cache(maxsize=4096)
def outlet_camp(name: str | None) -> str | None:
    """The media camp of an outlet (state-owned, opposition, wire, monitor...) if the registry knows it."""
    registry = _registry()
    if registry is None or not name:
        return None
    try:
        outlet = registry.lookup(name)
    except Exception:  # a registry bug must not take a page down
        return None
    camp = getattr(outlet, "camp", None) if outlet is not None else None
    return str(camp) if camp else None


def credibility_module() -> Any:
    """civcas.credibility when installed, else None."""
    try:
        return importlib.import_module("civcas.credibility")
    except ImportError:
        return None
