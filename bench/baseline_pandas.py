"""The baseline for bench/metrics.py: the same metrics written the straightforward pandas way.

This is how such figures are commonly computed in a notebook: tables loaded into pandas, a mask
per day for head counts, absence rows expanded to one row per sick day. It follows the same
definitions (metrics.md) on the simple cases — whole population, no breakdown, attributes from
the employment row — so that its figures can be compared with the engine's and its time is a
fair yardstick. It lives in bench/ only; analytics/ never uses pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd


@dataclass
class Tables:
    employments: pd.DataFrame
    absences: pd.DataFrame
    responses: pd.DataFrame
    questions: pd.DataFrame


def load_tables(con: object) -> Tables:
    """Read the canonical tables out of the store (not timed as part of a metric)."""

    def read(query: str) -> pd.DataFrame:
        return con.sql(query).pl().to_pandas()  # type: ignore[attr-defined]

    employments = read("SELECT * FROM employments")
    for column in ("hire_date", "termination_date", "birth_date"):
        employments[column] = pd.to_datetime(employments[column])
    absences = read("SELECT * FROM absences")
    for column in ("start_date", "end_date"):
        absences[column] = pd.to_datetime(absences[column])
    return Tables(
        employments=employments,
        absences=absences,
        responses=read("SELECT * FROM survey_responses"),
        questions=read("SELECT * FROM survey_questions"),
    )


def _counted(employments: pd.DataFrame) -> pd.DataFrame:
    return employments[employments["contract_type"].fillna("permanent") != "flex"]


def _in_service(employments: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    ends = employments["termination_date"].fillna(pd.Timestamp.max)
    return (employments["hire_date"] <= day) & (ends >= day)


def headcount_overview(tables: Tables, start: date, end: date) -> dict[str, float]:
    people = _counted(tables.employments)
    days = pd.date_range(start, end, freq="D")
    daily = [int(_in_service(people, day).sum()) for day in days]
    fte = people["fte"].fillna(1.0)
    return {
        "headcount_start": daily[0],
        "headcount_end": daily[-1],
        "average_headcount": float(np.mean(daily)),
        "fte_end": float(fte[_in_service(people, days[-1])].sum()),
    }


def turnover_overview(tables: Tables, start: date, end: date) -> dict[str, float]:
    people = _counted(tables.employments)
    average = headcount_overview(tables, start, end)["average_headcount"]
    left = people["termination_date"].between(pd.Timestamp(start), pd.Timestamp(end))
    hired = people["hire_date"].between(pd.Timestamp(start), pd.Timestamp(end))
    return {
        "hires": int(hired.sum()),
        "leavers": int(left.sum()),
        "turnover_rate": float(left.sum() / average),
    }


def absence_rate(tables: Tables, start: date, end: date) -> float:
    """Sick days × AO × ptf / days in service × ptf, by expanding every row to its days."""
    people = _counted(tables.employments)
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    sick = tables.absences[tables.absences["absence_type"].fillna("sickness") == "sickness"].copy()
    sick["end_date"] = sick["end_date"].fillna(last)
    sick = sick[(sick["start_date"] <= last) & (sick["end_date"] >= first)]
    sick["day"] = [
        pd.date_range(max(s, first), min(e, last), freq="D")
        for s, e in zip(sick["start_date"], sick["end_date"], strict=True)
    ]
    sick_days = sick.explode("day")
    ptf = people.set_index("employee_id")["fte"].fillna(1.0)
    ptf = ptf[~ptf.index.duplicated(keep="last")]
    sick_days["ptf"] = sick_days["employee_id"].map(ptf).fillna(1.0)
    numerator = (sick_days["percentage"].fillna(100.0) / 100.0 * sick_days["ptf"]).sum()
    days = pd.date_range(first, last, freq="D")
    fte = people["fte"].fillna(1.0)
    denominator = sum(float(fte[_in_service(people, day)].sum()) for day in days)
    return float(numerator / denominator)


def headcount_series(tables: Tables, start: date, end: date) -> pd.DataFrame:
    """Month-end headcount and average headcount for every month, day by day."""
    people = _counted(tables.employments)
    days = pd.date_range(start, end, freq="D")
    daily = pd.Series([int(_in_service(people, day).sum()) for day in days], index=days)
    monthly = daily.groupby(daily.index.to_period("M"))
    return pd.DataFrame({"headcount_end": monthly.last(), "average_headcount": monthly.mean()})


def female_share(tables: Tables, end: date) -> float:
    people = _counted(tables.employments)
    here = people[_in_service(people, pd.Timestamp(end))]
    women = int((here["gender"] == "F").sum())
    men = int((here["gender"] == "M").sum())
    return women / (women + men)


def pay_gap(tables: Tables, end: date, fulltime_hours: float = 40.0) -> tuple[float, float]:
    people = _counted(tables.employments)
    here = people[_in_service(people, pd.Timestamp(end)) & people["annual_salary"].notna()]
    hourly = (here["annual_salary"] + here["annual_bonus"].fillna(0.0)) / (
        here["fte"].fillna(1.0) * fulltime_hours * 52
    )
    men, women = hourly[here["gender"] == "M"], hourly[here["gender"] == "F"]
    return (
        float((men.mean() - women.mean()) / men.mean()),
        float((men.median() - women.median()) / men.median()),
    )


def enps(tables: Tables, start: date, end: date) -> float:
    question = tables.questions.loc[tables.questions["dimension"] == "enps", "question_id"]
    answers = tables.responses[tables.responses["question_id"].isin(question)].copy()
    answers["wave"] = pd.to_datetime(answers["wave"])
    answers = answers[answers["wave"].between(pd.Timestamp(start), pd.Timestamp(end))]
    latest = answers[answers["wave"] == answers["wave"].max()]["score"]
    return float((latest >= 9).mean() - (latest <= 6).mean())


def span_of_control(tables: Tables, end: date) -> float:
    people = _counted(tables.employments)
    here = people[_in_service(people, pd.Timestamp(end))]
    reports = here[here["manager_id"].isin(here["employee_id"])]
    return float(reports.groupby("manager_id").size().mean())
