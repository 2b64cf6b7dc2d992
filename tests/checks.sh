# checks.sh — sourced by the shell-level tests that count their checks: a throw-away directory
# $work (removed at exit), ok/ko (a [PASS] or [FAIL] line, counted) and summary, the last command
# of the test: the counts, and its exit status (0 when nothing failed).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "[PASS] $1"; passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
