#!/usr/bin/env bash
# Ingest figures of the SQLite store, against a baseline nobody here tuned: the sqlite3 shell importing the same
# parsed rows from CSV (.mode csv, .import) into a table with the same columns and indexes (time, reference,
# contentless FTS5 over the message), in one transaction.
#
#   benchmarks/ingest-vs-sqlite3.sh [SIZE] [WORKDIR]      SIZE: 100MB (default) … 1GiB
#
# Prints: ingest lines/s (posfleet, classification included) and the baseline's rows/s, their ratio, the database
# size against the raw log size, and p50/p95 latencies of search by reference, search by word and the 48-hour
# dashboard (benchmarks/StoreLatency, in-process, so without the tool's start-up).
set -euo pipefail
size=${1:-100MB}
work=${2:-$(mktemp -d /tmp/posfleet-bench.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }

dotnet build "$root/src/Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/benchmarks/StoreLatency" -c Release -nologo -v q >/dev/null
posfleet="$root/src/Cli/bin/Release/net10.0/posfleet"
latency="$root/benchmarks/StoreLatency/bin/Release/net10.0/store-latency"

log="$work/fleet.log"
[ -f "$log" ] || "$posfleet" generate -o "$log" --size "$size" >/dev/null
lines=$(wc -l <"$log")
bytes=$(stat -c %s "$log")

# posfleet ingest, from an empty store, timed from outside (process start-up included).
rm -f "$work"/fleet.db*
start=$(date +%s.%N)
"$posfleet" ingest "$log" --store "$work/fleet.db" >"$work/ingest.txt" 2>"$work/ingest.err"
end=$(date +%s.%N)
ingest_s=$(echo "$end - $start" | bc -l)
db_bytes=$(( $(stat -c %s "$work/fleet.db") + $(stat -c %s "$work/fleet.db-wal" 2>/dev/null || echo 0) ))

# The baseline's CSV: the same lines, parsed into the store's columns (timestamp ticks, position, origin, kind,
# severity, template, reference, message). Making the CSV is not timed.
python3 - "$log" "$work/rows.csv" <<'PY'
import csv, re, sys
from datetime import datetime, timezone
line_re = re.compile(r'^(\S+) \[(\w+)\] term=(\S+) org=(\S+) (\w+): (.*)$')
ref_re = re.compile(r'(?:^| )(?:ref|order|ticket|reference)=([^ ,;)\]]+)')
num_re = re.compile(r'\S*\d\S*')
epoch = 621355968000000000
origins, templates = {}, {}
sev = {'ERROR': 2, 'FATAL': 2, 'FAIL': 2, 'OFFLINE': 2, 'WARN': 1, 'RETRY': 1}
with open(sys.argv[1], encoding='utf-8', errors='replace') as f, open(sys.argv[2], 'w', newline='') as out:
    w = csv.writer(out)
    for n, line in enumerate(f, 1):
        m = line_re.match(line.rstrip('\n'))
        if not m:
            continue
        ts, level, term, org, comp, msg = m.groups()
        try:
            t = datetime.fromisoformat(ts.replace('Z', '+00:00'))
        except ValueError:
            continue
        ticks = epoch + int((t - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds() * 10_000_000)
        origin = origins.setdefault((term, org, comp, level), len(origins) + 1)
        template = templates.setdefault(num_re.sub('<*>', msg), len(templates) + 1)
        r = ref_re.search(msg)
        w.writerow([n, ticks, 0, 1, 0, n, origin, 0, sev.get(level, 0), template, '', r.group(1) if r else '', msg])
PY
rows=$(wc -l <"$work/rows.csv")
rm -f "$work/baseline.db"
cat >"$work/baseline.sql" <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE entries (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, tz INTEGER NOT NULL, source_id INTEGER NOT NULL,
  generation INTEGER NOT NULL, line INTEGER NOT NULL, origin_id INTEGER NOT NULL, kind INTEGER NOT NULL, severity INTEGER NOT NULL,
  template_id INTEGER NOT NULL, rule_id INTEGER, reference TEXT, message TEXT);
CREATE INDEX entries_time ON entries (ts);
CREATE INDEX entries_reference ON entries (reference) WHERE reference IS NOT NULL;
CREATE VIRTUAL TABLE entries_text USING fts5 (message, content = '', detail = none);
BEGIN;
.mode csv
.import $work/rows.csv entries
INSERT INTO entries_text (rowid, message) SELECT id, message FROM entries;
COMMIT;
SQL
start=$(date +%s.%N)
sqlite3 "$work/baseline.db" <"$work/baseline.sql" >/dev/null
end=$(date +%s.%N)
baseline_s=$(echo "$end - $start" | bc -l)

asof=$(tail -c 4096 "$log" | tail -n 1 | cut -d' ' -f1)
echo "log:       $log  ($bytes bytes, $lines lines)"
head -n 1 "$work/ingest.txt"
printf 'posfleet ingest:  %8.1f s  %10.0f lines/s (classification, templates, FTS included)\n' "$ingest_s" "$(echo "$lines / $ingest_s" | bc -l)"
printf 'sqlite3 .import:  %8.1f s  %10.0f rows/s  (%d rows, same columns and indexes, one transaction)\n' "$baseline_s" "$(echo "$rows / $baseline_s" | bc -l)" "$rows"
printf 'ratio posfleet / sqlite3: %.2f (aim >= 0.5)\n' "$(echo "($lines / $ingest_s) / ($rows / $baseline_s)" | bc -l)"
printf 'database size: %d bytes = %.2f x the log (aim <= 1.0); baseline database %.2f x\n' "$db_bytes" "$(echo "$db_bytes / $bytes" | bc -l)" \
  "$(echo "$(stat -c %s "$work/baseline.db") / $bytes" | bc -l)"
"$latency" "$work/fleet.db" "$asof" 50
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
