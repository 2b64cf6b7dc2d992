#!/usr/bin/env bash
# stop_loading.sh SSLBIND SSLBIND-TLS — a SIGTERM or SIGINT is not held up by a load of every
# certificate (review 30 F4, F5): thousands of certificates take seconds to load, at a start and
# at a SIGHUP. Sent while the endpoint starts, it exits 0 before it listens, without printing the
# line a supervisor waits for; sent during a SIGHUP's reread, the reread is abandoned and the
# endpoint stops as on any SIGTERM, long before the reread would have ended. The certificates are
# hard links to one central-store .pfx (each loaded as its own file). Only 127.0.0.1 is used.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

now() { date +%s.%N; }
# lt A B: A < B, as decimal numbers
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
"$sb" cert create subject=api.contoso.com store=ccs > /dev/null
ccs=$SSLBIND_STATE/certs/ccs
# links N: hard links h1 … hN.contoso.com.pfx to api.contoso.com.pfx (one process, not N)
links() { python3 -c 'import os,sys
d=sys.argv[1]
for i in range(1, int(sys.argv[2]) + 1):
    p="%s/h%d.contoso.com.pfx" % (d, i)
    if not os.path.exists(p): os.link(d + "/api.contoso.com.pfx", p)' "$ccs" "$1"; }

# launch [ARGS…]: sslbind-tls on a free port of 127.0.0.1 ($server, $P), waiting for the load
# however long this machine takes (lib.sh's start_server gives up after 5 s)
launch() {
  : > "$work/out" # the last start's readiness line must not be read as this one's
  "$tlsd" --listen 127.0.0.1:0 "$@" > "$work/out" 2> "$work/log" &
  server=$!
  for _ in $(seq 1200); do grep -q listening "$work/out" && break; kill -0 "$server" 2> /dev/null || break; sleep 0.1; done
  P=$(sed -n 's/^sslbind-tls: listening on 127\.0\.0\.1://p' "$work/out")
  [ -n "$P" ] || { echo "[FAIL] sslbind-tls did not start: $(head -3 "$work/log")"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
}

# How long a start takes here: enough certificates for a load of a second at least.
n=500
for _ in 1 2 3 4 5; do
  n=$((n * 2))
  links $n
  t0=$(now)
  launch
  load=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
  kill -TERM "$server"; wait "$server"; server=""
  lt "$load" 1.5 || break
done
echo "# $n certificates: a start takes ${load}s"
half=$(awk -v l="$load" 'BEGIN { print l / 2 }')

# SIGTERM while the certificates load: exit 0, nothing listens, no readiness line.
for sig in TERM INT; do
  : > "$work/out" # the last start's readiness line must not be read as this one's
  "$tlsd" --listen 127.0.0.1:0 > "$work/out" 2> "$work/log" &
  server=$!
  # once it blocks the signals (before, SIGTERM kills it and bash's background SIGINT is ignored):
  # bit 15 of SigBlk, SIGTERM's; then a little more, into the load
  for _ in $(seq 200); do
    blk=$(awk '/^SigBlk:/ {print $2}' "/proc/$server/status" 2> /dev/null)
    [ -n "$blk" ] && [ $((0x$blk & 0x4000)) != 0 ] && break
    sleep 0.02
  done
  sleep 0.2
  t0=$(now)
  kill -$sig "$server"
  wait "$server"
  status=$? took=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
  server=""
  check "SIG$sig while loading: exit 0 after ${took}s (a start takes ${load}s), no 'listening' line" \
    '[ $status = 0 ] && lt "$took" "$half" && ! grep -q listening "$work/out" && grep -q "stopped (SIGTERM or SIGINT) while" "$work/log"'
done

# SIGTERM during a SIGHUP's reread: the reread abandoned, the stop within --handshake-timeout.
launch --handshake-timeout 1
kill -HUP "$server"
for _ in $(seq 50); do grep -q "SIGHUP: reading" "$work/log" && break; sleep 0.02; done
sleep 0.2
t0=$(now)
kill -TERM "$server"
wait "$server"
status=$? took=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')
server=""
check "SIGTERM during a SIGHUP's reread: exit 0 after ${took}s (a reread takes about ${load}s)" \
  '[ $status = 0 ] && lt "$took" "$half"'
check "the log says the reread was abandoned" 'grep -q "SIGHUP: reading again abandoned: stopping" "$work/log"'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
