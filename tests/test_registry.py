"""The metric registry: complete entries, every command-line key described, README in sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.config import SETTINGS
from analytics.metrics import CLI_KEYS
from analytics.registry import readme_with_glossary, registry

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_metric_is_fully_described() -> None:
    entries = registry()
    assert entries, "the registry is empty"
    gaps = {key: metric.missing() for key, metric in entries.items() if metric.missing()}
    assert gaps == {}


def test_every_command_line_key_has_an_entry() -> None:
    assert sorted(set(CLI_KEYS) - set(registry())) == []


@pytest.mark.parametrize("key", sorted(SETTINGS))
def test_every_setting_has_help(key: str) -> None:
    assert len(SETTINGS[key].help) > 20


def test_readme_glossary_is_generated_from_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    assert readme_with_glossary(text) == text, (
        "README glossary is stale: run `python -m analytics glossary --update README.md`"
    )
