-- The sickness rows and spells that the absence metrics read, derived after every import.
-- Two statements, in this order: absence_sick_rows, then absence_spells from it.
INSERT INTO absence_sick_rows
SELECT employee_id, start_date, end_date,
        coalesce(percentage, 100.0) / 100.0 AS ao,
        -- Distinct prefixes, so a spell_id can never collide with a row number.
        coalesce('id:' || spell_id, 'row:' || rowid::VARCHAR) AS spell_key
    FROM absences
    WHERE coalesce(absence_type, 'sickness') = 'sickness'
;
INSERT INTO absence_spells
SELECT employee_id, spell_key, min(start_date) AS first_day,
        CASE WHEN count(end_date) = count(*) THEN max(end_date) END AS last_day
    FROM absence_sick_rows
    GROUP BY employee_id, spell_key
;
