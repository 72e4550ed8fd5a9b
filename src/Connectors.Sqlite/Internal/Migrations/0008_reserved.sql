-- 0008: reserved for a migration of another change being written at the same time (remote actions, package updates …);
-- it replaces this placeholder when both are merged. It changes nothing, so a file migrated past it loses nothing.
SELECT 1;
