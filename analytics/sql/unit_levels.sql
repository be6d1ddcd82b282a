-- The org-unit hierarchy that metric queries read, derived after every import (the labelling
-- depends on the employments too). Two statements, in this order:
-- org_unit_labels: one row per org unit, shown as departments name it: by its id or by its name,
--   whichever the employments use more;
-- org_unit_levels: one row per unit reachable from a top unit, with its path of unit ids from the
--   top down (a cycle or a chain deeper than 30 stops) and the labels of its levels 1–3.
INSERT INTO org_unit_labels
WITH by_id AS (
        SELECT count(*) >= (SELECT count(*) FROM employments
                            WHERE department IN (SELECT name FROM org_units)) AS yes
        FROM employments WHERE department IN (SELECT unit_id FROM org_units)
    )
    SELECT unit_id, CASE WHEN (SELECT yes FROM by_id) THEN unit_id
                         ELSE coalesce(name, unit_id) END AS label
    FROM org_units
;
INSERT INTO org_unit_levels
WITH RECURSIVE unit_paths AS (
        SELECT unit_id, [unit_id] AS path
        FROM org_units WHERE parent_id IS NULL OR parent_id NOT IN (SELECT unit_id FROM org_units)
        UNION ALL
        SELECT o.unit_id, list_append(p.path, o.unit_id)
        FROM org_units o JOIN unit_paths p ON o.parent_id = p.unit_id
        WHERE len(p.path) < 30 AND NOT list_contains(p.path, o.unit_id)
    )
    SELECT p.unit_id, l.label,
        (SELECT label FROM org_unit_labels WHERE unit_id = p.path[1]) AS org_level_1,
        (SELECT label FROM org_unit_labels WHERE unit_id = p.path[2]) AS org_level_2,
        (SELECT label FROM org_unit_labels WHERE unit_id = p.path[3]) AS org_level_3,
        p.path
    FROM unit_paths p JOIN org_unit_labels l USING (unit_id)
;
