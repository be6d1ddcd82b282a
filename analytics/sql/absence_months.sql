-- One row per calendar month of the span [$range_start, $range_end] (the first and last month
-- clipped to it) and breakdown group: the sums the absence metrics divide, each month a period
-- of its own (metrics.md, "Absence"; absence_periods.sql is the same for one period). Follows
-- the CTEs `seg_by` (scope.split_by) and those of absence_spells.sql. $lookback: see
-- absence_lookback.sql; $whole_period: also count the persons in the group on every day of a
-- month, $with_leave: also sum pregnancy leave (else those columns are NULL, their work skipped).
-- The month of a day d in the span starts on greatest(date_trunc('month', d), $range_start) and
-- ends on least(last_day(d), $range_end).
-- All by interval overlap, never one row per employee-day, nor one row per piece and month: a
-- piece of service adds its days to its first and last month directly and to the months
-- between through running sums over the months (a step up after its first month, down at its
-- last); sickness is intersected with the pieces once and only then cut at month boundaries.
months AS (
    SELECT greatest(m::DATE, $range_start::DATE) AS month_start,
        least(last_day(m::DATE), $range_end::DATE) AS month_end
    FROM range(date_trunc('month', $range_start::DATE), $range_end::DATE + 1, INTERVAL 1 MONTH)
        AS r(m)
),
spells_in AS MATERIALIZED (
    -- The spells with a day in the span: the only ones the figures here need.
    SELECT employee_id, spell_key, first_day, last_day FROM spells
    WHERE first_day <= $range_end AND coalesce(last_day, DATE '9999-12-31') >= $range_start
),
seg_near AS MATERIALIZED (
    -- The pieces of seg_by needed here, read once (a constant range: only those rows are read):
    -- those with a day in the span or in the stretch before it in which the spells that ended
    -- in the span began.
    SELECT employee_id, grp, fte, piece_start, piece_end
    FROM seg_by
    WHERE piece_start <= $range_end AND coalesce(piece_end, DATE '9999-12-31') >= $lookback
),
pieces AS MATERIALIZED (
    -- Each piece of service inside the span, ptf = its fte (missing = 1.0), with its first and
    -- last month, and the previous and next piece of the same person and group (pieces of a
    -- person never overlap).
    SELECT *,
        greatest(date_trunc('month', day_from)::DATE, $range_start::DATE) AS first_start,
        least(last_day(day_from), $range_end::DATE) AS first_end,
        greatest(date_trunc('month', day_to)::DATE, $range_start::DATE) AS last_start,
        least(last_day(day_to), $range_end::DATE) AS last_end,
        lag(day_to) OVER w AS previous_to,
        lead(day_from) OVER w AS next_from
    FROM (
        SELECT employee_id, grp, coalesce(fte, 1.0) AS ptf,
            greatest(piece_start, $range_start::DATE) AS day_from,
            least(coalesce(piece_end, DATE '9999-12-31'), $range_end::DATE) AS day_to
        FROM seg_near
        WHERE piece_start <= $range_end AND coalesce(piece_end, DATE '9999-12-31') >= $range_start
    )
    WINDOW w AS (PARTITION BY employee_id, grp ORDER BY day_from)
),
runs AS (
    -- Unbroken runs of one person's adjacent pieces in one group (whole-month counts only): the
    -- person is in the group on every day of the months from cover_from up to the one before
    -- cover_after.
    SELECT employee_id, grp,
        CASE WHEN run_from = greatest(date_trunc('month', run_from)::DATE, $range_start::DATE)
             THEN run_from
             ELSE least(last_day(run_from), $range_end::DATE) + 1
        END AS cover_from,
        CASE WHEN run_to = least(last_day(run_to), $range_end::DATE)
             THEN run_to + 1
             ELSE greatest(date_trunc('month', run_to)::DATE, $range_start::DATE)
        END AS cover_after
    FROM (
        SELECT employee_id, grp, day_from AS run_from,
            CASE WHEN is_end THEN day_to ELSE lead(day_to) OVER w END AS run_to, is_start
        FROM (
            SELECT *, previous_to IS NULL OR previous_to < day_from - 1 AS is_start,
                next_from IS NULL OR next_from > day_to + 1 AS is_end
            FROM pieces
        )
        WHERE $whole_period AND (is_start OR is_end)
        WINDOW w AS (PARTITION BY employee_id, grp ORDER BY day_from)
        QUALIFY is_start
    )
),
service_steps AS (
    -- What each piece adds to its first and last month directly (days, ptf-days, 1 for the
    -- piece touching it), and to the months strictly between them as a step: +1 and +ptf from
    -- the second month on, −1 and −ptf from the last one on (ptf in exact decimals, so that the
    -- steps of a piece cancel exactly). `repeats`: a piece whose previous one of the same person
    -- and group ends in the same month (one person, counted once). `covering` steps +1 at the
    -- first month a run covers whole and −1 after the last.
    SELECT first_start AS month_start, grp,
        datediff('day', day_from, least(day_to, first_end)) + 1 AS days,
        ptf * (datediff('day', day_from, least(day_to, first_end)) + 1) AS ptf_days,
        1 AS touching, CASE WHEN previous_to >= first_start THEN 1 ELSE 0 END AS repeats,
        0 AS middle, 0::DECIMAL(38, 18) AS middle_ptf, 0 AS covering
    FROM pieces
    UNION ALL
    SELECT last_start, grp, datediff('day', last_start, day_to) + 1,
        ptf * (datediff('day', last_start, day_to) + 1), 1, 0,
        CASE WHEN last_start > first_end + 1 THEN -1 ELSE 0 END,
        CASE WHEN last_start > first_end + 1 THEN -ptf::DECIMAL(38, 18) ELSE 0 END, 0
    FROM pieces WHERE last_start > first_start
    UNION ALL
    SELECT first_end + 1, grp, 0, 0.0, 0, 0, 1, ptf::DECIMAL(38, 18), 0
    FROM pieces WHERE last_start > first_end + 1
    UNION ALL
    SELECT cover_from, grp, 0, 0.0, 0, 0, 0, 0, 1
    FROM runs WHERE cover_from < cover_after
    UNION ALL
    SELECT cover_after, grp, 0, 0.0, 0, 0, 0, 0, -1
    FROM runs WHERE cover_from < cover_after AND cover_after <= $range_end
),
step_sums AS (
    SELECT month_start, grp,
        sum(days) AS days, sum(ptf_days) AS ptf_days, sum(touching) AS touching,
        sum(repeats) AS repeats, sum(middle) AS middle, sum(middle_ptf) AS middle_ptf,
        sum(covering) AS covering
    FROM service_steps
    GROUP BY month_start, grp
),
service_sums AS (
    -- Running sums of the steps over the months of each group: persons = pieces touching the
    -- month − repeats; days in service = direct days + pieces spanning the month × its days.
    SELECT month_start, grp,
        (touching + middle - repeats)::BIGINT AS persons,
        CASE WHEN $whole_period THEN whole_month::BIGINT END AS persons_whole_period,
        (days + middle * month_days)::BIGINT AS service_days,
        ptf_days + middle_ptf::DOUBLE * month_days AS available_ptf_days
    FROM (
        SELECT m.month_start, g.grp,
            datediff('day', m.month_start, m.month_end) + 1 AS month_days,
            coalesce(s.days, 0) AS days, coalesce(s.ptf_days, 0.0) AS ptf_days,
            coalesce(s.touching, 0) AS touching, coalesce(s.repeats, 0) AS repeats,
            sum(coalesce(s.middle, 0)) OVER w AS middle,
            sum(coalesce(s.middle_ptf, 0)) OVER w AS middle_ptf,
            sum(coalesce(s.covering, 0)) OVER w AS whole_month
        FROM months m
        CROSS JOIN (SELECT DISTINCT grp FROM step_sums) g
        LEFT JOIN step_sums s ON s.month_start = m.month_start AND s.grp = g.grp
        WINDOW w AS (PARTITION BY g.grp ORDER BY m.month_start)
    )
    WHERE touching + middle > 0
),
sick AS (
    -- Each sickness row inside each piece (so inside the span and the scope), once, with its
    -- spell's first and last day (a spell_key belongs to one person: the import refuses a
    -- spell_id of two employees); an open row runs to the end of the piece.
    SELECT x.employee_id, x.grp, x.ptf, r.ao, sp.first_day, sp.last_day,
        greatest(x.day_from, r.start_date) AS sick_from,
        least(x.day_to, coalesce(r.end_date, DATE '9999-12-31')) AS sick_to
    FROM pieces x
    JOIN (
        SELECT * FROM sick_rows
        WHERE start_date <= $range_end AND coalesce(end_date, DATE '9999-12-31') >= $range_start
    ) r
      ON r.employee_id = x.employee_id
     AND r.start_date <= x.day_to
     AND coalesce(r.end_date, DATE '9999-12-31') >= x.day_from
    JOIN spells_in sp ON sp.spell_key = r.spell_key
),
sick_parts AS (
    -- The intersections cut at month boundaries: the first month of each, then (a few) every
    -- further month it reaches.
    SELECT employee_id, grp, ptf, ao, first_day, last_day, month_start, month_end,
        sick_from AS part_from, least(sick_to, month_end) AS part_to
    FROM (
        SELECT *,
            greatest(date_trunc('month', sick_from)::DATE, $range_start::DATE) AS month_start,
            least(last_day(sick_from), $range_end::DATE) AS month_end
        FROM sick
    )
    UNION ALL
    SELECT employee_id, grp, ptf, ao, first_day, last_day, month_start,
        least(last_day(month_start), $range_end::DATE) AS month_end,
        month_start AS part_from, least(sick_to, last_day(month_start)) AS part_to
    FROM (
        SELECT *, unnest(range(last_day(sick_from) + 1, sick_to + 1, INTERVAL 1 MONTH))::DATE
            AS month_start
        FROM sick
        WHERE sick_to > last_day(sick_from)
    )
),
sick_sums AS (
    -- Sick days weighted AO × ptf, also per duration class: by the spell's total length up to
    -- min(last day, month end); longer than 365 days is extra long (the classes stop at 730).
    -- And the persons with a sick day among their days in the group within the month, and
    -- those of them in the group on every day of it (the one run covering it, if any).
    SELECT s.month_start, s.grp,
        sum(s.lost_ptf_days) AS sick_ptf_days,
        coalesce(sum(s.lost_ptf_days) FILTER (WHERE s.spell_days <= 14), 0.0)
            AS sick_ptf_days_short,
        coalesce(sum(s.lost_ptf_days) FILTER (WHERE s.spell_days BETWEEN 15 AND 91), 0.0)
            AS sick_ptf_days_medium,
        coalesce(sum(s.lost_ptf_days) FILTER (WHERE s.spell_days BETWEEN 92 AND 365), 0.0)
            AS sick_ptf_days_long,
        coalesce(sum(s.lost_ptf_days) FILTER (WHERE s.spell_days > 365), 0.0)
            AS sick_ptf_days_extra_long,
        count(DISTINCT s.employee_id) AS sick_persons,
        count(DISTINCT u.employee_id) AS sick_persons_whole_period
    FROM (
        SELECT month_start, grp, employee_id,
            ptf * ao * (datediff('day', part_from, part_to) + 1) AS lost_ptf_days,
            datediff('day', first_day, least(coalesce(last_day, month_end), month_end)) + 1
                AS spell_days
        FROM sick_parts
    ) s
    LEFT JOIN runs u
      ON u.employee_id = s.employee_id AND u.grp = s.grp
     AND u.cover_from <= s.month_start AND u.cover_after > s.month_start
    GROUP BY s.month_start, s.grp
),
leave_sums AS (
    -- Pregnancy and maternity leave inside the pieces and months, weighted like sickness
    -- (share × ptf); few rows, so joined with the months directly.
    SELECT m.month_start, l.grp,
        sum(l.weight * (datediff('day', greatest(l.leave_from, m.month_start),
                                 least(l.leave_to, m.month_end)) + 1)) AS leave_ptf_days
    FROM (
        SELECT x.grp, x.ptf * l.ao AS weight,
            greatest(x.day_from, l.start_date) AS leave_from,
            least(x.day_to, coalesce(l.end_date, DATE '9999-12-31')) AS leave_to
        FROM pieces x
        JOIN leave_rows l
          ON l.employee_id = x.employee_id
         AND l.start_date <= x.day_to
         AND coalesce(l.end_date, DATE '9999-12-31') >= x.day_from
        WHERE $with_leave
    ) l
    JOIN months m ON m.month_start <= l.leave_to AND m.month_end >= l.leave_from
    GROUP BY m.month_start, l.grp
),
spell_groups AS (
    -- Each spell that begins or ends in the span under the group of its first sick day (a spell
    -- whose first day is out of scope, e.g. in a department filtered out, is not counted for
    -- frequency or duration). A spell that begins in the span: the intersection of its first row
    -- with the piece holding its first day (rows of a person never overlap: exactly one).
    SELECT first_day, last_day, grp FROM sick WHERE sick_from = first_day
    UNION ALL
    -- A spell that began before the span: the person's piece on its first day, which may lie
    -- before the span.
    SELECT sp.first_day, sp.last_day, s.grp
    FROM spells_in sp
    JOIN seg_near s
      ON s.employee_id = sp.employee_id
     AND s.piece_start <= sp.first_day
     AND coalesce(s.piece_end, DATE '9999-12-31') >= sp.first_day
    WHERE sp.first_day < $range_start AND sp.last_day <= $range_end
),
spell_sums AS (
    -- New spells in the month of their first day, closed ones in that of their last day.
    SELECT month_start, grp,
        count(*) FILTER (WHERE is_new) AS new_spells,
        count(*) FILTER (WHERE NOT is_new) AS closed_spells,
        sum(spell_days) FILTER (WHERE NOT is_new)::BIGINT AS closed_spell_days
    FROM (
        SELECT greatest(date_trunc('month', first_day)::DATE, $range_start::DATE) AS month_start,
            grp, TRUE AS is_new, 0 AS spell_days
        FROM spell_groups WHERE first_day BETWEEN $range_start AND $range_end
        UNION ALL
        SELECT greatest(date_trunc('month', last_day)::DATE, $range_start::DATE),
            grp, FALSE, datediff('day', first_day, last_day) + 1
        FROM spell_groups WHERE last_day BETWEEN $range_start AND $range_end
    )
    GROUP BY month_start, grp
),
keys AS (
    SELECT month_start, grp FROM service_sums
    UNION
    SELECT month_start, grp FROM spell_sums
)
SELECT k.month_start AS period_start, k.grp AS "group",
    coalesce(ss.persons, 0) AS population,
    coalesce(ss.service_days, 0) AS service_days,
    coalesce(ss.available_ptf_days, 0.0) AS available_ptf_days,
    CASE WHEN $with_leave THEN coalesce(ls.leave_ptf_days, 0.0) END AS leave_ptf_days,
    coalesce(si.sick_ptf_days, 0.0) AS sick_ptf_days,
    coalesce(si.sick_ptf_days_short, 0.0) AS sick_ptf_days_short,
    coalesce(si.sick_ptf_days_medium, 0.0) AS sick_ptf_days_medium,
    coalesce(si.sick_ptf_days_long, 0.0) AS sick_ptf_days_long,
    coalesce(si.sick_ptf_days_extra_long, 0.0) AS sick_ptf_days_extra_long,
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
LEFT JOIN service_sums ss USING (month_start, grp)
LEFT JOIN sick_sums si USING (month_start, grp)
LEFT JOIN leave_sums ls USING (month_start, grp)
LEFT JOIN spell_sums sp USING (month_start, grp)
ORDER BY k.month_start, k.grp
