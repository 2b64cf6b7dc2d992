#!/usr/bin/env bash
# links.sh SSLBIND SSLBIND-TLS — a state directory, DIR/certs or a store reached through a
# symbolic link (another volume, a home directory moved) is the endpoint's as it is every other
# reader's and writer's (review 30 F1-F3): the endpoint starts on a linked state directory, loads
# a linked store, and serves the next handshake after a change made through a link (a certificate
# deleted, imported, a store linked in while it runs), as `sim handshake` says; the state
# directory's link pointed elsewhere is served and watched from then on. Only 127.0.0.1.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

# sim PORT NAME: the result sim handshake gives for it
sim() { "$sb" sim handshake ipport=127.0.0.1:$1 host=$2 | awk '/^ *Result/ {print $NF}'; }

# The whole state directory is a link, and so are DIR/certs and store WebHosting inside it.
mkdir -p "$work/vol/state" "$work/vol2"
ln -s "$work/vol/state" "$SSLBIND_STATE"
C=$(hash_of "$data/contoso.pem")
SHOP=$(hash_of "$data/shop.pem" WebHosting)
mv "$work/vol/state/certs" "$work/vol2/certs"
ln -s "$work/vol2/certs" "$work/vol/state/certs"
mv "$work/vol2/certs/webhosting" "$work/vol2/webhosting"
ln -s "$work/vol2/webhosting" "$work/vol2/certs/webhosting"

if start_server 1; then ok "starts on a state directory that is a symbolic link"
else ko "starts on a state directory that is a symbolic link: $(cat "$work/log")"; echo "$passed passed, $failed failed"; exit 1; fi

"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$SHOP appid=$A certstorename=WebHosting > /dev/null
check "a store that is a link is loaded: its certificate served, as sim says ($(sim $P shop.contoso.com))" \
  '[ "$(served_cert shop.contoso.com)" = "$SHOP" ] && [ "$(sim $P shop.contoso.com)" = OK ]'
check "the IP binding's certificate served through DIR/certs, a link" '[ "$(served_cert www.contoso.com)" = "$C" ]'

# A change made through the links is served at the next handshake.
"$sb" cert delete certhash=$C > /dev/null
check "a certificate deleted through linked DIR/certs is no longer served ($(sim $P www.contoso.com))" \
  '[ -z "$(served_cert www.contoso.com)" ] && [ "$(sim $P www.contoso.com)" = CERT_NOT_FOUND ]'
C2=$(hash_of "$data/contoso.pem")
check "imported again: served at the next handshake" '[ "$(served_cert www.contoso.com)" = "$C2" ]'
"$sb" cert delete certhash=$SHOP store=WebHosting > /dev/null
check "a certificate deleted in a linked store is no longer served" '[ -z "$(served_cert shop.contoso.com)" ]'

# A store linked in while the endpoint runs is loaded and watched.
F=$(hash_of "$data/fabrikam.pem" Other)
"$sb" http add sslcert hostnameport=www.fabrikam.com:$P certhash=$F appid=$A certstorename=Other > /dev/null
mv "$work/vol2/certs/other" "$work/vol2/other"
check "a store moved away is not served" '[ -z "$(served_cert www.fabrikam.com)" ]'
ln -s "$work/vol2/other" "$work/vol2/certs/other"
check "a store linked in while it runs is loaded at the next handshake" '[ "$(served_cert www.fabrikam.com)" = "$F" ]'
"$sb" cert delete certhash=$F store=Other > /dev/null
check "... and watched: a delete in it is seen" '[ -z "$(served_cert www.fabrikam.com)" ]'

# The directory DIR/certs leads to, restored by rename on its own volume: still watched (review
# 31 F1: the watch stayed on the former directory, so a later import was never seen).
cp -a "$work/vol2/certs" "$work/vol2/certs.new"
mv "$work/vol2/certs" "$work/vol2/certs.old"
mv "$work/vol2/certs.new" "$work/vol2/certs"
check "DIR/certs's target restored by rename: served (and the restore's events taken)" '[ "$(served_cert www.contoso.com)" = "$C2" ]'
"$sb" cert delete certhash=$C2 > /dev/null
check "DIR/certs's target restored by rename: a certificate deleted in it afterwards is not served" \
  '[ -z "$(served_cert www.contoso.com)" ]'
C2=$(hash_of "$data/contoso.pem")
check "... one imported afterwards is served" '[ "$(served_cert www.contoso.com)" = "$C2" ]'

# Two store names linked to one directory: a change there is each store's (review 31 F6).
SHOP2=$(hash_of "$data/shop.pem" Shared)
ln -s "$work/vol2/certs/shared" "$work/vol2/certs/alias"
"$sb" http add sslcert hostnameport=alias.contoso.com:$P certhash=$SHOP2 appid=$A certstorename=Alias > /dev/null
"$sb" http add sslcert hostnameport=shared.contoso.com:$P certhash=$SHOP2 appid=$A certstorename=Shared > /dev/null
check "a store and a link to it: both served" \
  '[ "$(served_cert alias.contoso.com)" = "$SHOP2" ] && [ "$(served_cert shared.contoso.com)" = "$SHOP2" ]'
"$sb" cert delete certhash=$SHOP2 store=Shared > /dev/null
check "... a delete in it is seen under both names" \
  '[ -z "$(served_cert alias.contoso.com)" ] && [ -z "$(served_cert shared.contoso.com)" ]'

# The state directory's link pointed elsewhere (atomically, as a deployment switches releases).
mkdir -p "$work/vol3"
cp -a "$work/vol/state/." "$work/vol3/"
rm "$work/vol3/certs"
cp -a "$work/vol2/certs" "$work/vol3/certs" # its stores: links to the same directories
SSLBIND_STATE=$work/vol3 "$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
ln -s "$work/vol3" "$work/next"
mv -T "$work/next" "$SSLBIND_STATE"
check "the state directory's link pointed to another directory: its table served (no IP binding there)" \
  '[ -z "$(served_cert www.contoso.com)" ]'
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C2 appid=$A > /dev/null
check "... and watched: a binding added there is served" '[ "$(served_cert www.contoso.com)" = "$C2" ]'

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
