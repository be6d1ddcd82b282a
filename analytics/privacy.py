"""The privacy rule (metrics.md): no figure on fewer than `min_group_size` people leaves analytics.

A group under the minimum is withheld, and when one group of a breakdown is withheld the next
smallest is withheld too (complement protection), so that the total minus the visible groups
cannot reveal it.
"""

from __future__ import annotations

import polars as pl

from analytics.config import MIN_GROUP_SIZE_FLOOR

POPULATION = "population"


def effective_minimum(min_group_size: int) -> int:
    return max(int(min_group_size), MIN_GROUP_SIZE_FLOOR)


def suppress_groups(rows: pl.DataFrame, *, min_group_size: int) -> list[dict]:
    """Rows with a `group` and a `population` column → [{"group", "metrics", "suppressed"}].

    Withheld groups keep their name, every figure becomes None and is listed in `suppressed`.
    """
    minimum = effective_minimum(min_group_size)
    keys = [c for c in rows.columns if c not in ("group", POPULATION)]
    records = rows.with_columns(pl.col(POPULATION).fill_null(0)).to_dicts()
    hidden = {i for i, r in enumerate(records) if r[POPULATION] < minimum}
    if len(hidden) == 1 and len(records) > 1:
        visible = sorted((r[POPULATION], i) for i, r in enumerate(records) if i not in hidden)
        hidden.add(visible[0][1])
    result = []
    for i, record in enumerate(records):
        if i in hidden:
            result.append(
                {"group": record["group"], "metrics": dict.fromkeys(keys), "suppressed": keys}
            )
        else:
            metrics = {k: _plain(record[k]) for k in keys}
            result.append({"group": record["group"], "metrics": metrics, "suppressed": []})
    return result


def _plain(value: object) -> object:
    """JSON-ready numbers: whole floats stay floats (rates), counts stay ints."""
    return value
