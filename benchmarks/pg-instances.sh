#!/usr/bin/env bash
# Several back-office instances on one PostgreSQL database (benchmarks/PgInstances): for each N, N instances (Kestrel
# at free ports, MapPosFleetSync, UsePostgreSqlStorage on a fresh database) and a fleet of terminals behind a
# round-robin balancer (any request of any terminal may land on any instance). Prints exchanges per second and checks
# every ticket was applied exactly once (duplicates 0, lost 0); exits non-zero otherwise. Starts its own PostgreSQL
# cluster (initdb + pg_ctl in a temporary directory, 127.0.0.1, a free port), stopped and deleted at the end.
#
#   benchmarks/pg-instances.sh [INSTANCES=1,2,4] [TERMINALS=500] [ROUNDS=3] [BATCH=5] [CONCURRENCY=100]
set -euo pipefail
counts=${1:-1,2,4}
terminals=${2:-500}
rounds=${3:-3}
batch=${4:-5}
concurrency=${5:-100}
root=$(cd "$(dirname "$0")/.." && pwd)

. "$root/benchmarks/pg-cluster.sh"
pg_find_bin
dotnet build "$root/benchmarks/PgInstances" -c Release -nologo -v q >/dev/null
bench="$root/benchmarks/PgInstances/bin/Release/net10.0/pg-instances"
createdb=$([ -x "$bin/createdb" ] && echo "$bin/createdb" || command -v createdb)

# Room for every instance's pool.
pg_cluster_start -c max_connections=500

echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores), PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
status=0
for n in ${counts//,/ }; do
  PGPASSWORD=$password "$createdb" -h 127.0.0.1 -p "$port" -U posfleet "posfleet_$n"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  PG_INSTANCES_CONNECTION="Host=127.0.0.1;Port=$port;Username=posfleet;Password=$password;Database=posfleet_$n;Maximum Pool Size=100" \
    "$bench" --instances "$n" --terminals "$terminals" --rounds "$rounds" --batch "$batch" --concurrency "$concurrency" || status=1
done
exit $status
