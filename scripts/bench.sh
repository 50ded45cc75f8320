# shellcheck shell=bash
# Sourced by ./backcourse: `./backcourse bench`, page speed under load measured by wrk (tests/Bench/bench.py).

# Page speed under load: the Release app on a throwaway cluster with N learners, measured by wrk.
cmd_bench() {
  local count="${1:-10000}"
  ensure_dotnet
  ensure_postgres_binaries
  ensure_postgres_user
  command -v wrk >/dev/null 2>&1 || apt_install wrk
  command -v python3 >/dev/null 2>&1 || apt_install python3
  command -v taskset >/dev/null 2>&1 || apt_install util-linux
  command -v curl >/dev/null 2>&1 || apt_install curl
  local tmp password port app_port admin_password status=0
  BENCH_APP_PID=""
  tmp="$(mktemp -d /tmp/backcourse-bench.XXXXXX)"
  chmod 755 "$tmp"
  mkdir -p "$tmp/pg"
  if is_root; then chown postgres:postgres "$tmp/pg"; fi
  password="$(random_secret)"
  admin_password="$(random_secret)"
  # shellcheck disable=SC2064
  # `|| true`: under set -e a failed kill (the app already gone, as when it fails to start) would end the trap
  # before the cluster is stopped, leaving PostgreSQL running on the bench's port.
  trap "{ [ -n \"\$BENCH_APP_PID\" ] && kill \$BENCH_APP_PID 2>/dev/null; } || true; stop_cluster '$tmp/pg' immediate; rm -rf '$tmp'" EXIT
  init_cluster "$tmp/pg" "$password"
  port="$(free_port 55320 55999)"
  # The app gets CPU 0 to itself; PostgreSQL shares CPU 1 with wrk, so neither preempts a request mid-flight.
  PG_CPUS=1 start_cluster "$tmp/pg" "$port"
  PGPASSWORD="$password" "$(psql_bin)" -h 127.0.0.1 -p "$port" -U "$PG_USER_NAME" -d postgres -qc "CREATE DATABASE bench" >/dev/null
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=bench;Username=$PG_USER_NAME;Password=$password;Maximum Pool Size=64"
  APP_DIR="$tmp/app" publish_app
  # Not Development (no demo data, production settings) and not Production (which insists on Stripe keys).
  export ASPNETCORE_ENVIRONMENT=Benchmark
  export Admin__Email=bench-admin@example.test Admin__Password="$admin_password"
  export Stripe__AllowTestPaymentPage=true Scheduling__Enabled=false
  export Bench__Enabled=true Diagnostics__QueryCountHeader=true RateLimits__AuthPermitsPerMinute=10000
  export Email__PickupDirectory="$tmp/mail" Media__Folder="$tmp/media"
  # As behind a TLS-terminating proxy: requests say X-Forwarded-Proto: https, so secure cookies work on loopback.
  export App__TrustForwardedHeaders=true
  export Logging__LogLevel__Default=Warning
  (cd "$tmp/app" && dotnet BackCourse.Web.dll migrate >/dev/null && dotnet BackCourse.Web.dll seed >/dev/null)
  say "adding $count learners"
  PGPASSWORD="$password" "$(psql_bin)" -h 127.0.0.1 -p "$port" -U "$PG_USER_NAME" -d bench -q \
    -v count="$count" -v admin="$Admin__Email" -f "$ROOT/tests/Bench/learners.sql" >/dev/null
  app_port="$(free_port 56000 56999)"
  export ASPNETCORE_URLS="http://127.0.0.1:$app_port" App__PublicBaseUrl="http://127.0.0.1:$app_port"
  (cd "$tmp/app" && exec taskset -c 0 dotnet BackCourse.Web.dll) &
  BENCH_APP_PID=$!
  local tries=0
  until curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null 2>&1; do
    tries=$((tries + 1)); [ $tries -gt 120 ] && die "the app did not start"; sleep 0.5
  done
  if [ -n "${BENCH_HOLD:-}" ]; then
    # For profiling by hand: the same set-up, kept running until Ctrl-C.
    say "holding: app http://127.0.0.1:$app_port (send X-Forwarded-Proto: https), admin $Admin__Email / $admin_password, database port $port"
    wait "$BENCH_APP_PID" || true
    return 0
  fi
  say "measuring (about twenty minutes)"
  python3 "$ROOT/tests/Bench/bench.py" --base "http://127.0.0.1:$app_port" --admin "$Admin__Email" --password "$admin_password" \
    --learners "$count" --runs "${BENCH_RUNS:-5}" --duration "${BENCH_DURATION:-8}" --only "${BENCH_ONLY:-}" --machine "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version)" \
    || status=$?
  [ $status -eq 0 ] && say "appended to docs/benchmarks.md"
  return "$status"
}
