#!/usr/bin/env bash
# stdout_errors.sh BINDIR — output that could not be written is a failure: with standard output
# on /dev/full or closed, every way to run sslbind (and appcmd) exits 1 with one
# "PROG: standard output: <reason>" line on standard error, never 0 in silence. A change made
# before the confirmation was lost stays made.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SSLBIND_STATE="$tmp/state"
passed=0 failed=0
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'

check() { # check NAME REASON RC ERRFILE PROG
  local name=$1 reason=$2 rc=$3 err=$4 prog=$5
  if [ "$rc" -eq 1 ] && grep -qx "$prog: standard output: $reason" "$err"; then
    passed=$((passed + 1))
  else
    echo "[FAIL] $name: exit $rc, stderr: $(head -c 300 "$err")"
    failed=$((failed + 1))
  fi
}
full() { # full NAME ARGS…: sslbind ARGS… > /dev/full
  local name=$1 rc=0; shift
  "$@" > /dev/full 2> "$tmp/err" < "$tmp/in" || rc=$?
  check "$name > /dev/full" "No space left on device" "$rc" "$tmp/err" "$(basename "$1")"
}
closed() { # closed NAME ARGS…: sslbind ARGS… >&-
  local name=$1 rc=0; shift
  "$@" >&- 2> "$tmp/err" < "$tmp/in" || rc=$?
  check "$name >&-" "Bad file descriptor" "$rc" "$tmp/err" "$(basename "$1")"
}
both() { full "$@"; closed "$@"; }

: > "$tmp/in"
for p in $(seq 1 50); do echo "http add sslcert ccs=$p appid=$appid"; done | "$bin/sslbind" > /dev/null || exit 1
"$bin/sslbind" cert import file="$here/../data/certs/contoso.pem" > /dev/null || exit 1
echo 'http show sslcert' > "$tmp/show.netsh"

both "show (76 kB)" "$bin/sslbind" http show sslcert
both "show json" "$bin/sslbind" http show sslcert json=enable
both "show one" "$bin/sslbind" http show sslcert ccs=1
both "-f script" "$bin/sslbind" -f "$tmp/show.netsh"
cp "$tmp/show.netsh" "$tmp/in"
both "stdin script" "$bin/sslbind"
: > "$tmp/in"
both "--help" "$bin/sslbind" --help
both "--version" "$bin/sslbind" --version
both "cert show" "$bin/sslbind" cert show
both "sim" "$bin/sslbind" sim handshake ccs=1
both "appcmd" "$bin/appcmd" list site
both "appcmd --help" "$bin/appcmd" --help

# a change whose confirmation was lost: still exit 1, and the change is made
full "add" "$bin/sslbind" http add sslcert ccs=9998 appid=$appid
closed "add" "$bin/sslbind" http add sslcert ccs=9999 appid=$appid
for p in 9998 9999; do
  if "$bin/sslbind" http show sslcert ccs=$p > /dev/null 2>&1; then passed=$((passed + 1))
  else echo "[FAIL] ccs=$p was not added"; failed=$((failed + 1)); fi
done

# a closed stdout must not hand its descriptor to the next file opened (bindings.reg, the lock)
before=$(md5sum < "$SSLBIND_STATE/bindings.reg")
"$bin/sslbind" http show sslcert >&- 2> /dev/null
if [ "$(md5sum < "$SSLBIND_STATE/bindings.reg")" = "$before" ]; then passed=$((passed + 1))
else echo "[FAIL] show with stdout closed changed bindings.reg"; failed=$((failed + 1)); fi

# and a good stdout still exits 0 with nothing on stderr
rc=0
"$bin/sslbind" http show sslcert > /dev/null 2> "$tmp/err" || rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]; then passed=$((passed + 1))
else echo "[FAIL] show > /dev/null: exit $rc, stderr: $(cat "$tmp/err")"; failed=$((failed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
