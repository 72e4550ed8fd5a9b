#!/usr/bin/env bash
# Fuzzes the line readers and the rules loader (benchmarks/Fuzz, CsCheck) for a while and keeps what breaks them.
# Each target first replays its corpus (benchmarks/Fuzz/corpus/<target>/), then tries generated inputs (corpus files
# mutated, token soup, random bytes; rules files built field by field) for the time asked, per target. It prints the
# inputs tried and the failures found; a failing input is shrunk and saved to the corpus as found-<hash>.log/.json,
# where tests/Core.Tests (Logs/Fuzz/FuzzCorpusTests) replays it on every test run once it is committed. Exit 1 when
# something failed, 3 when an input hung (it is saved too).
#
#   benchmarks/fuzz.sh [--minutes N | --seconds N] [--target lines|rules|all] [--threads N]    default: 5 minutes per target
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=300
target=all
threads=1
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--minutes N | --seconds N] [--target lines|rules|all] [--threads N]" >&2; exit 2 ;;
  esac
done

dotnet build "$root/benchmarks/Fuzz" -c Release -nologo -v q >/dev/null
echo "fuzzing '$target' for $seconds s per target on $threads thread(s) ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet "$root/benchmarks/Fuzz/bin/Release/net10.0/PosFleet.Fuzz.dll" \
  --corpus "$root/benchmarks/Fuzz/corpus" --target "$target" --seconds "$seconds" --threads "$threads"
