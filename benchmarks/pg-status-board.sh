#!/usr/bin/env bash
# The status board on PostgreSQL (benchmarks/StatusBoard with STATUS_BOARD_POSTGRESQL): the same generator, queries
# and export as the SQLite figure, over N terminals with a year of sync-error history. Starts its own PostgreSQL
# cluster (initdb + pg_ctl in a temporary directory, 127.0.0.1, a free port), stopped and deleted at the end.
#
#   benchmarks/pg-status-board.sh [TERMINALS=10000] [ERRORS-PER-TERMINAL=100] [RUNS=100]
set -euo pipefail
terminals=${1:-10000}
errors=${2:-100}
runs=${3:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/posfleet-pg-board.XXXXXX)

. "$root/benchmarks/pg-cluster.sh"
pg_find_bin
dotnet build "$root/benchmarks/StatusBoard" -c Release -nologo -v q >/dev/null

pg_cleanup+=("$work")
pg_cluster_start -c shared_buffers=256MB

echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores), PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
STATUS_BOARD_POSTGRESQL="Host=127.0.0.1;Port=$port;Username=posfleet;Password=$password;Database=postgres" \
  dotnet "$root/benchmarks/StatusBoard/bin/Release/net10.0/status-board.dll" "$work" "$terminals" "$errors" "$runs"
