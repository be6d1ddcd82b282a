"""One entry per metric: key, labels, unit, the formula in words, source and settings used.

The dashboard's "how is this calculated?" panels, export footnotes and the README glossary all
come from here. Each domain module declares its `METRICS`; this module gathers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analytics.config import SETTINGS

Unit = Literal["persons", "fte", "count", "rate", "days", "score", "index", "ratio", "layers",
               "euro_per_hour", "share"]  # fmt: skip


@dataclass(frozen=True)
class MetricDef:
    key: str
    label_nl: str
    label_en: str
    unit: Unit
    numerator: str
    denominator: str  # "" where the metric is not a ratio
    population: str
    period: str
    exclusions: str
    source: str
    settings: tuple[str, ...] = ()

    @property
    def formula(self) -> str:
        """The formula in words, as the "how is this calculated?" panel shows it."""
        text = self.numerator if not self.denominator else f"{self.numerator} / {self.denominator}"
        return (
            f"{text}. Population: {self.population}. Period: {self.period}. "
            f"Left out: {self.exclusions}."
        )

    def missing(self) -> list[str]:
        """Fields left empty (a test fails on any), and settings that are not declared."""
        fields = {
            "label_nl": self.label_nl,
            "label_en": self.label_en,
            "numerator": self.numerator,
            "population": self.population,
            "period": self.period,
            "exclusions": self.exclusions,
            "source": self.source,
        }
        gaps = [name for name, value in fields.items() if not value.strip()]
        gaps += [f"setting {s}" for s in self.settings if s not in SETTINGS]
        return gaps


def registry() -> dict[str, MetricDef]:
    """Every metric of every domain, by key."""
    from analytics.metrics import absence, diversity, engagement, headcount, org, pay, turnover

    entries: dict[str, MetricDef] = {}
    for module in (headcount, turnover, absence, diversity, pay, engagement, org):
        for metric in getattr(module, "METRICS", ()):
            if metric.key in entries:
                raise ValueError(f"metric {metric.key} is declared twice")
            entries[metric.key] = metric
    return entries


def glossary_markdown(language: Literal["nl", "en"] = "en") -> str:
    """The metric glossary for the README, generated from the registry."""
    lines = ["| metric | definition | source |", "|---|---|---|"]
    for metric in registry().values():
        label = metric.label_en if language == "en" else metric.label_nl
        lines.append(f"| {label} (`{metric.key}`) | {metric.formula} | {metric.source} |")
    return "\n".join(lines)
