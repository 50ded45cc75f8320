# shellcheck shell=bash
# Sourced by ./backcourse: the PostgreSQL binaries, clusters (the private one under .data/postgres and
# the throwaway ones of the tests and the bench) and `./backcourse db`.

PG_BIN=""       # the directory of initdb and pg_ctl
PG_BIN_PSQL=""  # psql from PATH, when PG_BIN has none

# The bin directories of the installed PostgreSQL versions, newest first.
postgres_bin_dirs() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -d "$dir" ]; then printf '%s\n' "$dir"; fi
  done | sort -t/ -k5 -n -r
}

ensure_postgres_binaries() {
  local dir
  while IFS= read -r dir; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BIN="$dir"; break; fi
  done < <(postgres_bin_dirs)
  if [ -z "$PG_BIN" ] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v pg_ctl)")"
  fi
  if [ -z "$PG_BIN" ]; then
    apt_install postgresql
    ensure_postgres_binaries_found_after_install
  fi
  [ -x "$PG_BIN/psql" ] || PG_BIN_PSQL="$(command -v psql || true)"
}

ensure_postgres_binaries_found_after_install() {
  local dir
  while IFS= read -r dir; do
    if [ -x "$dir/initdb" ]; then PG_BIN="$dir"; return; fi
  done < <(postgres_bin_dirs)
  die "PostgreSQL was installed but its binaries were not found under /usr/lib/postgresql"
}

psql_bin() { if [ -x "$PG_BIN/psql" ]; then echo "$PG_BIN/psql"; else echo "${PG_BIN_PSQL:-psql}"; fi; }

# initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
as_pg() {
  # From / so that runuser does not complain about a working directory postgres cannot enter.
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

ensure_postgres_user() {
  if is_root && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
  fi
}

# Prints a directory for the cluster that its owner can reach: the wanted one, or (as root, when the
# checkout sits under a private home) a stable one under /var/lib/backcourse.
cluster_dir_for() {
  local wanted="$1"
  if ! is_root; then echo "$wanted"; return; fi
  mkdir -p "$wanted"
  chown postgres:postgres "$wanted"
  if runuser -u postgres -- test -w "$wanted" 2>/dev/null; then echo "$wanted"; return; fi
  local alt
  alt="/var/lib/backcourse/$(printf '%s' "$wanted" | sha1sum | cut -c1-12)/postgres"
  mkdir -p "$alt"
  chown postgres:postgres "$alt" "$(dirname "$alt")"
  chmod 755 /var/lib/backcourse
  echo "$alt"
}

# init_cluster DIR PASSWORD: a new cluster with one password-protected superuser.
init_cluster() {
  local dir="$1" password="$2" pwfile
  pwfile="$(mktemp)"
  printf '%s\n' "$password" >"$pwfile"
  if is_root; then chown postgres "$pwfile"; fi
  say "initdb $dir"
  as_pg "$PG_BIN/initdb" -D "$dir" -U "$PG_USER_NAME" --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
}

cluster_running() { as_pg "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

# The port a running cluster listens on (line 4 of postmaster.pid).
cluster_port() { as_pg sed -n 4p "$1/postmaster.pid"; }

# start_cluster DIR PORT: loopback only, no Unix socket, waits until it accepts connections.
start_cluster() {
  local dir="$1" port="$2"
  say "starting PostgreSQL on 127.0.0.1:$port"
  (
    # `flock LOCK ./backcourse …` hands the lock's descriptor to everything it starts; a server left running
    # by a killed run would then hold the shared build lock for good. The server needs none of them.
    if [ -d "/proc/$BASHPID/fd" ]; then
      for fd in /proc/"$BASHPID"/fd/*; do
        fd="${fd##*/}"
        if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
      done
    fi
    # PG_CPUS (the bench) keeps the server off the app's core; the server's processes inherit the affinity.
    as_pg ${PG_CPUS:+taskset -c "$PG_CPUS"} "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 -c fsync=${PG_FSYNC:-on}" \
      start >/dev/null
  ) || { cat "$dir/server.log" >&2 || true; die "PostgreSQL did not start"; }
}

stop_cluster() {
  local dir="$1" mode="${2:-fast}"
  if [ -f "$dir/postmaster.pid" ] || cluster_running "$dir"; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -m "$mode" -w stop >/dev/null 2>&1 || true
  fi
}

# ensure_database PORT PASSWORD NAME
ensure_database() {
  local port="$1" password="$2" name="$3" exists
  exists="$(PGPASSWORD="$password" "$(psql_bin)" -h 127.0.0.1 -p "$port" -U "$PG_USER_NAME" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$name'")"
  if [ "$exists" != "1" ]; then
    say "creating database $name"
    PGPASSWORD="$password" "$(psql_bin)" -h 127.0.0.1 -p "$port" -U "$PG_USER_NAME" -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

# The development cluster under .data/postgres, started when needed; exports ConnectionStrings__Default.
LOCAL_PG_DIR=""
use_local_database() {
  ensure_postgres_binaries
  ensure_postgres_user
  mkdir -p "$DATA"
  chmod 755 "$DATA"
  LOCAL_PG_DIR="$(cluster_dir_for "$DATA/postgres")"
  local password_file="$DATA/pg-password" port_file="$DATA/pg-port" password port
  if [ ! -s "$password_file" ]; then (umask 077; random_secret >"$password_file"); fi
  password="$(cat "$password_file")"
  if [ ! -f "$LOCAL_PG_DIR/PG_VERSION" ]; then
    init_cluster "$LOCAL_PG_DIR" "$password"
  fi
  if cluster_running "$LOCAL_PG_DIR"; then
    port="$(cluster_port "$LOCAL_PG_DIR")"
  else
    port="$(cat "$port_file" 2>/dev/null || true)"
    if [ -z "$port" ] || port_in_use "$port"; then port="$(free_port 54320 54999)"; fi
    start_cluster "$LOCAL_PG_DIR" "$port"
  fi
  echo "$port" >"$port_file"
  ensure_database "$port" "$password" backcourse
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=backcourse;Username=$PG_USER_NAME;Password=$password"
}

use_configured_or_local_database() {
  if [ -n "${ConnectionStrings__Default:-}" ]; then
    say "using the database in ConnectionStrings__Default"
  else
    use_local_database
  fi
}

cmd_db() {
  ensure_postgres_binaries
  ensure_postgres_user
  local dir
  dir="$(cluster_dir_for "$DATA/postgres")"
  case "${1:-status}" in
    start) use_local_database; say "PostgreSQL running on port $(cat "$DATA/pg-port")" ;;
    stop)
      if cluster_running "$dir"; then stop_cluster "$dir"; say "PostgreSQL stopped"; else say "PostgreSQL is not running"; fi ;;
    status)
      if cluster_running "$dir"; then say "running on 127.0.0.1:$(cluster_port "$dir") (data: $dir)"; else say "not running (data: $dir)"; fi ;;
    psql)
      use_local_database
      PGPASSWORD="$(cat "$DATA/pg-password")" exec "$(psql_bin)" -h 127.0.0.1 -p "$(cat "$DATA/pg-port")" -U "$PG_USER_NAME" backcourse ;;
    *) die "usage: ./backcourse db start|stop|status|psql" ;;
  esac
}
