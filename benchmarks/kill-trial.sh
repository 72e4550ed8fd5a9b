# Helpers shared by the SIGKILL trials (action-kill.sh, outbox-kill.sh); sourced, not run. The caller sets `tool`
# (the trial binary), and per trial `dir`, `port` and `t`; `bo` and `term` hold the pids of the processes it started.

bo=""
# Kills what the trial started (by pid) when the script ends, however it ends.
cleanup() { [ -n "$bo" ] && kill -9 "$bo" 2>/dev/null || true; [ -n "${term:-}" ] && kill -9 "$term" 2>/dev/null || true; }
trap cleanup EXIT

# Starts "$tool backoffice --dir $dir --port $port [extra arguments]" and waits up to 30 s for its ready file.
start_backoffice() {
  rm -f "$dir/backoffice.ready"
  "$tool" backoffice --dir "$dir" --port "$port" "$@" >>"$dir/backoffice.log" 2>&1 &
  bo=$!
  for _ in $(seq 600); do [ -f "$dir/backoffice.ready" ] && return 0; kill -0 "$bo" 2>/dev/null || break; sleep 0.05; done
  echo "trial $t: the back office did not start (see $dir/backoffice.log)" >&2; return 1
}

# Sleeps a random time between $1 and $2 seconds, drawn from $RANDOM so a seed replays the same trial.
pause() { sleep "$(awk -v r=$RANDOM -v lo="$1" -v hi="$2" 'BEGIN { printf "%.3f", lo + (r / 32767) * (hi - lo) }')"; }

# Prints a free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
