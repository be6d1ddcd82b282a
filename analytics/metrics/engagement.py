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
from analytics.metrics.scope import UNKNOWN, base_ctes, split_by
from analytics.privacy import SUPPRESSED, suppress
from analytics.registry import MetricDef

_OPEN = "DATE '9999-12-31'"
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


def _computable(filters: Filters, by: str | None) -> bool:
    """Whether answers can carry the filters and the breakdown (refuses an unknown breakdown)."""
    dimension(by)
    if any(getattr(filters, name) for name in _FOREIGN_FILTERS):
        return False
    return by is None or by in _SURVEY_GROUPS


def _conditions(filters: Filters) -> str:
    """The answers `r` in scope: waves in P, the organisation and gender filters."""
    conditions = ["r.wave BETWEEN $start AND $end"]
    if filters.org_units:
        conditions.append("r.department IN (SELECT label FROM unit_scope)")
    if filters.genders:
        conditions.append("r.gender IN (SELECT unnest($genders))")
    return " AND ".join(conditions)


def _answers_ctes(filters: Filters, by: str | None) -> tuple[str, dict[str, object]] | None:
    """The CTEs `answers` (one row per answer in scope, with its group), `item_counts` and
    `people` (respondents per wave and group); None when the filters or the breakdown ask for
    something an anonymous answer does not carry."""
    if not _computable(filters, by):
        return None
    ctes, params = base_ctes(filters)
    grp = "'all'" if by is None else f"coalesce(({_SURVEY_GROUPS[by]})::VARCHAR, '{UNKNOWN}')"
    # The org levels only for a breakdown by them: the join keeps every answer (one row per
    # label) but costs more than the rest of the query.
    levels = (
        "LEFT JOIN (SELECT DISTINCT ON (label) * FROM unit_levels) u ON u.label = r.department"
        if by in _DEPARTMENT_GROUPS and by != "department"
        else ""
    )
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
        {levels}
        WHERE {_conditions(filters)}
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


def _enps_columns(answers: str = "TRUE") -> str:
    """The eNPS aggregates over the answers of a group that meet `answers` (an SQL condition:
    the answers to the eNPS question): respondents, promoters, passives, detractors, enps."""

    def answered(condition: str = "") -> str:
        return f"count(*) FILTER (WHERE {answers}{condition})"

    promoters, detractors = answered(" AND score >= 9"), answered(" AND score <= 6")
    return f"""{answered()} AS respondents,
        {promoters} AS promoters,
        {answered(" AND score > 6 AND score < 9")} AS passives,
        {detractors} AS detractors,
        ({promoters} - {detractors}) / {answered()} AS enps"""


def enps_raw(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """Per wave and group, unsuppressed (never to show):

    eNPS = (promoters − detractors) / answers on the question(s) of dimension `enps`, where
    promoters answer 9–10, detractors 0–6 and passives 7–8 (counted in the answers only).
    A fraction: [10, 9, 9, 8, 7, 7, 6, 5, 3, 10] → (4 − 3) / 10 = 0.10 ("+10").
    `respondents` = the answers to the eNPS question (the people this figure is about).
    """
    select = f"""SELECT wave, grp AS "group", {_enps_columns()}
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


def _invited_ctes(filters: Filters, by: str | None) -> str:
    """CTEs to follow `base_ctes`, `split_by("department")` and `waves` (wave dates; bounds
    $first_wave and $last_wave): `invited` per wave and department, `invited_groups` per wave and
    group of `by` (None or a department group).

    A department's invited count is the supplied one, else its headcount on the wave date
    (`headcount_raw` of that day by department: its headcount_end counts the one segment per
    person that covers a day, under the same filters). Under a gender filter a supplied count per
    department cannot be split, so it is unknown (null). A group's invited count is the sum over
    its departments, unknown when one of them is."""
    scope = "AND department IN (SELECT label FROM unit_scope)" if filters.org_units else ""
    group, levels = "'all'", ""
    if by is not None:
        group = f"coalesce(({_SURVEY_GROUPS[by]})::VARCHAR, '{UNKNOWN}')"
    if by in _DEPARTMENT_GROUPS and by != "department":
        levels = (
            "LEFT JOIN (SELECT DISTINCT ON (label) * FROM unit_levels) u ON u.label = r.department"
        )
    return f""",
    heads AS (
        SELECT w.wave, s.grp AS department, count(*) AS headcount
        FROM seg_by s
        JOIN waves w ON s.piece_start <= w.wave AND coalesce(s.piece_end, {_OPEN}) >= w.wave
        -- the pieces in service between the first and the last wave, before the range join
        WHERE s.piece_start <= $last_wave AND coalesce(s.piece_end, {_OPEN}) >= $first_wave
        GROUP BY ALL
    ),
    supplied AS (
        SELECT wave, coalesce(department, '{UNKNOWN}') AS department, sum(invited) AS supplied
        FROM survey_invited
        WHERE wave IN (SELECT wave FROM waves) {scope}
        GROUP BY ALL
    ),
    invited AS (
        SELECT coalesce(h.wave, s.wave) AS wave,
            coalesce(h.department, s.department) AS department,
            (CASE WHEN s.supplied IS NULL THEN coalesce(h.headcount, 0)
                  WHEN $supplied_usable THEN s.supplied END)::BIGINT AS invited
        FROM heads h
        FULL JOIN supplied s ON s.wave = h.wave AND s.department = h.department
    ),
    invited_groups AS (
        SELECT r.wave, {group} AS grp,
            (CASE WHEN count(*) = count(r.invited) THEN sum(r.invited) END)::BIGINT AS invited
        FROM invited r
        {levels}
        GROUP BY ALL
    )"""


def _invited_params(filters: Filters, waves: list[date]) -> dict[str, object]:
    return {
        "waves": waves,
        "first_wave": min(waves, default=None),
        "last_wave": max(waves, default=None),
        "supplied_usable": not filters.genders,
    }


def _invited_by_group(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None, waves: list[date]
) -> pl.DataFrame:
    """Per wave and group (None or a department group): the invited count (`_invited_ctes`)."""
    ctes, params = base_ctes(filters)
    query = f"""{ctes}{split_by("department", filters)},
    waves AS (SELECT unnest($waves::DATE[]) AS wave){_invited_ctes(filters, by)}
    SELECT wave, grp AS "group", invited FROM invited_groups"""
    return sql.frame(con, query, {**params, **_invited_params(filters, waves)})


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
    if respondents.height == 0 or not (by is None or by in _DEPARTMENT_GROUPS):
        return _response_rates(respondents, None)
    waves = sorted(set(respondents["wave"].to_list()))
    return _response_rates(respondents, _invited_by_group(con, filters, by, waves))


def _response_rates(respondents: pl.DataFrame, invited: pl.DataFrame | None) -> pl.DataFrame:
    """`response_rate_raw` from the respondents (`respondents_raw`) and the invited per wave and
    group (`_invited_by_group`; None: not known for the breakdown)."""
    if respondents.height == 0:
        return pl.DataFrame(schema=_RESPONSE_SCHEMA)
    if invited is None:
        rows = respondents.with_columns(pl.lit(None, pl.Int64).alias("invited"))
    else:
        invited = invited.cast({"wave": pl.Date, "group": pl.String, "invited": pl.Int64})
        rows = respondents.join(invited, on=["wave", "group"], how="full", coalesce=True)
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


def _latest_wave(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> date | None:
    """The latest wave in P with answers in scope; None without one, or when the filters or the
    breakdown ask for something an anonymous answer does not carry."""
    if not _computable(filters, by):
        return None
    ctes, params = base_ctes(filters) if filters.org_units else ("", {})  # for unit_scope
    query = f"""{ctes}
    SELECT max(r.wave) AS wave FROM survey_responses r WHERE {_conditions(filters)}"""
    latest = sql.frame(con, query, {**params, **filters.period.params})["wave"][0]
    return latest if isinstance(latest, date) else None


def _wave_raw(
    con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None, wave: date
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame | None]:
    """For one wave (the period of `filters`), never to show: the frames of `respondents_raw`,
    `enps_raw` and `_invited_by_group` (None when the breakdown has no invited count), from one
    query that reads the answers once."""
    built = _answers_ctes(filters, by)
    assert built is not None
    ctes, params = built
    with_invited = by is None or by in _DEPARTMENT_GROUPS
    invited = (
        f"""{split_by("department", filters)},
    waves AS (SELECT unnest($waves::DATE[]) AS wave){_invited_ctes(filters, by)}"""
        if with_invited
        else """,
    invited_groups AS (
        SELECT NULL::DATE AS wave, NULL::VARCHAR AS grp, NULL::BIGINT AS invited WHERE false
    )"""
    )
    query = f"""{ctes}{invited},
    figures AS (
        SELECT wave, grp, count(respondent_id) AS with_id, count(DISTINCT respondent_id) AS ids,
            {_enps_columns("is_enps")}
        FROM answers
        GROUP BY wave, grp
    )
    SELECT coalesce(f.wave, i.wave) AS wave, coalesce(f.grp, i.grp) AS "group", f.with_id, f.ids,
        f.respondents AS enps_respondents, f.promoters, f.passives, f.detractors, f.enps,
        i.invited, i.grp IS NOT NULL AS has_invited
    FROM figures f
    FULL JOIN invited_groups i ON i.wave = f.wave AND i.grp = f.grp
    ORDER BY 1, 2"""
    frame = sql.frame(con, query, {**params, **_invited_params(filters, [wave])})
    answered = frame.filter(pl.col("with_id").is_not_null())
    schema = {k: _RESPONSE_SCHEMA[k] for k in ("wave", "group", "respondents")}
    if answered.filter((pl.col("with_id") == 0) & (pl.col("enps_respondents") == 0)).height:
        # neither ids nor eNPS answers: the most answers to one question (`people`)
        people = respondents_raw(con, filters, by)
    else:
        respondents = pl.when(pl.col("with_id") > 0).then("ids").otherwise("enps_respondents")
        people = answered.select("wave", "group", respondents.alias("respondents"))
        people = people.cast(schema)  # type: ignore[arg-type]
    scores = (
        answered.filter(pl.col("enps_respondents") > 0)
        .select(
            "wave",
            "group",
            pl.col("enps_respondents").alias("respondents"),
            "promoters",
            "passives",
            "detractors",
            "enps",
        )
        .cast(_ENPS_SCHEMA)  # type: ignore[arg-type]
    )
    groups = frame.filter(pl.col("has_invited")).select("wave", "group", "invited")
    return people, scores, groups if with_invited else None


def overview(con: duckdb.DuckDBPyConnection, filters: Filters, by: str | None) -> pl.DataFrame:
    """The command line's keys per group for the latest wave in the period (suppressed): when
    either figure of a group is withheld, both are. No wave in the period (or a breakdown or
    filter a response does not carry) → null, never 0. As `enps` and `response_rate` of that
    wave, with only its answers read."""
    schema = {"group": pl.String, **dict.fromkeys(CLI_KEYS, pl.Float64), SUPPRESSED: pl.Boolean}
    empty = pl.DataFrame(schema=schema)
    whole = pl.DataFrame({"group": ["all"], "enps": [None], "response_rate": [None],
                          SUPPRESSED: [False]}, schema=schema)  # fmt: skip
    latest = _latest_wave(con, filters, by)
    if latest is None:
        return whole if by is None else empty
    last_wave = replace(filters, period=Period(latest, latest))
    people, scores, invited = _wave_raw(con, last_wave, by, latest)
    minimum = filters.settings.min_group_size
    enps_shown = suppress(
        scores, min_group_size=minimum, population="respondents", within=("wave",)
    )
    rates_shown = suppress(
        _response_rates(people, invited),
        min_group_size=minimum,
        population="respondents",
        within=("wave",),
    )
    scores = enps_shown.select("group", "enps", pl.col(SUPPRESSED).alias("a"))
    rates = rates_shown.select("group", "response_rate", pl.col(SUPPRESSED).alias("b"))
    rows = scores.join(rates, on="group", how="full", coalesce=True)
    hidden = pl.col("a").fill_null(False) | pl.col("b").fill_null(False)
    return (
        rows.with_columns(hidden.alias(SUPPRESSED))
        .with_columns(pl.when(~hidden).then(pl.col(k)).alias(k) for k in CLI_KEYS)
        .select(list(schema))
        .cast(schema)  # type: ignore[arg-type]
        .sort("group")
    )
