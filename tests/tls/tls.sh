#!/usr/bin/env bash
# tls.sh SSLBIND SSLBIND-TLS — the real TLS endpoint on loopback, checked with curl and
# openssl s_client: SNI and default bindings, a name mismatch as a browser sees it, no binding,
# reject (of every binding kind), a missing certificate, the central store, a table changed while serving, and parallel
# clients while bindings are updated. Every request is bounded in time; only 127.0.0.1 is used.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

C=$(hash_of "$data/contoso.pem")
SHOP=$(hash_of "$data/shop.pem")
hash_of "$data/wildcard.pem" ccs > /dev/null
openssl x509 -in "$data/contoso.pem" -out "$work/contoso.crt"
openssl x509 -in "$data/shop.pem" -out "$work/shop.crt"
openssl x509 -in "$data/wildcard.pem" -out "$work/wildcard.crt"

# Three ports: P has bindings, Q has none at first, R has reject bindings of every kind.
need_server 3
Q=$((P + 1)) R=$((P + 2))

get() { # get HOST PORT CAFILE: curl through the endpoint; body in $work/body, status in $rc
  curl -sS --max-time 5 --cacert "$3" --resolve "$1:$2:127.0.0.1" "https://$1:$2/" > "$work/body" 2> "$work/err"
  rc=$?
}

"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$SHOP appid=$A > /dev/null

get shop.contoso.com $P "$work/shop.crt"
if [ $rc = 0 ] && grep -q "binding used: Hostname:port shop.contoso.com:$P" "$work/body"; then ok "SNI binding served, curl verifies it"; else ko "SNI binding served, curl verifies it"; fi

get www.contoso.com $P "$work/contoso.crt"
if [ $rc = 0 ] && grep -q "binding used: IP:port 0.0.0.0:$P" "$work/body"; then ok "no SNI binding: the 0.0.0.0 default answers"; else ko "no SNI binding: the 0.0.0.0 default answers"; fi

echo | timeout 5 openssl s_client -connect 127.0.0.1:$P -noservername > "$work/sc" 2>&1
if grep -q "subject=CN = www.contoso.com" "$work/sc"; then ok "a client without SNI gets the default certificate (s_client)"; else ko "a client without SNI gets the default certificate (s_client)"; fi

get blog.contoso.com $P "$work/contoso.crt"
if [ $rc = 60 ] && grep -q "no alternative certificate subject name matches" "$work/err"; then ok "name mismatch: curl refuses, as a browser warns"; else ko "name mismatch: curl refuses (rc=$rc)"; fi

# No binding: http.sys resets the connection (spec/lookup.md step 6, IIS's ERR_CONNECTION_RESET),
# no TLS alert. curl says "Connection reset by peer" (35 in the handshake, 56 on a read);
# s_client sees no alert record.
get www.contoso.com $Q "$work/contoso.crt"
if { [ $rc = 35 ] || [ $rc = 56 ]; } && grep -q "Connection reset by peer" "$work/err" && ! grep -qi "alert" "$work/err" &&
   grep -q "127.0.0.1:$Q sni=www.contoso.com -> no binding \[NO_BINDING\]" "$work/log"; then
  ok "no binding: the connection is reset, and the log says NO_BINDING"
else ko "no binding: the connection is reset (rc=$rc: $(head -c 200 "$work/err"))"; fi
timeout 5 openssl s_client -connect 127.0.0.1:$Q -servername www.contoso.com < /dev/null > "$work/sc" 2>&1
if ! grep -qi "alert" "$work/sc" && grep -qE "errno=104|Connection reset by peer" "$work/sc"; then
  ok "no binding: s_client sees a reset and no alert"
else ko "no binding: s_client sees a reset and no alert: $(grep -iE "alert|errno" "$work/sc" | head -2)"; fi

"$sb" http add sslcert ipport=127.0.0.1:$Q certhash=$C appid=$A reject=enable > /dev/null
get www.contoso.com $Q "$work/contoso.crt"
if [ $rc = 35 ] && grep -q "alert handshake failure" "$work/err" && grep -q "\[REJECTED\]" "$work/log"; then
  ok "reject=enable refuses the handshake with an alert"
else ko "reject=enable refuses the handshake with an alert (rc=$rc)"; fi

"$sb" http update sslcert ipport=127.0.0.1:$Q certhash=$C appid=$A > /dev/null
get www.contoso.com $Q "$work/contoso.crt"
if [ $rc = 0 ] && grep -q "binding used: IP:port 127.0.0.1:$Q" "$work/body"; then ok "a change made by sslbind is served at once"; else ko "a change made by sslbind is served at once (rc=$rc)"; fi

"$sb" cert delete certhash=$C > /dev/null
get www.contoso.com $Q "$work/contoso.crt"
if [ $rc != 0 ] && grep -q "\[CERT_NOT_FOUND\]" "$work/log"; then ok "a binding whose certificate is gone fails the handshake"; else ko "missing certificate (rc=$rc)"; fi
"$sb" cert import file="$data/contoso.pem" > /dev/null

"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
"$sb" http add sslcert ccs=$P appid=$A > /dev/null
get api.contoso.com $P "$work/wildcard.crt"
if [ $rc = 0 ] && grep -q "binding used: CCS $P" "$work/body"; then ok "CCS: _.contoso.com.pfx served for api.contoso.com"; else ko "CCS (rc=$rc)"; fi
"$sb" http add sslcert scopedccs=api.contoso.com:$P appid=$A > /dev/null
get api.contoso.com $P "$work/wildcard.crt"
if [ $rc = 0 ] && grep -q "binding used: Scoped CCS api.contoso.com:$P" "$work/body"; then ok "scoped CCS before CCS"; else ko "scoped CCS (rc=$rc)"; fi

# A central-store file that is there but cannot serve: resolve goes on past it as past a missing
# one (no binding here), and the log says which file and why.
echo "not a pfx" > "$SSLBIND_STATE/certs/ccs/bad.example.pfx"
echo "not a pfx" > "$SSLBIND_STATE/certs/ccs/_.example.org.pfx"
get bad.example $P "$work/wildcard.crt"
get www.example.org $P "$work/wildcard.crt"
# names compare lower-cased, as resolve compares them (s_client: curl lower-cases the SNI itself)
timeout 5 openssl s_client -connect 127.0.0.1:$P -servername BAD.Example < /dev/null > /dev/null 2>&1
if grep -q "sni=bad.example -> no binding \[NO_BINDING\]: the central store's bad.example.pfx is there, but it is not a PKCS#12 file" "$work/log" &&
   grep -q "sni=www.example.org -> no binding \[NO_BINDING\]: the central store's _.example.org.pfx is there, but it is not a PKCS#12 file" "$work/log" &&
   grep -q "sni=BAD.Example -> no binding \[NO_BINDING\]: the central store's bad.example.pfx is there, but" "$work/log"; then
  ok "an unusable central-store file: NO_BINDING, and the log names the file and why"
else ko "unusable central-store file: $(grep -E "sni=(bad.example|www.example.org)" "$work/log" | head -2)"; fi

# One trailing dot in the SNI is the same name (curl drops it itself: s_client sends it).
printf 'GET / HTTP/1.0\r\nHost: shop.contoso.com\r\n\r\n' |
  timeout 5 openssl s_client -quiet -connect 127.0.0.1:$P -servername shop.contoso.com. > "$work/dot" 2>&1
if grep -q "binding used: Hostname:port shop.contoso.com:$P" "$work/dot"; then ok "SNI shop.contoso.com. matches shop.contoso.com:$P"; else ko "trailing dot: $(head -c 300 "$work/dot")"; fi

# Parallel clients while the binding they use is updated back and forth.
( for i in $(seq 20); do "$sb" http update sslcert hostnameport=shop.contoso.com:$P certhash=$SHOP appid=$A disablehttp2=enable > /dev/null
                        "$sb" http update sslcert hostnameport=shop.contoso.com:$P certhash=$SHOP appid=$A > /dev/null; done ) &
writer=$!
bad=0
for i in $(seq 40); do
  curl -sS --max-time 5 --cacert "$work/shop.crt" --resolve shop.contoso.com:$P:127.0.0.1 "https://shop.contoso.com:$P/" > "$work/p$i" 2>&1 &
done
wait $(jobs -p | grep -v "^$server\$") 2>/dev/null
wait $writer 2>/dev/null
for i in $(seq 40); do grep -q "binding used: Hostname:port shop.contoso.com:$P" "$work/p$i" || bad=$((bad + 1)); done
if [ $bad = 0 ]; then ok "40 parallel clients all served while the binding was updated"; else ko "parallel clients: $bad of 40 failed"; fi

# reject=enable on a hostname:port, scoped CCS and CCS binding: REJECTED at its own probe, with
# an alert, never passed on to 0.0.0.0:$R behind it; a CCS one whether or not the central store
# has a file for the name (_.contoso.com.pfx is there, nothing for example.net).
# rejected HOST BINDING: a request for HOST on R is refused with an alert, and the log names BINDING
rejected() {
  local line="127.0.0.1:$R sni=$1 -> $2 [REJECTED]"
  get "$1" $R "$work/contoso.crt"
  for _ in $(seq 50); do grep -qF -- "$line" "$work/log" && break; sleep 0.1; done
  [ $rc = 35 ] && grep -q "alert handshake failure" "$work/err" && grep -qF -- "$line" "$work/log"
}
"$sb" http add sslcert ipport=0.0.0.0:$R certhash=$C appid=$A > /dev/null
"$sb" http add sslcert hostnameport=rej.contoso.com:$R certhash=$C appid=$A reject=enable > /dev/null
check "reject=enable on hostname:port: REJECTED at its probe" \
  'rejected rej.contoso.com "Hostname:port rej.contoso.com:$R cert $C"'
"$sb" http add sslcert scopedccs=api.contoso.com:$R appid=$A reject=enable > /dev/null
"$sb" http add sslcert scopedccs=nofile.example.net:$R appid=$A reject=enable > /dev/null
check "reject=enable on scoped CCS, a file for the name: REJECTED at its probe" \
  'rejected api.contoso.com "Scoped CCS api.contoso.com:$R"'
check "reject=enable on scoped CCS, no file for the name: REJECTED at its probe" \
  'rejected nofile.example.net "Scoped CCS nofile.example.net:$R"'
get www.contoso.com $R "$work/contoso.crt"
check "a name no reject binding holds: 0.0.0.0:$R serves it" \
  '[ $rc = 0 ] && grep -q "binding used: IP:port 0.0.0.0:$R" "$work/body"'
"$sb" http add sslcert ccs=$R appid=$A reject=enable > /dev/null
check "reject=enable on CCS, a file for the name: REJECTED at its probe" \
  'rejected shop2.contoso.com "CCS $R"'
check "reject=enable on CCS, no file for the name: REJECTED, not served by 0.0.0.0:$R" \
  'rejected other.example.net "CCS $R"'

stop_server

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
