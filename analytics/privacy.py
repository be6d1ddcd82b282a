"""The privacy rule (metrics.md): no figure on fewer than `min_group_size` people leaves analytics.

- A row (group, cell, point) that aggregates fewer than the minimum people is withheld: its figures
  become null and `suppressed` is true. The minimum is 5 by default and never below 3.
- Complement protection: within one breakdown, when groups are withheld, more groups are withheld
  (smallest first) until at least two are hidden and together they hold at least the minimum, so
  that the total minus the visible groups cannot reveal a small group.
- A filter that leaves fewer than the minimum in the whole population shows nothing but that
  message: `check_population` raises `TooFewPeople` for the pages and the command line to show.

Every public metric function returns its result through `suppress`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import polars as pl

from analytics.config import MIN_GROUP_SIZE_FLOOR

POPULATION = "population"
SUPPRESSED = "suppressed"


class TooFewPeopleError(ValueError):
    """The filtered population itself is below the minimum: show only this message."""

    def __init__(self, minimum: int) -> None:
        super().__init__(f"fewer than {minimum} people match these filters: no figures are shown")
        self.minimum = minimum


def effective_minimum(min_group_size: int) -> int:
    return max(int(min_group_size), MIN_GROUP_SIZE_FLOOR)


def check_population(count: int | None, min_group_size: int) -> None:
    minimum = effective_minimum(min_group_size)
    if count is not None and count < minimum:
        raise TooFewPeopleError(minimum)


def suppress(
    frame: pl.DataFrame,
    *,
    min_group_size: int,
    population: str = POPULATION,
    keep: Sequence[str] = ("group",),
    within: Sequence[str] = (),
) -> pl.DataFrame:
    """Withhold small groups. Columns in `keep` (labels) and `within` stay; every other column
    except `population` becomes null where withheld; `population` itself is nulled too, since a
    count of fewer than five is a figure. `within` names the columns that make one breakdown
    (e.g. the month of a monthly series): complement protection works inside each of them."""
    minimum = effective_minimum(min_group_size)
    if frame.height == 0:
        return frame.with_columns(pl.lit(False).alias(SUPPRESSED))
    counts = frame[population].fill_null(0).to_list()
    hidden = [count < minimum for count in counts]
    keys = (
        [tuple(row) for row in frame.select(within).iter_rows()] if within else [()] * len(counts)
    )
    by_breakdown: dict[tuple, list[int]] = {}
    for index, key in enumerate(keys):
        by_breakdown.setdefault(key, []).append(index)
    for indexes in by_breakdown.values():
        _protect_complement(indexes, counts, hidden, minimum)
    mask = pl.Series(SUPPRESSED, hidden, dtype=pl.Boolean)
    figures = [c for c in frame.columns if c not in (*keep, *within)]
    return frame.with_columns(
        *(pl.when(mask).then(None).otherwise(pl.col(c)).alias(c) for c in figures),
        mask,
    )


def _protect_complement(
    indexes: list[int], counts: list[int], hidden: list[bool], minimum: int
) -> None:
    """Hide more groups of one breakdown until the hidden ones can't be told from the total."""
    if len(indexes) < 2:
        return
    while True:
        withheld = [i for i in indexes if hidden[i]]
        visible = sorted((counts[i], i) for i in indexes if not hidden[i])
        if not withheld or not visible:
            return
        if len(withheld) >= 2 and sum(counts[i] for i in withheld) >= minimum:
            return
        hidden[visible[0][1]] = True


def suppressed_keys(frame: pl.DataFrame, keys: Sequence[str]) -> list[list[str]]:
    """Per row, the metric keys that were withheld (for the JSON contract)."""
    flags = frame[SUPPRESSED].to_list() if SUPPRESSED in frame.columns else [False] * frame.height
    return [list(keys) if flag else [] for flag in flags]


def withhold_cells(
    cells: pl.DataFrame,
    minimum: int,
    *,
    count: str = "headcount",
    protected: Collection[str] | None = None,
    hidden_groups: Collection[str] = (),
    along_groups: bool = False,
) -> pl.DataFrame:
    """Add `hidden` to a two-way table of counts (one row per `group` × `category` cell).

    A cell is hidden when its group is in `hidden_groups`, or when its category is protected
    (`protected`; None = every category) and it holds 1 to min − 1. Then, along each protected
    category across the groups (and along each group too when `along_groups`), more cells are
    hidden, smallest first, until the hidden cells of the line are at least two and hold the
    minimum together: a published total minus the visible cells cannot reveal a small one. Zero
    cells stay visible (a zero describes nobody).
    """
    minimum = effective_minimum(minimum)
    if cells.height == 0:
        return cells.with_columns(pl.lit(False).alias("hidden"))
    groups = cells["group"].to_list()
    categories = cells["category"].to_list()
    counts = [float(value or 0) for value in cells[count].to_list()]
    guarded = [protected is None or c in protected for c in categories]
    hidden = [
        group in hidden_groups or (guard and 0 < value < minimum)
        for group, guard, value in zip(groups, guarded, counts, strict=True)
    ]
    lines: dict[tuple[str, object], list[int]] = {}
    for index, (group, category) in enumerate(zip(groups, categories, strict=True)):
        if guarded[index]:
            lines.setdefault(("category", category), []).append(index)
            if along_groups:
                lines.setdefault(("group", group), []).append(index)
    changed = True
    while changed:
        changed = False
        for members in lines.values():
            withheld = [i for i in members if hidden[i] and counts[i] > 0]
            if not withheld:
                continue
            if len(withheld) >= 2 and sum(counts[i] for i in withheld) >= minimum:
                continue
            visible = sorted((counts[i], i) for i in members if not hidden[i] and counts[i] > 0)
            if visible:
                hidden[visible[0][1]] = True
                changed = True
    return cells.with_columns(pl.Series("hidden", hidden, dtype=pl.Boolean))
