#!/usr/bin/env bash
# Time to first byte of the back office's status board page over 10,000 terminals: builds the StatusBoard benchmark's
# SQLite store (its generator: 10,000 terminals in 50 organizations, 8 % red, 15 % behind, 5 % silent, and a history of
# sync errors), then serves MapPosFleetBackOffice over it and times the page from an HTTP client on the same machine.
#
#   benchmarks/status-page.sh [WORKDIR] [TERMINALS=10000] [REQUESTS=200]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d /tmp/posfleet-status-page.XXXXXX)}
terminals=${2:-10000}
requests=${3:-200}
dotnet build "$root/benchmarks/StatusBoard" -c Release -nologo -v q >/dev/null
dotnet build "$root/benchmarks/StatusPage" -c Release -nologo -v q >/dev/null
[ -f "$work/status.db" ] || "$root/benchmarks/StatusBoard/bin/Release/net10.0/status-board" "$work" "$terminals" 10 1 | head -1
"$root/benchmarks/StatusPage/bin/Release/net10.0/status-page" "$work/status.db" "$requests"
