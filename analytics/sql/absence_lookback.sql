-- One row: how far back before the span [$range_start, $range_end] the absence sums must look
-- for the group of a sickness spell's first day: the earliest first day of a spell that began
-- before the span and ended in it (the span's start when there is none). A bound known before
-- the main query lets it read only the pieces of service it needs.
SELECT least(coalesce(min(first_day), $range_start::DATE), $range_start::DATE) AS lookback
FROM absence_spells
WHERE first_day < $range_start AND last_day BETWEEN $range_start AND $range_end
