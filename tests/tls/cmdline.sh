#!/usr/bin/env bash
# cmdline.sh SSLBIND SSLBIND-TLS — sslbind-tls's command line and start-up: descriptors 0-2 held
# (a closed stdout or stderr never becomes a socket), the readiness line's failure a startup
# error (exit 1, said on stderr); a refused --listen quoted as typed; --state of a directory that
# does not exist refused; --state=DIR taken, an empty --state refused.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

"$sb" cert import file="$data/contoso.pem" > /dev/null

# run_briefly ARGS…: sslbind-tls for at most 2 s (a start that succeeds serves until killed);
# its exit status in $rc (124: still serving), stderr in $work/err
run_briefly() {
  timeout 2 "$tlsd" "$@"
  rc=$?
}

# F9: the readiness line cannot be written: exit 1 at once, the reason on stderr
run_briefly --listen 127.0.0.1:0 > /dev/full 2> "$work/err"
if [ "$rc" = 1 ] && grep -q "sslbind-tls: standard output: No space left on device" "$work/err"; then
  ok "stdout full: a startup error"; else ko "stdout full: a startup error (rc $rc)"; fi
run_briefly --listen 127.0.0.1:0 >&- 2> "$work/err"
if [ "$rc" = 1 ] && grep -q "sslbind-tls: standard output: Bad file descriptor" "$work/err"; then
  ok "stdout closed: a startup error, not a write into a socket"; else ko "stdout closed: a startup error (rc $rc)"; fi
# stderr closed: the server runs, its log goes nowhere rather than into a socket
run_briefly --listen 127.0.0.1:0 > "$work/out" 2>&-
if [ "$rc" = 124 ] && grep -q "listening on 127.0.0.1:" "$work/out"; then
  ok "stderr closed: serves, stdout says so"; else ko "stderr closed: serves (rc $rc)"; fi
# stdin closed too: the held descriptors are /dev/null, never the sockets. $work/out is emptied
# first: the run above left its "listening on" there, and the background start truncates it only
# when it runs, so the wait could see the old line and read the descriptors of the shell not yet
# replaced by sslbind-tls
: > "$work/out"
"$tlsd" --listen 127.0.0.1:0 > "$work/out" 2>&- <&- &
server=$!
# (up to 30 s: a loaded machine or a sanitizer build starts slowly)
for _ in $(seq 300); do grep -q "listening on" "$work/out" && break; sleep 0.1; done
grep -q "listening on" "$work/out" || fds="(not listening after 30 s)"
fds=${fds:-$(ls -l /proc/$server/fd 2>/dev/null | awk '$9 ~ /^[012]$/ {print $9 "=" $11}' | tr '\n' ' ')}
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""
case "$fds" in
  "0=/dev/null 1=$work/out 2=/dev/null ") ok "0 and 2 closed: held on /dev/null" ;;
  *) ko "0 and 2 closed: held on /dev/null (got: $fds)" ;;
esac

# F4: a refused --listen is quoted as typed (port 0 is rewritten for the core's parser)
for c in "::1:0|'::1:0': an IPv6 address must be written in brackets" "::0|'::0': an IPv6 address must be written in brackets" \
         "[::1:0|'[::1:0': expected [IPv6 address]:port" "1.2.3:0|'1.2.3' is not a valid IPv4 address"; do
  arg=${c%%|*} want=${c#*|}
  "$tlsd" --listen "$arg" > /dev/null 2> "$work/err"
  if grep -qF -- "sslbind-tls: --listen $arg: $want" "$work/err"; then ok "--listen $arg: quoted as typed"
  else ko "--listen $arg: quoted as typed"; fi
done

# F10: --state naming no directory is refused, nothing created; an existing one serves
run_briefly --state "$work/typo" --listen 127.0.0.1:0 > /dev/null 2> "$work/err"
if [ "$rc" = 1 ] && [ ! -e "$work/typo" ] && grep -qF "sslbind-tls: --state $work/typo: no such state directory" "$work/err"; then
  ok "--state of a missing directory: refused, not created"; else ko "--state of a missing directory: refused, not created (rc $rc)"; fi
run_briefly --state "$SSLBIND_STATE" --listen 127.0.0.1:0 > "$work/out" 2> "$work/err"
if [ "$rc" = 124 ] && grep -q "listening on" "$work/out"; then ok "--state of a machine: serves"; else ko "--state of a machine: serves (rc $rc)"; fi

# F12: --state=DIR as sslbind and appcmd take it; an empty one is a missing value
run_briefly --state="$SSLBIND_STATE" --listen 127.0.0.1:0 > "$work/out" 2> "$work/err"
if [ "$rc" = 124 ] && grep -q "listening on" "$work/out"; then ok "--state=DIR: serves"; else ko "--state=DIR: serves (rc $rc)"; fi
for form in --state= "--state ''"; do
  eval "\"\$tlsd\" $form --listen 127.0.0.1:0" > /dev/null 2> "$work/err"
  rc=$?
  if [ "$rc" = 1 ] && grep -q "^sslbind-tls: --state needs a value" "$work/err"; then ok "$form: needs a value"
  else ko "$form: needs a value (rc $rc)"; fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
