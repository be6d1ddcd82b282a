-- One row per period and breakdown group: the sums the absence metrics divide (metrics.md,
-- "Absence"). Follows the CTEs `seg_by` (scope.split_by) and those of absence_spells.sql.
-- Parameters: $range_start and $range_end, the span; $monthly: the periods are the span's
-- calendar months (the first and last clipped to it), else the span is the one period;
-- $whole_period: also count the persons in the group on every day of a period, $with_leave:
-- also sum pregnancy leave (else those columns are NULL and their work is skipped).
-- The period of a day d starts on  CASE WHEN $monthly THEN greatest(date_trunc('month', d), span
-- start) ELSE span start END  and ends on  CASE WHEN $monthly THEN least(last_day(d), span end)
-- ELSE span end END  (written out below; d always lies inside the span).
-- All by interval overlap, never one row per employee-day, and never one row per piece and
-- period either: a piece of service adds its days to its first and last period directly and to
-- the periods between through running sums over the periods (a step up after its first period,
-- down at its last); sickness is intersected with the pieces once, only then cut into periods.
periods AS (
    SELECT greatest(m::DATE, $range_start::DATE) AS period_start,
        CASE WHEN $monthly THEN least(last_day(m::DATE), $range_end::DATE)
             ELSE $range_end::DATE END AS period_end
    FROM range(date_trunc('month', $range_start::DATE), $range_end::DATE + 1, INTERVAL 1 MONTH)
        AS r(m)
    WHERE $monthly OR m = date_trunc('month', $range_start::DATE)
),
spells_in AS MATERIALIZED (
    -- The spells with a day in the span: the only ones the figures here need.
    SELECT employee_id, spell_key, first_day, last_day FROM spells
    WHERE first_day <= $range_end AND coalesce(last_day, DATE '9999-12-31') >= $range_start
),
early_spells AS (
    -- Per person, the spells that began before the span and ended in it: their group is that
    -- of their first day, on a piece that may lie before the span.
    SELECT employee_id, list({'first_day': first_day, 'last_day': last_day}) AS spells
    FROM spells_in
    WHERE first_day < $range_start AND last_day <= $range_end
    GROUP BY employee_id
),
seg_in AS (
    -- The pieces of seg_by needed here (one pass over it): those with a day in the span, and
    -- those of persons with such spells (a join on the person alone: no row is repeated).
    SELECT s.employee_id, s.grp, s.fte, s.piece_start, s.piece_end, e.spells AS early
    FROM seg_by s
    LEFT JOIN early_spells e ON e.employee_id = s.employee_id
    WHERE (s.piece_start <= $range_end
           AND coalesce(s.piece_end, DATE '9999-12-31') >= $range_start)
       OR e.spells IS NOT NULL
),
pieces AS MATERIALIZED (
    -- Each piece of service inside the span, ptf = its fte (missing = 1.0), with its first and
    -- last period and its neighbours of the same person and group.
    SELECT *,
        CASE WHEN $monthly THEN greatest(date_trunc('month', day_from)::DATE, $range_start::DATE)
             ELSE $range_start::DATE END AS first_start,
        CASE WHEN $monthly THEN least(last_day(day_from), $range_end::DATE)
             ELSE $range_end::DATE END AS first_end,
        CASE WHEN $monthly THEN greatest(date_trunc('month', day_to)::DATE, $range_start::DATE)
             ELSE $range_start::DATE END AS last_start,
        CASE WHEN $monthly THEN least(last_day(day_to), $range_end::DATE)
             ELSE $range_end::DATE END AS last_end,
        lag(day_to) OVER w AS previous_to,
        lead(day_from) OVER w AS next_from
    FROM (
        SELECT employee_id, grp, coalesce(fte, 1.0) AS ptf,
            greatest(piece_start, $range_start::DATE) AS day_from,
            least(coalesce(piece_end, DATE '9999-12-31'), $range_end::DATE) AS day_to
        FROM seg_in
        WHERE piece_start <= $range_end AND coalesce(piece_end, DATE '9999-12-31') >= $range_start
    )
    WINDOW w AS (PARTITION BY employee_id, grp ORDER BY day_from)
),
runs AS MATERIALIZED (
    -- Unbroken runs of one person's adjacent pieces in one group (pieces of a person never
    -- overlap): the person is in the group on every day from run_from to run_to, so on every
    -- day of the periods from cover_from up to the one before cover_after.
    SELECT employee_id, grp, run_from, run_to,
        CASE WHEN run_from = CASE WHEN $monthly
                                  THEN greatest(date_trunc('month', run_from)::DATE,
                                                $range_start::DATE)
                                  ELSE $range_start::DATE END
             THEN run_from
             ELSE CASE WHEN $monthly THEN least(last_day(run_from), $range_end::DATE)
                       ELSE $range_end::DATE END + 1
        END AS cover_from,
        CASE WHEN run_to = CASE WHEN $monthly THEN least(last_day(run_to), $range_end::DATE)
                                ELSE $range_end::DATE END
             THEN run_to + 1
             ELSE CASE WHEN $monthly
                       THEN greatest(date_trunc('month', run_to)::DATE, $range_start::DATE)
                       ELSE $range_start::DATE END
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
    -- What each piece adds to its first and last period directly (days, ptf-days, 1 for the
    -- piece touching it, 1 when its predecessor of the same person and group ends in the same
    -- period: one person), and to the periods strictly between them as a step: +1 and +ptf
    -- from the second period on, −1 and −ptf from the last one on. `covering` steps +1 at the
    -- first period a run covers whole and −1 after the last.
    SELECT first_start AS period_start, grp,
        datediff('day', day_from, least(day_to, first_end)) + 1 AS days,
        ptf * (datediff('day', day_from, least(day_to, first_end)) + 1) AS ptf_days,
        1 AS touching, CASE WHEN previous_to >= first_start THEN 1 ELSE 0 END AS repeats,
        0 AS middle, 0.0 AS middle_ptf, 0 AS covering
    FROM pieces
    UNION ALL
    SELECT last_start, grp, datediff('day', last_start, day_to) + 1,
        ptf * (datediff('day', last_start, day_to) + 1), 1, 0,
        CASE WHEN last_start > first_end + 1 THEN -1 ELSE 0 END,
        CASE WHEN last_start > first_end + 1 THEN -ptf ELSE 0.0 END, 0
    FROM pieces WHERE last_start > first_start
    UNION ALL
    SELECT first_end + 1, grp, 0, 0.0, 0, 0, 1, ptf, 0
    FROM pieces WHERE last_start > first_end + 1
    UNION ALL
    SELECT cover_from, grp, 0, 0.0, 0, 0, 0, 0.0, 1
    FROM runs WHERE cover_from < cover_after
    UNION ALL
    SELECT cover_after, grp, 0, 0.0, 0, 0, 0, 0.0, -1
    FROM runs WHERE cover_from < cover_after AND cover_after <= $range_end
),
step_sums AS (
    SELECT period_start, grp,
        sum(days) AS days, sum(ptf_days) AS ptf_days, sum(touching) AS touching,
        sum(repeats) AS repeats, sum(middle) AS middle, sum(middle_ptf) AS middle_ptf,
        sum(covering) AS covering
    FROM service_steps
    GROUP BY period_start, grp
),
service_sums AS (
    -- Running sums of the steps over the periods of each group (pieces of a person never
    -- overlap: persons = pieces touching the period − repeats).
    SELECT period_start, grp,
        (touching + middle - repeats)::BIGINT AS persons,
        CASE WHEN $whole_period THEN whole_period::BIGINT END AS persons_whole_period,
        (days + middle * period_days)::BIGINT AS service_days,
        ptf_days + middle_ptf * period_days AS available_ptf_days
    FROM (
        SELECT p.period_start, g.grp,
            datediff('day', p.period_start, p.period_end) + 1 AS period_days,
            coalesce(s.days, 0) AS days, coalesce(s.ptf_days, 0.0) AS ptf_days,
            coalesce(s.touching, 0) AS touching, coalesce(s.repeats, 0) AS repeats,
            sum(coalesce(s.middle, 0)) OVER w AS middle,
            sum(coalesce(s.middle_ptf, 0.0)) OVER w AS middle_ptf,
            sum(coalesce(s.covering, 0)) OVER w AS whole_period
        FROM periods p
        CROSS JOIN (SELECT DISTINCT grp FROM step_sums) g
        LEFT JOIN step_sums s ON s.period_start = p.period_start AND s.grp = g.grp
        WINDOW w AS (PARTITION BY g.grp ORDER BY p.period_start)
    )
    WHERE touching + middle > 0
),
sick AS (
    -- Each sickness row inside each piece (so inside the span and the scope), once, with its
    -- spell's first and last day; an open row runs to the end of the piece.
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
    JOIN spells_in sp ON sp.employee_id = r.employee_id AND sp.spell_key = r.spell_key
),
sick_parts AS (
    -- The intersections cut at the period boundaries: the first period of each, then (monthly,
    -- rarely) every further month it reaches.
    SELECT employee_id, grp, ptf, ao, first_day, last_day, period_start, period_end,
        greatest(sick_from, period_start) AS part_from, least(sick_to, period_end) AS part_to
    FROM (
        SELECT *,
            CASE WHEN $monthly
                 THEN greatest(date_trunc('month', sick_from)::DATE, $range_start::DATE)
                 ELSE $range_start::DATE END AS period_start,
            CASE WHEN $monthly THEN least(last_day(sick_from), $range_end::DATE)
                 ELSE $range_end::DATE END AS period_end
        FROM sick
    )
    UNION ALL
    SELECT employee_id, grp, ptf, ao, first_day, last_day, period_start,
        least(last_day(period_start), $range_end::DATE) AS period_end,
        period_start AS part_from, least(sick_to, last_day(period_start)) AS part_to
    FROM (
        SELECT *, unnest(range(last_day(sick_from) + 1, sick_to + 1, INTERVAL 1 MONTH))::DATE
            AS period_start
        FROM sick
        WHERE $monthly AND sick_to > last_day(sick_from)
    )
),
sick_classed AS (
    -- Weighted AO × ptf; the duration class of the spell by its total length up to
    -- min(last day, period end); longer than 365 days is extra long (the classes stop at 730).
    SELECT period_start, grp,
        ptf * ao * (datediff('day', part_from, part_to) + 1) AS lost_ptf_days,
        CASE
            WHEN datediff('day', first_day,
                          least(coalesce(last_day, period_end), period_end)) + 1 <= 14
                THEN 'short'
            WHEN datediff('day', first_day,
                          least(coalesce(last_day, period_end), period_end)) + 1 <= 91
                THEN 'medium'
            WHEN datediff('day', first_day,
                          least(coalesce(last_day, period_end), period_end)) + 1 <= 365
                THEN 'long'
            ELSE 'extra_long'
        END AS duration_class
    FROM sick_parts
),
sick_sums AS (
    SELECT period_start, grp,
        sum(lost_ptf_days) AS sick_ptf_days,
        coalesce(sum(lost_ptf_days) FILTER (WHERE duration_class = 'short'), 0.0)
            AS sick_ptf_days_short,
        coalesce(sum(lost_ptf_days) FILTER (WHERE duration_class = 'medium'), 0.0)
            AS sick_ptf_days_medium,
        coalesce(sum(lost_ptf_days) FILTER (WHERE duration_class = 'long'), 0.0)
            AS sick_ptf_days_long,
        coalesce(sum(lost_ptf_days) FILTER (WHERE duration_class = 'extra_long'), 0.0)
            AS sick_ptf_days_extra_long
    FROM sick_classed
    GROUP BY period_start, grp
),
sick_persons AS (
    -- Persons with a sick day among their days in the group within the period, and those of
    -- them in the group on every day of the period (the one run covering it, if any).
    SELECT s.period_start, s.grp, count(*) AS sick_persons,
        count(u.employee_id) AS sick_persons_whole_period
    FROM (SELECT DISTINCT period_start, grp, employee_id FROM sick_parts) s
    LEFT JOIN runs u
      ON u.employee_id = s.employee_id AND u.grp = s.grp
     AND u.cover_from <= s.period_start AND u.cover_after > s.period_start
    GROUP BY s.period_start, s.grp
),
leave AS (
    -- Pregnancy and maternity leave inside the pieces, weighted like sickness (share × ptf).
    SELECT x.grp, x.ptf * l.ao AS weight,
        greatest(x.day_from, l.start_date) AS leave_from,
        least(x.day_to, coalesce(l.end_date, DATE '9999-12-31')) AS leave_to
    FROM pieces x
    JOIN leave_rows l
      ON l.employee_id = x.employee_id
     AND l.start_date <= x.day_to
     AND coalesce(l.end_date, DATE '9999-12-31') >= x.day_from
    WHERE $with_leave
),
leave_sums AS (
    SELECT period_start, grp,
        sum(weight * (datediff('day', greatest(leave_from, period_start),
                               least(leave_to, period_end)) + 1)) AS leave_ptf_days
    FROM leave
    JOIN periods p ON p.period_start <= leave_to AND p.period_end >= leave_from
    GROUP BY period_start, grp
),
spell_groups AS (
    -- Each spell that begins or ends in the span under the group of its first sick day (a spell
    -- whose first day is out of scope, e.g. in a department filtered out, is not counted for
    -- frequency or duration): from the pieces in the span, or before it for a spell that began
    -- before the span.
    SELECT sp.first_day, sp.last_day, x.grp
    FROM spells_in sp
    JOIN pieces x
      ON x.employee_id = sp.employee_id AND x.day_from <= sp.first_day AND x.day_to >= sp.first_day
    WHERE sp.first_day >= $range_start
    UNION ALL
    SELECT spell.first_day, spell.last_day, grp
    FROM (SELECT grp, piece_start, piece_end, unnest(early) AS spell
          FROM seg_in WHERE early IS NOT NULL)
    WHERE spell.first_day BETWEEN piece_start AND coalesce(piece_end, DATE '9999-12-31')
),
spell_sums AS (
    -- New spells in the period of their first day, closed ones in that of their last day.
    SELECT period_start, grp,
        count(*) FILTER (WHERE is_new) AS new_spells,
        count(*) FILTER (WHERE NOT is_new) AS closed_spells,
        sum(spell_days) FILTER (WHERE NOT is_new)::BIGINT AS closed_spell_days
    FROM (
        SELECT CASE WHEN $monthly
                    THEN greatest(date_trunc('month', first_day)::DATE, $range_start::DATE)
                    ELSE $range_start::DATE END AS period_start,
            grp, TRUE AS is_new, 0 AS spell_days
        FROM spell_groups WHERE first_day BETWEEN $range_start AND $range_end
        UNION ALL
        SELECT CASE WHEN $monthly
                    THEN greatest(date_trunc('month', last_day)::DATE, $range_start::DATE)
                    ELSE $range_start::DATE END,
            grp, FALSE, datediff('day', first_day, last_day) + 1
        FROM spell_groups WHERE last_day BETWEEN $range_start AND $range_end
    )
    GROUP BY period_start, grp
),
keys AS (
    SELECT period_start, grp FROM service_sums
    UNION
    SELECT period_start, grp FROM spell_sums
)
SELECT k.period_start, k.grp AS "group",
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
    coalesce(ss.persons - coalesce(pe.sick_persons, 0), 0) AS persons_without_sickness,
    CASE WHEN $whole_period THEN coalesce(ss.persons_whole_period, 0) END
        AS persons_whole_period,
    CASE WHEN $whole_period
         THEN coalesce(ss.persons_whole_period - coalesce(pe.sick_persons_whole_period, 0), 0)
    END AS persons_whole_period_without_sickness
FROM keys k
LEFT JOIN service_sums ss USING (period_start, grp)
LEFT JOIN sick_persons pe USING (period_start, grp)
LEFT JOIN sick_sums si USING (period_start, grp)
LEFT JOIN leave_sums ls USING (period_start, grp)
LEFT JOIN spell_sums sp USING (period_start, grp)
ORDER BY k.period_start, k.grp
