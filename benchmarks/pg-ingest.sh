#!/usr/bin/env bash
# Ingest and query figures of the PostgreSQL store against the SQLite store on the same generated log: lines/s of
# ingest (binary COPY into time partitions on PostgreSQL), p50/p95 of search by word and of the 48-hour dashboard.
# Starts its own PostgreSQL cluster (initdb + pg_ctl in a temporary directory, 127.0.0.1, a free port; as root the
# cluster belongs to the postgres user), stopped and deleted at the end.
#
#   benchmarks/pg-ingest.sh [SIZE] [WORKDIR] [RUNS]      SIZE: 100MB (default); short mode for CI: 2MB /tmp/pgi 3
#
# The cluster's password goes to pg-ingest in the environment (PG_INGEST_CONNECTION), never on its command line.
set -euo pipefail
size=${1:-100MB}
work=${2:-$(mktemp -d /tmp/posfleet-pg-bench.XXXXXX)}
runs=${3:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

. "$root/benchmarks/pg-cluster.sh"
pg_find_bin

dotnet build "$root/src/Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/benchmarks/PgIngest" -c Release -nologo -v q >/dev/null
posfleet="$root/src/Cli/bin/Release/net10.0/posfleet"
bench="$root/benchmarks/PgIngest/bin/Release/net10.0/pg-ingest"

log="$work/fleet.log"
[ -f "$log" ] || "$posfleet" generate -o "$log" --size "$size" >/dev/null

pg_cluster_start -c shared_buffers=256MB -c max_wal_size=4GB

rm -f "$work"/fleet.db*
PG_INGEST_CONNECTION="Host=127.0.0.1;Port=$port;Username=posfleet;Password=$password;Database=postgres" \
  "$bench" "$log" - "$work/fleet.db" "$runs"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
