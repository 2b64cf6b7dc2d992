#!/usr/bin/env bash
# perms.sh SSLBIND SSLBIND-TLS — the endpoint run as a user who is not root (nobody), and a store's
# mode changed under it: a store it cannot read serves none of its certificates (as http.sys
# cannot present a key its service cannot read), and once the mode is put back its certificates
# are served at the next handshake — also when the store could not be watched meanwhile (a
# SIGHUP made the watches again while it was mode 000): the mode's change is an event (IN_ATTRIB)
# in DIR/certs and in the store. Before, a store read again while unreadable stayed empty until
# the next SIGHUP. Needs root (to run the endpoint as nobody: setpriv); SKIPPED otherwise. Only
# 127.0.0.1.
set -u
. "$(dirname "$0")/../nobody.sh"
nobody_possible || { echo "SKIPPED: needs root, setpriv and a user nobody"; exit 0; }
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

C=$(hash_of "$data/contoso.pem")
chmod 711 "$work"
chown -R nobody "$SSLBIND_STATE" # nobody's machine: sslbind and sslbind-tls refuse another user's
# both programs as nobody: lib.sh's start_server runs $tlsd, here a script that becomes nobody
nb=$(nobody_bin "$(dirname "$tlsd")")
nobody_sanitizer_env
for p in sslbind sslbind-tls; do
  printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp "%s" "$@"\n' "$nb/$p" \
    > "$work/$p-as-nobody"
  chmod 755 "$work/$p-as-nobody"
done
sb=$work/sslbind-as-nobody tlsd=$work/sslbind-tls-as-nobody
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
check "run as nobody: served" '[ "$(served_cert www.contoso.com)" = "$C" ]'

my=$SSLBIND_STATE/certs/my
chmod 000 "$my"
check "its store made mode 000: not served at the next handshake" '[ -z "$(served_cert www.contoso.com)" ]'
chmod 700 "$my"
check "... mode 700 again: served at the next handshake" '[ "$(served_cert www.contoso.com)" = "$C" ]'

chmod 000 "$my"
: > "$work/log"
kill -HUP "$server"
for _ in $(seq 50); do grep -q "SIGHUP: read again" "$work/log" && break; sleep 0.1; done
check "mode 000 through a SIGHUP (the store not watched): not served, said" \
  '[ -z "$(served_cert www.contoso.com)" ] && grep -q "cannot watch .*certs/my: Permission denied" "$work/log"'
chmod 700 "$my"
check "... mode 700 again: served at the next handshake" '[ "$(served_cert www.contoso.com)" = "$C" ]'

chmod 000 "$SSLBIND_STATE/certs"
check "DIR/certs made mode 000: not served" '[ -z "$(served_cert www.contoso.com)" ]'
chmod 700 "$SSLBIND_STATE/certs"
check "... mode 700 again: served at the next handshake" '[ "$(served_cert www.contoso.com)" = "$C" ]'

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
