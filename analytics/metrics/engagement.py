"""Engagement surveys (metrics.md "Engagement"; domain reference 4): eNPS, favourable shares,
dimension scores, response rate and changes between waves.

Units: every figure is a fraction. eNPS runs from −1 to +1 (the usual "+10" is 0.10, shown × 100
as points); favourable shares, dimension scores and the response rate run from 0 to 1.

Waves: a wave is the date a survey closed; the waves of a period P are those whose date lies in P.
Results come per wave (and group); the command line's keys use the latest wave in P.

Privacy counts respondents (metrics.md, privacy rule): distinct `respondent_id` per wave and group,
or — for answers without an id — the answers to the eNPS question (else the most answers any one
question got, which no more people than answered can exceed). An item counts its answers, eNPS
its answers to the eNPS question. Complement protection works per wave (and per item or dimension).

What surveys can be cut by: responses carry a department (so the org levels too) and, where the
tool gives them, gender, age band and tenure band (the survey tool's own bands). Other breakdowns,
and filters on attributes a response does not carry (location, contract type, work arrangement,
grade, job family), leave the engagement figures null: an anonymous answer cannot be assigned.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import polars as pl

from analytics import sql
from analytics.metrics.base import Filters, Period, dimension
from analytics.metrics.headcount import headcount_raw
from analytics.metrics.scope import UNKNOWN, base_ctes
from analytics.privacy import SUPPRESSED, suppress
from analytics.registry import MetricDef

_SOURCE_TABLES = "survey_responses, survey_questions"
_POPULATION = (
    "survey answers of the waves in the period, within the organisation filter (departments "
    "and their sub-units) and the gender filter"
)
_WAVES = "each survey wave (closing date) in the period; the command line uses the latest one"
_PRIVACY = "groups with fewer respondents than the minimum group size (and their complement)"

METRICS = (
    MetricDef("enps", "eNPS", "eNPS", "index",
              "share of answers 9–10 (promoters) − share of answers 0–6 (detractors) on the "
              "0–10 question of dimension 'enps'; passives 7–8 count in the number of answers "
              "only. A fraction from −1 to +1 (+10 points = 0.10)", "",
              _POPULATION, _WAVES, _PRIVACY + "; skipped questions",
              "Reichheld (Net Promoter); domain reference 4.1 (Zenefits, Agendrix, WorkTango)",
              ("min_group_size",)),
    MetricDef("response_rate", "Respons", "Response rate", "rate",
              "respondents of the wave (distinct respondent ids, else answers to the eNPS "
              "question)",
              "invited: the supplied count per department and wave (survey_invited), else the "
              "department's headcount on the wave date",
              _POPULATION + "; invited people under the headcount's population rules",
              _WAVES,
              _PRIVACY + "; flex workers in the headcount unless included; breakdowns by gender, "
              "age band or tenure band (invited per such group unknown)",
              "domain reference 4.1 (respondents / eligible invited)",
              ("min_group_size", "include_flex")),
    MetricDef("favourable_share", "Percentage positief", "Favourable share", "share",
              "answers in the top two points of a 5- or 7-point scale (4–5 of 1–5, 6–7 of 1–7) "
              "of one question", "answers to that question", _POPULATION, _WAVES,
              _PRIVACY + "; questions on other scales (their favourable share is empty)",
              "domain reference 4.1 (Culture Amp, Sparrow favourability)", ("min_group_size",)),
    MetricDef("dimension_score", "Score dimensie", "Dimension score", "share",
              "mean of the favourable shares of the dimension's questions (each question "
              "weighs the same; skipped questions drop out)", "", _POPULATION, _WAVES,
              _PRIVACY + "; the eNPS question; questions without a dimension",
              "domain reference 4.1 (Culture Amp factor score)", ("min_group_size",)),
    MetricDef("mean_score", "Gemiddelde score", "Mean score", "score",
              "per question: mean of its answers; per dimension: mean of its questions' means",
              "", _POPULATION, _WAVES, _PRIVACY,
              "domain reference 4.1 (UWES scale score = mean of the items)",
              ("min_group_size",)),
    MetricDef("wave_change", "Verschil met vorige meting", "Change since previous wave", "index",
              "eNPS or dimension score of a wave − the same figure in the previous wave (the "
              "latest earlier wave, also before the period)", "", _POPULATION,
              "each wave in the period and the wave before it",
              "changes where either wave is withheld by the privacy rule",
              "metrics.md (changes only when both waves pass the privacy rule)",
              ("min_group_size",)),
)  # fmt: skip

# Breakdowns a response can carry: the dimension key → the SQL expression over the responses `r`
# and the org levels `u` of their department (as `scope.seg` derives them).
_SURVEY_GROUPS: dict[str, str] = {
    "department": "r.department",
    "org_level_1": "coalesce(u.org_level_1, r.department)",
    "org_level_2": "coalesce(u.org_level_2, u.org_level_1, r.department)",
    "org_level_3": "coalesce(u.org_level_3, u.org_level_2, u.org_level_1, r.department)",
    "gender": "r.gender",
    "age_band": "r.age_band",
    "tenure_band": "r.tenure_band",
}
_DEPARTMENT_GROUPS = ("department", "org_level_1", "org_level_2", "org_level_3")
# Filters on attributes a response does not carry: engagement cannot honour them.
_FOREIGN_FILTERS = ("locations", "contract_types", "work_arrangements", "grades", "job_families")
_HISTORY_START = date(1900, 1, 1)


def _answers_ctes(filters: Filters, by: str | None) -> tuple[str, dict[str, object]] | None:
    """The CTEs `answers` (one row per answer in scope, with its group), `item_counts` and
    `people` (respondents per wave and group); None when the filters or the breakdown ask for
    something an anonymous answer does not carry."""
    dimension(by)  # refuses an unknown breakdown
    if any(getattr(filters, name) for name in _FOREIGN_FILTERS):
        return None
    if by is not None and by not in _SURVEY_GROUPS:
        return None
    ctes, params = base_ctes(filters)
    grp = "'all'" if by is None else f"coalesce(({_SURVEY_GROUPS[by]})::VARCHAR, '{UNKNOWN}')"
    conditions = ["r.wave BETWEEN $start AND $end"]
    if filters.org_units:
        conditions.append("r.department IN (SELECT label FROM unit_scope)")
    if filters.genders:
        conditions.append("r.gender IN (SELECT unnest($genders))")
    query = f"""{ctes},
    questions AS (
        SELECT question_id, dimension, scale_max,
            coalesce(lower(trim(dimension)) = 'enps', false) AS is_enps,
            scale_max - coalesce(scale_min, 1) + 1 AS points
        FROM survey_questions
    ),
    answers AS (
        SELECT r.wave, r.respondent_id, r.department, {grp} AS grp, r.question_id, r.score,
            q.dimension, coalesce(q.is_enps, false) AS is_enps,
            -- favourable: the top two points of a 5- or 7-point scale, else unknown
            CASE WHEN q.points IN (5, 7) THEN (r.score >= q.scale_max - 1)::INTEGER END
                AS favourable
        FROM survey_responses r
        LEFT JOIN questions q USING (question_id)
        LEFT JOIN (SELECT DISTINCT ON (label) * FROM unit_levels) u ON u.label = r.department
        WHERE {" AND ".join(conditions)}
    ),
    item_counts AS (
        SELECT wave, grp, question_id, count(*) AS answers FROM answers GROUP BY ALL
    ),
    people AS (
        SELECT a.wave, a.grp,
            CASE WHEN a.with_id > 0 THEN a.ids
                 WHEN a.enps_answers > 0 THEN a.enps_answers
                 ELSE i.most_answers END AS respondents
        FROM (
            SELECT wave, grp, count(respondent_id) AS with_id,
                count(DISTINCT respondent_id) AS ids,
                count(*) FILTER (WHERE is_enps) AS enps_answers
            FROM answers GROUP BY wave, grp
        ) a
        JOIN (SELECT wave, grp, max(answers) AS most_answers FROM item_counts GROUP BY ALL) i
          USING (wave, grp)
    )"""
    return query, {**params, **filters.period.params}


def _run(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    by: str | None,
    select: str,
    schema: dict[str, pl.DataType],
) -> pl.DataFrame:
    """Run `select` after the answers CTEs; an empty frame of `schema` when not computable."""
    built = _answers_ctes(filters, by)
    if built is None:
        return pl.DataFrame(schema=schema)
    ctes, params = built
    frame = sql.frame(con, f"{ctes}\n{select}", params)
    return frame.cast(schema) if frame.height else pl.DataFrame(schema=schema)  # type: ignore[arg-type]


_ENPS_SCHEMA: dict[str, pl.DataType] = {
    "wave": pl.Date(), "group": pl.String(), "respondents": pl.Int64(), "promoters": pl.Int64(),
    "passives": pl.Int64(), "detractors": pl.Int64(), "enps": pl.Float64(),
}  # fmt: skip


def enps_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """Per wave and group, unsuppressed (never to show):

    eNPS = (promoters − detractors) / answers on the question(s) of dimension `enps`, where
    promoters answer 9–10, detractors 0–6 and passives 7–8 (counted in the answers only).
    A fraction: [10, 9, 9, 8, 7, 7, 6, 5, 3, 10] → (4 − 3) / 10 = 0.10 ("+10").
    `respondents` = the answers to the eNPS question (the people this figure is about).
    """
    select = """SELECT wave, grp AS "group", count(*) AS respondents,
        count(*) FILTER (WHERE score >= 9) AS promoters,
        count(*) FILTER (WHERE score > 6 AND score < 9) AS passives,
        count(*) FILTER (WHERE score <= 6) AS detractors,
        (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
            / count(*) AS enps
    FROM answers WHERE is_enps
    GROUP BY wave, grp ORDER BY wave, grp"""
    return _run(con, filters, by, select, _ENPS_SCHEMA)


def enps(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None) -> pl.DataFrame:
    """eNPS per wave in the period and group (see `enps_raw`), small groups withheld per wave."""
    return suppress(
        enps_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        population="respondents",
        within=("wave",),
    )


_ITEM_SCHEMA: dict[str, pl.DataType] = {
    "wave": pl.Date(), "group": pl.String(), "question_id": pl.String(),
    "dimension": pl.String(), "answers": pl.Int64(), "mean_score": pl.Float64(),
    "favourable_share": pl.Float64(),
}  # fmt: skip


def item_scores_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per wave, group and question, unsuppressed (never to show):

    - mean_score = mean of the answers;
    - favourable_share = answers in the top two points / answers, for a 5- or 7-point scale
      (scale_max − scale_min + 1, scale_min 1 when missing); null on other scales.
    """
    select = """SELECT wave, grp AS "group", question_id, any_value(dimension) AS dimension,
        count(*) AS answers, avg(score) AS mean_score, avg(favourable) AS favourable_share
    FROM answers
    GROUP BY wave, grp, question_id ORDER BY wave, question_id, grp"""
    return _run(con, filters, by, select, _ITEM_SCHEMA)


def item_scores(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Mean score and favourable share per wave, group and question; a question's group is
    withheld when fewer people answered it than the minimum (complement per wave and question)."""
    return suppress(
        item_scores_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        population="answers",
        keep=("group", "dimension"),
        within=("wave", "question_id"),
    )


_DIMENSION_SCHEMA: dict[str, pl.DataType] = {
    "wave": pl.Date(), "group": pl.String(), "dimension": pl.String(),
    "respondents": pl.Int64(), "items": pl.Int64(), "score": pl.Float64(),
    "mean_score": pl.Float64(),
}  # fmt: skip


def dimension_scores_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per wave, group and dimension (the eNPS question and questions without a dimension left
    out), unsuppressed (never to show):

    - score = mean over the dimension's questions of their favourable shares (each question
      weighs the same; a question on another scale than 5 or 7 points drops out);
    - mean_score = mean over the dimension's questions of their mean answers;
    - respondents = distinct respondent ids answering the dimension, else the most answers any one
      of its questions got.
    """
    select = """, items AS (
        SELECT wave, grp, dimension, question_id, count(*) AS answers, avg(score) AS mean_score,
            avg(favourable) AS favourable_share
        FROM answers WHERE NOT is_enps AND dimension IS NOT NULL
        GROUP BY ALL
    ), cells AS (
        SELECT wave, grp, dimension, count(respondent_id) AS with_id,
            count(DISTINCT respondent_id) AS ids
        FROM answers WHERE NOT is_enps AND dimension IS NOT NULL
        GROUP BY ALL
    )
    SELECT i.wave, i.grp AS "group", i.dimension,
        CASE WHEN any_value(c.with_id) > 0 THEN any_value(c.ids) ELSE max(i.answers) END
            AS respondents,
        count(*) AS items, avg(i.favourable_share) AS score, avg(i.mean_score) AS mean_score
    FROM items i JOIN cells c USING (wave, grp, dimension)
    GROUP BY i.wave, i.grp, i.dimension ORDER BY i.wave, i.dimension, i.grp"""
    return _run(con, filters, by, select, _DIMENSION_SCHEMA)


def dimension_scores(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Dimension scores per wave, group and dimension (see `dimension_scores_raw`).

    With `by="department"` this is the department × dimension heatmap: a cell below the minimum
    respondents is withheld, with complement protection per wave and dimension (one column of the
    heatmap of one wave).
    """
    return suppress(
        dimension_scores_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        population="respondents",
        within=("wave", "dimension"),
    )


_RESPONSE_SCHEMA: dict[str, pl.DataType] = {
    "wave": pl.Date(), "group": pl.String(), "respondents": pl.Int64(),
    "invited": pl.Int64(), "response_rate": pl.Float64(),
}  # fmt: skip


def respondents_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Respondents per wave and group, unsuppressed (never to show): distinct respondent ids, or
    answers to the eNPS question when the answers carry no id (else the most answers any one
    question got)."""
    select = 'SELECT wave, grp AS "group", respondents FROM people ORDER BY wave, grp'
    schema = {k: _RESPONSE_SCHEMA[k] for k in ("wave", "group", "respondents")}
    return _run(con, filters, by, select, schema)


def _invited_by_department(
    con: duckdb.DuckDBPyConnection, filters: Filters, waves: list[date]
) -> pl.DataFrame:
    """Per wave and department: the supplied invited count, else the headcount on the wave date
    (headcount's population rules and the same filters). Under a gender filter a supplied count
    per department cannot be split, so such a department's invited count is unknown (null)."""
    ctes, params = base_ctes(filters)
    scope = "AND department IN (SELECT label FROM unit_scope)" if filters.org_units else ""
    supplied = sql.frame(
        con,
        f"""{ctes}
        SELECT wave, coalesce(department, '{UNKNOWN}') AS department, sum(invited) AS supplied
        FROM survey_invited
        WHERE wave IN (SELECT unnest($waves::DATE[])) {scope}
        GROUP BY ALL""",
        {**params, "waves": waves},
    )
    parts = []
    for wave in waves:
        one_day = replace(filters, period=Period(wave, wave))
        heads = headcount_raw(con, one_day, "department").select(
            pl.lit(wave).alias("wave"),
            pl.col("group").alias("department"),
            pl.col("headcount_end").alias("headcount"),
        )
        parts.append(heads)
    headcounts = (
        pl.concat(parts)
        if parts
        else pl.DataFrame(schema={"wave": pl.Date, "department": pl.String, "headcount": pl.Int64})
    )
    both = headcounts.join(
        supplied.cast({"wave": pl.Date, "department": pl.String, "supplied": pl.Int64}),
        on=["wave", "department"],
        how="full",
        coalesce=True,
    )
    supplied_usable = not filters.genders
    invited = (
        pl.when(pl.col("supplied").is_not_null())
        .then(pl.col("supplied") if supplied_usable else None)
        .otherwise(pl.col("headcount").fill_null(0))
    )
    return both.select("wave", "department", invited.cast(pl.Int64).alias("invited"))


def _department_groups(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str, departments: list[str]
) -> pl.DataFrame:
    """department → its group under an org breakdown (the department itself for `department`)."""
    if by == "department" or not departments:
        return pl.DataFrame({"department": departments, "group": departments})
    ctes, params = base_ctes(filters)
    expression = _SURVEY_GROUPS[by]
    return sql.frame(
        con,
        f"""{ctes}
        SELECT r.department, coalesce(({expression})::VARCHAR, '{UNKNOWN}') AS "group"
        FROM (SELECT unnest($departments::VARCHAR[]) AS department) r
        LEFT JOIN (SELECT DISTINCT ON (label) * FROM unit_levels) u ON u.label = r.department""",
        {**params, "departments": departments},
    )


def response_rate_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None
) -> pl.DataFrame:
    """Per wave in the period and group, unsuppressed (never to show):

    response_rate = respondents / invited, where invited = Σ over the group's departments of the
    supplied survey_invited count of that department and wave, else the department's headcount
    on the wave date (`headcount_raw` for that one day: flex workers out unless included). Null
    when invited is 0 or unknown, and for breakdowns by gender, age band or tenure band (the
    invited per such group is not known).
    """
    respondents = respondents_raw(con, filters, by)
    if respondents.height == 0:
        return pl.DataFrame(schema=_RESPONSE_SCHEMA)
    waves = sorted(set(respondents["wave"].to_list()))
    if by is None or by in _DEPARTMENT_GROUPS:
        per_department = _invited_by_department(con, filters, waves)
        if by is None:
            groups = per_department.with_columns(pl.lit("all").alias("group"))
        else:
            departments = sorted(set(per_department["department"].to_list()))
            mapping = _department_groups(con, filters, by, departments)
            groups = per_department.join(mapping, on="department", how="left")
        invited = groups.group_by("wave", "group").agg(
            pl.when(pl.col("invited").null_count() == 0)
            .then(pl.col("invited").sum())
            .alias("invited")
        )
        rows = respondents.join(invited, on=["wave", "group"], how="full", coalesce=True)
    else:
        rows = respondents.with_columns(pl.lit(None, pl.Int64).alias("invited"))
    rate = pl.when(pl.col("invited") > 0).then(pl.col("respondents") / pl.col("invited"))
    return (
        rows.with_columns(pl.col("respondents").fill_null(0))
        .with_columns(rate.alias("response_rate"))
        .select(list(_RESPONSE_SCHEMA))
        .cast(_RESPONSE_SCHEMA)  # type: ignore[arg-type]
        .sort("wave", "group")
    )


def response_rate(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Response rate per wave and group (see `response_rate_raw`); a group with fewer respondents
    than the minimum is withheld, invited count included, with complement protection per wave."""
    return suppress(
        response_rate_raw(con, filters, by),
        min_group_size=filters.settings.min_group_size,
        population="respondents",
        within=("wave",),
    )


_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "wave": pl.Date(), "group": pl.String(), "measure": pl.String(), "value": pl.Float64(),
    "previous_wave": pl.Date(), "previous_value": pl.Float64(), "change": pl.Float64(),
    SUPPRESSED: pl.Boolean(),
}  # fmt: skip


def wave_changes(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None = None
) -> pl.DataFrame:
    """Per wave in the period, group and measure ('enps' or a dimension's score): the value,
    the previous wave's value and change = value − previous value.

    The previous wave is the latest earlier wave with answers in scope, also when it lies before
    the period. Built from the withheld results of `enps` and `dimension_scores` over every wave
    up to the period's end: a change is shown only when both waves pass the privacy rule
    (complement protection included); `suppressed` is true when either wave is withheld.
    """
    history = replace(filters, period=Period(_HISTORY_START, filters.period.end))
    scores = enps(con, history, by).select(
        "wave", "group", pl.lit("enps").alias("measure"), pl.col("enps").alias("value"), SUPPRESSED
    )
    dimensions = dimension_scores(con, history, by).select(
        "wave", "group", pl.col("dimension").alias("measure"), pl.col("score").alias("value"),
        SUPPRESSED,
    )  # fmt: skip
    measures = pl.concat([scores, dimensions])
    if measures.height == 0:
        return pl.DataFrame(schema=_CHANGE_SCHEMA)
    waves = sorted(set(measures["wave"].to_list()))
    previous = pl.DataFrame(
        {"wave": waves[1:], "previous_wave": waves[:-1]},
        schema={"wave": pl.Date, "previous_wave": pl.Date},
    )
    before = measures.select(
        pl.col("wave").alias("previous_wave"),
        "group",
        "measure",
        pl.col("value").alias("previous_value"),
        pl.col(SUPPRESSED).alias("previous_suppressed"),
    )
    period = filters.period
    rows = (
        measures.filter(pl.col("wave").is_between(period.start, period.end))
        .join(previous, on="wave", how="left")
        .join(before, on=["previous_wave", "group", "measure"], how="left")
    )
    hidden = pl.col(SUPPRESSED) | pl.col("previous_suppressed").fill_null(False)
    change = pl.when(~hidden).then(pl.col("value") - pl.col("previous_value"))
    return (
        rows.with_columns(change.alias("change"), hidden.alias(SUPPRESSED))
        .select(list(_CHANGE_SCHEMA))
        .sort("wave", "measure", "group")
    )


CLI_KEYS = ("enps", "response_rate")


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's keys per group for the latest wave in the period (suppressed): when
    either figure of a group is withheld, both are. No wave in the period (or a breakdown or
    filter a response does not carry) → null, never 0."""
    schema = {"group": pl.String, **dict.fromkeys(CLI_KEYS, pl.Float64), SUPPRESSED: pl.Boolean}
    empty = pl.DataFrame(schema=schema)
    whole = pl.DataFrame({"group": ["all"], "enps": [None], "response_rate": [None],
                          SUPPRESSED: [False]}, schema=schema)  # fmt: skip
    people = respondents_raw(con, filters, by)
    if people.height == 0:
        return whole if by is None else empty
    latest = people["wave"].max()
    assert isinstance(latest, date)
    last_wave = replace(filters, period=Period(latest, latest))
    scores = enps(con, last_wave, by).select("group", "enps", pl.col(SUPPRESSED).alias("a"))
    rates = response_rate(con, last_wave, by).select(
        "group", "response_rate", pl.col(SUPPRESSED).alias("b")
    )
    rows = scores.join(rates, on="group", how="full", coalesce=True)
    hidden = pl.col("a").fill_null(False) | pl.col("b").fill_null(False)
    return (
        rows.with_columns(hidden.alias(SUPPRESSED))
        .with_columns(pl.when(~hidden).then(pl.col(k)).alias(k) for k in CLI_KEYS)
        .select(list(schema))
        .cast(schema)  # type: ignore[arg-type]
        .sort("group")
    )
