#!/usr/bin/env bash
# paths.sh SSLBIND SSLBIND-TLS — a directory replaced anywhere on the way to the state directory or
# to a store, not only at its own name: a release's "current" link above the state directory
# pointed at the next release, the release's own directory renamed over by a new copy, and a
# store's link made before the directory it names exists (made later, even its parent). Each is
# served at the next handshake as `sim handshake` says, and watched from then on: an edit made
# afterwards is served too. Only 127.0.0.1.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

# The state directory two levels under a relative link, as a deployment lays out its releases.
srv=$work/srv
mkdir -p "$srv/releases/r1" "$srv/releases/r2"
ln -s releases/r1 "$srv/current"
export SSLBIND_STATE=$srv/current/sslbind
C=$(hash_of "$data/contoso.pem")
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
check "the state directory under a link: its binding served" '[ "$(served_cert www.contoso.com)" = "$C" ]'

# sim_hash PORT NAME: the certificate hash sim handshake says is served (its state directory's)
sim_hash() { "$sb" sim handshake ipport=127.0.0.1:$1 host=$2 | awk '/^ *Certificate Hash/ {print $NF}'; }

# The next release, made beside it, with another certificate; then "current" switched atomically.
F=$(SSLBIND_STATE=$srv/releases/r2/sslbind hash_of "$data/fabrikam.pem")
SSLBIND_STATE=$srv/releases/r2/sslbind "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$F appid=$A > /dev/null
ln -s releases/r2 "$srv/next"
mv -T "$srv/next" "$srv/current"
check "a link above the state directory's parent pointed at the next release: its binding served, as sim says" \
  '[ "$(served_cert www.contoso.com)" = "$F" ] && [ "$(sim_hash $P www.contoso.com)" = "$F" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: a binding deleted there afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'

# The release's directory itself renamed over by a new copy (a restore above the state directory).
cp -a "$srv/releases/r2" "$srv/releases/r2.new"
C3=$(SSLBIND_STATE=$srv/releases/r2.new/sslbind hash_of "$data/contoso.pem")
SSLBIND_STATE=$srv/releases/r2.new/sslbind "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C3 appid=$A > /dev/null
mv "$srv/releases/r2" "$srv/releases/r2.old"
mv "$srv/releases/r2.new" "$srv/releases/r2"
check "a directory above the state directory renamed over by a copy: the copy's binding served" \
  '[ "$(served_cert www.contoso.com)" = "$C3" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: a binding deleted in the copy afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'

# A store's link made before the directory it names exists, its parent not there either.
certs=$SSLBIND_STATE/certs
S=$(hash_of "$data/shop.pem" Later)
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$S appid=$A certstorename=Later > /dev/null
check "a store in the state directory: served" '[ "$(served_cert shop.contoso.com)" = "$S" ]'
mv "$certs/later" "$work/saved"
ln -s "$work/vol/sub/later" "$certs/later"
check "its link made to a directory not there: not served" '[ -z "$(served_cert shop.contoso.com)" ]'
mkdir -p "$work/vol/sub"
check "the link's target's parent made: still not served" '[ -z "$(served_cert shop.contoso.com)" ]'
mv "$work/saved" "$work/vol/sub/later"
check "the directory the link names made: served at the next handshake, as sim says" \
  '[ "$(served_cert shop.contoso.com)" = "$S" ] && [ "$(sim_hash $P shop.contoso.com)" = "$S" ]'
"$sb" cert delete certhash=$S store=Later > /dev/null
check "... and watched: a certificate deleted in it afterwards is not served" '[ -z "$(served_cert shop.contoso.com)" ]'

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
