"""Row checks that need other rows: order of dates, overlaps, references to employees and units.

Each check is one SQL query over `new_rows` (the incoming rows with `_file` and `_row`) and the
store's tables (which already hold what this import loaded before, in load order). Each returns
rows of (file, row, canonical column, value, message key, message parameters): the key names the
expectation in the message catalogue (messages.py). Dates in the parameters are ISO.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from analytics.ingest.messages import Joined, Text

_OPEN_END = "DATE '9999-12-31'"

_CHECKS: dict[str, list[str]] = {
    "employments": [
        """SELECT _file, _row, 'termination_date', termination_date::VARCHAR,
                  'termination_before_hire', {'hire': hire_date::VARCHAR}
           FROM new_rows WHERE termination_date < hire_date""",
        """SELECT _file, _row, 'birth_date', birth_date::VARCHAR,
                  'birth_after_hire', {'hire': hire_date::VARCHAR}
           FROM new_rows WHERE birth_date >= hire_date""",
        f"""WITH periods AS (
               SELECT employee_id, hire_date, coalesce(termination_date, {_OPEN_END}) AS end_date,
                      _file, _row
               FROM new_rows WHERE termination_date IS NULL OR termination_date >= hire_date
               UNION ALL
               SELECT employee_id, hire_date, coalesce(termination_date, {_OPEN_END}), NULL, NULL
               FROM employments
           ), ordered AS (
               SELECT *,
                   lag(end_date) OVER w AS prev_end, lag(hire_date) OVER w AS prev_hire,
                   lag(_row) OVER w AS prev_row, lag(_file) OVER w AS prev_file
               FROM periods
               WINDOW w AS (PARTITION BY employee_id ORDER BY hire_date, _row NULLS FIRST)
           )
           SELECT _file, _row, 'hire_date', hire_date::VARCHAR,
               CASE WHEN prev_row IS NULL THEN 'employment_overlaps_store'
                    WHEN prev_file <> _file THEN 'employment_overlaps_other_file'
                    ELSE 'employment_overlaps_row'
               END,
               {{'employee': employee_id, 'hired': prev_hire::VARCHAR, 'row': prev_row,
                 'file': prev_file}}
           FROM ordered WHERE _row IS NOT NULL AND prev_end >= hire_date""",
    ],
    "job_history": [
        """SELECT _file, _row, 'valid_to', valid_to::VARCHAR,
                  'end_before_start', {'start': valid_from::VARCHAR}
           FROM new_rows WHERE valid_to < valid_from""",
        """SELECT _file, _row, 'employee_id', employee_id, 'employee_unknown', {}
           FROM new_rows n
           WHERE NOT EXISTS (SELECT 1 FROM employments e WHERE e.employee_id = n.employee_id)""",
        """SELECT _file, _row, 'valid_from', valid_from::VARCHAR,
                  'job_outside_employment', {'employee': employee_id}
           FROM new_rows n
           WHERE EXISTS (SELECT 1 FROM employments e WHERE e.employee_id = n.employee_id)
             AND NOT EXISTS (
               SELECT 1 FROM employments e WHERE e.employee_id = n.employee_id
                 AND e.hire_date <= n.valid_from
                 AND (e.termination_date IS NULL OR n.valid_from <= e.termination_date))""",
        f"""WITH rows AS (
               SELECT employee_id, valid_from, coalesce(valid_to, {_OPEN_END}) AS end_date,
                      _file, _row FROM new_rows WHERE valid_to IS NULL OR valid_to >= valid_from
               UNION ALL
               SELECT employee_id, valid_from, coalesce(valid_to, {_OPEN_END}), NULL, NULL
               FROM job_history
           ), ordered AS (
               SELECT *, lag(end_date) OVER w AS prev_end, lag(_row) OVER w AS prev_row
               FROM rows
               WINDOW w AS (PARTITION BY employee_id ORDER BY valid_from, _row NULLS FIRST)
           )
           SELECT _file, _row, 'valid_from', valid_from::VARCHAR,
               CASE WHEN prev_row IS NULL THEN 'job_overlaps_store' ELSE 'job_overlaps_row' END,
               {{'employee': employee_id, 'row': prev_row}}
           FROM ordered WHERE _row IS NOT NULL AND prev_end >= valid_from""",
    ],
    "absences": [
        """SELECT _file, _row, 'end_date', end_date::VARCHAR,
                  'end_before_start', {'start': start_date::VARCHAR}
           FROM new_rows WHERE end_date < start_date""",
        """SELECT _file, _row, 'employee_id', employee_id, 'employee_unknown', {}
           FROM new_rows n
           WHERE NOT EXISTS (SELECT 1 FROM employments e WHERE e.employee_id = n.employee_id)""",
        # Known employees whose absence lies in none of their employments; the message (with the
        # employment periods) is built only for the rows that fail.
        f"""WITH outside AS (
               SELECT n.* FROM new_rows n
               SEMI JOIN employments e ON e.employee_id = n.employee_id
               ANTI JOIN employments c ON c.employee_id = n.employee_id
                   AND c.hire_date <= n.start_date
                   AND coalesce(n.end_date, {_OPEN_END})
                       <= coalesce(c.termination_date, {_OPEN_END})
               WHERE n.end_date IS NULL OR n.end_date >= n.start_date
           )
           SELECT o._file, o._row, 'start_date', o.start_date::VARCHAR,
                  'absence_outside_employment',
                  {{'employee': o.employee_id,
                    'periods': list({{'start': e.hire_date::VARCHAR,
                                      'end': e.termination_date::VARCHAR}} ORDER BY e.hire_date)}}
           FROM outside o JOIN employments e ON e.employee_id = o.employee_id
           GROUP BY o._file, o._row, o.start_date, o.employee_id""",
        # Sickness rows of one person may follow each other but never overlap.
        f"""WITH rows AS (
               SELECT employee_id, start_date, coalesce(end_date, {_OPEN_END}) AS end_date,
                      _file, _row FROM new_rows
               WHERE coalesce(absence_type, 'sickness') = 'sickness'
                 AND (end_date IS NULL OR end_date >= start_date)
               UNION ALL
               SELECT employee_id, start_date, coalesce(end_date, {_OPEN_END}), NULL, NULL
               FROM absences WHERE coalesce(absence_type, 'sickness') = 'sickness'
           ), ordered AS (
               SELECT *, max(end_date) OVER w AS prev_end,
                      lag(_row) OVER (PARTITION BY employee_id
                                      ORDER BY start_date, _row NULLS FIRST) AS prev_row
               FROM rows
               WINDOW w AS (PARTITION BY employee_id ORDER BY start_date, _row NULLS FIRST
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
           )
           SELECT _file, _row, 'start_date', start_date::VARCHAR,
               CASE WHEN prev_row IS NULL THEN 'sickness_overlaps_store'
                    ELSE 'sickness_overlaps_row' END,
               {{'employee': employee_id, 'row': prev_row}}
           FROM ordered WHERE _row IS NOT NULL AND prev_end >= start_date""",
        """SELECT n._file, n._row, 'spell_id', n.spell_id,
                  'spell_shared', {'other': min(o.employee_id)}
           FROM new_rows n JOIN (
               SELECT employee_id, spell_id FROM new_rows WHERE spell_id IS NOT NULL
               UNION ALL SELECT employee_id, spell_id FROM absences WHERE spell_id IS NOT NULL
           ) o ON o.spell_id = n.spell_id AND o.employee_id <> n.employee_id
           GROUP BY n._file, n._row, n.spell_id""",
    ],
    "org_units": [
        """SELECT _file, _row, 'unit_id', unit_id, 'unit_duplicate', {}
           FROM (SELECT *, count(*) OVER (PARTITION BY unit_id) AS n FROM new_rows)
           WHERE n > 1
           UNION ALL
           SELECT _file, _row, 'unit_id', unit_id, 'unit_in_store', {}
           FROM new_rows WHERE unit_id IN (SELECT unit_id FROM org_units)""",
        """SELECT _file, _row, 'parent_id', parent_id, 'parent_unknown', {}
           FROM new_rows n WHERE parent_id IS NOT NULL
             AND parent_id NOT IN (SELECT unit_id FROM new_rows)
             AND parent_id NOT IN (SELECT unit_id FROM org_units)""",
        """SELECT _file, _row, 'parent_id', parent_id, 'parent_self', {}
           FROM new_rows WHERE parent_id = unit_id""",
    ],
    "survey_questions": [
        """SELECT _file, _row, 'question_id', question_id, 'question_duplicate', {}
           FROM (SELECT *, count(*) OVER (PARTITION BY question_id) AS n FROM new_rows)
           WHERE n > 1""",
        """SELECT _file, _row, 'scale_max', scale_max::VARCHAR,
                  'scale_max_low', {'minimum': scale_min}
           FROM new_rows WHERE scale_max <= scale_min""",
    ],
    "survey_responses": [
        """SELECT _file, _row, 'question_id', question_id, 'question_unknown', {}
           FROM new_rows WHERE question_id NOT IN (SELECT question_id FROM survey_questions)""",
        """SELECT n._file, n._row, 'score', n.score::VARCHAR,
                  'score_out_of_scale', {'minimum': q.scale_min, 'maximum': q.scale_max}
           FROM new_rows n JOIN survey_questions q USING (question_id)
           WHERE n.score < q.scale_min OR n.score > q.scale_max""",
    ],
    "survey_invited": [],
}


Found = tuple[str, int, str, str | None, str, dict[str, object]]


def run(con: duckdb.DuckDBPyConnection, table: str) -> list[Found]:
    found: list[Found] = []
    for query in _CHECKS[table]:
        found.extend(con.sql(query).fetchall())
    return found


def expectation(key: str, params: dict[str, object], show_date: Callable[[str], str]) -> Text:
    """The catalogued message of one finding; `show_date` writes an ISO date the way the file
    does."""
    values: dict[str, object] = {}
    for name, value in params.items():
        if value is None:
            continue
        if name == "periods":
            value = Joined(tuple(_period(p, show_date) for p in value))  # type: ignore[attr-defined]
        elif isinstance(value, str) and name not in ("employee", "other", "file"):
            value = show_date(value)
        values[name] = value
    return Text(key, **values)


def _period(period: dict[str, str | None], show_date: Callable[[str], str]) -> Text:
    start, end = period["start"] or "", period["end"]
    if end is None:
        return Text("period_open", start=show_date(start))
    return Text("period", start=show_date(start), end=show_date(end))
