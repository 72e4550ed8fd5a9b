#!/usr/bin/env bash
# Every notification goes out and none is lost, however often the back office is killed with SIGKILL; what is sent
# twice is counted. For each trial: a host (NotifyKill) over a SQLite file publishes EVENTS "intervention created
# Open" events, each notifying two administrators by e-mail, by push and in the in-app inbox; it is killed 1 to 3 times at
# random moments (publishing, dispatching, between sending and recording) and restarted, republishing every event,
# then run to the end. The e-mails go through a real SMTP server (aiosmtpd, tests/Connectors.Email.Tests/smtp_server.py,
# started by this script on 127.0.0.1 for the whole run), which keeps every message it accepts: a resend is seen.
# The pushes go through the push channel's notifier SPI to the trial's connector (NotifyKill/FilePushNotifier.cs),
# which appends a line per push (idempotency key, recipient, subject) to the trial's push.log, so they are counted alike.
# Counted per trial: lost = an (event, administrator) pair with no mail received, no push, no inbox entry, or a
# delivery not sent; resends = mails received, or pushes made, more than once under the same key (delivery is at least
# once: a host killed between sending and recording sends again after its claim lapses, with the same Message-Id or
# push key, so that the receiver can recognise the copy); duplicates = two different keys for one pair and channel, or
# more than one inbox entry or delivery for one key: those must never happen.
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
python=/usr/bin/python3; [ -x "$python" ] || python=python3
"$python" -c 'import aiosmtpd' 2>/dev/null || { echo "aiosmtpd is missing: apt-get install python3-aiosmtpd" >&2; exit 2; }
mkdir -p "$work"
[ -n "${SKIP_BUILD:-}" ] || dotnet build "$root/benchmarks/NotifyKill" -c Release -nologo -v q >/dev/null
tool="$root/benchmarks/NotifyKill/bin/Release/net10.0/notify-kill"
RANDOM=$seed
echo "notify-kill: $trials trials of $events events x 2 administrators (e-mail, push, in-app), seed $seed, in $work"

host=""; smtp=""
trap '[ -n "$host" ] && kill -9 "$host" 2>/dev/null || true; [ -n "$smtp" ] && kill "$smtp" 2>/dev/null || true' EXIT
# The SMTP server: it prints "READY <port>" and exits when its standard input (a FIFO this script holds open) closes.
mkfifo "$work/smtp.in"; exec 3<>"$work/smtp.in"
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$work/received"
"$python" "$root/tests/Connectors.Email.Tests/smtp_server.py" --port "$port" --dir "$work/received" <&3 >"$work/smtp.log" 2>&1 &
smtp=$!
for _ in $(seq 100); do grep -q READY "$work/smtp.log" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$work/smtp.log" || { echo "the SMTP server did not start: $(cat "$work/smtp.log")" >&2; exit 2; }
pause() { sleep "$(awk -v r=$RANDOM -v lo="$1" -v hi="$2" 'BEGIN { printf "%.3f", lo + (r / 32767) * (hi - lo) }')"; }

kills=0; lost=0; dups=0; resends=0; failed=0; ran=0; expected_total=0; push_lost=0; push_dups=0; push_resends=0
started=$(date +%s)
summary() { echo "notify-kill: trials $ran, kills $kills, notifications expected $expected_total (e-mail + push + in-app), lost $lost, duplicates $dups, resends $resends (same Message-Id or push key, at least once); of which push: lost $push_lost, duplicates $push_dups, resends $push_resends; failed trials $failed ($(( $(date +%s) - started )) s)"; }
for ((t = 1; t <= trials; t++)); do
  if [ -n "${UNTIL:-}" ] && (( $(date +%s) >= UNTIL )); then echo "stopped at the time limit after $ran of $trials trials"; break; fi
  dir="$work/trial"; rm -rf "$dir"; mkdir -p "$dir"
  rm -f "$work/received"/*
  for ((k = 1 + RANDOM % 3; k > 0; k--)); do
    "$tool" run --dir "$dir" --events "$events" --smtp "$port" >>"$dir/host.log" 2>&1 &
    host=$!
    pause ${KILL_AFTER:-0.5 2.5}
    if kill -9 "$host" 2>/dev/null; then kills=$((kills + 1)); echo "--- SIGKILL" >>"$dir/host.log"; fi
    wait "$host" 2>/dev/null || true
    host=""
  done
  rc=0
  timeout 300 "$tool" run --dir "$dir" --events "$events" --smtp "$port" >>"$dir/host.log" 2>&1 || rc=$?
  expected=$((events * 2))
  # Each mail the server received: its Message-Id, its To address and the intervention in its subject.
  mails=$(for f in "$work/received"/*.eml; do [ -f "$f" ] || continue
    id=$(grep -m1 -i '^Message-Id:' "$f" | tr -d '\r' | awk '{print $2}'); to=$(grep -m1 -i '^To:' "$f" | grep -o '[a-z]*@example\.it')
    item=$(grep -m1 -i '^Subject:' "$f" | grep -o 'INT-[0-9]*'); echo "$id $to $item"; done)
  files=$(printf '%s\n' "$mails" | grep -c . || true)
  ids=$(printf '%s\n' "$mails" | grep . | awk '{print $1}' | sort -u | wc -l)
  distinct=$(printf '%s\n' "$mails" | grep . | awk '{print $2, $3}' | sort -u | wc -l)
  id_pairs=$(printf '%s\n' "$mails" | grep . | sort -u | wc -l)
  # Each push the connector made: its key, its recipient and the intervention in its subject.
  pushes=$(touch "$dir/push.log"; awk -F'\t' '{ match($3, /INT-[0-9]+/); print $1, $2, substr($3, RSTART, RLENGTH) }' "$dir/push.log")
  push_files=$(printf '%s\n' "$pushes" | grep -c . || true)
  push_keys=$(printf '%s\n' "$pushes" | grep . | awk '{print $1, $2}' | sort -u | wc -l)
  push_distinct=$(printf '%s\n' "$pushes" | grep . | awk '{print $2, $3}' | sort -u | wc -l)
  push_key_pairs=$(printf '%s\n' "$pushes" | grep . | sort -u | wc -l)
  read -r outbox sent inbox inbox_keys <<<"$(sqlite3 -separator ' ' "$dir/notify.db" "
    SELECT (SELECT count(*) FROM notification_outbox), (SELECT count(*) FROM notification_outbox WHERE state = 1),
           (SELECT count(*) FROM notification_inbox), (SELECT count(DISTINCT item_id || recipient) FROM notification_inbox);")"
  trial_push_lost=$(( expected - push_distinct )); trial_push_resends=$(( push_files - push_keys )); trial_push_dups=$(( push_key_pairs - push_distinct ))
  # The outbox holds an e-mail and a push delivery for each pair.
  trial_lost=$(( (expected - distinct) + (2 * expected - sent) + (expected - inbox_keys) + trial_push_lost ))
  trial_resends=$(( files - ids + trial_push_resends ))
  trial_dups=$(( (id_pairs - distinct) + (outbox - 2 * expected > 0 ? outbox - 2 * expected : 0) + (inbox - inbox_keys) + trial_push_dups ))
  expected_total=$((expected_total + 3 * expected)); lost=$((lost + trial_lost)); dups=$((dups + trial_dups)); resends=$((resends + trial_resends))
  push_lost=$((push_lost + trial_push_lost)); push_dups=$((push_dups + trial_push_dups)); push_resends=$((push_resends + trial_push_resends))
  if (( rc != 0 || trial_lost != 0 || trial_dups != 0 )); then
    failed=$((failed + 1))
    cp -r "$work/received" "$dir/received"
    echo "trial $t FAILED: exit $rc, mails $files ($ids Message-Ids, $distinct pairs), pushes $push_files ($push_keys keys, $push_distinct pairs), outbox $outbox ($sent sent) of $((2 * expected)), inbox $inbox ($inbox_keys distinct) of $expected (kept in $work/failed-$t)" >&2
    mv "$dir" "$work/failed-$t"
  fi
  ran=$t
  if (( t % 10 == 0 && t < trials )); then echo "  so far: $(summary)"; fi
done
summary
(( lost == 0 && dups == 0 && failed == 0 ))
