#!/usr/bin/env bash
# sites.sh SSLBIND SSLBIND-TLS — the endpoint serves IIS sites (spec iis.md §9): the IIS 7
# article's two host-header sites on one port, seen by real clients. Without SNI the handshake
# can only use the IP:port binding, so the second site is served under the first site's
# certificate (openssl s_client -noservername shows both at once); with SNI bindings
# (sslFlags 1) each site gets its own. Then the router's order with four sites on one port.
# Only 127.0.0.1 is used; every request is time-bounded.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

WWW=$(hash_of "$data/contoso.pem")
SHOP=$(hash_of "$data/shop.pem")
openssl x509 -in "$data/shop.pem" -out "$work/shop.crt"

need_server 1
quiet() { "$@" > "$work/cmd" 2>&1 || { echo "command failed: $*"; cat "$work/cmd"; }; }

quiet "$sb" appcmd add site /name:www /id:2 "/bindings:https/*:$P:www.contoso.com"
quiet "$sb" appcmd add site /name:shop /id:3 /physicalPath:/srv/shop
quiet "$sb" appcmd set site /site.name:shop "/+bindings.[protocol='https',bindingInformation='*:$P:shop.contoso.com']"
quiet "$sb" iis binding cert site=www "binding=https/*:$P:www.contoso.com" certhash=$WWW

# raw HOST [SNI]: one request through openssl s_client; the whole exchange in $work/raw
raw() {
  local sni=(-noservername)
  [ -n "${2:-}" ] && sni=(-servername "$2")
  { printf 'GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$1"; sleep 1; } |
    timeout 10 openssl s_client -connect "127.0.0.1:$P" "${sni[@]}" -ign_eof > "$work/raw" 2>&1
}

raw shop.contoso.com
if grep -q "subject=CN = www.contoso.com" "$work/raw" && grep -q "site: shop (id 3)" "$work/raw" &&
   grep -q "routed by: https/\*:$P:shop.contoso.com" "$work/raw" && grep -q "binding used: IP:port 0.0.0.0:$P" "$work/raw"; then
  ok "no SNI, Host: shop: shop's page under www's certificate (the IIS 7 trap)"
else ko "no SNI, Host: shop: shop's page under www's certificate"; sed 's/^/  | /' "$work/raw" | grep -E "subject|site|routed|binding|HTTP" ; fi

raw www.contoso.com
if grep -q "subject=CN = www.contoso.com" "$work/raw" && grep -q "site: www (id 2)" "$work/raw"; then
  ok "no SNI, Host: www: www's page and certificate"; else ko "no SNI, Host: www"; fi

curl -sS --max-time 5 --cacert "$work/shop.crt" --resolve "shop.contoso.com:$P:127.0.0.1" "https://shop.contoso.com:$P/" > "$work/body" 2> "$work/err"
rc=$?
if [ $rc = 60 ]; then ok "curl to shop refuses www's certificate, as a browser warns"; else ko "curl to shop (rc=$rc)"; fi

raw blog.contoso.com
if grep -q "HTTP/1.1 400 Bad Request" "$work/raw" && grep -q "site: (none: 400 Bad Request)" "$work/raw"; then
  ok "a host no binding names: 400 Bad Request, as http.sys answers"; else ko "unknown host: 400"; fi

# IIS 8: SNI bindings, each site its own certificate
quiet "$sb" http delete sslcert ipport=0.0.0.0:$P
quiet "$sb" appcmd set site www "/bindings.[protocol='https',bindingInformation='*:$P:www.contoso.com'].sslFlags:1"
quiet "$sb" appcmd set site shop "/bindings.[protocol='https',bindingInformation='*:$P:shop.contoso.com'].sslFlags:1"
"$sb" iis binding cert site=www "binding=https/*:$P:www.contoso.com" certhash=$WWW > /dev/null 2>&1
"$sb" iis binding cert site=shop "binding=https/*:$P:shop.contoso.com" certhash=$SHOP > /dev/null 2>&1
curl -sS --max-time 5 --cacert "$work/shop.crt" --resolve "shop.contoso.com:$P:127.0.0.1" "https://shop.contoso.com:$P/" > "$work/body" 2> "$work/err"
rc=$?
if [ $rc = 0 ] && grep -q "site: shop (id 3)" "$work/body" && grep -q "binding used: Hostname:port shop.contoso.com:$P" "$work/body"; then
  ok "SNI: shop's page under shop's own certificate (curl verifies it)"; else ko "SNI: shop (rc=$rc)"; fi

raw shop.contoso.com shop.contoso.com
if grep -q "subject=CN = shop.contoso.com" "$work/raw" && grep -q "site: shop (id 3)" "$work/raw"; then
  ok "SNI: openssl s_client -servername sees shop's certificate"; else ko "SNI: s_client"; fi

raw shop.contoso.com
if grep -q "NO_BINDING" "$work/log" && ! grep -q "site: shop" "$work/raw"; then
  ok "SNI only, a client without SNI: no binding, the handshake fails"; else ko "no default SSL site"; fi

# an in-place edit that keeps inode, size and mtime (touch -r; a coarse-mtime share in a farm):
# shop's binding renamed shoq, so Host: shop has no site any more. The endpoint compares bytes.
cfg="$SSLBIND_STATE/applicationHost.config"
cp -p "$cfg" "$work/orig"
sed 's/shop\.contoso\.com/shoq.contoso.com/' "$work/orig" > "$work/new"
cat "$work/new" > "$cfg"
touch -r "$work/orig" "$cfg"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  curl -sS --max-time 5 --cacert "$work/shop.crt" --resolve "shop.contoso.com:$P:127.0.0.1" "https://shop.contoso.com:$P/" > "$work/body" 2> "$work/err"
  grep -q "site: (none: 400 Bad Request)" "$work/body" && break
  sleep 0.5
done
if grep -q "site: (none: 400 Bad Request)" "$work/body"; then
  ok "an in-place edit keeping size and mtime is seen (the bytes are compared)"; else ko "in-place same-size edit"; fi
cat "$work/orig" > "$cfg"
touch -r "$work/orig" "$cfg"
for _ in 1 2 3 4 5 6 7 8 9 10; do
  curl -sS --max-time 5 --cacert "$work/shop.crt" --resolve "shop.contoso.com:$P:127.0.0.1" "https://shop.contoso.com:$P/" > "$work/body" 2> "$work/err"
  grep -q "site: shop (id 3)" "$work/body" && break
  sleep 0.5
done
if grep -q "site: shop (id 3)" "$work/body"; then ok "and the edit back is seen too"; else ko "in-place edit back"; fi

quiet "$sb" appcmd stop site shop
curl -sS --max-time 5 --cacert "$work/shop.crt" --resolve "shop.contoso.com:$P:127.0.0.1" "https://shop.contoso.com:$P/" > "$work/body" 2> "$work/err"
if grep -q "site: (none: 400 Bad Request)" "$work/body"; then
  ok "a stopped site is not routed to (the change is seen at once)"; else ko "stopped site"; fi

# The router's precedence (spec iis.md §9, §10.11): IP:port:host, then *:port:host, then
# IP:port:, then *:port:; the Host header's port is dropped and its case ignored, and an HTTP/1.0
# request without Host is routed host-less. Four sites on this one port, all under one IP:port
# certificate (0.0.0.0:P, no SNI); stopping sites walks down the order to the final 400.
quiet "$sb" appcmd add site /name:ipa /id:11 "/bindings:https/127.0.0.1:$P:a.contoso.com"
quiet "$sb" appcmd add site /name:stara /id:12 "/bindings:https/*:$P:a.contoso.com"
quiet "$sb" appcmd add site /name:iponly /id:13 "/bindings:https/127.0.0.1:$P:"
quiet "$sb" appcmd add site /name:star /id:14 "/bindings:https/*:$P:"
quiet "$sb" iis binding cert site=star "binding=https/*:$P:" certhash=$WWW
# ask VERSION [HOST]: GET / HTTP/VERSION with Host: HOST (none without HOST), no SNI; the whole
# exchange in $work/raw
ask() {
  local host=""
  [ $# -gt 1 ] && host="Host: $2\r\n"
  { printf 'GET / HTTP/%s\r\n%bConnection: close\r\n\r\n' "$1" "$host"; sleep 1; } |
    timeout 10 openssl s_client -connect "127.0.0.1:$P" -noservername -ign_eof > "$work/raw" 2>&1
}
# routes NAME WANT VERSION [HOST]: the request goes to the site WANT ("site: WANT (id N)" and
# "routed by: BINDING" as one pattern), tried a few times: the endpoint reloads on change
routes() {
  local name=$1 want=$2
  shift 2
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    ask "$@"
    grep -q "HTTP/1.1 200 OK" "$work/raw" && tr '\n' '|' < "$work/raw" | grep -qE "$want" && break
    sleep 0.5
  done
  if grep -q "HTTP/1.1 200 OK" "$work/raw" && tr '\n' '|' < "$work/raw" | grep -qE "$want"; then ok "$name"
  else ko "$name"; sed 's/^/  | /' "$work/raw" | grep -E "HTTP/|site|routed|host header"; fi
}
a_ip="site: ipa \(id 11\)\|routed by: https/127\.0\.0\.1:$P:a\.contoso\.com\|"
a_star="site: stara \(id 12\)\|routed by: https/\*:$P:a\.contoso\.com\|"
ip_only="site: iponly \(id 13\)\|routed by: https/127\.0\.0\.1:$P:\|"
star_only="site: star \(id 14\)\|routed by: https/\*:$P:\|"
routes "IP:port:host first, the Host's port dropped and its case ignored" "$a_ip" 1.1 "A.Contoso.COM:$P"
routes "a host no site names: IP:port: before *:port:" "$ip_only" 1.1 b.contoso.com
routes "HTTP/1.0 without Host: host-less, IP:port:" "$ip_only" 1.0
ask 1.1
check "HTTP/1.1 without Host: 400 (RFC 9112, as http.sys), not routed" \
  'grep -q "HTTP/1.1 400 Bad Request" "$work/raw" && ! grep -q "site: " "$work/raw"'
quiet "$sb" appcmd stop site ipa
routes "IP+host site stopped: *:port:host next" "$a_star" 1.1 "a.contoso.com:$P"
routes "  and a host no site names still goes to IP:port:" "$ip_only" 1.1 B.CONTOSO.COM
quiet "$sb" appcmd stop site iponly
routes "IP:port: stopped too: *:port: for a host no site names" "$star_only" 1.1 "b.contoso.com:$P"
routes "  and for HTTP/1.0 without Host" "$star_only" 1.0
routes "  while a.contoso.com stays with *:port:host" "$a_star" 1.1 A.CONTOSO.COM
quiet "$sb" appcmd stop site stara
quiet "$sb" appcmd stop site star
for _ in 1 2 3 4 5 6 7 8 9 10; do
  ask 1.1 a.contoso.com
  grep -q "site: (none: 400 Bad Request)" "$work/raw" && break
  sleep 0.5
done
check "all four stopped: 400 Bad Request" \
  'grep -q "HTTP/1.1 400 Bad Request" "$work/raw" && grep -q "site: (none: 400 Bad Request)" "$work/raw"'
for site in ipa stara iponly star; do quiet "$sb" appcmd delete site $site; done
quiet "$sb" http delete sslcert ipport=0.0.0.0:$P

# A binding in <siteDefaults> belongs to every site (IIS's collection inheritance): Default Web
# Site and www both inherit it, so the two Started sites clash on it and WAS stops the later one
# in the file (www; shop is stopped already); the endpoint routes it to Default Web Site.
python3 - "$SSLBIND_STATE/applicationHost.config" "$P" << 'PY'
import sys
path, port = sys.argv[1], sys.argv[2]
text = open(path).read()
new = ('<siteDefaults>\n            <bindings>\n                <binding protocol="https" '
       'bindingInformation="*:%s:blog.contoso.com" />\n            </bindings>' % port)
assert text.count('<siteDefaults>') == 1
open(path, 'w').write(text.replace('<siteDefaults>', new))
PY
"$sb" appcmd list site > "$work/sites" 2>&1
raw blog.contoso.com www.contoso.com
if grep -q "SITE \"www\" (id:2,bindings:https/\*:$P:blog.contoso.com,https/\*:$P:www.contoso.com,state:Stopped)" "$work/sites" &&
   grep -q "site: Default Web Site (id 1)" "$work/raw" && grep -q "routed by: https/\*:$P:blog.contoso.com" "$work/raw"; then
  ok "a binding inherited from siteDefaults: every site has it, the clash stops www, the endpoint routes to site 1"
else ko "inherited binding"; cat "$work/sites"; sed 's/^/  | /' "$work/raw" | grep -E "subject|site|routed|binding|HTTP"; fi

stop_server

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
