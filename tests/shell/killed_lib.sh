# killed_lib.sh — sourced by the kill sweeps (killed_chain.sh, killed_replace.sh, ccs_longhost.sh)
# after `sb=$1`:
# a throw-away state directory $S, run (sslbind on it), ../checks.sh (ok/ko, summary), and kill_sweep,
# which kills a command (SIGKILL, strace's fault injection) at each of its system calls of the
# kinds in KILL_CALLS, one run per call, until it runs to its end.
data=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S"
run() { "$sb" --state "$S" "$@"; }
# What a dead writer may leave, and a live one never does.
leftovers() { find "$S" -name '*.tmp.*' -o -name '*.prev' -o -name .writing -o -name .touching | sort; }
# LeakSanitizer cannot run under ptrace (an ASan build's command would exit 1 at its end): the
# leak check is off for the runs under strace; the other tests check leaks.
traced() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null "$@"; }
# killed_run CALL N ARGS…: sslbind ARGS… killed when it is about to make its Nth CALL; prints the
# exit status (137: killed; the subshell keeps bash's "Killed" line to itself).
killed_run() {
  local sc=$1 n=$2
  shift 2
  (traced -e trace="$sc" -e inject="$sc":signal=KILL:when="$n" "$sb" --state "$S" "$@" > /dev/null 2>&1
    echo $?) 2> /dev/null
}
KILL_CALLS="rename write fsync fdatasync unlink utimensat"
# kill_sweep CHECK ARGS…: for each CALL of KILL_CALLS and N = 1, 2, …, runs sslbind ARGS… killed
# at its Nth CALL, then CHECK STATUS CALL N, until a run ends by itself (CHECK sees it: its status
# is not 137, and it puts the state back for the next kind of call).
kill_sweep() {
  local check=$1 sc n rc
  shift
  for sc in $KILL_CALLS; do
    for n in $(seq 1 80); do
      rc=$(killed_run "$sc" "$n" "$@")
      "$check" "$rc" "$sc" "$n"
      [ "$rc" = 137 ] || break
    done
  done
}
# before_or_after WHAT LIST RESET SAME RC CALL N: kill_sweep's CHECK for a change from the listing
# $old to $new (LIST prints it): a run not killed made the whole change and left nothing; a killed
# one left $old or $new, which the next writer (the script's `next`) keeps, leaving nothing, and a
# rollback to $old has the old bytes back (SAME says so). Counts points and rolled (rollbacks);
# bad=1 on a failure; RESET puts the state back for the next run.
before_or_after() {
  local what=$1 list=$2 reset=$3 same=$4 rc=$5 sc=$6 n=$7 got after
  got=$("$list")
  if [ "$rc" != 137 ]; then
    if [ "$rc" != 0 ] || [ "$got" != "$new" ] || [ -n "$(leftovers)" ]; then
      ko "$what not killed at $sc $n: exit $rc"; echo "$got"; leftovers; bad=1
    fi
    "$reset"
    return
  fi
  points=$((points + 1))
  if [ "$got" != "$old" ] && [ "$got" != "$new" ]; then
    ko "$what killed at $sc $n: neither the state before nor after"; echo "$got"; bad=1
  fi
  next
  after=$("$list")
  if [ "$after" != "$got" ] || [ -n "$(leftovers)" ]; then
    ko "$what killed at $sc $n: the next writer changed the listing or left files"; echo "$after"; leftovers; bad=1
  elif [ "$after" = "$old" ]; then
    if "$same"; then rolled=$((rolled + 1)); else ko "$what killed at $sc $n: rolled back, but not to the same bytes"; bad=1; fi
  fi
  "$reset"
}
