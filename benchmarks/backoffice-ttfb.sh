#!/usr/bin/env bash
# The web back office's time to first byte (dashboard, reports' first page) and the dashboard's page weight over a
# store holding a large ingested log: generates the log (posfleet generate, ending at 2026-11-20T00:00:00Z) and ingests
# it into WORKDIR/fleet.db unless they are there already (or LOG names a log to ingest), then serves the back office
# over it in one process (benchmarks/BackOfficeTtfb) and times RUNS requests of each page after a first, cold one.
#
#   benchmarks/backoffice-ttfb.sh [SIZE] [WORKDIR] [RUNS]      SIZE: 200MB (default)
set -euo pipefail
size=${1:-200MB}
work=${2:-$(mktemp -d /tmp/posfleet-backoffice-bench.XXXXXX)}
runs=${3:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

dotnet build "$root/src/Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/benchmarks/BackOfficeTtfb" -c Release -nologo -v q >/dev/null
posfleet="$root/src/Cli/bin/Release/net10.0/posfleet"
ttfb="$root/benchmarks/BackOfficeTtfb/bin/Release/net10.0/backoffice-ttfb"

log=${LOG:-$work/fleet.log}
[ -f "$log" ] || "$posfleet" generate -o "$log" --size "$size" >/dev/null
db="$work/fleet.db"
if [ ! -f "$db" ]; then
  start=$(date +%s.%N)
  "$posfleet" ingest "$log" --store "$db" >/dev/null 2>&1
  echo "ingest: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
echo "log: $(stat -c %s "$log") bytes, $(sqlite3 "$db" 'SELECT count(*) FROM entries;' 2>/dev/null || echo '?') entries in the store"
"$ttfb" "$db" 2026-11-20T00:00:00Z "$runs"
