"""The Kaplan–Meier estimator: the spec's test vector, left truncation by hand, and lifelines (a
dev-only oracle) on the public tenure data set, with and without delayed entry."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from analytics.metrics.base import MetricsError
from analytics.metrics.turnover import kaplan_meier_raw

TURNOVER_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "turnover.csv"


def test_spec_vector() -> None:
    curve = kaplan_meier_raw([3, 5, 6, 7, 8, 10, 12, 12], [1, 0, 1, 1, 0, 1, 1, 0])
    table = curve.table
    assert table["time"].to_list() == [3, 5, 6, 7, 8, 10, 12]
    assert table["at_risk"].to_list() == [8, 7, 6, 5, 4, 3, 2]
    assert table["events"].to_list() == [1, 0, 1, 1, 0, 1, 1]
    assert table["censored"].to_list() == [0, 1, 0, 0, 1, 0, 1]
    expected = {3: 0.875, 6: 0.729167, 7: 0.583333, 10: 0.388889, 12: 0.194444}
    for time, survival in expected.items():
        assert curve.survival_at(time) == pytest.approx(survival, abs=5e-7)
    assert curve.median == 10


def test_step_function_and_its_ends() -> None:
    curve = kaplan_meier_raw([3, 5, 6, 7, 8, 10, 12, 12], [1, 0, 1, 1, 0, 1, 1, 0])
    assert curve.survival_at(0) == 1.0
    assert curve.survival_at(2.9) == 1.0
    assert curve.survival_at(9.99) == pytest.approx(0.583333, abs=5e-7)
    assert curve.survival_at(13) is None  # beyond the last time: not known
    ended = kaplan_meier_raw([1, 2], [1, 1])
    assert ended.survival_at(5) == 0.0  # everybody left: known to stay 0
    assert ended.median == 1  # S(1) = 0.5 counts as reaching the median
    never = kaplan_meier_raw([1, 2, 3, 4], [0, 1, 0, 0])
    assert never.median is None  # S stays at 2/3


def test_tied_event_and_censoring_at_one_time() -> None:
    # At 12 one leaves and one is censored: the censored one is still at risk (events first).
    curve = kaplan_meier_raw([12, 12], [1, 0])
    assert curve.table.row(0) == (12.0, 2, 1, 1, 0.5)


def test_left_truncation_by_hand() -> None:
    # Subject: (entry, duration, event) = (0, 5, 1), (6, 8, 1), (0, 10, 0), (9, 12, 1).
    curve = kaplan_meier_raw([5, 8, 10, 12], [1, 1, 0, 1], entry=[0, 6, 0, 9])
    # At 5: at risk 1 and 3 (2 and 4 enter later) → 1/2. At 8: 2 and 3 → 1/4.
    # At 10: 3 and 4, censored. At 12: only 4 → 0.
    assert curve.table["at_risk"].to_list() == [2, 2, 2, 1]
    assert curve.table["survival"].to_list() == pytest.approx([0.5, 0.25, 0.25, 0.0])
    assert curve.median == 5
    ignored = kaplan_meier_raw([5, 8, 10, 12], [1, 1, 0, 1])
    assert ignored.table["survival"].to_list() == pytest.approx([0.75, 0.5, 0.5, 0.0])


def test_an_entrant_is_at_risk_only_after_its_entry_time() -> None:
    # The third subject entered at 4 (known to have survived 4): not at risk at 4.
    curve = kaplan_meier_raw([4, 4, 6], [1, 0, 1], entry=[0, 0, 4])
    assert curve.table["at_risk"].to_list() == [2, 1]
    assert curve.table["survival"].to_list() == pytest.approx([0.5, 0.0])


def test_refuses_bad_input() -> None:
    with pytest.raises(MetricsError, match="below its duration"):
        kaplan_meier_raw([5, 8], [1, 1], entry=[0, 8])
    with pytest.raises(MetricsError, match="equal length"):
        kaplan_meier_raw([5, 8], [1])
    with pytest.raises(MetricsError, match="events 0/1"):
        kaplan_meier_raw([5, 8], [1, 2])
    with pytest.raises(MetricsError, match="one value per duration"):
        kaplan_meier_raw([5, 8], [1, 0], entry=[0])


def test_empty_input() -> None:
    curve = kaplan_meier_raw([], [])
    assert curve.table.height == 0
    assert (curve.median, curve.survival_at(1)) == (None, None)


@pytest.fixture(scope="module")
def tenure() -> pl.DataFrame:
    if not TURNOVER_CSV.exists():
        pytest.skip("shared data not present")
    text = TURNOVER_CSV.read_bytes().decode("latin-1")
    return pl.read_csv(io.StringIO(text))


def _compare(durations: np.ndarray, events: np.ndarray, entry: np.ndarray | None) -> None:
    lifelines = pytest.importorskip("lifelines")
    ours = kaplan_meier_raw(durations, events, entry)
    fitter = lifelines.KaplanMeierFitter().fit(durations, events, entry=entry)
    times = ours.table["time"].to_numpy()
    theirs = fitter.survival_function_at_times(times).to_numpy()
    assert np.allclose(ours.table["survival"].to_numpy(), theirs, rtol=0, atol=1e-12)
    at_risk = fitter.event_table.loc[times, "at_risk"].to_numpy()
    assert np.array_equal(ours.table["at_risk"].to_numpy(), at_risk)
    assert ours.median == fitter.median_survival_time_


def test_against_lifelines(tenure: pl.DataFrame) -> None:
    durations = tenure["stag"].to_numpy()
    events = tenure["event"].to_numpy()
    assert (len(durations), int(events.sum())) == (1129, 571)  # as the data README says
    _compare(durations, events, None)
    # The KM median is not the median of stag (24.345 months): censored tenures are longer.
    median = kaplan_meier_raw(durations, events).median
    assert median is not None and median > 24.345


def test_against_lifelines_with_delayed_entry(tenure: pl.DataFrame) -> None:
    durations = tenure["stag"].to_numpy()
    events = tenure["event"].to_numpy()
    # Seeded entry times below each duration: a left-truncated sample.
    entry = durations * np.random.default_rng(2024).uniform(0.0, 0.9, durations.size)
    _compare(durations, events, entry)
    truncated = kaplan_meier_raw(durations, events, entry)
    assert truncated.median != kaplan_meier_raw(durations, events).median
