-- One row per period and breakdown group: the sums the absence metrics divide (metrics.md,
-- "Absence"). Follows the CTEs `seg_by` (scope.split_by), `periods` (period_start, period_end)
-- and those of absence_spells.sql. All by interval overlap: never one row per employee-day.
pieces AS (
    -- Each piece of service inside each period; ptf = the piece's fte (missing = 1.0).
    SELECT p.period_start, p.period_end, s.employee_id, s.grp,
        coalesce(s.fte, 1.0) AS ptf,
        greatest(s.piece_start, p.period_start) AS day_from,
        least(coalesce(s.piece_end, DATE '9999-12-31'), p.period_end) AS day_to
    FROM seg_by s
    JOIN periods p
      ON s.piece_start <= p.period_end
     AND coalesce(s.piece_end, DATE '9999-12-31') >= p.period_start
),
spell_class AS (
    -- The duration class of each spell running in a period: by its total length up to
    -- min(last day, period end); longer than 365 days is extra long (the classes stop at 730).
    SELECT p.period_start, sp.spell_key,
        CASE
            WHEN datediff('day', sp.first_day,
                          least(coalesce(sp.last_day, p.period_end), p.period_end)) + 1 <= 14
                THEN 'short'
            WHEN datediff('day', sp.first_day,
                          least(coalesce(sp.last_day, p.period_end), p.period_end)) + 1 <= 91
                THEN 'medium'
            WHEN datediff('day', sp.first_day,
                          least(coalesce(sp.last_day, p.period_end), p.period_end)) + 1 <= 365
                THEN 'long'
            ELSE 'extra_long'
        END AS duration_class
    FROM (
        SELECT * FROM spells
        WHERE first_day <= $range_end AND coalesce(last_day, DATE '9999-12-31') >= $range_start
    ) sp
    JOIN periods p
      ON sp.first_day <= p.period_end
     AND coalesce(sp.last_day, DATE '9999-12-31') >= p.period_start
),
sick_days AS (
    -- Sick days of each sickness row inside each piece (so inside the period and the scope),
    -- weighted AO × ptf; an open row runs to the end of the piece.
    SELECT x.period_start, x.grp, x.employee_id, r.spell_key,
        x.ptf * r.ao * (datediff('day', greatest(x.day_from, r.start_date),
                                 least(x.day_to, coalesce(r.end_date, DATE '9999-12-31'))) + 1)
            AS lost_ptf_days
    FROM pieces x
    JOIN (
        -- Rows that touch the periods' span at all, before the join.
        SELECT * FROM sick_rows
        WHERE start_date <= $range_end AND coalesce(end_date, DATE '9999-12-31') >= $range_start
    ) r
      ON r.employee_id = x.employee_id
     AND r.start_date <= x.day_to
     AND coalesce(r.end_date, DATE '9999-12-31') >= x.day_from
),
sick_sums AS (
    SELECT d.period_start, d.grp,
        sum(d.lost_ptf_days) AS sick_ptf_days,
        coalesce(sum(d.lost_ptf_days) FILTER (WHERE c.duration_class = 'short'), 0.0)
            AS sick_ptf_days_short,
        coalesce(sum(d.lost_ptf_days) FILTER (WHERE c.duration_class = 'medium'), 0.0)
            AS sick_ptf_days_medium,
        coalesce(sum(d.lost_ptf_days) FILTER (WHERE c.duration_class = 'long'), 0.0)
            AS sick_ptf_days_long,
        coalesce(sum(d.lost_ptf_days) FILTER (WHERE c.duration_class = 'extra_long'), 0.0)
            AS sick_ptf_days_extra_long
    FROM sick_days d
    JOIN spell_class c USING (period_start, spell_key)
    GROUP BY d.period_start, d.grp
),
leave_sums AS (
    -- Pregnancy and maternity leave inside the pieces, weighted like sickness (share × ptf).
    SELECT x.period_start, x.grp,
        sum(x.ptf * l.ao * (datediff('day', greatest(x.day_from, l.start_date),
                                     least(x.day_to, coalesce(l.end_date, DATE '9999-12-31')))
                            + 1)) AS leave_ptf_days
    FROM pieces x
    JOIN leave_rows l
      ON l.employee_id = x.employee_id
     AND l.start_date <= x.day_to
     AND coalesce(l.end_date, DATE '9999-12-31') >= x.day_from
    GROUP BY x.period_start, x.grp
),
spell_groups AS (
    -- Each spell under the group of its first sick day (a spell whose first day is out of scope,
    -- e.g. in a department filtered out, is not counted for frequency or duration).
    -- Only spells that begin or end within the periods' span are needed.
    SELECT sp.employee_id, sp.spell_key, sp.first_day, sp.last_day, s.grp
    FROM spells sp
    JOIN seg_by s
      ON s.employee_id = sp.employee_id
     AND s.piece_start <= sp.first_day
     AND coalesce(s.piece_end, DATE '9999-12-31') >= sp.first_day
    WHERE sp.first_day BETWEEN $range_start AND $range_end
       OR sp.last_day BETWEEN $range_start AND $range_end
),
spell_sums AS (
    SELECT p.period_start, g.grp,
        count(*) FILTER (WHERE g.first_day BETWEEN p.period_start AND p.period_end) AS new_spells,
        count(*) FILTER (WHERE g.last_day BETWEEN p.period_start AND p.period_end)
            AS closed_spells,
        sum(datediff('day', g.first_day, g.last_day) + 1)
            FILTER (WHERE g.last_day BETWEEN p.period_start AND p.period_end)::BIGINT
            AS closed_spell_days
    FROM spell_groups g
    JOIN periods p
      ON g.first_day BETWEEN p.period_start AND p.period_end
      OR g.last_day BETWEEN p.period_start AND p.period_end
    GROUP BY p.period_start, g.grp
),
person_days AS (
    SELECT period_start, period_end, grp, employee_id,
        sum(datediff('day', day_from, day_to) + 1)::BIGINT AS days
    FROM pieces
    GROUP BY period_start, period_end, grp, employee_id
),
person_sums AS (
    -- Zero absence: no sick day among the person's days in the group within the period.
    SELECT d.period_start, d.grp,
        count(*) AS persons,
        count(*) FILTER (WHERE s.employee_id IS NULL) AS persons_without_sickness,
        count(*) FILTER (WHERE d.days = datediff('day', d.period_start, d.period_end) + 1)
            AS persons_whole_period,
        count(*) FILTER (WHERE s.employee_id IS NULL
                           AND d.days = datediff('day', d.period_start, d.period_end) + 1)
            AS persons_whole_period_without_sickness
    FROM person_days d
    LEFT JOIN (SELECT DISTINCT period_start, grp, employee_id FROM sick_days) s
      USING (period_start, grp, employee_id)
    GROUP BY d.period_start, d.grp
),
service_sums AS (
    SELECT period_start, period_end, grp,
        sum(datediff('day', day_from, day_to) + 1)::BIGINT AS service_days,
        sum(ptf * (datediff('day', day_from, day_to) + 1)) AS available_ptf_days
    FROM pieces
    GROUP BY period_start, period_end, grp
),
keys AS (
    SELECT period_start, grp FROM service_sums
    UNION
    SELECT period_start, grp FROM spell_sums
)
SELECT k.period_start, k.grp AS "group",
    coalesce(ps.persons, 0) AS population,
    coalesce(ss.service_days, 0) AS service_days,
    coalesce(ss.available_ptf_days, 0.0) AS available_ptf_days,
    coalesce(ls.leave_ptf_days, 0.0) AS leave_ptf_days,
    coalesce(si.sick_ptf_days, 0.0) AS sick_ptf_days,
    coalesce(si.sick_ptf_days_short, 0.0) AS sick_ptf_days_short,
    coalesce(si.sick_ptf_days_medium, 0.0) AS sick_ptf_days_medium,
    coalesce(si.sick_ptf_days_long, 0.0) AS sick_ptf_days_long,
    coalesce(si.sick_ptf_days_extra_long, 0.0) AS sick_ptf_days_extra_long,
    coalesce(sp.new_spells, 0) AS new_spells,
    coalesce(sp.closed_spells, 0) AS closed_spells,
    sp.closed_spell_days,
    coalesce(ps.persons_without_sickness, 0) AS persons_without_sickness,
    coalesce(ps.persons_whole_period, 0) AS persons_whole_period,
    coalesce(ps.persons_whole_period_without_sickness, 0) AS persons_whole_period_without_sickness
FROM keys k
LEFT JOIN service_sums ss USING (period_start, grp)
LEFT JOIN person_sums ps USING (period_start, grp)
LEFT JOIN sick_sums si USING (period_start, grp)
LEFT JOIN leave_sums ls USING (period_start, grp)
LEFT JOIN spell_sums sp USING (period_start, grp)
ORDER BY k.period_start, k.grp
