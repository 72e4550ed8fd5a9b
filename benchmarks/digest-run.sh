#!/usr/bin/env bash
# Time to compute and render one digest over a store holding a large ingested log, two ways:
#  - 'posfleet digest run --now' (check the whole file, since it writes; count, group by template and terminal, render
#    text + HTML, write the .eml, record the run) against the same tool's start-up ('posfleet digest list', which only
#    reads and does not check the file), both timed from outside, median of RUNS;
#  - in one process (DigestLatency): IDigestRunner.AuditAsync over the same store without the file check, first run,
#    then p50 / p95 of RUNS more, for windows ending at an arbitrary second and on whole hours.
#
#   benchmarks/digest-run.sh [SIZE] [WORKDIR] [RUNS]      SIZE: 200MB (default)
set -euo pipefail
size=${1:-200MB}
work=${2:-$(mktemp -d /tmp/posfleet-digest-bench.XXXXXX)}
runs=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

dotnet build "$root/src/Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/benchmarks/DigestLatency" -c Release -nologo -v q >/dev/null
posfleet="$root/src/Cli/bin/Release/net10.0/posfleet"
latency="$root/benchmarks/DigestLatency/bin/Release/net10.0/digest-latency"

log="$work/fleet.log"
[ -f "$log" ] || "$posfleet" generate -o "$log" --size "$size" >/dev/null
db="$work/fleet.db"
if [ ! -f "$db" ]; then
  start=$(date +%s.%N)
  "$posfleet" ingest "$log" --store "$db" >/dev/null 2>&1
  echo "ingest: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
entries=$(sqlite3 "$db" 'SELECT count(*) FROM entries;' 2>/dev/null || echo '?')
# A subscription of its own, so that a second invocation over the same store finds no window of it in the ledger.
name="bench-$(date +%s)-$$"
"$posfleet" digest add --store "$db" --name "$name" --recipients ops@example.com --threshold 1 --time-zone UTC >/dev/null
mkdir -p "$work/mail"
before=$(find "$work/mail" -name '*.eml' | wc -l)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc; }

# The generated log ends at 2026-11-20 00:00 UTC: audit the 24 hours before it.
# Each run audits a window ending one second later: an audit of the same window is in the ledger already.
digest=$(for i in $(seq "$runs"); do timed "$posfleet" digest run --store "$db" --subscription "$name" --now --as-of "2026-11-19T23:59:$(printf %02d "$i")Z" --pickup "$work/mail"; done | median)
startup=$(for _ in $(seq "$runs"); do timed "$posfleet" digest list --store "$db"; done | median)
sent=$(( $(find "$work/mail" -name '*.eml' | wc -l) - before ))
"$posfleet" digest remove --store "$db" --name "$name" >/dev/null
[ "$sent" -eq "$runs" ] || { echo "only $sent of $runs runs wrote a digest" >&2; exit 1; }
echo "log: $(stat -c %s "$log") bytes, $entries entries in the store"
echo "digest run --now (24 h window): ${digest} s; tool start-up (digest list): ${startup} s; digest itself, with the file check: $(echo "$digest - $startup" | bc) s"
echo "in process (no start-up, no file check), as of 2026-11-20T00:00:00Z:"
"$latency" "$db" 2026-11-20T00:00:00Z "$runs"
