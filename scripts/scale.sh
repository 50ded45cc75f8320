# shellcheck shell=bash
# Sourced by ./backcourse: `./backcourse scale-emails` and `kill-trials`, test categories run alone whose
# result line is appended to docs/benchmarks.md.

# append_benchmark HEADING TEXT: a dated line at the end of that section of docs/benchmarks.md.
append_benchmark() {
  local line
  line="- $(date -u +%Y-%m-%d) \`$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)\`: $2"
  python3 - "$ROOT/docs/benchmarks.md" "$1" "$line" <<'PY'
import sys
path, heading, line = sys.argv[1:]
lines = open(path, encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith(heading))
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
while end > start + 1 and lines[end - 1].strip() == "":
    end -= 1
lines.insert(end, line)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

# run_measured CATEGORY MARKER HEADING: the tests of that category, then their "MARKER: …" line appended under HEADING.
run_measured() {
  local category="$1" marker="$2" heading="$3" log status=0 result
  log="$(mktemp)"
  cmd_test --filter "Category=$category" --logger "console;verbosity=detailed" | tee "$log" || status=$?
  result="$(grep -o "$marker: .*" "$log" | head -1 || true)"
  rm -f "$log"
  if [ -n "$result" ]; then
    echo
    echo "$result"
    append_benchmark "$heading" "${result#"$marker": }"
    say "appended to docs/benchmarks.md"
  fi
  return "$status"
}

# 10,000 unlock emails due in the same minute, one scheduler node, a real SMTP listener: how many a second?
cmd_scale_emails() {
  export BACKCOURSE_SCALE_COUNT="${1:-10000}"
  run_measured Scale "SCALE RESULT" "## Weekly unlock emails at scale"
}

# Two nodes, a wave of due emails, one node killed (SIGKILL) mid-wave, N times: how many emails were lost or sent twice?
cmd_kill_trials() {
  export BACKCOURSE_KILL_TRIALS="${1:-20}"
  run_measured KillTrial "KILL TRIALS RESULT" "## Kill trials"
}
