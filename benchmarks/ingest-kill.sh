#!/usr/bin/env bash
# Nothing lost, nothing twice, at length: SIGKILL `posfleet ingest` at random points many times while it ingests a
# large generated log, re-run it each time, and compare the final database with an uninterrupted ingest's.
# (tests/Connectors.Sqlite.Tests/Cli/IngestKillTests.cs runs 20 kills; this runs as many as asked.)
#
#   benchmarks/ingest-kill.sh [KILLS=100] [SIZE=30MB] [WORKDIR]
set -euo pipefail
kills=${1:-100}
size=${2:-30MB}
work=${3:-$(mktemp -d /tmp/posfleet-kill.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
dotnet build "$root/src/Cli" -c Release -nologo -v q >/dev/null
posfleet="$root/src/Cli/bin/Release/net10.0/posfleet"
log="$work/fleet.log"
[ -f "$log" ] || "$posfleet" generate -o "$log" --size "$size" >/dev/null

# The rows of a database, in position order, as text (the entries table only: the shell may be older than the
# store's full-text index options).
dump() {
  sqlite3 "$1" "SELECT s.name, e.generation, e.line, e.ts, e.tz, o.terminal, o.organization, o.component, o.level, e.kind, e.severity,
                       t.hash, e.reference, coalesce(e.message, e.params)
                FROM entries e JOIN sources s ON s.id = e.source_id JOIN origins o ON o.id = e.origin_id JOIN templates t ON t.id = e.template_id
                ORDER BY s.name, e.generation, e.line;"
}

rm -f "$work"/reference.db*
start=$(date +%s.%N)
"$posfleet" ingest "$log" --store "$work/reference.db" >/dev/null 2>&1
ms=$(echo "($(date +%s.%N) - $start) * 1000 / 1" | bc)
reference=$(dump "$work/reference.db" | sha256sum)
echo "reference ingest: ${ms} ms, $(sqlite3 "$work/reference.db" 'SELECT count(*) FROM entries') rows"

rm -f "$work"/killed.db*
hit=0; round=0
for ((k = 1; k <= kills; k++)); do
  "$posfleet" ingest "$log" --store "$work/killed.db" --batch-size 2000 >/dev/null 2>&1 &
  pid=$!
  sleep "$(echo "scale=3; (150 + $RANDOM % ($ms / 5 + 1)) / 1000" | bc)"
  if kill -9 "$pid" 2>/dev/null; then hit=$((hit + 1)); fi
  wait "$pid" 2>/dev/null || true
  dup=$(sqlite3 "$work/killed.db" "SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT source_id, generation, line FROM entries)) FROM entries" 2>/dev/null || echo 0)
  past=$(sqlite3 "$work/killed.db" "SELECT count(*) FROM entries e JOIN sources s ON s.id = e.source_id WHERE e.line > s.line" 2>/dev/null || echo 0)
  if [ "$dup" != 0 ] || [ "$past" != 0 ]; then echo "kill $k: $dup duplicate(s), $past row(s) past the checkpoint" >&2; exit 1; fi
  # Every tenth kill, finish the ingest and compare; then start a new database.
  if (( k % 10 == 0 )); then
    "$posfleet" ingest "$log" --store "$work/killed.db" >/dev/null 2>&1
    if [ "$(dump "$work/killed.db" | sha256sum)" != "$reference" ]; then echo "after kill $k: the database differs from the reference" >&2; exit 1; fi
    round=$((round + 1)); rm -f "$work"/killed.db*
    echo "round $round: 10 kills ($hit hit a running ingest so far), database identical to the reference"
  fi
done
echo "$kills kills, $hit while ingesting: no row lost, none twice"
