#!/usr/bin/env bash
# Every remote action runs once and has exactly one recorded outcome, however often the terminal (and, in a share of
# trials, the back office) is killed with SIGKILL. For each trial: a back office (MapPosFleetSync over a SQLite file)
# that queues ACTIONS "work" actions, and a terminal (SQLite journal) that syncs and runs them; its handler prints
# "handler started ID" and appends "start ID ATTEMPT RECOVERY" and "done ID" to runs.log, flushed (a recovery first
# appends "recover ID ATTEMPT done|redo"). The terminal is killed 1 to 3 times and restarted. The first kill of a
# trial, and two in three of the others, wait for the Nth "handler started" line of that run (N = 1 to 4) and land
# 0 to 40 ms later, inside the handler's 40 to 100 ms of work (or just after it, before the result is journaled);
# the rest land at a random moment (0.4 to 1.6 s after the start). A kill is counted "inside a handler" when that run's
# last "start" in runs.log has no "done" after it. Every BO_EVERY-th trial the back office is killed too. Then the
# terminal runs until the back office holds every outcome, and the counts are checked: run twice = an action whose
# work was done twice or started twice outside a recovery; lost = an action without its work done or without a
# Succeeded outcome; outcomes recorded more than once. Recoveries = "recover" lines (the handler told it is one).
#
#   benchmarks/action-kill.sh [TRIALS=200] [ACTIONS=12] [WORKDIR] [SEED]
#   environment: BO_EVERY=4, UNTIL=epoch s, SKIP_BUILD=1 (reuse the build), TOOL=path of a copied action-kill binary
set -euo pipefail
trials=${1:-200}
actions=${2:-12}
work=${3:-$(mktemp -d /tmp/posfleet-action-kill.XXXXXX)}
seed=${4:-$$}
bo_every=${BO_EVERY:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || dotnet build "$root/benchmarks/ActionKill" -c Release -nologo -v q >/dev/null
tool=${TOOL:-$root/benchmarks/ActionKill/bin/Release/net10.0/action-kill}
RANDOM=$seed
echo "action-kill: $trials trials of $actions actions, back office killed every ${bo_every}th trial, seed $seed, in $work"

. "$root/benchmarks/kill-trial.sh"

# Reads the terminal's output from the fifo on fd 3 into terminal.log until its Nth "handler started" line (or its
# end, or 60 s), then keeps copying the rest in the background.
await_handler() {
  local n=0 line
  while IFS= read -r -t 60 -u 3 line; do
    echo "$line" >>"$dir/terminal.log"
    if [[ $line == "handler started "* ]]; then n=$((n + 1)); if (( n >= $1 )); then break; fi; fi
  done
  return 0
}

kills_t=0; kills_h=0; kills_b=0; total=0; lost=0; twice=0; recoveries=0; failed=0; ran=0
started=$(date +%s)
summary() { echo "action-kill: trials $ran, kills $kills_t terminal ($kills_h inside a handler) / $kills_b back office, actions $total, recoveries $recoveries, lost $lost, run twice $twice, failed trials $failed ($(( $(date +%s) - started )) s)"; }
for ((t = 1; t <= trials; t++)); do
  if [ -n "${UNTIL:-}" ] && (( $(date +%s) >= UNTIL )); then echo "stopped at the time limit after $ran of $trials trials"; break; fi
  dir="$work/trial"; rm -rf "$dir"; mkdir -p "$dir"; touch "$dir/runs.log"
  port=$(free_port)
  start_backoffice --actions "$actions"
  for ((k = 1 + RANDOM % 3, first = 1; k > 0; k--, first = 0)); do
    offset=$(wc -l <"$dir/runs.log")
    if (( first || RANDOM % 3 != 0 )); then
      rm -f "$dir/terminal.fifo"; mkfifo "$dir/terminal.fifo"
      "$tool" terminal --dir "$dir" --port "$port" --seed $RANDOM >"$dir/terminal.fifo" 2>&1 &
      term=$!
      exec 3<"$dir/terminal.fifo"
      if (( t % bo_every == 0 )); then
        pause 0.3 1.0
        kill -9 "$bo" 2>/dev/null && kills_b=$((kills_b + 1)); wait "$bo" 2>/dev/null || true
        start_backoffice --actions "$actions"
      fi
      await_handler $((1 + RANDOM % 4))
      cat <&3 >>"$dir/terminal.log" &
      drain=$!
      pause 0 0.04
    else
      "$tool" terminal --dir "$dir" --port "$port" --seed $RANDOM >>"$dir/terminal.log" 2>&1 &
      term=$!; drain=""
      if (( t % bo_every == 0 )); then
        pause 0.3 1.0
        kill -9 "$bo" 2>/dev/null && kills_b=$((kills_b + 1)); wait "$bo" 2>/dev/null || true
        start_backoffice --actions "$actions"
      fi
      pause 0.4 1.6
    fi
    killed=0; kill -9 "$term" 2>/dev/null && killed=1
    wait "$term" 2>/dev/null || true
    if [ -n "$drain" ]; then wait "$drain" 2>/dev/null || true; exec 3<&-; fi
    if (( killed )); then
      kills_t=$((kills_t + 1))
      # Inside a handler: this run's last "start" has no "done" after it.
      inside=$(tail -n +$((offset + 1)) "$dir/runs.log" | awk '$1 == "start" { open = $2 } $1 == "done" && $2 == open { open = "" } END { print (open != "") ? 1 : 0 }')
      kills_h=$((kills_h + inside))
      if (( inside )); then echo "--- SIGKILL inside a handler" >>"$dir/terminal.log"; else echo "--- SIGKILL" >>"$dir/terminal.log"; fi
    fi
  done
  rc=0
  timeout 300 "$tool" terminal --dir "$dir" --port "$port" --seed $RANDOM >>"$dir/terminal.log" 2>&1 || rc=$?
  term=""
  kill "$bo" 2>/dev/null || true; wait "$bo" 2>/dev/null || true; bo=""
  read -r queued not_succeeded outcomes <<<"$(sqlite3 -separator ' ' "$dir/backoffice.db" "
    SELECT (SELECT count(*) FROM remote_actions),
           (SELECT count(*) FROM remote_actions WHERE state <> 3),
           (SELECT count(*) FROM remote_action_history WHERE state IN (3, 4, 5, 7));")"
  done_twice=$(awk '$1 == "done" { n[$2]++ } END { c = 0; for (i in n) if (n[i] > 1) c++; print c }' "$dir/runs.log")
  fresh_twice=$(awk '$1 == "start" && $4 == 0 { n[$2]++ } END { c = 0; for (i in n) if (n[i] > 1) c++; print c }' "$dir/runs.log")
  done_ids=$(awk '$1 == "done" { n[$2] = 1 } END { print length(n) }' "$dir/runs.log")
  trial_recoveries=$(awk '$1 == "recover"' "$dir/runs.log" | wc -l)
  trial_lost=$(( not_succeeded + (queued - done_ids) ))
  trial_twice=$(( done_twice + fresh_twice + (outcomes - queued) ))
  total=$((total + queued)); lost=$((lost + trial_lost)); twice=$((twice + trial_twice)); recoveries=$((recoveries + trial_recoveries))
  if (( rc != 0 || queued != actions || trial_lost != 0 || trial_twice != 0 )); then
    failed=$((failed + 1))
    echo "trial $t FAILED: exit $rc, queued $queued, not succeeded $not_succeeded, done $done_ids, outcomes $outcomes, done twice $done_twice, started twice $fresh_twice (kept in $work/failed-$t)" >&2
    mv "$dir" "$work/failed-$t"
  fi
  ran=$t
  if (( t % 10 == 0 && t < trials )); then echo "  so far: $(summary)"; fi
done
summary
if (( kills_t > 0 && kills_h == 0 )); then echo "no kill landed inside a handler: recovery was not exercised" >&2; fi
(( lost == 0 && twice == 0 && failed == 0 && (kills_t == 0 || kills_h > 0) ))
