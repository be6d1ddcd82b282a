-- One row per breakdown group: the sums the absence metrics divide over the period
-- [$range_start, $range_end] (metrics.md, "Absence"; absence_months.sql is the same per month).
-- Follows the CTEs `seg_by` (scope.split_by) and those of absence_spells.sql. $lookback: see
-- absence_lookback.sql; $with_classes: also split the sick days by duration class (which needs
-- each row's spell), $whole_period: also count the persons in the group on every day of the
-- period, $with_leave: also sum pregnancy leave (else those columns are NULL, their work
-- skipped). All by interval overlap of absence rows, pieces of service and the period: never
-- one row per employee-day.
spells_in AS MATERIALIZED (
    -- The spells with a day in the period: the only ones the figures here need.
    SELECT employee_id, spell_key, first_day, last_day FROM spells
    WHERE first_day <= $range_end AND coalesce(last_day, DATE '9999-12-31') >= $range_start
),
seg_near AS MATERIALIZED (
    -- The pieces of seg_by needed here, read once (a constant range: only those rows are read):
    -- those with a day in the period or in the stretch before it in which the spells that
    -- ended in the period began.
    SELECT employee_id, grp, fte, piece_start, piece_end
    FROM seg_by
    WHERE piece_start <= $range_end AND coalesce(piece_end, DATE '9999-12-31') >= $lookback
),
pieces AS MATERIALIZED (
    -- Each piece of service inside the period; ptf = the piece's fte (missing = 1.0).
    SELECT employee_id, grp, coalesce(fte, 1.0) AS ptf,
        greatest(piece_start, $range_start::DATE) AS day_from,
        least(coalesce(piece_end, DATE '9999-12-31'), $range_end::DATE) AS day_to
    FROM seg_near
    WHERE piece_start <= $range_end AND coalesce(piece_end, DATE '9999-12-31') >= $range_start
),
person_days AS (
    -- Per person and group: days in service in the period (pieces of a person never overlap).
    SELECT grp, employee_id,
        sum(datediff('day', day_from, day_to) + 1) AS days,
        sum(ptf * (datediff('day', day_from, day_to) + 1)) AS ptf_days
    FROM pieces
    GROUP BY grp, employee_id
),
service_sums AS (
    SELECT grp, count(*) AS persons, sum(days)::BIGINT AS service_days,
        sum(ptf_days) AS available_ptf_days,
        count(*) FILTER (WHERE days = datediff('day', $range_start::DATE, $range_end::DATE) + 1)
            AS persons_whole_period
    FROM person_days
    GROUP BY grp
),
sick AS (
    -- Sick days of each sickness row inside each piece (so inside the period and the scope),
    -- weighted AO × ptf (an open row runs to the end of the piece), and for the classes the
    -- length of the row's spell up to min(last day, period end) (a spell_key belongs to one
    -- person: the import refuses a spell_id of two employees).
    SELECT x.grp, x.employee_id,
        x.ptf * r.ao * (datediff('day', greatest(x.day_from, r.start_date),
                                 least(x.day_to, coalesce(r.end_date, DATE '9999-12-31'))) + 1)
            AS lost_ptf_days,
        datediff('day', sp.first_day,
                 least(coalesce(sp.last_day, $range_end::DATE), $range_end::DATE)) + 1
            AS spell_days
    FROM pieces x
    JOIN (
        SELECT employee_id, start_date, end_date, ao,
            CASE WHEN $with_classes THEN spell_key END AS spell_key
        FROM sick_rows
        WHERE start_date <= $range_end AND coalesce(end_date, DATE '9999-12-31') >= $range_start
    ) r
      ON r.employee_id = x.employee_id
     AND r.start_date <= x.day_to
     AND coalesce(r.end_date, DATE '9999-12-31') >= x.day_from
    LEFT JOIN (SELECT * FROM spells_in WHERE $with_classes) sp ON sp.spell_key = r.spell_key
),
sick_sums AS (
    -- Duration classes by that length: short 1–14, medium 15–91, long 92–365, longer extra
    -- long (the classes stop at 730). Zero absence: persons with a sick day among their days in
    -- the group, and those of them in it on every day of the period.
    SELECT s.grp,
        sum(s.sick_ptf_days) AS sick_ptf_days,
        sum(s.short) AS sick_ptf_days_short,
        sum(s.medium) AS sick_ptf_days_medium,
        sum(s.long) AS sick_ptf_days_long,
        sum(s.extra_long) AS sick_ptf_days_extra_long,
        count(*) AS sick_persons,
        count(w.employee_id) AS sick_persons_whole_period
    FROM (
        SELECT grp, employee_id,
            sum(lost_ptf_days) AS sick_ptf_days,
            coalesce(sum(lost_ptf_days) FILTER (WHERE spell_days <= 14), 0.0) AS short,
            coalesce(sum(lost_ptf_days) FILTER (WHERE spell_days BETWEEN 15 AND 91), 0.0)
                AS medium,
            coalesce(sum(lost_ptf_days) FILTER (WHERE spell_days BETWEEN 92 AND 365), 0.0)
                AS long,
            coalesce(sum(lost_ptf_days) FILTER (WHERE spell_days > 365), 0.0) AS extra_long
        FROM sick
        GROUP BY grp, employee_id
    ) s
    LEFT JOIN (
        SELECT grp, employee_id FROM person_days
        WHERE $whole_period
          AND days = datediff('day', $range_start::DATE, $range_end::DATE) + 1
    ) w ON w.employee_id = s.employee_id AND w.grp = s.grp
    GROUP BY s.grp
),
leave_sums AS (
    -- Pregnancy and maternity leave inside the pieces, weighted like sickness (share × ptf).
    SELECT x.grp,
        sum(x.ptf * l.ao * (datediff('day', greatest(x.day_from, l.start_date),
                                     least(x.day_to, coalesce(l.end_date, DATE '9999-12-31')))
                            + 1)) AS leave_ptf_days
    FROM pieces x
    JOIN leave_rows l
      ON l.employee_id = x.employee_id
     AND l.start_date <= x.day_to
     AND coalesce(l.end_date, DATE '9999-12-31') >= x.day_from
    WHERE $with_leave
    GROUP BY x.grp
),
spell_groups AS (
    -- Each spell that begins or ends in the period under the group of its first sick day (a
    -- spell whose first day is out of scope, e.g. in a department filtered out, is not counted
    -- for frequency or duration): the piece holding that day, which for a spell that began
    -- before the period may lie before it.
    SELECT sp.first_day, sp.last_day, x.grp
    FROM spells_in sp
    JOIN pieces x
      ON x.employee_id = sp.employee_id AND x.day_from <= sp.first_day AND x.day_to >= sp.first_day
    WHERE sp.first_day >= $range_start
    UNION ALL
    SELECT sp.first_day, sp.last_day, s.grp
    FROM spells_in sp
    JOIN seg_near s
      ON s.employee_id = sp.employee_id
     AND s.piece_start <= sp.first_day
     AND coalesce(s.piece_end, DATE '9999-12-31') >= sp.first_day
    WHERE sp.first_day < $range_start AND sp.last_day <= $range_end
),
spell_sums AS (
    SELECT grp,
        count(*) FILTER (WHERE first_day >= $range_start) AS new_spells,
        count(*) FILTER (WHERE last_day <= $range_end) AS closed_spells,
        sum(datediff('day', first_day, last_day) + 1)
            FILTER (WHERE last_day <= $range_end)::BIGINT AS closed_spell_days
    FROM spell_groups
    GROUP BY grp
),
keys AS (
    SELECT grp FROM service_sums
    UNION
    SELECT grp FROM spell_sums
)
SELECT $range_start::DATE AS period_start, k.grp AS "group",
    coalesce(ss.persons, 0) AS population,
    coalesce(ss.service_days, 0) AS service_days,
    coalesce(ss.available_ptf_days, 0.0) AS available_ptf_days,
    CASE WHEN $with_leave THEN coalesce(ls.leave_ptf_days, 0.0) END AS leave_ptf_days,
    coalesce(si.sick_ptf_days, 0.0) AS sick_ptf_days,
    CASE WHEN $with_classes THEN coalesce(si.sick_ptf_days_short, 0.0) END
        AS sick_ptf_days_short,
    CASE WHEN $with_classes THEN coalesce(si.sick_ptf_days_medium, 0.0) END
        AS sick_ptf_days_medium,
    CASE WHEN $with_classes THEN coalesce(si.sick_ptf_days_long, 0.0) END
        AS sick_ptf_days_long,
    CASE WHEN $with_classes THEN coalesce(si.sick_ptf_days_extra_long, 0.0) END
        AS sick_ptf_days_extra_long,
    coalesce(sp.new_spells, 0) AS new_spells,
    coalesce(sp.closed_spells, 0) AS closed_spells,
    sp.closed_spell_days,
    coalesce(ss.persons - coalesce(si.sick_persons, 0), 0) AS persons_without_sickness,
    CASE WHEN $whole_period THEN coalesce(ss.persons_whole_period, 0) END
        AS persons_whole_period,
    CASE WHEN $whole_period
         THEN coalesce(ss.persons_whole_period - coalesce(si.sick_persons_whole_period, 0), 0)
    END AS persons_whole_period_without_sickness
FROM keys k
LEFT JOIN service_sums ss USING (grp)
LEFT JOIN sick_sums si USING (grp)
LEFT JOIN leave_sums ls USING (grp)
LEFT JOIN spell_sums sp USING (grp)
ORDER BY k.grp
