#!/usr/bin/env bash
# ipv6.sh SSLBIND SSLBIND-TLS — the endpoint over IPv6 (spec/lookup.md steps 4 and 5), on [::1]:
# a [::]:P binding serves an IPv6 client before 0.0.0.0:P does; once [::]:P is deleted, 0.0.0.0:P
# (which covers IPv6 clients too) serves it; with neither, the connection is reset. SKIPPED where
# ::1 cannot be bound (no IPv6 loopback).
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

C=$(hash_of "$data/contoso.pem")
SHOP=$(hash_of "$data/shop.pem")

# The system chooses the port (--listen [::1]:0); the endpoint says which.
"$tlsd" --listen "[::1]:0" > "$work/out" 2> "$work/log" &
server=$!
for _ in $(seq 50); do grep -q "listening on \[::1\]:" "$work/out" 2>/dev/null && break
                       kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
if ! grep -q "listening on \[::1\]:" "$work/out"; then
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""
  if grep -q -- "--listen \[::1\]:0: " "$work/log"; then
    echo "SKIPPED: ::1 cannot be bound here ($(head -1 "$work/log"))"; exit 0
  fi
  echo "[FAIL] sslbind-tls did not start on [::1]:0"; sed 's/^/  | /' "$work/log"; echo "0 passed, 1 failed"; exit 1
fi
P=$(sed -n 's/.*listening on \[::1\]:\([0-9]*\)$/\1/p' "$work/out")

get() { # get HOST: curl to [::1]:$P with SNI HOST, the certificate not judged; body in $work/body
  curl -sS -k --max-time 5 --resolve "$1:$P:[::1]" "https://$1:$P/" > "$work/body" 2> "$work/err"
  rc=$?
}
# served_by HOST BINDING: until a request for HOST is served by BINDING, at most 5 seconds (a
# change reaches the endpoint through its watch: the next handshake normally sees it)
served_by() {
  for _ in $(seq 50); do get "$1"; [ $rc = 0 ] && grep -qF "binding used: $2" "$work/body" && return 0; sleep 0.1; done
  return 1
}
served6() { # the SHA-1 thumbprint of the certificate a handshake with SNI $1 gets on [::1]:$P
  echo | timeout 10 openssl s_client -connect "[::1]:$P" -servername "$1" 2> /dev/null |
    openssl x509 -noout -fingerprint -sha1 2> /dev/null | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}

"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
"$sb" http add sslcert "ipport=[::]:$P" certhash=$SHOP appid=$A > /dev/null
check "an IPv6 client: [::]:$P serves it before 0.0.0.0:$P (step 4 before 5)" \
  'served_by www.contoso.com "IP:port [::]:$P" && [ "$(served6 www.contoso.com)" = $SHOP ]'
check "the log names the local address [::1]:$P and the [::] binding" \
  'grep -qF "[::1]:$P sni=www.contoso.com -> IP:port [::]:$P cert $SHOP [SERVED]" "$work/log"'

"$sb" http delete sslcert "ipport=[::]:$P" > /dev/null
check "[::]:$P deleted: 0.0.0.0:$P serves the IPv6 client (step 5 covers IPv6)" \
  'served_by www.contoso.com "IP:port 0.0.0.0:$P" && [ "$(served6 www.contoso.com)" = $C ]'

"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
for _ in $(seq 50); do get www.contoso.com; [ $rc != 0 ] && break; sleep 0.1; done
check "no binding left: the IPv6 connection is reset, the log says NO_BINDING" \
  '{ [ $rc = 35 ] || [ $rc = 56 ]; } && grep -q "Connection reset by peer" "$work/err" &&
   grep -qF "[::1]:$P sni=www.contoso.com -> no binding [NO_BINDING]" "$work/log"'

stop_server

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
