-- One row per stretch of an employment during which its attributes do not change:
-- the employment's own attributes, overridden by the job_history row covering the stretch.
-- Columns: employee_id, hire_date, termination_date, seg_start, seg_end (inclusive, NULL = open)
-- and the attributes (annual_bonus and termination_reason are the employment's own). Materialised,
-- with the columns of segments_enriched.sql, as the table employment_segments after every import.
    WITH bounds AS (
        SELECT e.rowid AS employment_key, e.hire_date AS boundary
        FROM employments e
        UNION
        SELECT e.rowid, j.valid_from
        FROM employments e JOIN job_history j USING (employee_id)
        WHERE j.valid_from > e.hire_date
          AND (e.termination_date IS NULL OR j.valid_from <= e.termination_date)
        UNION
        SELECT e.rowid, j.valid_to + 1
        FROM employments e JOIN job_history j USING (employee_id)
        WHERE j.valid_to IS NOT NULL AND j.valid_to + 1 > e.hire_date
          AND (e.termination_date IS NULL OR j.valid_to < e.termination_date)
    ), stretches AS (
        SELECT employment_key, boundary AS seg_start,
               lead(boundary) OVER (PARTITION BY employment_key ORDER BY boundary) - 1 AS next_end
        FROM bounds
    )
    SELECT
        e.employee_id, e.hire_date, e.termination_date,
        s.seg_start,
        coalesce(s.next_end, e.termination_date) AS seg_end,
        coalesce(j.department, e.department) AS department,
        coalesce(j.job_title, e.job_title) AS job_title,
        coalesce(j.job_family, e.job_family) AS job_family,
        coalesce(j.grade, e.grade) AS grade,
        coalesce(j.manager_id, e.manager_id) AS manager_id,
        coalesce(j.location, e.location) AS location,
        coalesce(j.work_arrangement, e.work_arrangement) AS work_arrangement,
        coalesce(j.contract_type, e.contract_type, 'permanent') AS contract_type,
        coalesce(j.fte, e.fte) AS fte,
        coalesce(j.annual_salary, e.annual_salary) AS annual_salary,
        e.gender, e.birth_date, e.province, e.termination_type, e.regretted,
        e.annual_bonus, e.termination_reason
    FROM stretches s
    JOIN employments e ON e.rowid = s.employment_key
    LEFT JOIN job_history j
        ON j.employee_id = e.employee_id
       AND j.valid_from <= s.seg_start
       AND (j.valid_to IS NULL OR j.valid_to >= s.seg_start)
