"""Numbers as the pages write them: changes without a sign when they round to nothing, and a
title that does not call an unseen change a rise."""

from __future__ import annotations

import pytest

from ui import fmt
from ui.charts import finding


@pytest.mark.parametrize(
    ("delta", "language", "decimals", "expected"),
    [
        (15.0, "nl", 0, "+15"),
        (-63.0, "nl", 0, "-63"),
        (0.3, "nl", 0, "0"),  # rounds to nothing: neither "+0" nor "-0"
        (-0.04, "nl", 1, "0,0"),
        (20.64, "nl", 1, "+20,6"),
        (-1234.5, "nl", 1, "-1.234,5"),
        (-1234.5, "en", 1, "-1,234.5"),
    ],
)
def test_signed(delta: float, language: str, decimals: int, expected: str) -> None:
    assert fmt.signed(delta, language, decimals) == expected


def test_points() -> None:
    assert fmt.points(-0.0394, "nl") == "-3,9 pp"
    assert fmt.points(0.0004, "en") == "0.0 pp"
    assert fmt.points(0.0123, "en") == "+1.2 pp"


def test_finding_says_stayed_when_the_shown_values_are_equal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.i18n

    monkeypatch.setattr(ui.i18n, "language", lambda: "nl")
    assert finding("eNPS", 0.162, 0.158, "+16", "+16") == "eNPS bleef +16"
    assert finding("eNPS", 0.18, 0.10, "+18", "+10") == "eNPS steeg naar +18"
    assert finding("Verloop", 0.132, 0.171, "13,2 %", "17,1 %") == "Verloop daalde naar 13,2 %"
    assert finding("Verloop", 0.132, None, "13,2 %") == "Verloop: 13,2 %"
