#!/usr/bin/env bash
# An import killed at random points and resumed gives the same database as an uninterrupted one: build a back
# office and its change file for one till, import the file once without interruption (the reference), then, for each
# trial, import it into a fresh terminal file while SIGKILL strikes at a random moment, again and again, resume until
# an import completes, and compare the terminal's file with the reference using sqldiff (Debian package sqlite3-tools).
#
#   benchmarks/import-kill.sh [TRIALS=200] [ROWS=20000] [WORKDIR]
set -euo pipefail
trials=${1:-200}
rows=${2:-20000}
work=${3:-$(mktemp -d /tmp/posfleet-import-kill.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v sqldiff >/dev/null || { echo "sqldiff is missing: apt-get install sqlite3-tools" >&2; exit 2; }
mkdir -p "$work"
dotnet build "$root/benchmarks/ChangeImport" -c Release -nologo -v q >/dev/null
tool="$root/benchmarks/ChangeImport/bin/Release/net10.0/change-import"

rm -f "$work"/backoffice.db* "$work"/changes.gz "$work"/reference.db*
"$tool" source "$work/backoffice.db" "$rows" "$work/changes.gz"
# A new terminal file starts with two accounts of other tills (change-import adds them): seed 003 says they go.
start=$(date +%s%N)
"$tool" import "$work/reference.db" "$work/changes.gz" >/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "reference import: ${ms} ms, $(sqlite3 "$work/reference.db" 'SELECT count(*) FROM items') items, $(sqlite3 "$work/reference.db" 'SELECT count(*) FROM users') users (till-1's only)"
others=$(sqlite3 "$work/reference.db" "SELECT count(*) FROM users WHERE terminal_id IS NOT 'till-1'")
[ "$others" = 0 ] || { echo "the reference keeps $others users of other tills" >&2; exit 1; }

kills=0; hits=0
for ((t = 1; t <= trials; t++)); do
  rm -f "$work"/killed.db*
  runs=0
  while true; do
    runs=$((runs + 1))
    "$tool" import "$work/killed.db" "$work/changes.gz" >/dev/null 2>&1 &
    pid=$!
    # Kill somewhere between process start and a little past the reference's duration; at most 8 kills per trial.
    if (( runs <= 8 )); then
      sleep "$(awk -v r=$RANDOM -v ms="$ms" 'BEGIN { printf "%.3f", (r % (ms + 100)) / 1000 }')"
      if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    fi
    if wait "$pid" 2>/dev/null; then break; fi
    hits=$((hits + 1))
  done
  diff=$(sqldiff "$work/reference.db" "$work/killed.db")
  if [ -n "$diff" ]; then
    echo "trial $t: the database differs from the reference after $((runs - 1)) kill(s):" >&2
    echo "$diff" | head -20 >&2
    exit 1
  fi
  if (( t % 10 == 0 || t == trials )); then echo "trial $t: identical to the reference (sqldiff empty); $hits imports killed so far"; fi
done
echo "$trials trials, $hits imports killed mid-way (SIGKILL), every database identical to the uninterrupted import (sqldiff empty)"
