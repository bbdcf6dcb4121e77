"""Extraction: one English war report -> the incident claims it makes, each field with its evidence.

The engine is rules and lexicons, deterministic and explainable field by field:
1. split the text into sentences; find casualty figures, dates, places, actors, weapons,
   targets, attributions and responses in each;
2. turn each sentence that carries a casualty figure into an *event mention*;
3. group mentions into incidents: a mention joins an earlier incident when place and date are
   compatible and nothing marks it as a different event ("another", "similar", a new place);
   sentences with a strike verb but no figure only fill missing fields of an incident;
4. give each incident its role (main / related / background) and emit Claims.
"""

from __future__ import annotations

from civcas.extract.engine import extract_claims

__all__ = ["extract_claims"]
