# Sourced by the benchmarks/pg-*.sh scripts: a throw-away PostgreSQL cluster (initdb + pg_ctl in a temporary
# directory, 127.0.0.1, a free port; as root the cluster belongs to the postgres user), stopped and deleted on exit.
#
#   . "$root/benchmarks/pg-cluster.sh"
#   pg_find_bin                    # sets bin (the directory of initdb, pg_ctl, postgres), or exits saying what to install
#   pg_cluster_start [-c name=value …]
#                                  # sets cluster, port, password; extra server settings go after the script's own
#   pg_cleanup+=("$work")          # more paths to delete on exit

pg_cleanup=()

pg_find_bin() {
  bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
  [ -x "$bin/initdb" ] || { echo "needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)" >&2; exit 1; }
}

pg_cluster_start() {
  cluster=$(mktemp -d /tmp/posfleet-pg-cluster.XXXXXX)
  as=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$cluster"; as=(runuser -u postgres --); fi
  password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # The password reaches initdb in a file only the cluster's owner reads, never on a command line.
  (umask 077; printf '%s' "$password" >"$cluster/pw")
  [ ${#as[@]} -gt 0 ] && chown postgres "$cluster/pw"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${as[@]}" "$bin/initdb" -D "$cluster/data" -U posfleet --pwfile "$cluster/pw" --auth scram-sha-256 -E UTF8 --locale C >/dev/null
  rm -f "$cluster/pw"
  # Durable settings (fsync on), as a server would run; the socket directory, the port and the caller's settings only.
  "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$cluster' $*" start >/dev/null
  trap pg_cluster_stop EXIT
  trap 'exit 143' INT TERM
}

pg_cluster_stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$cluster" "${pg_cleanup[@]}"
}
