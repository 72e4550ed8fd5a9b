#!/usr/bin/env bash
# Packs the posfleet .NET tool as a release does, and checks what each runtime gets against the JIT build.
#
# Usage: eng/pack-tool.sh [--out DIR] [--version VERSION] [RID ...]
#   No RID: the pointer package and one package per runtime of the csproj's ToolPackageRuntimeIdentifiers.
#   RIDs:   those runtimes' packages only, without the pointer package (one is packed aside for the checks).
#   A release gives --version (normalized, as NuGet names the files: 1.2.0, not 1.2); else 0.0.0-local.<time>.
#
# Each runtime packed must be the one `dotnet tool install` takes on that runtime (DOTNET_RUNTIME_ID; "any" where a
# runtime has no package, freebsd-x64). A NativeAOT package is linked against a Debian 11 sysroot (glibc 2.31) made from
# Debian's archive (checked against its keys), kept in SYSROOTS (default artifacts/sysroots; DEBIAN_MIRROR names the
# mirror), so that it starts on glibc 2.29 and later (its SQLite library, from NuGet, asks for 2.34). Needed: unzip and
# python3; for NativeAOT clang, xz, curl, gpgv, qemu-user, another architecture's binutils (apt-get as root on Debian).
# A NativeAOT package must hold glibc binaries and a SQLite library of its architecture and no IL, and runs on the
# sysroot's glibc (under qemu-user for another architecture; for x64 also as an x86-64-v2 processor, where it must run
# its x86-64-v2 build, and without that build must say what is missing). A ReadyToRun package must hold posfleet.dll and
# PosFleet.Core.dll precompiled for its system and architecture, a launcher and SQLite library for them and its C
# library (musl for linux-musl-*); its assemblies run on this machine's .NET. The runs scan a generated POS log (every
# line, then its last 24 hours) and each log of benchmarks/Fuzz/corpus/lines; each `scan --json` must write byte for
# byte what the framework-dependent build writes on the JIT (stdout, stderr, exit code).
set -euo pipefail
shopt -s inherit_errexit
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
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
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
# The runtime-specific packages: each is read and its scans are run below ("any" only has its install checked).
specific=()
for rid in "${rids[@]}"; do
  [[ $rid != any ]] && specific+=("$rid")
done

# apt-get only on Debian, as root; elsewhere the script names what to install.
can_install() {
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null && grep -qx 'ID=debian' /etc/os-release 2>/dev/null
}

case $(uname -m) in
  x86_64) here=x64 ;;
  aarch64) here=arm64 ;;
  *) here=$(uname -m) ;;
esac
triple() { case $1 in x64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac; }
debian_arch() { case $1 in x64) echo amd64 ;; arm64) echo arm64 ;; esac; }
qemu_for() { case $1 in x64) echo qemu-x86_64 ;; arm64) echo qemu-aarch64 ;; esac; }
loader_of() { case $1 in x64) echo lib64/ld-linux-x86-64.so.2 ;; arm64) echo lib/ld-linux-aarch64.so.1 ;; esac; }

cross_arches=()
for rid in "${aot_rids[@]}"; do
  arch=${rid#linux-}
  if [[ $arch != "$here" && " ${cross_arches[*]} " != *" $arch "* ]]; then
    cross_arches+=("$arch")
  fi
done

# What the checks and the NativeAOT packages need here, as the Debian packages that bring it: unzip and python3 (to
# read the packages), clang (the linker), xz, curl and gpgv (for the sysroots below), qemu-user (to run another
# architecture's binary, and to play a processor without AVX2 for x64's), and another architecture's binutils (linker,
# objcopy).
need=()
if [[ ${#specific[@]} -gt 0 ]]; then
  command -v unzip >/dev/null || need+=(unzip)
  command -v python3 >/dev/null || need+=(python3)
fi
if [[ ${#aot_rids[@]} -gt 0 ]]; then
  command -v clang >/dev/null || need+=(clang)
  command -v xz >/dev/null || need+=(xz-utils)
  command -v curl >/dev/null || need+=(curl)
  command -v gpgv >/dev/null || need+=(gpgv)
  command -v readelf >/dev/null || need+=(binutils)
  [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || need+=(debian-archive-keyring)
  for arch in "${cross_arches[@]}"; do
    t=$(triple "$arch")
    { command -v "$t-ld" && command -v "$t-objcopy"; } >/dev/null || need+=("binutils-${t//_/-}")
  done
  for rid in "${aot_rids[@]}"; do
    command -v "$(qemu_for "${rid#linux-}")" >/dev/null || need+=(qemu-user)
  done
fi
mapfile -t need < <(printf '%s\n' "${need[@]}" | awk 'NF && !seen[$0]++')
if [[ ${#need[@]} -gt 0 ]]; then
  if ! can_install; then
    echo "pack-tool: missing: ${need[*]} (on Debian: apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "pack-tool: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The NativeAOT binary links the C library of the machine that builds it: built against Debian 12's glibc it would ask
# for its newest symbol versions (2.34) and stop at start on an older one ("version 'GLIBC_2.34' not found"), on Ubuntu
# 20.04 and Debian 11 among others, which run .NET 10. So it is linked against a sysroot of Debian 11 (glibc 2.31: its C
# runtime, libgcc, and, to run the binary here on that glibc, ICU and libstdc++), made from the packages of Debian's
# archive and kept in SYSROOTS (default artifacts/sysroots) for the next run. What is downloaded is checked as apt
# checks it: the suite's InRelease against Debian's archive keys, the package index against InRelease's SHA-256, each
# package against the index's.
SYSROOTS=${SYSROOTS:-$root/artifacts/sysroots}
mkdir -p "$SYSROOTS"
SYSROOTS=$(cd "$SYSROOTS" && pwd)
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
sysroot_suite=bullseye
sysroot_glibc=2.31
sysroot_packages=(libc6 libc6-dev libgcc-10-dev libgcc-s1 linux-libc-dev libcrypt1 libcrypt-dev libicu67 libstdc++6
  zlib1g)
make_sysroot() {
  local arch=$1 dir deb t release index pkg file sum link target want
  deb=$(debian_arch "$arch")
  t=$(triple "$arch")
  dir="$SYSROOTS/$sysroot_suite-$deb"
  want="$sysroot_suite ${sysroot_packages[*]}"
  if [[ -f $dir/.complete && $(cat "$dir/.complete") == "$want" ]]; then
    echo "$dir"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  fetch() {
    if ! curl -fsS --retry 3 -o "$2" "$DEBIAN_MIRROR/$1"; then
      echo "pack-tool: FAILED: could not fetch $DEBIAN_MIRROR/$1 (set DEBIAN_MIRROR to a mirror that holds" \
        "$sysroot_suite)" >&2
      exit 1
    fi
  }
  release="$dir/.InRelease"
  fetch "dists/$sysroot_suite/InRelease" "$release.signed"
  if ! gpgv --keyring /usr/share/keyrings/debian-archive-keyring.gpg --output "$release" "$release.signed" \
    2>"$dir/.gpgv"; then
    echo "pack-tool: FAILED: $sysroot_suite's InRelease is not signed by a Debian archive key:" >&2
    cat "$dir/.gpgv" >&2
    exit 1
  fi
  index="$dir/.Packages"
  fetch "dists/$sysroot_suite/main/binary-$deb/Packages.xz" "$index.xz"
  sum=$(awk -v f="main/binary-$deb/Packages.xz" '/^SHA256:/ { in256 = 1; next } /^[^ ]/ { in256 = 0 }
    in256 && $3 == f { print $1; exit }' "$release")
  if [[ -z $sum ]] || ! sha256sum --status -c <<<"$sum  $index.xz"; then
    echo "pack-tool: FAILED: $sysroot_suite's package index for $deb does not match its InRelease" >&2
    exit 1
  fi
  xz -d "$index.xz"
  for pkg in "${sysroot_packages[@]}"; do
    read -r file sum < <(awk -v p="$pkg" '$1 == "Package:" { cur = $2 } cur == p && $1 == "Filename:" { f = $2 }
      cur == p && $1 == "SHA256:" { s = $2 } cur == p && f != "" && s != "" { print f, s; exit }' "$index") || true
    if [[ -z ${file:-} ]]; then
      echo "pack-tool: FAILED: no $pkg ($deb) in $sysroot_suite's index" >&2
      exit 1
    fi
    fetch "$file" "$dir/.deb"
    if ! sha256sum --status -c <<<"$sum  $dir/.deb"; then
      echo "pack-tool: FAILED: $file does not match the SHA-256 of $sysroot_suite's index" >&2
      exit 1
    fi
    dpkg-deb -x "$dir/.deb" "$dir"
  done
  rm -f "$dir/.deb" "$index" "$release" "$release.signed" "$dir/.gpgv"
  # A link to an absolute path (libgcc_s.so, libm.so, ...) leads into the sysroot, not to this machine's file.
  while IFS= read -r link; do
    target=$(readlink "$link")
    ln -sfn "$(realpath -ms --relative-to="$(dirname "$link")" "$dir$target")" "$link"
  done < <(find "$dir" -type l -lname '/*')
  if [[ ! -e $dir/$(loader_of "$arch") || ! -e $dir/usr/lib/$t/crt1.o ]]; then
    echo "pack-tool: FAILED: the $deb sysroot in $dir lacks its loader or C runtime" >&2
    exit 1
  fi
  echo "$want" >"$dir/.complete"
  echo "$dir"
}
declare -A sysroot
for rid in "${aot_rids[@]}"; do
  arch=${rid#linux-}
  sysroot[$arch]=$(make_sysroot "$arch")
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The newest glibc symbol version an ELF file asks for (its version needs), empty where it asks for none.
newest_glibc() {
  { readelf -V "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1; } || true
}

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
  if [[ ";$native;" == *";$rid;"* ]]; then
    extra+=("-p:SysRoot=${sysroot[$arch]}")
    # A cross-compiled binary is stripped with the target's own objcopy (the SDK takes llvm-objcopy or this machine's).
    [[ $arch != "$here" ]] && extra+=("-p:ObjCopyName=$(triple "$arch")-objcopy")
  fi
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

# Which package `dotnet tool install` takes on each runtime packed here, as the SDK chooses it: it walks the runtime
# graph from the machine's runtime to the first one the pointer package names, and linux-musl-x64 imports linux-x64 (a
# glibc build, which does not start on Alpine) before "any". DOTNET_RUNTIME_ID makes the SDK take the runtime named
# for its own. Each runtime must get its own package, and "any" must be what a runtime with none of its own gets
# (freebsd-x64). Without the pointer package (RIDs named), one is packed for this check only.
pointer_dir=$OUT
if [[ $pointer == 0 ]]; then
  pointer_dir="$stage/pointer"
  run_logged "dotnet pack (the pointer package, for the check of what each runtime installs)" \
    "$logs/pack-pointer.log" dotnet pack "$cli" -c Release -o "$pointer_dir" -p:Version="$version" -nologo
fi
sources=(--add-source "$OUT")
[[ $pointer_dir != "$OUT" ]] && sources+=(--add-source "$pointer_dir")
fail=0
for rid in "${rids[@]}"; do
  as=$rid
  [[ $rid == any ]] && as=freebsd-x64
  if ! DOTNET_RUNTIME_ID=$as dotnet tool install PosFleet.Cli --version "$version" --tool-path "$stage/install/$rid" \
    "${sources[@]}" >"$logs/install-$rid.log" 2>&1; then
    echo "pack-tool: FAILED: dotnet tool install as $as; the end of its output ($logs/install-$rid.log):" >&2
    tail -5 "$logs/install-$rid.log" >&2
    fail=1
    continue
  fi
  # The tool store names the version's folder in lower case.
  got=$(find "$stage/install/$rid/.store/posfleet.cli/${version,,}" -mindepth 1 -maxdepth 1 -type d \
    -name 'posfleet.cli.*' -printf '%f\n' 2>/dev/null || true)
  if [[ $got != "posfleet.cli.${rid,,}" ]]; then
    echo "pack-tool: FAILED: dotnet tool install as $as took ${got:-no package} instead of posfleet.cli.${rid,,}" >&2
    fail=1
    continue
  fi
  echo "pack-tool: dotnet tool install as $as takes PosFleet.Cli.$rid"
done

if [[ ${#specific[@]} -eq 0 ]]; then
  if [[ $fail != 0 ]]; then
    echo "pack-tool: FAILED (see above)" >&2
    exit 1
  fi
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
# Runs scan number $1 of runs with the command that follows $2, into $2.json, $2.err and $2.code (its exit code).
run_scan() {
  local r=${runs[$1]} to=$2 args
  shift 2
  read -ra args <<<"${r#*|}"
  set +e
  "$@" scan "${r%%|*}" "${args[@]}" --json >"$to.json" 2>"$to.err"
  echo $? >"$to.code"
  set -e
}
for i in "${!runs[@]}"; do
  run_scan "$i" "$stage/expected-$i" "${reference[@]}"
done
# The generated log's scans must succeed and report its lines, or the comparison says little.
for i in 0 1; do
  if [[ $(cat "$stage/expected-$i.code") != 0 ]] || ! grep -q '"linesInScope": [1-9]' "$stage/expected-$i.json"; then
    echo "pack-tool: FAILED: the JIT build's scan of the generated log (${runs[$i]#*|}) failed or found no line" \
      "in scope" >&2
    exit 1
  fi
done

# Whether scan number $1's output in $2.json, $2.err and $2.code is the reference's, byte for byte.
same_as_reference() {
  [[ $(cat "$2.code") == "$(cat "$stage/expected-$1.code")" ]] && cmp -s "$stage/expected-$1.json" "$2.json" \
    && cmp -s "$stage/expected-$1.err" "$2.err"
}
# Runs every scan with the command given and compares it with the reference's; fails, saying how many differ, if any do.
scans_match() {
  local label=$1 how=$2 differ=0 i got want
  shift 2
  for i in "${!runs[@]}"; do
    run_scan "$i" "$stage/actual" "$@"
    got=$(cat "$stage/actual.code")
    want=$(cat "$stage/expected-$i.code")
    if ! same_as_reference "$i" "$stage/actual"; then
      echo "pack-tool: FAILED: $label: scan ${runs[$i]%%|*} ${runs[$i]#*|} --json: exit $got (the JIT build: $want)" >&2
      diff <(head -c 2000 "$stage/expected-$i.json") <(head -c 2000 "$stage/actual.json") | head -6 >&2 || true
      diff "$stage/expected-$i.err" "$stage/actual.err" | head -6 >&2 || true
      differ=$((differ + 1))
    fi
  done
  if [[ $differ != 0 ]]; then
    echo "pack-tool: FAILED: $label: $differ of ${#runs[@]} scans differ from the JIT build's ($how)" >&2
    return 1
  fi
}
kind() { python3 "$root/eng/binary-kind.py" "$1"; }
size_mb() { echo "$(($(stat -c %s "$1") / 100000 / 10)).$(($(stat -c %s "$1") / 100000 % 10))"; }

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
  if grep -qE '\.(dll|runtimeconfig\.json|deps\.json)$' <<<"$entries"; then
    echo "pack-tool: FAILED: $pkg, a NativeAOT package, holds IL or framework-dependent files:" >&2
    grep -E '\.(dll|runtimeconfig\.json|deps\.json)$' <<<"$entries" | head -5 >&2
    fail=1
    continue
  fi
  mkdir -p "$stage/$rid"
  # The x64 package also holds the x86-64-v2 build that the binary runs on a processor without AVX2 (the csproj).
  binaries=(posfleet)
  [[ $arch == x64 ]] && binaries+=(posfleet.x86-64-v2)
  files=()
  for b in "${binaries[@]}" libe_sqlite3.so; do
    if ! grep -qxF "${entry%/posfleet}/$b" <<<"$entries"; then
      echo "pack-tool: FAILED: $pkg holds no ${entry%/posfleet}/$b" >&2
      fail=1
      continue 2
    fi
    files+=("${entry%/posfleet}/$b")
  done
  unzip -q -o "$pkg" "${files[@]}" -d "$stage/$rid"
  bin="$stage/$rid/$entry"
  for b in "${binaries[@]}"; do chmod +x "${bin%/posfleet}/$b"; done
  for b in "${binaries[@]}" libe_sqlite3.so; do
    got=$(kind "${bin%/posfleet}/$b" 2>&1) || true
    if [[ $got != "elf $arch glibc" ]]; then
      echo "pack-tool: FAILED: $rid's $b is $got, not elf $arch glibc" >&2
      fail=1
      continue 2
    fi
  done
  # The newest glibc a binary asks for must be the sysroot's at most; it is run on the sysroot's own glibc. The SQLite
  # library beside it comes built from its NuGet package (SQLitePCLRaw): what it asks for is reported, not changed.
  sqlite_newest=$(newest_glibc "${bin%/posfleet}/libe_sqlite3.so")
  needs=""
  for b in "${binaries[@]}"; do
    newest=$(newest_glibc "${bin%/posfleet}/$b")
    needs="${needs:+$needs, }$b glibc $newest"
    if [[ -z $newest || $(printf '%s\n' "$newest" "$sysroot_glibc" | sort -V | tail -1) != "$sysroot_glibc" ]]; then
      echo "pack-tool: FAILED: $rid's $b asks for glibc $newest, newer than the sysroot's $sysroot_glibc" >&2
      fail=1
      continue 2
    fi
  done
  s=${sysroot[$arch]}
  t=$(triple "$arch")
  if [[ $arch == "$here" ]]; then
    runner=("$s/$(loader_of "$arch")" --library-path "$s/lib/$t:$s/usr/lib/$t")
  else
    runner=("$(qemu_for "$arch")" -L "$s")
  fi
  how="with Debian $sysroot_suite's loader and glibc $sysroot_glibc"
  [[ $arch != "$here" ]] && how="$how under ${runner[0]}"
  if ! scans_match "$rid" "$how" "${runner[@]}" "$bin"; then
    fail=1
    continue
  fi
  portable=""
  if [[ $arch == x64 ]]; then
    # On an x86-64-v2 processor (qemu's Nehalem: SSE4.2, no AVX) the x86-64-v2 build must write the same; its scans get
    # the sysroot's libraries first, as the native run does (else the loader, reading this machine's library cache,
    # finds this machine's ICU, which asks for a newer glibc). qemu-user does not follow an exec: what posfleet starts
    # runs on this machine's processor, loader and libraries. So posfleet is run once, without the sysroot's libraries,
    # to show that it starts the v2 build with its arguments (its v3 code would abort there). Alone, posfleet must say
    # what is missing and exit with 1, not abort in the runtime.
    nehalem=(qemu-x86_64 -cpu Nehalem -L "$s")
    if ! scans_match "$rid's x86-64-v2 build on an x86-64-v2 processor" "under ${nehalem[*]:0:3}" "${nehalem[@]}" \
      -E "LD_LIBRARY_PATH=$s/lib/$t:$s/usr/lib/$t" "${bin%/posfleet}/posfleet.x86-64-v2"; then
      fail=1
      continue
    fi
    run_scan 0 "$stage/exec" "${nehalem[@]}" "$bin"
    if ! same_as_reference 0 "$stage/exec"; then
      echo "pack-tool: FAILED: $rid's posfleet on an x86-64-v2 processor did not run its x86-64-v2 build's scan" \
        "(exit $(cat "$stage/exec.code")):" >&2
      head -3 "$stage/exec.err" >&2
      fail=1
      continue
    fi
    mkdir -p "$stage/$rid-alone"
    cp "$bin" "$stage/$rid-alone/posfleet"
    set +e
    "${nehalem[@]}" "$stage/$rid-alone/posfleet" --version >/dev/null 2>"$stage/alone.err"
    got=$?
    set -e
    if [[ $got != 1 ]] || ! grep -q '^posfleet: this processor lacks AVX' "$stage/alone.err"; then
      echo "pack-tool: FAILED: $rid's posfleet without its x86-64-v2 build, on an x86-64-v2 processor: exit $got," \
        "not 1 with what is missing:" >&2
      grep -v 'TCG doesn' "$stage/alone.err" | head -3 >&2 || true
      fail=1
      continue
    fi
    portable="; on an x86-64-v2 processor (${nehalem[*]:0:3}) the same scans by its x86-64-v2 build, posfleet runs"
    portable="$portable that build, and alone it says"
    portable="$portable \"$(grep -o '^posfleet: this processor lacks [^,]*' "$stage/alone.err")\" and exits with 1"
  fi
  echo "pack-tool: $rid: $(size_mb "$pkg") MB, ${binaries[*]} and libe_sqlite3.so elf $arch glibc, no IL; needs:" \
    "$needs or later (libe_sqlite3.so, for the commands that open a store: $sqlite_newest); ${#runs[@]} scans" \
    "$how, each as the JIT build wrote it (stdout, stderr, exit code)$portable"
done

# Each framework-dependent package (ReadyToRun): posfleet.dll and PosFleet.Core.dll precompiled for its system and
# architecture (the largest libraries stay IL by design), its launcher and SQLite library built for its system,
# architecture and C library (musl for linux-musl-*: Alpine has no glibc), and its assemblies, run here by this
# machine's .NET as the launcher runs them, writing what the JIT build writes. Here that runs the ReadyToRun code of a
# Linux x64 package; other packages' code is compiled by the JIT from their IL. Their launchers and SQLite libraries are
# for other machines and are not run.
for rid in "${specific[@]}"; do
  [[ ";$native;" == *";$rid;"* ]] && continue
  pkg="$OUT/PosFleet.Cli.$rid.$version.nupkg"
  if [[ ! -f $pkg ]]; then
    echo "pack-tool: FAILED: no $pkg (is --version normalized, as NuGet names the file?)" >&2
    fail=1
    continue
  fi
  os=${rid%-*}
  arch=${rid##*-}
  case $os in
    win) launcher=posfleet.exe sqlite=e_sqlite3.dll native_kind="pe $arch native" system=windows ;;
    osx) launcher=posfleet sqlite=libe_sqlite3.dylib native_kind="macho $arch" system=osx ;;
    linux-musl) launcher=posfleet sqlite=libe_sqlite3.so native_kind="elf $arch musl" system=linux ;;
    linux) launcher=posfleet sqlite=libe_sqlite3.so native_kind="elf $arch glibc" system=linux ;;
    *) echo "pack-tool: FAILED: no check for the files of a $os package ($rid)" >&2; fail=1; continue ;;
  esac
  rm -rf "${stage:?}/$rid"
  unzip -q "$pkg" -d "$stage/$rid"
  dir=$(find "$stage/$rid/tools" -mindepth 2 -maxdepth 2 -type d -name "$rid" 2>/dev/null | head -1 || true)
  bad=()
  for f in "$launcher|$native_kind" "$sqlite|$native_kind" "posfleet.dll|pe $arch r2r $system" \
    "PosFleet.Core.dll|pe $arch r2r $system"; do
    file=${f%%|*}
    if [[ -z $dir || ! -f $dir/$file ]]; then
      bad+=("no tools/*/$rid/$file")
      continue
    fi
    got=$(kind "$dir/$file" 2>&1) || true
    [[ $got != "${f#*|}" ]] && bad+=("$file is $got, not ${f#*|}")
  done
  if [[ ${#bad[@]} -gt 0 ]]; then
    echo "pack-tool: FAILED: $pkg:" >&2
    printf '  %s\n' "${bad[@]}" >&2
    fail=1
    continue
  fi
  if ! scans_match "$rid" "by its assemblies on this machine's .NET" dotnet "$dir/posfleet.dll"; then
    fail=1
    continue
  fi
  echo "pack-tool: $rid: $(size_mb "$pkg") MB, $launcher and $sqlite $native_kind, posfleet.dll and" \
    "PosFleet.Core.dll ReadyToRun for $system $arch; ${#runs[@]} scans by its assemblies on this machine's .NET, each" \
    "as the JIT build wrote it"
done
if [[ $fail != 0 ]]; then
  echo "pack-tool: FAILED (see above)" >&2
  exit 1
fi
echo "pack-tool: done in $((SECONDS - started)) s; packages in $OUT"
