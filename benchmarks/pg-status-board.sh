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

bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bin/initdb" ] || { echo "needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)" >&2; exit 1; }
dotnet build "$root/benchmarks/StatusBoard" -c Release -nologo -v q >/dev/null

cluster=$(mktemp -d /tmp/posfleet-pg-cluster.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$cluster"; as=(runuser -u postgres --); fi
password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
(umask 077; printf '%s' "$password" >"$cluster/pw")
[ ${#as[@]} -gt 0 ] && chown postgres "$cluster/pw"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/initdb" -D "$cluster/data" -U posfleet --pwfile "$cluster/pw" --auth scram-sha-256 -E UTF8 --locale C >/dev/null
rm -f "$cluster/pw"
"${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$cluster' -c shared_buffers=256MB" start >/dev/null
stop() { "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$cluster" "$work"; }
trap stop EXIT
trap 'exit 143' INT TERM

echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores), PostgreSQL $("$bin/postgres" --version | awk '{print $3}')"
STATUS_BOARD_POSTGRESQL="Host=127.0.0.1;Port=$port;Username=posfleet;Password=$password;Database=postgres" \
  dotnet "$root/benchmarks/StatusBoard/bin/Release/net10.0/status-board.dll" "$work" "$terminals" "$errors" "$runs"
