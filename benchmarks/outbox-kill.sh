#!/usr/bin/env bash
# Every ticket a terminal writes reaches the back office exactly once, however often the terminal (and, in a share of
# trials, the back office) is killed with SIGKILL and however often the connection is cut. For each trial: a back
# office (MapPosFleetSync over a SQLite file) and a terminal that writes TICKETS tickets, each with its outbox message
# in one transaction, and syncs over HTTP while OUTBOX_KILL_CUTS of its requests are cut (half before the request,
# half after the back office answered). The terminal is killed 1 to 3 times at random moments and restarted (it
# resumes after the last ticket in its own table); in every BO_EVERY-th trial the back office is killed too and
# restarted on the same file and port. Then the terminal runs to completion, and sqlite3 checks that each of its
# tickets is in the back office's `tickets` table (no UNIQUE constraint there) exactly once and that its outbox is empty.
# A failing trial's files and logs stay in WORKDIR/failed-N.
#
#   benchmarks/outbox-kill.sh [TRIALS=1000] [TICKETS=200] [WORKDIR] [SEED]
#   (environment: OUTBOX_KILL_CUTS=0.2, BO_EVERY=4, UNTIL=epoch seconds after which no trial starts — the summary
#   then counts the trials that ran)
set -euo pipefail
trials=${1:-1000}
tickets=${2:-200}
work=${3:-$(mktemp -d /tmp/posfleet-outbox-kill.XXXXXX)}
seed=${4:-$$}
export OUTBOX_KILL_CUTS=${OUTBOX_KILL_CUTS:-0.2}
bo_every=${BO_EVERY:-4}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 2; }
mkdir -p "$work"
dotnet build "$root/benchmarks/OutboxKill" -c Release -nologo -v q >/dev/null
tool="$root/benchmarks/OutboxKill/bin/Release/net10.0/outbox-kill"
RANDOM=$seed
echo "outbox-kill: $trials trials of $tickets tickets, cuts $OUTBOX_KILL_CUTS, back office killed every ${bo_every}th trial, seed $seed, in $work"

. "$root/benchmarks/kill-trial.sh"

kills_t=0; kills_b=0; cuts=0; total=0; lost=0; twice=0; failed=0; ran=0
started=$(date +%s)
summary() {
  echo "outbox-kill: trials $ran, kills $kills_t terminal / $kills_b back office, cuts $cuts, tickets $total, lost $lost, applied twice $twice, failed trials $failed ($(( $(date +%s) - started )) s)"
}
for ((t = 1; t <= trials; t++)); do
  if [ -n "${UNTIL:-}" ] && (( $(date +%s) >= UNTIL )); then echo "stopped at the time limit after $ran of $trials trials"; break; fi
  dir="$work/trial"
  rm -rf "$dir"; mkdir -p "$dir"
  port=$(free_port)
  start_backoffice
  for ((k = 1 + RANDOM % 3; k > 0; k--)); do
    "$tool" terminal --dir "$dir" --port "$port" --tickets "$tickets" --seed $RANDOM >>"$dir/terminal.log" 2>&1 &
    term=$!
    if (( t % bo_every == 0 )); then
      pause 0.1 0.8
      kill -9 "$bo" 2>/dev/null && kills_b=$((kills_b + 1)); wait "$bo" 2>/dev/null || true
      start_backoffice
    fi
    pause 0.2 1.2
    if kill -9 "$term" 2>/dev/null; then kills_t=$((kills_t + 1)); echo "--- SIGKILL" >>"$dir/terminal.log"; fi
    wait "$term" 2>/dev/null || true
  done
  # The last run completes: every ticket written and the outbox empty.
  rc=0
  timeout 300 "$tool" terminal --dir "$dir" --port "$port" --tickets "$tickets" --seed $RANDOM >>"$dir/terminal.log" 2>&1 || rc=$?
  term=""
  kill "$bo" 2>/dev/null || true; wait "$bo" 2>/dev/null || true; bo=""
  read -r written waiting trial_lost trial_twice extra < <(sqlite3 -separator ' ' "$dir/terminal.db" "
    ATTACH '$dir/backoffice.db' AS bo;
    SELECT (SELECT count(*) FROM tickets),
           (SELECT count(*) FROM sync_outbox),
           (SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM bo.tickets b WHERE b.ticket_id = t.ticket_id)),
           (SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM bo.tickets GROUP BY ticket_id HAVING n > 1)),
           (SELECT count(*) FROM bo.tickets b WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.ticket_id = b.ticket_id));")
  cuts=$((cuts + $(grep -c '^cut:' "$dir/terminal.log" || true)))
  total=$((total + written)); lost=$((lost + trial_lost)); twice=$((twice + trial_twice))
  if (( rc != 0 || written != tickets || waiting != 0 || trial_lost != 0 || trial_twice != 0 || extra != 0 )); then
    failed=$((failed + 1))
    echo "trial $t FAILED: exit $rc, written $written of $tickets, outbox $waiting, lost $trial_lost, applied twice $trial_twice, unknown $extra (kept in $work/failed-$t)" >&2
    mv "$dir" "$work/failed-$t"
  fi
  ran=$t
  if (( t % 10 == 0 && t < trials )); then echo "  so far: $(summary)"; fi
done
summary
(( lost == 0 && twice == 0 && failed == 0 ))
