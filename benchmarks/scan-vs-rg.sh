#!/usr/bin/env bash
# Side-by-side: `posfleet scan` (full pipeline: window, classification, templates, counts) against ripgrep counting
# the same four level words, on the same deterministic POS log, in one hyperfine run per round.
#
#   benchmarks/scan-vs-rg.sh                      # 1 GiB, 10 runs, 1 round
#   benchmarks/scan-vs-rg.sh --size 20MiB --runs 3   # the short version (seconds)
#   ROUNDS=3 benchmarks/scan-vs-rg.sh             # several hyperfine runs, one R each
#
# Knobs (options or environment): --size/SIZE (default 1GiB), --runs/RUNS (10), --rounds/ROUNDS (1),
# --out/OUT (benchmarks/out), --no-publish/NO_PUBLISH=1 (reuse the published binary).
# Prints R = posfleet mean / rg mean per round; fails when posfleet's per-level counts disagree with rg's.
set -euo pipefail

SIZE=${SIZE:-1GiB}
RUNS=${RUNS:-10}
ROUNDS=${ROUNDS:-1}
NO_PUBLISH=${NO_PUBLISH:-0}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$root/benchmarks/out}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-publish) NO_PUBLISH=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "scan-vs-rg: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

AS_OF=2026-11-20T00:00:00Z
PATTERN='ERROR|FAIL|OFFLINE|RETRY'
LEVELS=(ERROR FAIL OFFLINE RETRY WARN INFO)

# 1. Tools: hyperfine and ripgrep to measure, clang and zlib for the NativeAOT link, jq to read the results.
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rg >/dev/null || missing+=(ripgrep)
command -v clang >/dev/null || missing+=(clang)
command -v jq >/dev/null || missing+=(jq)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "scan-vs-rg: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$OUT"
bin="$OUT/aot/posfleet"

# 2. The CLI as NativeAOT: no JIT warm-up in the measurement, as a shipped tool would run.
if [[ "$NO_PUBLISH" != 1 || ! -x "$bin" ]]; then
  echo "scan-vs-rg: publishing the CLI (NativeAOT)"
  dotnet publish "$root/src/Cli" -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native -o "$OUT/aot" -nologo -v quiet >/dev/null
fi

# 3. The input: deterministic (seed 42, ends at $AS_OF, 3 days), made once per size. 'generate' names the fleet with
#    Bogus; either build writes the same bytes, and the JIT build is used here because it is already built.
file="$OUT/pos-$SIZE.log"
if [[ ! -s "$file" ]]; then
  echo "scan-vs-rg: generating $file"
  dotnet build "$root/src/Cli" -c Release -nologo -v quiet >/dev/null
  dotnet "$root/src/Cli/bin/Release/net10.0/posfleet.dll" generate -o "$file.tmp" --size "$SIZE" --seed 42 >/dev/null
  mv "$file.tmp" "$file"
fi

# 4. Warm the page cache so that both tools read from memory.
cat "$file" >/dev/null

# 5. Both tools must count the same lines per level word before their speed means anything.
"$bin" scan "$file" --json --top 1 >"$OUT/levels.json" 2>/dev/null
fail=0
for level in "${LEVELS[@]}"; do
  ours=$(jq -r --arg l "$level" '.levels[$l] // 0' "$OUT/levels.json")
  theirs=$(rg -c "\\[$level\\]" "$file" || echo 0)
  if [[ "$ours" == "$theirs" ]]; then
    printf 'counts: %-8s posfleet %12s  rg %12s  ok\n' "$level" "$ours" "$theirs"
  else
    printf 'counts: %-8s posfleet %12s  rg %12s  MISMATCH\n' "$level" "$ours" "$theirs" >&2
    fail=1
  fi
done
if [[ $fail != 0 ]]; then
  echo "scan-vs-rg: FAILED: posfleet's per-level counts disagree with rg's (see MISMATCH above)" >&2
  exit 1
fi

# 6. The race, in one hyperfine run per round; the load average says how busy the machine was.
echo "scan-vs-rg: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  json="$OUT/scan-vs-rg-$SIZE-$round.json"
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$json" \
    -n rg "rg -c '$PATTERN' '$file'" \
    -n posfleet "'$bin' scan '$file' --since 24h --as-of $AS_OF"
  rg_mean=$(jq -r '.results[] | select(.command == "rg") | .mean' "$json")
  pf_mean=$(jq -r '.results[] | select(.command == "posfleet") | .mean' "$json")
  r=$(jq -rn --argjson a "$pf_mean" --argjson b "$rg_mean" '$a / $b * 1000 | round / 1000')
  ratios+=("$r")
  printf 'round %d: rg %.3f s  posfleet %.3f s  R = %s   (load %s)\n' "$round" "$rg_mean" "$pf_mean" "$r" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "R = posfleet mean / rg mean: ${ratios[*]}"
