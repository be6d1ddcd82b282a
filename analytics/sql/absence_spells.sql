-- Sickness absence as common table expressions (to follow `seg`/`seg_by` in one WITH clause).
-- sick_rows: one row per sickness absence row (only absence_type sickness; a missing type is
--   sickness), with AO = percentage / 100 (missing = 100 %), end_date NULL = ongoing, and its
--   spell_key: the spell_id, or the row itself when it has none (a row without spell_id is a spell).
-- spells: one row per sickness spell with first_day and last_day (NULL while any row is open).
-- leave_rows: one row per pregnancy and maternity leave row (never sickness; see the setting
--   pregnancy_in_denominator).
-- sick_rows and spells are derived once per import (store.refresh_derived, from
-- absence_derived.sql) and read here.
sick_rows AS (SELECT * FROM absence_sick_rows),
spells AS (SELECT * FROM absence_spells),
leave_rows AS (
    SELECT employee_id, start_date, end_date, coalesce(percentage, 100.0) / 100.0 AS ao
    FROM absences
    WHERE absence_type = 'pregnancy'
)
