#!/usr/bin/env bash
# Side-by-side: `posfleet scan` (full pipeline: window, classification, templates, counts) against ripgrep counting
# the same four level words, on the same deterministic POS log, in one hyperfine run per round: the NativeAOT binary
# published with the project's own settings, the .NET tool as `dotnet tool install` gives it on linux-x64 (the same
# NativeAOT binary), the tool's x86-64-v2 build (what it runs on a processor without AVX2, timed on this one), the
# framework-dependent ReadyToRun tool that win-*, osx-* and linux-musl-* get (built here for linux-x64 with the same
# settings) and the framework-dependent IL tool every other runtime gets (the JIT build), each with every line in scope
# (a window holding the whole file) and with a 24-hour window.
#
#   benchmarks/scan-vs-rg.sh                         # 1 GiB, 10 runs, 1 round
#   benchmarks/scan-vs-rg.sh --size 20MiB --runs 3   # the short version CI runs
#   ROUNDS=3 benchmarks/scan-vs-rg.sh                # several hyperfine runs, one R each
#
# Knobs (options or environment): --size/SIZE (default 1GiB), --runs/RUNS (10), --rounds/ROUNDS (1),
# --out/OUT (benchmarks/out), --no-publish/NO_PUBLISH=1 (reuse the builds already in OUT), --threads/THREADS (the
# scan's --threads; default: the tool's own default, every core).
# Prints the CPU, each build's start (a one-line scan; for the NativeAOT binary also its page faults and peak
# memory), and the load average before and after, then R = posfleet mean / rg mean per build and window, the part of R
# that is the one-line scan and R for the rest, and last a host's scans on the JIT (the engine composed with
# AddPosFleet, the file scanned five times in each of three processes: the first scans and the later ones); fails when
# a build's per-level counts, or the host's lines, disagree with rg's, when the host's lines in scope differ from the
# NativeAOT build's or it does not write three processes of five scans, when the JIT and ReadyToRun builds do not run on
# the JIT, or when the tool holds no x86-64-v2 build.
set -euo pipefail

SIZE=${SIZE:-1GiB}
RUNS=${RUNS:-10}
ROUNDS=${ROUNDS:-1}
NO_PUBLISH=${NO_PUBLISH:-0}
THREADS=${THREADS:-}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$root/benchmarks/out}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --no-publish) NO_PUBLISH=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "scan-vs-rg: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

AS_OF=2026-11-20T00:00:00Z
PATTERN='ERROR|FAIL|OFFLINE|RETRY'
LEVELS=(ERROR FAIL OFFLINE RETRY WARN INFO)
WHOLE="--from 1970-01-01T00:00:00Z --to 2100-01-01T00:00:00Z"
DAY="--since 24h --as-of $AS_OF"
extra="--json${THREADS:+ --threads $THREADS}"

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
aot="$OUT/aot/posfleet"
tool="$OUT/tool/posfleet"
jit="$OUT/jit/posfleet"
r2r="$OUT/r2r/posfleet"
host="$OUT/host/host-scan"

# 2. The four builds users run (the host's is published below), made with the project's settings only (no instruction
#    set or other flag given here): the NativeAOT binary as `dotnet publish -r linux-x64` makes it, the .NET tool as
#    `dotnet pack` + `dotnet tool install` make it, and the framework-dependent package of that tool. The packages get
#    a version of their own, so that the tool installed is this one and not one left in the NuGet cache by an earlier
#    run.
if [[ "$NO_PUBLISH" != 1 || ! -x "$aot" || ! -x "$tool" || ! -x "$jit" || ! -x "$r2r" ]]; then
  # Each step says how long it took: the JIT build's pack is the cost this script adds to CI's short version.
  started=$SECONDS step=$SECONDS
  took() { echo "scan-vs-rg:   $1 in $((SECONDS - step)) s"; step=$SECONDS; }
  version="0.0.0-bench.$(date +%s)"
  rm -rf "$OUT/pkg" "$OUT/tool" "$OUT/jit" "$OUT/r2r"
  echo "scan-vs-rg: publishing the CLI (NativeAOT, the project's settings)"
  # The same version as the packages: `dotnet pack -r linux-x64` below then finds the NativeAOT compilation up to
  # date and packs it, instead of compiling the whole program a second time (minutes on this machine).
  dotnet publish "$root/src/Cli" -c Release -r linux-x64 -o "$OUT/aot" -p:Version="$version" -nologo -v quiet >/dev/null
  took "published"
  echo "scan-vs-rg: packing and installing the CLI as a .NET tool (the linux-x64 package: NativeAOT)"
  # What a release packs: one package per runtime the csproj's ToolPackageRuntimeIdentifiers names, and the pointer
  # package that lists them; `dotnet tool install` picks the one for this machine.
  dotnet pack "$root/src/Cli" -c Release -r linux-x64 -o "$OUT/pkg" -p:Version="$version" -nologo -v quiet >/dev/null
  took "linux-x64 package packed"
  dotnet pack "$root/src/Cli" -c Release -o "$OUT/pkg" -p:Version="$version" -nologo -v quiet >/dev/null
  took "pointer package packed"
  dotnet tool install PosFleet.Cli --version "$version" --tool-path "$OUT/tool" --add-source "$OUT/pkg" >/dev/null
  took "installed"
  echo "scan-vs-rg: packing and installing the framework-dependent package (the 'any' runtime: the JIT build)"
  # `dotnet pack -r any` makes PosFleet.Cli.any, the package `dotnet tool install PosFleet.Cli` installs on every
  # runtime the pointer package does not name (linux-arm, linux-musl-arm, FreeBSD, ...): IL assemblies run by the shared
  # .NET runtime. On this machine the pointer always leads to the linux-x64 package (`--arch` does not change that),
  # so the script installs the 'any' package by its own id: the same files, the same shim, the same runtime.
  dotnet pack "$root/src/Cli" -c Release -r any -o "$OUT/pkg" -p:Version="$version" -nologo -v quiet >/dev/null
  took "any package packed"
  dotnet tool install PosFleet.Cli.any --version "$version" --tool-path "$OUT/jit" --add-source "$OUT/pkg" >/dev/null
  took "installed"
  echo "scan-vs-rg: packing and installing a ReadyToRun package (what win-*, osx-* and linux-musl-* get)"
  # The csproj gives the runtimes of ReadyToRunToolRuntimeIdentifiers a framework-dependent package with ReadyToRun code
  # (crossgen) beside the IL. None of them runs here; the same settings applied to linux-x64 make the package this
  # machine can run: PosFleet.Cli.linux-x64 once more, under a package version of its own so that it is not the
  # NativeAOT one. The assemblies keep the builds' version: compiled once already, they are only given to crossgen.
  # A publish folder of its own: the NativeAOT pack's (its binary and its debug file) must not end up in this package.
  rm -rf "$OUT/r2r-publish"
  dotnet pack "$root/src/Cli" -c Release -r linux-x64 -p:ReadyToRunToolRuntimeIdentifiers=linux-x64 -o "$OUT/pkg" \
    -p:PublishDir="$OUT/r2r-publish/" -p:Version="$version" -p:PackageVersion="$version.r2r" -nologo -v quiet >/dev/null
  took "ReadyToRun package packed"
  dotnet tool install PosFleet.Cli.linux-x64 --version "$version.r2r" --tool-path "$OUT/r2r" --add-source "$OUT/pkg" >/dev/null
  if find "$OUT/r2r/.store" -name posfleet.dbg | grep -q .; then
    echo "scan-vs-rg: FAILED: the ReadyToRun package holds the NativeAOT build's posfleet.dbg" >&2
    exit 1
  fi
  took "installed"
  echo "scan-vs-rg: builds ready in $((SECONDS - started)) s"
fi

# A host that embeds the SDK (benchmarks/HostScan): framework-dependent, a console host's default settings, none of the
# CLI's. Published apart, so that an OUT from before it gets it without the builds above made again.
if [[ "$NO_PUBLISH" != 1 || ! -x "$host" ]]; then
  echo "scan-vs-rg: publishing a host's scans (benchmarks/HostScan)"
  step=$SECONDS
  rm -rf "$OUT/host"
  dotnet publish "$root/benchmarks/HostScan" -c Release -o "$OUT/host" -nologo -v quiet >/dev/null
  echo "scan-vs-rg:   published in $((SECONDS - step)) s"
fi

# The x86-64-v2 build the linux-x64 tool package carries beside its binary (the binary runs it on a processor without
# AVX2; here it is run directly, on this processor).
v2=$(find "$OUT/tool/.store" -name posfleet.x86-64-v2 -path '*/tools/*' 2>/dev/null | head -1 || true)
if [[ -z "$v2" || "$(python3 "$root/eng/binary-kind.py" "$v2")" != "elf x64 glibc" ]]; then
  echo "scan-vs-rg: FAILED: the installed tool has no x86-64-v2 build (posfleet.x86-64-v2, an x64 glibc ELF)" >&2
  exit 1
fi

# 3. The input: deterministic (seed 42, ends at $AS_OF, 3 days), made once per size. 'generate' names the fleet with
#    Bogus; either build writes the same bytes.
file="$OUT/pos-$SIZE.log"
if [[ ! -s "$file" ]]; then
  echo "scan-vs-rg: generating $file"
  "$tool" generate -o "$file.tmp" --size "$SIZE" --seed 42 >/dev/null
  mv "$file.tmp" "$file"
fi

# 4. Warm the page cache so that every command reads from memory, in the state a file read once from disk is in: the
#    file is dropped from the cache first (GNU dd: nocache with count=0 drops the whole file), then read through. How the
#    cache holds the file moves both tools' times: read ahead, it is held in large folios, which a mapping maps at little
#    cost; left as earlier commands wrote or read it, it may be held in 4 KiB pages, and every command then spends tens of
#    milliseconds of system time mapping them (rg 0.12 s against 0.21-0.26 s on the same machine). The line below says
#    which state the rounds ran in.
#    A log generated by this run has pages not yet written back, which the cache does not drop: they are written first.
sync "$file" 2>/dev/null || sync
if dd if="$file" iflag=nocache count=0 status=none 2>/dev/null; then
  dropped="dropped from the page cache and read again"
else
  dropped="not dropped from the page cache (dd has no iflag=nocache here), read again"
fi
cat "$file" >/dev/null
echo "page cache: $file $dropped; the system's file pages in huge pages: $(sed -n 's/^FileHugePages: *//p' /proc/meminfo)"

# 5. Every build must count the same lines per level word as rg, with every line in scope, before speed means anything.
fail=0
for build in aot tool v2 jit r2r; do
  bin=${!build}
  # shellcheck disable=SC2086
  "$bin" scan "$file" $WHOLE --json --top 1 >"$OUT/levels-$build.json" 2>/dev/null
  for level in "${LEVELS[@]}"; do
    ours=$(jq -r --arg l "$level" '.levels[$l] // 0' "$OUT/levels-$build.json")
    theirs=$(rg -c "\\[$level\\]" "$file" || echo 0)
    if [[ "$ours" == "$theirs" ]]; then
      printf 'counts (%s): %-8s posfleet %12s  rg %12s  ok\n' "$build" "$level" "$ours" "$theirs"
    else
      printf 'counts (%s): %-8s posfleet %12s  rg %12s  MISMATCH\n' "$build" "$level" "$ours" "$theirs" >&2
      fail=1
    fi
  done
done
if [[ $fail != 0 ]]; then
  echo "scan-vs-rg: FAILED: posfleet's per-level counts disagree with rg's (see MISMATCH above)" >&2
  exit 1
fi

# 6. The machine: the CPU decides which vector paths run (the JIT uses what the CPU has; the NativeAOT binary what its
#    instruction-set baseline allows).
has() { grep -qw "$1" /proc/cpuinfo && echo yes || echo no; }
model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
echo "cpu: $model, $(nproc) cores; avx2 $(has avx2), avx512f $(has avx512f), avx512bw $(has avx512bw)"
same=$(cmp -s "$(readlink -f "$tool")" "$aot" && echo ", byte for byte the aot binary" || true)
echo "tool as installed: $(readlink "$tool" | sed 's|.*/tools/|tools/|') ($(file -bL "$tool" | cut -d, -f1)$same)"
# The JIT build is a shim that starts the shared runtime on posfleet.dll: the dynamic loader's own record of what the
# process loads (LD_DEBUG=files) shows whether the runtime (libcoreclr.so) and the JIT (libclrjit.so) are in it.
loaded() { LD_DEBUG=files "$1" --version 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\) .*generating link map.*/\1/p'; }
jit_libs=$(loaded "$jit" | grep -E '/lib(coreclr|clrjit)\.so$' || true)
if ! grep -q '/libclrjit\.so$' <<<"$jit_libs" || ! grep -q '/libcoreclr\.so$' <<<"$jit_libs"; then
  echo "scan-vs-rg: FAILED: $jit does not load libcoreclr.so and libclrjit.so: it is not the JIT build" >&2
  exit 1
fi
jit_dll=$(find "$OUT/jit/.store" -name posfleet.dll -path '*/tools/*' 2>/dev/null | head -1 || true)
echo "jit as installed: $(cut -d/ -f1-2 <<<"${jit_dll#"$OUT/jit/.store/"}") $(sed 's|.*/tools/|tools/|' <<<"$jit_dll") (maps $(basename -a $jit_libs | paste -sd' ') from $(dirname "$(head -1 <<<"$jit_libs")"))"
# The framework-dependent builds must leave dynamic code on: a runtimeconfig that turns it off also turns off ScanWarmUp,
# which compiles the scan's hot methods on the second core at start. Exactly one runtimeconfig per build, or the check
# would check nothing.
for store in "$OUT/jit/.store" "$OUT/r2r/.store"; do
  mapfile -d '' cfgs < <(find "$store" -name posfleet.runtimeconfig.json -path '*/tools/*' -print0 2>/dev/null)
  if [[ ${#cfgs[@]} -ne 1 ]]; then
    echo "scan-vs-rg: FAILED: expected one posfleet.runtimeconfig.json under $store, found ${#cfgs[@]}" >&2
    exit 1
  fi
  if jq -e '.runtimeOptions.configProperties["System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"] | . == false or . == "false"' "${cfgs[0]}" >/dev/null; then
    echo "scan-vs-rg: FAILED: ${cfgs[0]} turns dynamic code off: the JIT build would not compile the scan's hot methods ahead" >&2
    exit 1
  fi
done
r2r_libs=$(loaded "$r2r" | grep -E '/lib(coreclr|clrjit)\.so$' || true)
if ! grep -q '/libclrjit\.so$' <<<"$r2r_libs" || ! grep -q '/libcoreclr\.so$' <<<"$r2r_libs"; then
  echo "scan-vs-rg: FAILED: $r2r does not load libcoreclr.so and libclrjit.so: it is not a framework-dependent build" >&2
  exit 1
fi
# A ReadyToRun assembly's CLI header names its native code; an IL-only assembly's does not (eng/binary-kind.py reads
# it). Both framework-dependent builds are checked, so that each row measures what it says.
r2r_dll=$(find "$OUT/r2r/.store" -name PosFleet.Core.dll -path '*/tools/*' 2>/dev/null | head -1 || true)
jit_core=$(find "$OUT/jit/.store" -name PosFleet.Core.dll -path '*/tools/*' 2>/dev/null | head -1 || true)
if [[ "$(python3 "$root/eng/binary-kind.py" "$r2r_dll")" != "pe x64 r2r linux" \
  || "$(python3 "$root/eng/binary-kind.py" "$jit_core")" != "pe any il" ]]; then
  echo "scan-vs-rg: FAILED: the r2r build's PosFleet.Core.dll must hold ReadyToRun code and the jit build's only IL" >&2
  exit 1
fi
echo "r2r as installed: $(cut -d/ -f1-2 <<<"${r2r_dll#"$OUT/r2r/.store/"}") $(sed 's|.*/tools/|tools/|' <<<"$r2r_dll") (ReadyToRun; the jit build's is IL only)"
aot_libs=$(loaded "$aot" | grep -E '/lib(coreclr|clrjit)\.so$' || true)
if [[ -n "$aot_libs" ]]; then
  echo "scan-vs-rg: FAILED: $aot loads the .NET runtime: it is not the NativeAOT build" >&2
  exit 1
fi

# 7. Each build's start and end alone: a scan of one line; for the NativeAOT binary also its minor page faults as the
#    kernel counts them for the process (getrusage: those taken while the binary asks for its memory in one call are in
#    the count too) and its peak resident memory. The start is paid once per command, before the scan's workers start;
#    see benchmarks/README.md, "the start's page faults".
head -1 "$file" >"$OUT/one-line.log"
start_usage=$(python3 - "$aot" "$OUT/one-line.log" <<'PY'
import os, subprocess, sys
p = subprocess.Popen([sys.argv[1], 'scan', sys.argv[2], '--json'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
print(f'{usage.ru_minflt} minor page faults, {usage.ru_maxrss / 1024:.1f} MiB peak resident' if status == 0 else 'failed')
PY
) || start_usage=failed
if [[ "$start_usage" == failed ]]; then
  echo "scan-vs-rg: FAILED: $aot could not scan $OUT/one-line.log" >&2
  exit 1
fi
# Every build's one-line scan in the same run, with the options of the whole-file race: an estimate of what a build pays
# whatever the input's size (the runtime's start, the JIT's compilation, the composition, the end), to set against its
# whole-file time below. An estimate: under a megabyte of input the JIT builds read no warm-up sample (ScanCommand), and
# this is timed once, before the rounds.
hyperfine -N --warmup 3 --runs $((RUNS * 3)) --export-json "$OUT/start.json" --style basic \
  -n aot "'$aot' scan '$OUT/one-line.log' $WHOLE $extra" \
  -n tool "'$tool' scan '$OUT/one-line.log' $WHOLE $extra" \
  -n v2 "'$v2' scan '$OUT/one-line.log' $WHOLE $extra" \
  -n jit "'$jit' scan '$OUT/one-line.log' $WHOLE $extra" \
  -n r2r "'$r2r' scan '$OUT/one-line.log' $WHOLE $extra" >/dev/null
start_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .mean * 1000 | . * 10 | round / 10' "$OUT/start.json"; }
echo "start: aot one-line scan $(start_ms aot) ms, $start_usage;" \
  "tool $(start_ms tool) ms, v2 $(start_ms v2) ms, jit $(start_ms jit) ms, r2r $(start_ms r2r) ms"

# 8. The race, in one hyperfine run per round; the load average says how busy the machine was. R compares wall-clock
#    means; the user + system CPU seconds are printed too, because on a shared machine they move less.
echo "scan-vs-rg: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
names=(aot-whole aot-24h tool-whole tool-24h v2-whole v2-24h jit-whole jit-24h r2r-whole r2r-24h)
summary=()
for round in $(seq 1 "$ROUNDS"); do
  json="$OUT/scan-vs-rg-$SIZE-$round.json"
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$json" --style basic \
    -n rg "rg -c '$PATTERN' '$file'" \
    -n aot-whole "'$aot' scan '$file' $WHOLE $extra" \
    -n aot-24h "'$aot' scan '$file' $DAY $extra" \
    -n tool-whole "'$tool' scan '$file' $WHOLE $extra" \
    -n tool-24h "'$tool' scan '$file' $DAY $extra" \
    -n v2-whole "'$v2' scan '$file' $WHOLE $extra" \
    -n v2-24h "'$v2' scan '$file' $DAY $extra" \
    -n jit-whole "'$jit' scan '$file' $WHOLE $extra" \
    -n jit-24h "'$jit' scan '$file' $DAY $extra" \
    -n r2r-whole "'$r2r' scan '$file' $WHOLE $extra" \
    -n r2r-24h "'$r2r' scan '$file' $DAY $extra" >/dev/null
  rg_mean=$(jq -r '.results[] | select(.command == "rg") | .mean' "$json")
  rg_cpu=$(jq -r '.results[] | select(.command == "rg") | .user + .system' "$json")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  line=$(printf 'round %d (load %s): rg %.3f s' "$round" "$load" "$rg_mean")
  for n in "${names[@]}"; do
    mean=$(jq -r --arg n "$n" '.results[] | select(.command == $n) | .mean' "$json")
    r=$(jq -rn --argjson a "$mean" --argjson b "$rg_mean" '$a / $b * 100 | round / 100')
    line+=$(printf ' | %s %.3f s R %s' "$n" "$mean" "$r")
    summary+=("$n=$r")
  done
  echo "$line"
  # The part of each build's R that is its one-line scan, and R for the time beyond it: about what grows with the input.
  # The 24 h rows are set against the same one-line scan, timed with the whole-file window.
  line='  of which the one-line scan:'
  for n in "${names[@]}"; do
    mean=$(jq -r --arg n "$n" '.results[] | select(.command == $n) | .mean' "$json")
    start=$(jq -r --arg n "${n%-*}" '.results[] | select(.command == $n) | .mean' "$OUT/start.json")
    line+=$(jq -rn --arg n "$n" --argjson a "$mean" --argjson s "$start" --argjson b "$rg_mean" \
      '" | \($n) \($s / $b * 100 | round / 100), beyond it R \(($a - $s) / $b * 100 | round / 100)"')
  done
  echo "$line"
  # The same ratio in CPU time (user + system), which other work on a shared machine disturbs less than the wall clock.
  jq -r --argjson rc "$rg_cpu" '.results[] | "  \(.command): mean \(.mean * 1000 | round) ms, user \(.user * 1000 | round) ms, system \(.system * 1000 | round) ms, CPU ratio to rg \((.user + .system) / $rc * 100 | round / 100)"' "$json"
done
echo "scan-vs-rg: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "R = posfleet mean / rg mean: ${summary[*]}"

# 9. A host that embeds the SDK runs on the JIT: its first scan pays the runtime's loading and compiling of the engine's
#    code, which a command pays at every run; its later scans run while the runtime still promotes the engine's methods
#    (tiered compilation). Three processes of five scans each, every line in scope, against the last round's rg (times
#    only where no round ran); each scan's lines must be rg's count of the file's lines, and its lines in scope the
#    NativeAOT build's.
lines=$(rg -c '' "$file")
in_scope=$(jq -r '.linesInScope' "$OUT/levels-aot.json")
: >"$OUT/host.txt"
for _ in 1 2 3; do
  "$host" "$file" 5 >>"$OUT/host.txt" || { echo "scan-vs-rg: FAILED: $host exited with $?" >&2; exit 1; }
done
python3 - "${rg_mean:-0}" "$lines" "$in_scope" "$OUT/host.txt" <<'PY'
import re, statistics, sys
rg, lines, in_scope = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
runs = open(sys.argv[4]).read().splitlines()
first, later, began = [], [], []
for run in runs:
    m = re.fullmatch(r'scan (\d+): ([0-9.]+) ms, (\d+) lines, (\d+) in scope(?:, began (\d+) ms after .*)?', run)
    if not m or int(m[3]) != lines or int(m[4]) != in_scope:
        sys.exit(f'scan-vs-rg: FAILED: the host wrote "{run}", not the file\'s {lines} lines with {in_scope} in scope')
    (first if m[1] == '1' else later).append(float(m[2]) / 1000)
    began += [int(m[5])] if m[5] else []
if len(first) != 3 or len(later) != 12 or len(began) != 3:
    sys.exit(f'scan-vs-rg: FAILED: the host wrote {len(runs)} lines, not three processes of five scans')
r = lambda t: f'{t:.3f} s' + (f' R {t / rg:.2f}' if rg > 0 else '')
print(f'host (JIT, AddPosFleet, five scans in each of three processes{f"; rg {rg:.3f} s" if rg > 0 else ""}): '
      f'first scan {r(min(first))} to {r(max(first))}, begun about {min(began)}-{max(began)} ms after the start; '
      f'later scans median {r(statistics.median(later))}, {r(min(later))} to {r(max(later))}')
PY
