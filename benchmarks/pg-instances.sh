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

bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bin/initdb" ] || { echo "needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)" >&2; exit 1; }
dotnet build "$root/benchmarks/PgInstances" -c Release -nologo -v q >/dev/null
bench="$root/benchmarks/PgInstances/bin/Release/net10.0/pg-instances"
createdb=$([ -x "$bin/createdb" ] && echo "$bin/createdb" || command -v createdb)

cluster=$(mktemp -d /tmp/posfleet-pg-cluster.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$cluster"; as=(runuser -u postgres --); fi
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
(umask 077; printf '%s' "$password" >"$cluster/pw")
[ ${#as[@]} -gt 0 ] && chown postgres "$cluster/pw"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/initdb" -D "$cluster/data" -U posfleet --pwfile "$cluster/pw" --auth scram-sha-256 -E UTF8 --locale C >/dev/null
rm -f "$cluster/pw"
# Durable settings (fsync on), as a server would run; room for every instance's pool.
"${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$cluster' -c max_connections=500" start >/dev/null
stop() { "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$cluster"; }
trap stop EXIT
trap 'exit 143' INT TERM

echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores), PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
status=0
for n in ${counts//,/ }; do
  PGPASSWORD=$password "$createdb" -h 127.0.0.1 -p "$port" -U posfleet "posfleet_$n"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  PG_INSTANCES_CONNECTION="Host=127.0.0.1;Port=$port;Username=posfleet;Password=$password;Database=posfleet_$n;Maximum Pool Size=100" \
    "$bench" --instances "$n" --terminals "$terminals" --rounds "$rounds" --batch "$batch" --concurrency "$concurrency" || status=1
done
exit $status
