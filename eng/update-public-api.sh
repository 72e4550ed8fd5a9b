#!/usr/bin/env bash
# Adds the public symbols a build reports as undeclared (RS0016) to each project's PublicAPI.Unshipped.txt,
# so that a change to the public API shows up as a diff of that file. Usage: eng/update-public-api.sh [project-or-sln]
set -euo pipefail
target=${1:-Sdk.sln}
log=$(mktemp)
dotnet build "$target" -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false 2>&1 | grep 'RS0016' >"$log" || true
python3 - "$log" <<'PY'
import re, sys, os, collections
adds = collections.defaultdict(set)
for line in open(sys.argv[1]):
    m = re.search(r"^(.*?)\(\d+,\d+\): (?:error|warning) RS0016: Symbol '(.*)' is not part of the declared public API.*\[(.*?\.csproj)", line)
    if m:
        adds[os.path.dirname(m.group(3))].add(m.group(2))
for proj, symbols in adds.items():
    path = os.path.join(proj, 'PublicAPI.Unshipped.txt')
    existing = open(path).read().splitlines() if os.path.exists(path) else ['#nullable enable']
    lines = sorted(set(l for l in existing if l and not l.startswith('#')) | symbols)
    open(path, 'w').write('#nullable enable\n' + '\n'.join(lines) + '\n')
    print(f"{path}: +{len(symbols)}")
PY
rm -f "$log"
