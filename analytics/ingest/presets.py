"""Named presets for HR systems: how their exports name columns and values.

A preset maps an export's own headers (compared with `normalise_header`) to canonical columns per
input kind, and the export's own values (compared with `normalise_value`) to canonical values.
Generic Dutch/English synonyms live in `synonyms.py`; presets add the system-specific names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    source: str
    # kind (a table name from analytics.contract.KINDS) -> {export header: canonical column}
    columns: Mapping[str, Mapping[str, str]]
    # canonical column -> {export value: canonical value}
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


PRESETS: dict[str, Preset] = {}
