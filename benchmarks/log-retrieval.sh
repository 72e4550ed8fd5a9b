#!/usr/bin/env bash
# The issue's log retrieval figure: the engine's retrieve-logs handler over a week of log lines (a Luhn-valid card
# number in every tenth line, in four formats) cut to a 10 MB maximum. Prints the time, the archive's size, the lines
# kept and the Luhn-valid numbers found in the decompressed archive; fails when one is found or the archive is too big.
#
#   benchmarks/log-retrieval.sh [MB=1074] [WORKDIR]        (1074 MB = 1 GiB; CI runs 20 MB)
set -euo pipefail
mb=${1:-1074}
work=${2:-$(mktemp -d /tmp/posfleet-log-retrieval.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$work/logs" "$work/work"
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || dotnet build "$root/benchmarks/ActionKill" -c Release -nologo -v q >/dev/null
echo "log-retrieval: $mb MB of log lines cut to 10 MB, in $work"
"$root/benchmarks/ActionKill/bin/Release/net10.0/action-kill" logs --dir "$work" --mb "$mb"
