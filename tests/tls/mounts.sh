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
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; umount -q "$work/srv" 2>/dev/null; rm -rf "$work"' EXIT

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

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
