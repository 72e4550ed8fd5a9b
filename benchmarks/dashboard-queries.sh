#!/usr/bin/env bash
# Usage: benchmarks/dashboard-queries.sh STORE ORGANIZATION HOUR   (HOUR: the hour after the 48-hour window, ticks / 36e9)
# Needs the sqlite3 shell; the store must be at migration 0021 or later.
# Times, in sqlite3, what one organization's dashboard reads before (0020: entries) and after (0021: rollup),
# and the reports' first page through entries_origin + sort against the entries_time walk.
db=$1; org=$2; H=$3   # H: the hour after the window (ticks / 36e9)
F=$((H-48)); from=$((F*36000000000)); to=$((H*36000000000))
q() { echo "-- $1"; printf ".timer on\n%s\n" "$2" | sqlite3 "$db" 2>&1 | grep "Run Time"; }
tpl=$(sqlite3 "$db" "SELECT template_id FROM template_hours WHERE hour >= $F AND hour < $H AND severity > 0 GROUP BY 1 ORDER BY sum(n) DESC LIMIT 1")
q "before: top template's terminals from the entries" "SELECT count(*) FROM (SELECT DISTINCT o.terminal FROM entries e JOIN origins o ON o.id = e.origin_id WHERE e.ts >= $from AND e.ts < $to AND e.origin_id IN (SELECT id FROM origins WHERE organization = '$org') AND e.template_id = $tpl AND e.severity IN (1,2) AND o.terminal IS NOT NULL);"
q "before: top template's example from the entries" "SELECT e.id FROM entries e WHERE e.ts >= $from AND e.ts < $to AND e.origin_id IN (SELECT id FROM origins WHERE organization = '$org') AND e.template_id = $tpl AND e.severity IN (1,2) ORDER BY e.ts DESC, e.id DESC LIMIT 1;"
HB="hour >= $F AND hour < $H AND hour IN (WITH RECURSIVE h(hour) AS (SELECT $F UNION ALL SELECT hour + 1 FROM h WHERE hour + 1 < $H) SELECT hour FROM h)"
q "after: top templates from the rollup" "SELECT template_id, sum(n), max(severity), min(first_ts), max(last_ts) FROM organization_template_terminals WHERE $HB AND organization = '$org' AND severity IN (1,2) GROUP BY 1 ORDER BY 2 DESC LIMIT 10;"
q "after: top template's terminals from the rollup" "SELECT count(*) FROM (SELECT DISTINCT terminal FROM organization_template_terminals WHERE $HB AND organization = '$org' AND template_id = $tpl AND severity IN (1,2) AND terminal <> '');"
last=$(sqlite3 "$db" "SELECT max(last_ts) FROM organization_template_terminals WHERE $HB AND organization = '$org' AND template_id = $tpl AND severity IN (1,2)")
q "after: top template's example by one seek" "SELECT e.id FROM entries e WHERE e.ts >= $last AND e.ts < $((last+1)) AND e.origin_id IN (SELECT id FROM origins WHERE organization = '$org') AND e.template_id = $tpl AND e.severity IN (1,2) ORDER BY e.ts DESC, e.id DESC LIMIT 1;"
q "after: top terminals from the rollup" "SELECT terminal, sum(n) FROM organization_template_terminals WHERE $HB AND organization = '$org' AND severity IN (2) AND terminal <> '' GROUP BY 1 ORDER BY 2 DESC LIMIT 10;"
J="JOIN sources s ON s.id = e.source_id JOIN origins o ON o.id = e.origin_id JOIN templates t ON t.id = e.template_id LEFT JOIN rules r ON r.id = e.rule_id"
q "reports before: first page by entries_origin + sort" "SELECT count(*) FROM (SELECT e.id, e.message, o.terminal, t.text FROM entries e $J WHERE e.origin_id IN (SELECT id FROM origins WHERE organization = '$org') ORDER BY e.ts DESC, e.id DESC LIMIT 101);"
q "reports after: first page walking entries_time" "SELECT count(*) FROM (SELECT e.id, e.message, o.terminal, t.text FROM entries e INDEXED BY entries_time $J WHERE e.origin_id IN (SELECT id FROM origins WHERE organization = '$org') ORDER BY e.ts DESC, e.id DESC LIMIT 101);"
sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT e.id FROM entries e INDEXED BY entries_time $J WHERE e.origin_id IN (SELECT id FROM origins WHERE organization = '$org') ORDER BY e.ts DESC, e.id DESC LIMIT 101;"
