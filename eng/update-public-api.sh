#!/usr/bin/env bash
# Brings each project's PublicAPI.Unshipped.txt in line with its code: adds the public symbols a build reports as
# undeclared (RS0016) and drops the declared ones that no longer exist (RS0017), so that a change to the public API
# shows up as a diff of that file. Usage: eng/update-public-api.sh [project-or-sln]
set -euo pipefail
target=${1:-Sdk.sln}
log=$(mktemp)
dotnet build "$target" -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false 2>&1 | grep -E 'RS001[67]' >"$log" || true
python3 - "$log" <<'PY'
import re, sys, os, collections
adds, drops = collections.defaultdict(set), collections.defaultdict(set)
for line in open(sys.argv[1]):
    m = re.search(r": (?:error|warning) (RS001[67]): Symbol '(.*?)' (?:is not part|is part).*\[(.*?\.csproj)", line)
    if m:
        (adds if m.group(1) == 'RS0016' else drops)[os.path.dirname(m.group(3))].add(m.group(2))
for proj in set(adds) | set(drops):
    path = os.path.join(proj, 'PublicAPI.Unshipped.txt')
    existing = open(path).read().splitlines() if os.path.exists(path) else ['#nullable enable']
    kept = set(l for l in existing if l and not l.startswith('#') and not l.startswith(('<<<<<<<', '=======', '>>>>>>>')))
    lines = sorted((kept - drops[proj]) | adds[proj])
    open(path, 'w').write('#nullable enable\n' + '\n'.join(lines) + '\n')
    print(f"{path}: +{len(adds[proj])} -{len(drops[proj])}")
PY
rm -f "$log"
