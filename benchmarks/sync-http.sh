#!/usr/bin/env bash
# The sync exchange over HTTP on loopback: exchanges per second and p50 / p95 latency of a fleet of enrolled terminals,
# each with its own container, credential, outbox, agent and HttpClient, against MapPosFleetSync on Kestrel in the same
# process (benchmarks/SyncHttp). Exits non-zero when a sync failed or a ticket was not applied exactly once.
#
#   benchmarks/sync-http.sh [TERMINALS] [ROUNDS] [STORE] [BATCH] [CONCURRENCY]
#   benchmarks/sync-http.sh 1000 5 memory 5 100     # the figure
#   benchmarks/sync-http.sh 50 1 sqlite             # the smoke .ci/run runs: seconds
set -euo pipefail
terminals=${1:-1000}
rounds=${2:-5}
store=${3:-memory}
batch=${4:-5}
concurrency=${5:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/posfleet-sync-http.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build "$root/benchmarks/SyncHttp" -c Release -nologo -v q >/dev/null
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/benchmarks/SyncHttp/bin/Release/net10.0/sync-http" --terminals "$terminals" --rounds "$rounds" --store "$store" \
  --batch "$batch" --concurrency "$concurrency" --dir "$work"
