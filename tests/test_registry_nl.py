"""The Dutch formula texts: one complete entry per registry metric, and `formula_in`."""

from __future__ import annotations

import pytest

from analytics.registry import registry
from analytics.registry_nl import DUTCH, DUTCH_SOURCES

KEYS = sorted(registry())


def test_no_dutch_entry_without_a_metric() -> None:
    assert sorted(set(DUTCH) - set(registry())) == []


def test_every_metric_has_a_dutch_entry() -> None:
    assert sorted(set(registry()) - set(DUTCH)) == []


@pytest.mark.parametrize("key", KEYS)
def test_dutch_texts_are_complete(key: str) -> None:
    metric = registry()[key]
    numerator, denominator, population, period, exclusions = DUTCH[key]
    assert all(text.strip() for text in (numerator, population, period, exclusions))
    assert denominator == denominator.strip()
    # A ratio in English is a ratio in Dutch, and the other way round.
    assert bool(denominator) == bool(metric.denominator)


@pytest.mark.parametrize("key", KEYS)
def test_formula_in_dutch(key: str) -> None:
    metric = registry()[key]
    numerator, denominator, *_ = DUTCH[key]
    text = metric.formula_in("nl")
    assert text.startswith(numerator)
    assert "Populatie:" in text and "Periode:" in text and "Buiten beschouwing:" in text
    assert (f"{numerator} / {denominator}." in text) == bool(denominator)
    assert "Population:" not in text


@pytest.mark.parametrize("key", KEYS)
def test_formula_in_english_is_the_formula(key: str) -> None:
    metric = registry()[key]
    assert metric.formula_in("en") == metric.formula


def test_every_metric_has_a_dutch_source_and_no_more() -> None:
    assert sorted(DUTCH_SOURCES) == KEYS


@pytest.mark.parametrize("key", KEYS)
def test_source_in_each_language(key: str) -> None:
    metric = registry()[key]
    assert metric.source_in("en") == metric.source
    assert metric.source_in("nl") == DUTCH_SOURCES[key]
    assert DUTCH_SOURCES[key].strip() == DUTCH_SOURCES[key] != ""
    # The English "domain reference 2.2" becomes "domeinreferentie 2.2", never stays English.
    assert "domain reference" not in metric.source_in("nl")
    assert metric.source.count("domain reference") == metric.source_in("nl").count(
        "domeinreferentie"
    )
