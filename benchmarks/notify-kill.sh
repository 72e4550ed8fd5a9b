#!/usr/bin/env bash
# Every notification goes out once and none is lost, however often the back office is killed with SIGKILL. For each
# trial: a host (NotifyKill) over a SQLite file publishes EVENTS "intervention created Open" events, each notifying two
# administrators by e-mail (pickup folder) and in the in-app inbox; it is killed 1 to 3 times at random moments
# (publishing, dispatching, between sending and recording) and restarted, republishing every event, then run to the
# end. Counted: lost = an (event, administrator) pair with no .eml, no inbox entry, or a delivery not sent;
# duplicates = more than one .eml for one pair, more than one inbox entry or delivery for one key.
#
#   benchmarks/notify-kill.sh [TRIALS=200] [EVENTS=100] [WORKDIR] [SEED]     (environment: SKIP_BUILD, UNTIL=epoch s,
#                                                                              KILL_AFTER="0.5 2.5" s: the pause before a kill)
set -euo pipefail
trials=${1:-200}
events=${2:-100}
work=${3:-$(mktemp -d /tmp/posfleet-notify-kill.XXXXXX)}
seed=${4:-$$}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || dotnet build "$root/benchmarks/NotifyKill" -c Release -nologo -v q >/dev/null
tool="$root/benchmarks/NotifyKill/bin/Release/net10.0/notify-kill"
RANDOM=$seed
echo "notify-kill: $trials trials of $events events x 2 administrators, seed $seed, in $work"

host=""
trap '[ -n "$host" ] && kill -9 "$host" 2>/dev/null || true' EXIT
pause() { sleep "$(awk -v r=$RANDOM -v lo="$1" -v hi="$2" 'BEGIN { printf "%.3f", lo + (r / 32767) * (hi - lo) }')"; }

kills=0; lost=0; dups=0; failed=0; ran=0; expected_total=0
started=$(date +%s)
summary() { echo "notify-kill: trials $ran, kills $kills, notifications expected $expected_total (e-mail + in-app), lost $lost, duplicates $dups, failed trials $failed ($(( $(date +%s) - started )) s)"; }
for ((t = 1; t <= trials; t++)); do
  if [ -n "${UNTIL:-}" ] && (( $(date +%s) >= UNTIL )); then echo "stopped at the time limit after $ran of $trials trials"; break; fi
  dir="$work/trial"; rm -rf "$dir"; mkdir -p "$dir"
  for ((k = 1 + RANDOM % 3; k > 0; k--)); do
    "$tool" run --dir "$dir" --events "$events" >>"$dir/host.log" 2>&1 &
    host=$!
    pause ${KILL_AFTER:-0.5 2.5}
    if kill -9 "$host" 2>/dev/null; then kills=$((kills + 1)); echo "--- SIGKILL" >>"$dir/host.log"; fi
    wait "$host" 2>/dev/null || true
    host=""
  done
  rc=0
  timeout 300 "$tool" run --dir "$dir" --events "$events" >>"$dir/host.log" 2>&1 || rc=$?
  expected=$((events * 2))
  # Each .eml: its To address and the intervention in its subject; one pair per file expected.
  pairs=$(for f in "$dir"/mail/*.eml; do [ -f "$f" ] || continue; to=$(grep -m1 -i '^To:' "$f" | grep -o '[a-z]*@example\.it'); item=$(grep -m1 -i '^Subject:' "$f" | grep -o 'INT-[0-9]*'); echo "$to $item"; done)
  files=$(printf '%s\n' "$pairs" | grep -c . || true)
  distinct=$(printf '%s\n' "$pairs" | grep . | sort -u | wc -l)
  read -r outbox sent inbox inbox_keys <<<"$(sqlite3 -separator ' ' "$dir/notify.db" "
    SELECT (SELECT count(*) FROM notification_outbox), (SELECT count(*) FROM notification_outbox WHERE state = 1),
           (SELECT count(*) FROM notification_inbox), (SELECT count(DISTINCT item_id || recipient) FROM notification_inbox);")"
  trial_lost=$(( (expected - distinct) + (expected - sent) + (expected - inbox_keys) ))
  trial_dups=$(( (files - distinct) + (outbox - expected > 0 ? outbox - expected : 0) + (inbox - inbox_keys) ))
  expected_total=$((expected_total + 2 * expected)); lost=$((lost + trial_lost)); dups=$((dups + trial_dups))
  if (( rc != 0 || trial_lost != 0 || trial_dups != 0 )); then
    failed=$((failed + 1))
    echo "trial $t FAILED: exit $rc, mails $files ($distinct distinct), outbox $outbox ($sent sent), inbox $inbox ($inbox_keys distinct) of $expected (kept in $work/failed-$t)" >&2
    mv "$dir" "$work/failed-$t"
  fi
  ran=$t
  if (( t % 10 == 0 && t < trials )); then echo "  so far: $(summary)"; fi
done
summary
(( lost == 0 && dups == 0 && failed == 0 ))
