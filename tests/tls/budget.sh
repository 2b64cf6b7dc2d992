#!/usr/bin/env bash
# budget.sh SSLBIND SSLBIND-TLS — inotify's watches run short (max_user_watches): the state
# directory's and the stores' own watches, which every command's change is seen by, are made
# before the anchors on the way to them (review 32 F6: the anchors took the budget first, and a
# certificate deleted by a command went on being served); each directory an anchor cannot watch
# is said once while it stays so, a SIGHUP's rewatch included (review 33 N1: two such
# directories were said again at every rewatch), and again once it was watchable in between.
# Runs in a user namespace of its own (unshare -U -r), whose inotify limits are its own; where
# none can be made it says SKIPPED. Only 127.0.0.1.
set -u
if [ -z "${SSLB_USER_NS:-}" ]; then
  if ! unshare -U -r sh -c 'echo 100 > /proc/sys/user/max_inotify_watches' 2> /dev/null; then
    echo "SKIPPED: no user namespace with its own inotify limits can be made here (unshare -U -r)"
    exit 0
  fi
  SSLB_USER_NS=1 exec unshare -U -r bash "$0" "$@"
fi
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

# Four directories watched for changes (the state, DIR/certs, stores MY and Web), and one anchor
# per directory on the way to the state (/, the scratch directory's parents, a, b, c): at least
# six. Five watches in all leave the anchors one at most.
export SSLBIND_STATE=$work/a/b/c/state
mkdir -p "$work/a/b/c"
C=$(hash_of "$data/contoso.pem")
S=$(hash_of "$data/shop.pem" Web)
echo 5 > /proc/sys/user/max_inotify_watches
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$S appid=$A certstorename=Web > /dev/null
check "five watches in all: the bindings served" \
  '[ "$(served_cert www.contoso.com)" = "$C" ] && [ "$(served_cert shop.contoso.com)" = "$S" ]'
check "the directories the anchors could not watch are said" \
  '[ "$(grep -c "cannot watch .*replaced there is seen at a SIGHUP only" "$work/log")" -ge 2 ]'
check "the state and the stores are not among them" '! grep -q "changes .* not seen" "$work/log"'
"$sb" cert delete certhash=$C > /dev/null
check "a certificate deleted from MY: not served at the next handshake" '[ -z "$(served_cert www.contoso.com)" ]'
"$sb" cert delete certhash=$S store=Web > /dev/null
check "a certificate deleted from Web: not served at the next handshake" '[ -z "$(served_cert shop.contoso.com)" ]'

said=$(grep -c "cannot watch" "$work/log")
kill -HUP "$server"
for _ in $(seq 50); do grep -q "SIGHUP: read again" "$work/log" && break; sleep 0.1; done
C=$(hash_of "$data/contoso.pem")
check "after a SIGHUP (every watch made again): a certificate imported again is served" \
  '[ "$(served_cert www.contoso.com)" = "$C" ]'
check "... and no directory said again ($said lines before)" '[ "$(grep -c "cannot watch" "$work/log")" = "$said" ]'

# watchable again (the limit raised, every watch made again), then not: said again, once
echo 1000 > /proc/sys/user/max_inotify_watches
kill -HUP "$server"
for _ in $(seq 50); do [ "$(grep -c "SIGHUP: read again" "$work/log")" = 2 ] && break; sleep 0.1; done
echo 5 > /proc/sys/user/max_inotify_watches
kill -HUP "$server"
for _ in $(seq 50); do [ "$(grep -c "SIGHUP: read again" "$work/log")" = 3 ] && break; sleep 0.1; done
check "watchable again, then not: each said again, once" '[ "$(grep -c "cannot watch" "$work/log")" = $((2 * said)) ]'

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
