# shellcheck shell=bash
# Sourced by ./backcourse: `./backcourse test`, every test project on a throwaway cluster.

# The first step of `./backcourse test`: shellcheck over ./backcourse, scripts/ and .ci/run. Where it
# cannot be installed, this step is skipped rather than the tests.
check_scripts() {
  if ! command -v shellcheck >/dev/null 2>&1; then
    try_apt_install shellcheck || true
  fi
  if ! command -v shellcheck >/dev/null 2>&1; then
    say "shellcheck is not available: not checking the scripts"
    return 0
  fi
  say "shellcheck"
  (cd "$ROOT" && shellcheck -x backcourse scripts/*.sh .ci/run) || die "shellcheck found problems in the scripts (above)"
}

# Sums the counters of every TRX file and prints the closing line CI reads.
summarize_trx() {
  local dir="$1" files=0 total=0 passed=0 failed=0 skipped=0 f counters
  for f in "$dir"/*.trx; do
    [ -f "$f" ] || continue
    files=$((files + 1))
    # `|| true`: a TRX without counters (a test host that crashed) counts as zero instead of ending the run here.
    counters="$(grep -o '<Counters [^>]*>' "$f" | head -1 || true)"
    local t p fl e
    t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
    e="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    fl="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
    skipped=$((skipped + ${t:-0} - ${e:-0}))
  done
  echo
  echo "Test run: $total tests in $files projects"
  echo "$passed passed, $failed failed, $skipped skipped"
}

cmd_test() {
  ensure_dotnet
  ensure_browser_test_tools
  ensure_postgres_binaries
  ensure_postgres_user
  local tmp password port status=0
  tmp="$(mktemp -d /tmp/backcourse-test.XXXXXX)"
  chmod 755 "$tmp"
  mkdir -p "$tmp/pg" "$tmp/results"
  if is_root; then chown postgres:postgres "$tmp/pg"; fi
  password="$(random_secret)"
  # shellcheck disable=SC2064
  trap "stop_cluster '$tmp/pg' immediate; rm -rf '$tmp'" EXIT
  init_cluster "$tmp/pg" "$password"
  port="$(free_port 55320 55999)"
  # A throwaway cluster need not survive a power cut: skipping fsync makes the tests faster.
  PG_FSYNC=off start_cluster "$tmp/pg" "$port"
  export BACKCOURSE_TEST_PG="Host=127.0.0.1;Port=$port;Database=postgres;Username=$PG_USER_NAME;Password=$password"
  unset ConnectionStrings__Default
  # Browser tests' screenshots: beside the TRX files when artifacts are collected, else in the project's TestResults.
  if [ -n "${BACKCOURSE_TEST_ARTIFACTS:-}" ]; then
    export BACKCOURSE_SCREENSHOTS="$BACKCOURSE_TEST_ARTIFACTS/screenshots"
  else
    export BACKCOURSE_SCREENSHOTS="$ROOT/tests/BackCourse.BrowserTests/TestResults/screenshots"
  fi

  # The scale run and the kill trials are their own commands (./backcourse scale-emails, kill-trials); every other test runs here.
  local args=("$@")
  if [[ " $* " != *" --filter "* ]]; then args+=(--filter "Category!=Scale&Category!=KillTrial"); fi
  say "running every test project"
  dotnet test "$ROOT/BackCourse.sln" -c Release --nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$tmp/results" "${args[@]}" || status=$?
  summarize_trx "$tmp/results"
  if [ -n "${BACKCOURSE_TEST_ARTIFACTS:-}" ]; then
    { mkdir -p "$BACKCOURSE_TEST_ARTIFACTS" && cp -r "$tmp/results/." "$BACKCOURSE_TEST_ARTIFACTS/"; } || true
  fi
  return "$status"
}
