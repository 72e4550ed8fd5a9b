#!/usr/bin/env bash
# Ingest and query figures of the PostgreSQL store against the SQLite store on the same generated log: lines/s of
# ingest (binary COPY into time partitions on PostgreSQL), p50/p95 of search by word and of the 48-hour dashboard.
# Starts its own PostgreSQL cluster (initdb + pg_ctl in a temporary directory, 127.0.0.1, a free port; as root the
# cluster belongs to the postgres user), stopped and deleted at the end.
#
#   benchmarks/pg-ingest.sh [SIZE] [WORKDIR] [RUNS]      SIZE: 100MB (default)
set -euo pipefail
size=${1:-100MB}
work=${2:-$(mktemp -d /tmp/posfleet-pg-bench.XXXXXX)}
runs=${3:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bin/initdb" ] || { echo "needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)" >&2; exit 1; }

dotnet build "$root/src/Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/benchmarks/PgIngest" -c Release -nologo -v q >/dev/null
posfleet="$root/src/Cli/bin/Release/net10.0/posfleet"
bench="$root/benchmarks/PgIngest/bin/Release/net10.0/pg-ingest"

log="$work/fleet.log"
[ -f "$log" ] || "$posfleet" generate -o "$log" --size "$size" >/dev/null

cluster=$(mktemp -d /tmp/posfleet-pg-cluster.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$cluster"; as=(runuser -u postgres --); fi
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
umask 077
printf '%s' "$password" >"$cluster/pw"
[ ${#as[@]} -gt 0 ] && chown postgres "$cluster/pw"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/initdb" -D "$cluster/data" -U posfleet --pwfile "$cluster/pw" --auth scram-sha-256 -E UTF8 --locale C >/dev/null
rm -f "$cluster/pw"
# Durable settings (fsync on), as a server would run; only the socket directory and the port are the script's.
"${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$cluster' -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
stop() { "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$cluster"; }
trap stop EXIT
trap 'exit 143' INT TERM

rm -f "$work"/fleet.db*
PG_INGEST_CONNECTION="Host=127.0.0.1;Port=$port;Username=posfleet;Password=$password;Database=postgres" \
  "$bench" "$log" - "$work/fleet.db" "$runs"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores), PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
