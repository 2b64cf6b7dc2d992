#!/usr/bin/env bash
# statefiles.sh SSLBIND SSLBIND-TLS — what is found where the endpoint's IIS files belong cannot
# stall it (review 30 F0): a FIFO at applicationHost.config, addresses, sites.state or
# redirection.config, or a link to /dev/zero, is refused in the core's words (the sites served
# before stay), handshakes go on, SIGTERM stops it; at a start, the same is a clear error at once.
# And the state directory replaced whole — by rename (a restore from a backup), removed and made
# again — is the one served from the next handshake on, and watched (review 30 F3b).
# Only 127.0.0.1 is used.
set -u
trap '[ -n "$server" ] && kill -KILL "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

C=$("$sb" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
"$sb" appcmd add site /name:Contoso /bindings:https/*:443:www.contoso.com > /dev/null
[ -f "$SSLBIND_STATE/applicationHost.config" ] || { echo "[FAIL] no applicationHost.config made"; exit 1; }

need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
check "served before (the control)" '[ "$(served_cert www.contoso.com)" = "$C" ]'

S=$SSLBIND_STATE
for f in applicationHost.config addresses sites.state redirection.config; do
  [ -e "$S/$f" ] && mv "$S/$f" "$work/$f.kept"
  mkfifo "$S/$f"
  got=$(served_cert www.contoso.com)
  check "a FIFO at $f: the next handshake is served, the FIFO named in the log" \
    '[ "$got" = "$C" ] && grep -q "$f: not a regular file (a FIFO" "$work/log"'
  rm -f "$S/$f"
  [ -e "$work/$f.kept" ] && mv "$work/$f.kept" "$S/$f"
done
mv "$S/applicationHost.config" "$work/ah.kept"
ln -s /dev/zero "$S/applicationHost.config"
got=$(served_cert www.contoso.com)
check "applicationHost.config a link to /dev/zero: served, refused as not a regular file" \
  '[ "$got" = "$C" ] && [ "$(grep -c "applicationHost.config: not a regular file" "$work/log")" -ge 2 ]'
rm "$S/applicationHost.config"
mv "$work/ah.kept" "$S/applicationHost.config"
kill -TERM "$server"
timeout 10 tail --pid="$server" -f /dev/null
status=$(kill -0 "$server" 2> /dev/null && echo running || { wait "$server"; echo $?; })
server=""
check "SIGTERM stops it (exit 0)" '[ "$status" = 0 ]'

# The state directory replaced by rename: served, and changes to the new one seen.
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
SHOP=$("$sb" cert import file="$data/shop.pem" | awk '/Certificate Hash/ {print $NF}')
check "served before (the control)" '[ "$(served_cert www.contoso.com)" = "$C" ]'
cp -a "$S" "$work/backup"
mv "$S" "$work/old"
mv "$work/backup" "$S"
"$sb" http update sslcert ipport=0.0.0.0:$P certhash=$SHOP appid=$A > /dev/null
check "the state directory replaced by rename: a change to the new one served" '[ "$(served_cert www.contoso.com)" = "$SHOP" ]'
"$sb" cert delete certhash=$SHOP > /dev/null
check "... and its stores watched: a certificate deleted there is not served" '[ -z "$(served_cert www.contoso.com)" ]'
# moved away: what was loaded is served until a state directory is there again (review 31 F3)
"$sb" http update sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
check "served again (the control)" '[ "$(served_cert www.contoso.com)" = "$C" ]'
mv "$S" "$work/away"
check "the state directory moved away: what was loaded still served, and said" \
  '[ "$(served_cert www.contoso.com)" = "$C" ] && grep -q "the state directory $S is not there" "$work/log"'
mv "$work/away" "$S"
check "... moved back: read again, and said" '[ "$(served_cert www.contoso.com)" = "$C" ] && grep -q "the state directory $S is there again" "$work/log"'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: the binding deleted then is not served" '[ -z "$(served_cert www.contoso.com)" ]'
rm -rf "$S"
mkdir "$S"
check "removed and made again, empty: nothing served" '[ -z "$(served_cert www.contoso.com)" ]'
cp -a "$work/old/." "$S/"
check "... then filled: served" '[ "$(served_cert www.contoso.com)" = "$C" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: a binding deleted is not served" '[ -z "$(served_cert www.contoso.com)" ]'
stop_server

# A shared configuration's directory redeployed by rename: the edits made to the new one are
# served (review 31 F4: the watch stayed on the former directory).
rm -rf "$S"
mkdir "$S"
"$sb" cert import file="$data/contoso.pem" > /dev/null
"$sb" appcmd add site /name:www "/bindings:https/*:443:www.contoso.com" > /dev/null
"$sb" iis sharedconfig export path="$work/farm" > /dev/null
"$sb" iis sharedconfig enable path="$work/farm" > /dev/null
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
site_of() { curl -sk --max-time 5 --resolve "$1:$P:127.0.0.1" "https://$1:$P/" | sed -n 's/^site: //p'; }
"$sb" appcmd add site /name:one "/bindings:https/*:$P:one.contoso.com" > /dev/null
check "a site added to the shared configuration: routed to (the control)" '[ "$(site_of one.contoso.com)" = "one (id 3)" ]'
cp -a "$work/farm" "$work/farm.new"
mv "$work/farm" "$work/farm.old"
mv "$work/farm.new" "$work/farm"
check "... redeployed by rename: still routed (and the redeploy's events taken)" '[ "$(site_of one.contoso.com)" = "one (id 3)" ]'
"$sb" appcmd set site one "/bindings:https/*:$P:uno.contoso.com" > /dev/null # the shared file alone
check "the shared configuration's directory redeployed by rename: a binding changed then is routed by" \
  '[ "$(site_of uno.contoso.com)" = "one (id 3)" ]'
stop_server
rm -rf "$S"
cp -a "$work/old" "$S"

# At a start: a clear error, at once.
for f in addresses applicationHost.config; do
  mv "$S/$f" "$work/$f.kept" 2> /dev/null
  mkfifo "$S/$f"
  timeout -k 2 10 "$tlsd" --listen 127.0.0.1:0 > "$work/out" 2> "$work/log"
  status=$?
  check "a FIFO at $f at a start: exit 1 at once, said ($(head -c 120 "$work/log"))" \
    '[ $status = 1 ] && grep -q "$f: not a regular file (a FIFO" "$work/log" && ! grep -q listening "$work/out"'
  rm -f "$S/$f"
  mv "$work/$f.kept" "$S/$f" 2> /dev/null
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
