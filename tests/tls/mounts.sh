#!/usr/bin/env bash
# mounts.sh SSLBIND SSLBIND-TLS — a volume mounted over a directory on the way to the state
# directory, then unmounted (review 32 F1: inotify says nothing of a mount; the endpoint served
# the covered directory until a SIGHUP): each is served at the next handshake as `sim handshake`
# says, and watched from then on. Runs in a mount namespace of its own (unshare -m, which needs
# root or user namespaces); where none can be made it says SKIPPED. Only 127.0.0.1.
set -u
if [ -z "${SSLB_MOUNT_NS:-}" ]; then
  if ! unshare -m --propagation private true 2> /dev/null; then
    echo "SKIPPED: no mount namespace can be made here (unshare -m)"
    exit 0
  fi
  SSLB_MOUNT_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; umount -q "$work/srv" "$SSLBIND_STATE/certs/web" 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

# sim_hash NAME: the certificate hash sim handshake says is served on 127.0.0.1:$P
sim_hash() { "$sb" sim handshake ipport=127.0.0.1:$P host=$1 | awk '/^ *Certificate Hash/ {print $NF}'; }

export SSLBIND_STATE=$work/srv/app/state
mkdir -p "$work/srv/app" "$work/vol/app"
C=$(hash_of "$data/contoso.pem")
F=$(SSLBIND_STATE=$work/vol/app/state hash_of "$data/fabrikam.pem")
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
SSLBIND_STATE=$work/vol/app/state "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$F appid=$A > /dev/null
check "the state directory's own binding served" '[ "$(served_cert www.contoso.com)" = "$C" ]'

mount --bind "$work/vol" "$work/srv"
check "a volume mounted over a directory on the way: its binding served, as sim says" \
  '[ "$(served_cert www.contoso.com)" = "$F" ] && [ "$(sim_hash www.contoso.com)" = "$F" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: its binding deleted afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'
umount "$work/srv"
check "unmounted: the directory beneath served again, as sim says" \
  '[ "$(served_cert www.contoso.com)" = "$C" ] && [ "$(sim_hash www.contoso.com)" = "$C" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: its binding deleted afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'

# A volume mounted over a store (review 33 F1: only the paths on the way to the state directory
# were looked at again after a mount, not the stores'), then unmounted.
S=$(hash_of "$data/shop.pem" Web)
F2=$(SSLBIND_STATE=$work/v2 hash_of "$data/fabrikam.pem" Web)
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$S appid=$A certstorename=Web > /dev/null
check "a store's certificate served" '[ "$(served_cert shop.contoso.com)" = "$S" ]'
mount --bind "$work/v2/certs/web" "$SSLBIND_STATE/certs/web"
"$sb" http add sslcert hostnameport=www.fabrikam.com:$P certhash=$F2 appid=$A certstorename=Web > /dev/null
check "a volume mounted over the store: its certificate served, as sim says" \
  '[ "$(served_cert www.fabrikam.com)" = "$F2" ] && [ "$(sim_hash www.fabrikam.com)" = "$F2" ]'
umount "$SSLBIND_STATE/certs/web"
check "unmounted: the store beneath served again" \
  '[ -z "$(served_cert www.fabrikam.com)" ] && [ "$(served_cert shop.contoso.com)" = "$S" ]'
"$sb" cert delete certhash=$S store=Web > /dev/null
check "... and watched: a certificate deleted there afterwards is not served" '[ -z "$(served_cert shop.contoso.com)" ]'

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
