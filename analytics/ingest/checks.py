"""Row checks that need other rows: order of dates, overlaps, references to employees and units.

Each check is one SQL query over `new_rows` (the incoming rows with `_file` and `_row`) and the
store's tables (which already hold what this import loaded before, in load order). Each returns
rows of (file, row, canonical column, value, expectation). Dates in messages are ISO.
"""

from __future__ import annotations

import duckdb

_OPEN_END = "DATE '9999-12-31'"

_CHECKS: dict[str, list[str]] = {
    "employments": [
        """SELECT _file, _row, 'termination_date', termination_date::VARCHAR,
                  'a termination date on or after the hire date (' || hire_date::VARCHAR || ')'
           FROM new_rows WHERE termination_date < hire_date""",
        """SELECT _file, _row, 'birth_date', birth_date::VARCHAR,
                  'a birth date before the hire date (' || hire_date::VARCHAR || ')'
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
               CASE WHEN prev_row IS NULL
                   THEN 'a period that does not overlap the employment of ' || employee_id ||
                        ' already in the store (hired ' || prev_hire::VARCHAR ||
                        '); use --replace to replace the stored employments'
                   ELSE 'a period that does not overlap the employment of ' || employee_id ||
                        ' on row ' || prev_row::VARCHAR ||
                        CASE WHEN prev_file <> _file THEN ' of ' || prev_file ELSE '' END ||
                        ' (hired ' || prev_hire::VARCHAR || ')'
               END
           FROM ordered WHERE _row IS NOT NULL AND prev_end >= hire_date""",
    ],
    "job_history": [
        """SELECT _file, _row, 'valid_to', valid_to::VARCHAR,
                  'an end date on or after the start date (' || valid_from::VARCHAR || ')'
           FROM new_rows WHERE valid_to < valid_from""",
        """SELECT _file, _row, 'employee_id', employee_id,
                  'an employee who is in the employee file'
           FROM new_rows n
           WHERE NOT EXISTS (SELECT 1 FROM employments e WHERE e.employee_id = n.employee_id)""",
        """SELECT _file, _row, 'valid_from', valid_from::VARCHAR,
                  'a start date inside an employment of ' || employee_id
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
               'a period that does not overlap the previous one of ' || employee_id ||
               coalesce(' (row ' || prev_row::VARCHAR || ')', ' (already in the store)')
           FROM ordered WHERE _row IS NOT NULL AND prev_end >= valid_from""",
    ],
    "absences": [
        """SELECT _file, _row, 'end_date', end_date::VARCHAR,
                  'an end date on or after the start date (' || start_date::VARCHAR || ')'
           FROM new_rows WHERE end_date < start_date""",
        """SELECT _file, _row, 'employee_id', employee_id,
                  'an employee who is in the employee file'
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
                  'absence days inside an employment of ' || o.employee_id || ' (employed ' ||
                  string_agg(e.hire_date::VARCHAR || ' – ' ||
                             coalesce(e.termination_date::VARCHAR, 'now'), ', '
                             ORDER BY e.hire_date) || ')'
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
               'a sickness absence that does not overlap an earlier one of ' || employee_id ||
               coalesce(' (row ' || prev_row::VARCHAR || ')', ' (already in the store)')
           FROM ordered WHERE _row IS NOT NULL AND prev_end >= start_date""",
        """SELECT n._file, n._row, 'spell_id', n.spell_id,
                  'a spell id used by one employee only (it is also used for ' ||
                  min(o.employee_id) || ')'
           FROM new_rows n JOIN (
               SELECT employee_id, spell_id FROM new_rows WHERE spell_id IS NOT NULL
               UNION ALL SELECT employee_id, spell_id FROM absences WHERE spell_id IS NOT NULL
           ) o ON o.spell_id = n.spell_id AND o.employee_id <> n.employee_id
           GROUP BY n._file, n._row, n.spell_id""",
    ],
    "org_units": [
        """SELECT _file, _row, 'unit_id', unit_id, 'a unit id that occurs once'
           FROM (SELECT *, count(*) OVER (PARTITION BY unit_id) AS n FROM new_rows)
           WHERE n > 1
           UNION ALL
           SELECT _file, _row, 'unit_id', unit_id, 'a unit id not already in the store'
           FROM new_rows WHERE unit_id IN (SELECT unit_id FROM org_units)""",
        """SELECT _file, _row, 'parent_id', parent_id, 'a parent unit listed in the file'
           FROM new_rows n WHERE parent_id IS NOT NULL
             AND parent_id NOT IN (SELECT unit_id FROM new_rows)
             AND parent_id NOT IN (SELECT unit_id FROM org_units)""",
        """SELECT _file, _row, 'parent_id', parent_id, 'a parent other than the unit itself'
           FROM new_rows WHERE parent_id = unit_id""",
    ],
    "survey_questions": [
        """SELECT _file, _row, 'question_id', question_id, 'a question id that occurs once'
           FROM (SELECT *, count(*) OVER (PARTITION BY question_id) AS n FROM new_rows)
           WHERE n > 1""",
        """SELECT _file, _row, 'scale_max', scale_max::VARCHAR,
                  'a scale maximum above the minimum (' || scale_min::VARCHAR || ')'
           FROM new_rows WHERE scale_max <= scale_min""",
    ],
    "survey_responses": [
        """SELECT _file, _row, 'question_id', question_id,
                  'a question listed in the survey questions (load that file too)'
           FROM new_rows WHERE question_id NOT IN (SELECT question_id FROM survey_questions)""",
        """SELECT n._file, n._row, 'score', n.score::VARCHAR,
                  'a score from ' || q.scale_min::VARCHAR || ' to ' || q.scale_max::VARCHAR
           FROM new_rows n JOIN survey_questions q USING (question_id)
           WHERE n.score < q.scale_min OR n.score > q.scale_max""",
    ],
    "survey_invited": [],
}


def run(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, int, str, str | None, str]]:
    found: list[tuple[str, int, str, str | None, str]] = []
    for query in _CHECKS[table]:
        found.extend(con.sql(query).fetchall())
    return found
