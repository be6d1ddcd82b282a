-- One row per segment (a CTE `segments` from segments.sql), with what every metric query would
-- otherwise work out again: the org levels 1–3 of its department (from org_unit_levels; a
-- department outside the hierarchy is its own level) and the person's generation (Pew Research
-- Center's years). Rows in order of their last day (open ones last), so that a question about one
-- day reads only the row groups that can cover it.
SELECT s.*,
        coalesce(u.org_level_1, s.department) AS org_level_1,
        coalesce(u.org_level_2, u.org_level_1, s.department) AS org_level_2,
        coalesce(u.org_level_3, u.org_level_2, u.org_level_1, s.department) AS org_level_3,
        CASE
            WHEN year(s.birth_date) BETWEEN 1946 AND 1964 THEN 'Babyboom (1946-1964)'
            WHEN year(s.birth_date) BETWEEN 1965 AND 1980 THEN 'Generatie X (1965-1980)'
            WHEN year(s.birth_date) BETWEEN 1981 AND 1996 THEN 'Millennials (1981-1996)'
            WHEN year(s.birth_date) BETWEEN 1997 AND 2012 THEN 'Generatie Z (1997-2012)'
            WHEN s.birth_date IS NOT NULL THEN 'overig'
        END AS generation
    FROM segments s
    -- two units may share a label; a department then takes the levels of one of them
    LEFT JOIN (SELECT DISTINCT ON (label) * FROM org_unit_levels) u ON u.label = s.department
    ORDER BY coalesce(s.seg_end, DATE '9999-12-31'), s.seg_start, s.employee_id
