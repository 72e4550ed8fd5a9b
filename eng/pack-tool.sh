#!/usr/bin/env bash
# Packs the posfleet .NET tool as a release does, and checks each NativeAOT binary against the JIT build.
#
# Usage: eng/pack-tool.sh [--out DIR] [--version VERSION] [RID ...]
#   No RID: the pointer package and one package per runtime of the csproj's ToolPackageRuntimeIdentifiers.
#   RIDs:   those runtimes' packages only, without the pointer package.
#   A release gives --version (normalized, as NuGet names the files: 1.2.0, not 1.2); else 0.0.0-local.<time>.
#
# A NativeAOT package needs clang (the linker) and unzip; a NativeAOT runtime of another architecture than this
# machine's (linux-arm64 on linux-x64) needs that architecture's C runtime, libgcc, binutils and ICU, and qemu-user to
# run its binary here. Run as root on Debian, the script installs what is missing through apt-get (adding the
# architecture to dpkg); elsewhere it stops and names the packages. Each NativeAOT package must hold the binary of its
# architecture (its ELF header, and its SQLite library's) and no IL assemblies; the binary is run here (natively, or
# under qemu-user) on a generated POS log (every line, then its last 24 hours) and on every log of
# benchmarks/Fuzz/corpus/lines, and each `posfleet scan --json` must write byte for byte, on stdout and on stderr,
# what the framework-dependent build writes on the JIT, with the same exit code.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/src/Cli"
OUT="$root/artifacts/tool-packages"
VERSION=""
rids=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --out|--version)
      if [[ $# -lt 2 ]]; then
        echo "pack-tool: $1 needs a value (see --help)" >&2
        exit 2
      fi
      if [[ $1 == --out ]]; then OUT=$2; else VERSION=$2; fi
      shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "pack-tool: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) rids+=("$1"); shift ;;
  esac
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
version=${VERSION:-0.0.0-local.$(date +%s)}
# NuGet names a package's file with the normalized version (1.2 becomes 1.2.0): the files are looked for by that name.
if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "pack-tool: --version '$version' is not a normalized version (three numbers, then an optional -prerelease)" >&2
  exit 2
fi
logs="$OUT/logs"
mkdir -p "$logs"

# The runtimes come from the csproj, so that this script and a release never disagree on them.
prop() {
  local out
  if ! out=$(dotnet msbuild "$cli" -nologo -getProperty:"$1" 2>&1); then
    echo "pack-tool: dotnet msbuild could not read $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  tr -d '[:space:]' <<<"$out"
}
all=$(prop ToolPackageRuntimeIdentifiers)
native=$(prop NativeAotToolRuntimeIdentifiers)
pointer=0
if [[ ${#rids[@]} -eq 0 ]]; then
  IFS=';' read -ra rids <<<"$all"
  pointer=1
fi
aot_rids=()
for rid in "${rids[@]}"; do
  if [[ ";$all;" != *";$rid;"* ]]; then
    echo "pack-tool: '$rid' is not a runtime of the csproj's ToolPackageRuntimeIdentifiers ($all)" >&2
    exit 2
  fi
  [[ ";$native;" == *";$rid;"* ]] && aot_rids+=("$rid")
done

# apt-get only on Debian, as root: Ubuntu serves other architectures from another archive (ports.ubuntu.com), which
# its sources must name before `dpkg --add-architecture`.
can_install() {
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null && grep -qx 'ID=debian' /etc/os-release 2>/dev/null
}
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [[ ${#aot_rids[@]} -gt 0 ]]; then
  need=()
  command -v clang >/dev/null || need+=(clang)
  command -v unzip >/dev/null || need+=(unzip)
  if [[ ${#need[@]} -gt 0 ]]; then
    if ! can_install; then
      echo "pack-tool: missing: ${need[*]} (install the packages of those names)" >&2
      exit 1
    fi
    echo "pack-tool: installing ${need[*]}"
    apt-get update -qq
    apt_install "${need[@]}"
  fi
fi

case $(uname -m) in
  x86_64) here=x64 ;;
  aarch64) here=arm64 ;;
  *) here=$(uname -m) ;;
esac
triple() { case $1 in x64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac; }
debian_arch() { case $1 in x64) echo amd64 ;; arm64) echo arm64 ;; esac; }
elf_machine() { case $1 in x64) echo 62 ;; arm64) echo 183 ;; esac; }
qemu_for() { case $1 in x64) echo qemu-x86_64 ;; arm64) echo qemu-aarch64 ;; esac; }

# The foreign architecture's libraries must be the very versions of this machine's own: the same package names. GCC's
# version is the one whose libgcc clang links with here; ICU's the one installed.
gcc_version=$(clang -print-libgcc-file-name 2>/dev/null | sed -n 's|.*/gcc/[^/]*/\([0-9][0-9]*\)/.*|\1|p' || true)
icu_package=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' 'libicu[0-9]*' 2>/dev/null \
  | awk '$1 == "ii" && $2 ~ /^libicu[0-9]+$/ { print $2 }' | sort -V | tail -1 || true)

# What linking for ARCH on this machine lacks, as the Debian packages that bring it: its C runtime's start files,
# libgcc's (clang finds them through the GCC installation for that triple), its linker and objcopy, qemu-user, and the
# ICU libraries the tool loads at start.
lacks() {
  local arch=$1 t deb
  t=$(triple "$arch")
  deb=$(debian_arch "$arch")
  [[ -e /usr/lib/$t/crt1.o ]] || echo "libc6-dev:$deb"
  [[ $(clang --target="$t" -print-file-name=crtbeginS.o 2>/dev/null || true) == /* ]] \
    || echo "libgcc-${gcc_version:-12}-dev:$deb"
  { command -v "$t-ld" && command -v "$t-objcopy"; } >/dev/null || echo "binutils-${t//_/-}"
  command -v "$(qemu_for "$arch")" >/dev/null || echo "qemu-user"
  ls /usr/lib/"$t"/libicuuc.so.* >/dev/null 2>&1 || echo "${icu_package:-libicu72}:$deb"
}
cross_arches=()
for rid in "${aot_rids[@]}"; do
  arch=${rid#linux-}
  if [[ $rid == linux-* && $arch != "$here" && " ${cross_arches[*]} " != *" $arch "* ]]; then
    cross_arches+=("$arch")
  fi
done
for arch in "${cross_arches[@]}"; do
  missing=$(lacks "$arch" | paste -sd' ')
  [[ -z $missing ]] && continue
  deb=$(debian_arch "$arch")
  if can_install; then
    echo "pack-tool: installing what linking and running linux-$arch needs: $missing"
    added=0
    if ! dpkg --print-foreign-architectures | grep -qx "$deb"; then
      dpkg --add-architecture "$deb"
      added=1
    fi
    if ! apt-get update -qq; then
      [[ $added == 1 ]] && dpkg --remove-architecture "$deb"
      echo "pack-tool: apt-get update failed once $deb was added (see above); the architecture is removed again" >&2
      exit 1
    fi
    # shellcheck disable=SC2086
    apt_install $missing
    missing=$(lacks "$arch" | paste -sd' ')
  fi
  if [[ -n $missing ]]; then
    echo "pack-tool: linux-$arch cannot be linked or run on this machine; missing: $missing" >&2
    echo "pack-tool: on Debian, as root: dpkg --add-architecture $deb, apt-get update, apt-get install $missing" >&2
    exit 1
  fi
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Each package from a publish folder of its own: the SDK packs every file of the publish folder, and one left from an
# earlier build of the same runtime (a ReadyToRun one, say) would end up in the package.
run_logged() {
  local what=$1 log=$2 errors
  shift 2
  if ! "$@" >"$log" 2>&1; then
    errors=$(grep -E ': error |error [A-Z]+[0-9]+' "$log" | sort -u || true)
    if [[ -n $errors ]]; then
      echo "pack-tool: FAILED: $what; its errors (all its output: $log):" >&2
      head -20 <<<"$errors" >&2
    else
      echo "pack-tool: FAILED: $what; the end of its output ($log):" >&2
      tail -20 "$log" >&2
    fi
    exit 1
  fi
}
started=$SECONDS
for rid in "${rids[@]}"; do
  step=$SECONDS
  extra=()
  arch=${rid#linux-}
  # A cross-compiled binary is stripped with the target's own objcopy (the SDK takes llvm-objcopy or this machine's).
  [[ " ${cross_arches[*]} " == *" $arch "* ]] && extra+=("-p:ObjCopyName=$(triple "$arch")-objcopy")
  run_logged "dotnet pack -r $rid" "$logs/pack-$rid.log" \
    dotnet pack "$cli" -c Release -r "$rid" -o "$OUT" -p:Version="$version" -p:PublishDir="$stage/publish/$rid/" \
    "${extra[@]}" -nologo
  echo "pack-tool: PosFleet.Cli.$rid.$version.nupkg packed in $((SECONDS - step)) s"
done
if [[ $pointer == 1 ]]; then
  run_logged "dotnet pack (the pointer package)" "$logs/pack-pointer.log" \
    dotnet pack "$cli" -c Release -o "$OUT" -p:Version="$version" -nologo
  echo "pack-tool: PosFleet.Cli.$version.nupkg (the pointer package) packed"
fi

if [[ ${#aot_rids[@]} -eq 0 ]]; then
  echo "pack-tool: done in $((SECONDS - started)) s; packages in $OUT"
  exit 0
fi

# The reference: the framework-dependent build, run on the JIT by this machine's .NET, on the same inputs.
run_logged "dotnet build (the JIT build, the reference)" "$logs/build-reference.log" \
  dotnet build "$cli" -c Release -p:Version="$version" -nologo
reference=(dotnet "$cli/bin/Release/net10.0/posfleet.dll")
"${reference[@]}" generate -o "$stage/pos.log" --size 40MB --seed 7 >/dev/null
runs=("$stage/pos.log|--from 1970-01-01T00:00:00Z --to 2100-01-01T00:00:00Z --top 5"
  "$stage/pos.log|--since 24h --as-of 2026-11-20T00:00:00Z --top 5")
corpus=0
while IFS= read -r f; do
  runs+=("$f|")
  corpus=$((corpus + 1))
done < <(find "$root/benchmarks/Fuzz/corpus/lines" -type f -name '*.log' | sort)
if [[ $corpus == 0 ]]; then
  echo "pack-tool: FAILED: no log under benchmarks/Fuzz/corpus/lines" >&2
  exit 1
fi
fail=0
for i in "${!runs[@]}"; do
  r=${runs[$i]}
  read -ra args <<<"${r#*|}"
  set +e
  "${reference[@]}" scan "${r%%|*}" "${args[@]}" --json >"$stage/expected-$i.json" 2>"$stage/expected-$i.err"
  echo $? >"$stage/expected-$i.code"
  set -e
done
# The generated log's scans must succeed and report its lines, or the comparison says little.
for i in 0 1; do
  if [[ $(cat "$stage/expected-$i.code") != 0 ]] || ! grep -q '"linesInScope": [1-9]' "$stage/expected-$i.json"; then
    echo "pack-tool: FAILED: the JIT build's scan of the generated log (${runs[$i]#*|}) failed or found no line" \
      "in scope" >&2
    exit 1
  fi
done

for rid in "${aot_rids[@]}"; do
  arch=${rid#linux-}
  pkg="$OUT/PosFleet.Cli.$rid.$version.nupkg"
  if [[ ! -f $pkg ]]; then
    echo "pack-tool: FAILED: no $pkg (is --version normalized, as NuGet names the file?)" >&2
    fail=1
    continue
  fi
  entries=$(unzip -Z1 "$pkg")
  entry=$(grep -E "^tools/[^/]+/$rid/posfleet\$" <<<"$entries" || true)
  if [[ -z $entry ]]; then
    echo "pack-tool: FAILED: $pkg holds no tools/*/$rid/posfleet" >&2
    fail=1
    continue
  fi
  if ! grep -qxF "${entry%/posfleet}/libe_sqlite3.so" <<<"$entries"; then
    echo "pack-tool: FAILED: $pkg holds no ${entry%/posfleet}/libe_sqlite3.so beside posfleet" >&2
    fail=1
    continue
  fi
  if grep -qE '\.(dll|runtimeconfig\.json|deps\.json)$' <<<"$entries"; then
    echo "pack-tool: FAILED: $pkg, a NativeAOT package, holds IL or framework-dependent files:" >&2
    grep -E '\.(dll|runtimeconfig\.json|deps\.json)$' <<<"$entries" | head -5 >&2
    fail=1
    continue
  fi
  mkdir -p "$stage/$rid"
  unzip -q -o "$pkg" "$entry" "${entry%/posfleet}/libe_sqlite3.so" -d "$stage/$rid"
  bin="$stage/$rid/$entry"
  chmod +x "$bin"
  for elf in "$bin" "${bin%/posfleet}/libe_sqlite3.so"; do
    machine=$(od -An -t u2 -j 18 -N 2 "$elf" | tr -d ' ')
    if [[ $machine != "$(elf_machine "$arch")" ]]; then
      echo "pack-tool: FAILED: $rid's $(basename "$elf") is for ELF machine $machine, not $(elf_machine "$arch")" >&2
      fail=1
      continue 2
    fi
  done
  runner=()
  [[ $arch != "$here" ]] && runner=("$(qemu_for "$arch")")
  differ=0
  for i in "${!runs[@]}"; do
    r=${runs[$i]}
    read -ra args <<<"${r#*|}"
    set +e
    "${runner[@]}" "$bin" scan "${r%%|*}" "${args[@]}" --json >"$stage/actual.json" 2>"$stage/actual.err"
    got=$?
    set -e
    want=$(cat "$stage/expected-$i.code")
    if [[ $got != "$want" ]] || ! cmp -s "$stage/expected-$i.json" "$stage/actual.json" \
      || ! cmp -s "$stage/expected-$i.err" "$stage/actual.err"; then
      echo "pack-tool: FAILED: $rid: scan ${r%%|*} ${args[*]} --json: exit $got (the JIT build: $want)" >&2
      diff <(head -c 2000 "$stage/expected-$i.json") <(head -c 2000 "$stage/actual.json") | head -6 >&2 || true
      diff "$stage/expected-$i.err" "$stage/actual.err" | head -6 >&2 || true
      differ=$((differ + 1))
    fi
  done
  how="natively"
  [[ ${#runner[@]} -gt 0 ]] && how="under ${runner[0]}"
  if [[ $differ != 0 ]]; then
    echo "pack-tool: FAILED: $rid: $differ of ${#runs[@]} scans differ from the JIT build's ($how)" >&2
    fail=1
    continue
  fi
  echo "pack-tool: $rid: $(($(stat -c %s "$pkg") / 100000 / 10)).$(($(stat -c %s "$pkg") / 100000 % 10)) MB," \
    "posfleet and libe_sqlite3.so for ELF machine $(elf_machine "$arch"), no IL; ${#runs[@]} scans $how," \
    "each as the JIT build wrote it (stdout, stderr, exit code)"
done
if [[ $fail != 0 ]]; then
  echo "pack-tool: FAILED (see above)" >&2
  exit 1
fi
echo "pack-tool: done in $((SECONDS - started)) s; packages in $OUT"
