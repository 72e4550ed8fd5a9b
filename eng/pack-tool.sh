#!/usr/bin/env bash
# Packs the posfleet .NET tool as a release does, and checks each NativeAOT binary against the JIT build.
#
# Usage: eng/pack-tool.sh [--out DIR] [--version VERSION] [RID ...]
#   No RID: the pointer package and one package per runtime of the csproj's ToolPackageRuntimeIdentifiers.
#   RIDs:   those runtimes' packages only, without the pointer package.
#
# A NativeAOT runtime of another architecture than this machine's (linux-arm64 on linux-x64) is compiled across: where
# its C runtime, libgcc or linker is missing, the script installs them through apt-get (Debian multiarch), and stops
# naming them where it cannot. Each NativeAOT package's binary is taken out of the package, its architecture read from
# its ELF header, and it is run here (natively, or under qemu-user for another architecture): `posfleet scan --json` of a
# generated POS log (a whole-file window and a 24-hour one) and of every log of benchmarks/Fuzz/corpus/lines must write
# byte for byte what the framework-dependent build writes on the JIT, with the same exit code.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/src/Cli"
OUT="$root/artifacts/tool-packages"
VERSION=""
rids=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    --version) VERSION=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "pack-tool: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) rids+=("$1"); shift ;;
  esac
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
version=${VERSION:-0.0.0-local.$(date +%s)}

# The runtimes come from the csproj, so that this script and a release never disagree on them.
prop() { dotnet msbuild "$cli" -nologo -getProperty:"$1"; }
all=$(prop ToolPackageRuntimeIdentifiers)
native=$(prop NativeAotToolRuntimeIdentifiers)
pointer=0
if [[ ${#rids[@]} -eq 0 ]]; then
  IFS=';' read -ra rids <<<"$all"
  pointer=1
fi
for rid in "${rids[@]}"; do
  if [[ ";$all;" != *";$rid;"* ]]; then
    echo "pack-tool: '$rid' is not a runtime of the csproj's ToolPackageRuntimeIdentifiers ($all)" >&2
    exit 2
  fi
done

# What every NativeAOT package needs on this machine: clang, which links the binary, and unzip, which takes it back out.
can_install() { [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; }
need=()
command -v clang >/dev/null || need+=(clang)
command -v unzip >/dev/null || need+=(unzip)
if [[ ${#need[@]} -gt 0 ]]; then
  if ! can_install; then
    echo "pack-tool: missing: ${need[*]} (on Debian or Ubuntu: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "pack-tool: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
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

# What linking for ARCH on this machine lacks: its C runtime's start files, libgcc's (which clang finds through the GCC
# installation for that triple), its linker; and, to run the binary, qemu-user and the ICU libraries the tool loads.
lacks() {
  local arch=$1 t
  t=$(triple "$arch")
  [[ -e /usr/lib/$t/crt1.o ]] || echo "the C runtime (libc6-dev:$(debian_arch "$arch"))"
  [[ $(clang --target="$t" -print-file-name=crtbeginS.o 2>/dev/null) == /* ]] || echo "libgcc (libgcc-N-dev:$(debian_arch "$arch"))"
  command -v "$t-ld" >/dev/null || echo "the linker (binutils-${t//_/-})"
  command -v "$(qemu_for "$arch")" >/dev/null || echo "qemu-user"
  ls /usr/lib/"$t"/libicuuc.so.* >/dev/null 2>&1 || echo "ICU (libicuNN:$(debian_arch "$arch"))"
}
cross_arches=()
for rid in "${rids[@]}"; do
  arch=${rid#linux-}
  if [[ ";$native;" == *";$rid;"* && $rid == linux-* && $arch != "$here" && " ${cross_arches[*]} " != *" $arch "* ]]; then
    cross_arches+=("$arch")
  fi
done
for arch in "${cross_arches[@]}"; do
  missing=$(lacks "$arch")
  [[ -z $missing ]] && continue
  if can_install; then
    deb=$(debian_arch "$arch")
    t=$(triple "$arch")
    # The foreign architecture's libraries must be the very versions of this machine's: the same package names.
    libgcc=$(dpkg-query -W -f='${Package}\n' 'libgcc-*-dev' 2>/dev/null | grep -E '^libgcc-[0-9]+-dev$' | sort -V | tail -1)
    icu=$(dpkg-query -W -f='${Package}\n' 'libicu[0-9]*' 2>/dev/null | grep -E '^libicu[0-9]+$' | sort -V | tail -1)
    echo "pack-tool: installing what linking and running linux-$arch needs: $(paste -sd, <<<"$missing" | sed 's/,/, /g')"
    dpkg --add-architecture "$deb"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "libc6-dev:$deb" "${libgcc:-libgcc-12-dev}:$deb" \
      "${icu:-libicu72}:$deb" "binutils-${t//_/-}" qemu-user >/dev/null
    missing=$(lacks "$arch")
  fi
  if [[ -n $missing ]]; then
    echo "pack-tool: linux-$arch cannot be linked or run on this machine; missing: $(paste -sd, <<<"$missing" | sed 's/,/, /g')" >&2
    echo "pack-tool: on Debian or Ubuntu: dpkg --add-architecture $(debian_arch "$arch"), then apt-get install the packages named" >&2
    exit 1
  fi
done

started=$SECONDS
for rid in "${rids[@]}"; do
  step=$SECONDS
  dotnet pack "$cli" -c Release -r "$rid" -o "$OUT" -p:Version="$version" -nologo -v quiet >/dev/null
  echo "pack-tool: PosFleet.Cli.$rid.$version.nupkg packed in $((SECONDS - step)) s"
done
if [[ $pointer == 1 ]]; then
  dotnet pack "$cli" -c Release -o "$OUT" -p:Version="$version" -nologo -v quiet >/dev/null
  echo "pack-tool: PosFleet.Cli.$version.nupkg (the pointer package) packed"
fi

# The check: each NativeAOT binary against the framework-dependent build on the JIT, on the same logs.
checked=()
for rid in "${rids[@]}"; do
  [[ ";$native;" == *";$rid;"* ]] && checked+=("$rid")
done
if [[ ${#checked[@]} -gt 0 ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  dotnet build "$cli" -c Release -nologo -v quiet >/dev/null
  reference=(dotnet "$cli/bin/Release/net10.0/posfleet.dll")
  "${reference[@]}" generate -o "$work/pos.log" --size 40MB --seed 7 >/dev/null
  inputs=("$work/pos.log")
  while IFS= read -r f; do inputs+=("$f"); done < <(find "$root/benchmarks/Fuzz/corpus/lines" -type f -name '*.log' | sort)
  # Each input with the arguments it is scanned with (the generated log twice: every line, then its last 24 hours).
  runs=()
  runs+=("$work/pos.log|--from 1970-01-01T00:00:00Z --to 2100-01-01T00:00:00Z --top 5")
  runs+=("$work/pos.log|--since 24h --as-of 2026-11-20T00:00:00Z --top 5")
  for f in "${inputs[@]:1}"; do runs+=("$f|"); done
  fail=0
  for rid in "${checked[@]}"; do
    arch=${rid#linux-}
    bin="$work/$rid/posfleet"
    mkdir -p "$work/$rid"
    pkg="$OUT/PosFleet.Cli.$rid.$version.nupkg"
    entry=$(unzip -Z1 "$pkg" | grep -E "^tools/[^/]+/$rid/posfleet\$" || true)
    if [[ -z $entry ]]; then
      echo "pack-tool: FAILED: $pkg holds no tools/*/$rid/posfleet" >&2
      fail=1
      continue
    fi
    unzip -p "$pkg" "$entry" >"$bin"
    chmod +x "$bin"
    machine=$(od -An -t u2 -j 18 -N 2 "$bin" | tr -d ' ')
    if [[ $machine != "$(elf_machine "$arch")" ]]; then
      echo "pack-tool: FAILED: $rid's posfleet is for ELF machine $machine, not $(elf_machine "$arch")" >&2
      fail=1
      continue
    fi
    runner=()
    [[ $arch != "$here" ]] && runner=("$(qemu_for "$arch")")
    n=0
    for r in "${runs[@]}"; do
      file=${r%%|*}
      read -ra args <<<"${r#*|}"
      set +e
      "${reference[@]}" scan "$file" "${args[@]}" --json >"$work/expected.json" 2>/dev/null
      want=$?
      "${runner[@]}" "$bin" scan "$file" "${args[@]}" --json >"$work/actual.json" 2>"$work/actual.err"
      got=$?
      set -e
      if [[ $got != "$want" ]] || ! cmp -s "$work/expected.json" "$work/actual.json"; then
        echo "pack-tool: FAILED: $rid: scan ${file#"$root/"} ${args[*]} --json: exit $got (the JIT build: $want), output differs:" >&2
        diff <(head -c 2000 "$work/expected.json") <(head -c 2000 "$work/actual.json") | head -10 >&2 || true
        head -5 "$work/actual.err" >&2
        fail=1
      fi
      n=$((n + 1))
    done
    size=$(stat -c %s "$pkg")
    how="natively"
    [[ ${#runner[@]} -gt 0 ]] && how="under ${runner[0]}"
    echo "pack-tool: $rid: package $((size / 1000000)) MB, posfleet for ELF machine $machine; run $how on $n scans"
  done
  if [[ $fail != 0 ]]; then
    echo "pack-tool: FAILED: a NativeAOT binary's scan differs from the JIT build's (see above)" >&2
    exit 1
  fi
  echo "pack-tool: every NativeAOT binary wrote what the JIT build wrote"
fi
echo "pack-tool: done in $((SECONDS - started)) s; packages in $OUT"
