#!/usr/bin/env bash
# hardening.sh SSLBIND SSLBIND-TLS — what issue 9 found in the endpoint, each checked with a real
# client on 127.0.0.1: certificates TLS cannot serve (weak RSA, DSA, secp256k1) refused by
# `http add` (1312) and by the endpoint in the same words; a ClientHello whose SNI holds a NUL
# byte or control bytes (sent raw, with bash's printf: no client lets one through); start-up
# errors that must say why and, under ASan, free everything; --max-connections out of range; a
# 17th --listen.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

# wait_log TEXT: until the server's log has a line with TEXT (fixed string), at most 5 seconds:
# the server writes it when the connection ends, which may be after the client has returned.
wait_log() { for _ in $(seq 50); do grep -qF -- "$1" "$work/log" && return 0; sleep 0.1; done; return 1; }
C=$(hash_of "$data/contoso.pem")

# ---- certificates the server cannot use: the 1312 check says what the handshake will -------
declare -A weak_hash why
for w in rsa512 rsa1024 dsa secp256k1; do
  weak_hash[$w]=$(hash_of "$data/weak-$w.pem")
done
why[rsa512]="RSA 512-bit key: below OpenSSL's security level 2"
why[rsa1024]="RSA 1024-bit key: below OpenSSL's security level 2"
why[dsa]="DSA 2048-bit key: TLS 1.3 has no DSA signature"
why[secp256k1]="EC key on the curve secp256k1"

# A certificate whose key matches it (the same n and e) but is damaged (d and the CRT exponents
# changed): OpenSSL would sign with it and every client would reject the signature. `cert import`
# and `http add` refuse it now, so it gets into the store as a store edited by hand does (the key
# file replaced); the endpoint checks the key's private values (the core's check) and makes a
# test signature at load: refused, said at start-up.
# damage KEY OUT [FIELDS]: KEY with its private exponents (or FIELDS, names as `openssl rsa -text`
# prints them) changed, as PKCS#8 PEM.
damage() {
  openssl rsa -in "$1" -text -noout 2>/dev/null | awk -v fields="${3:-privateExponent exponent1 exponent2}" '
    /^[a-zA-Z0-9]+:/ { f = $1; sub(":", "", f); v[f] = ""; if ($0 ~ /\(/) { split($0, a, "[()x]"); v[f] = a[4] } next }
    /^ / { gsub(/[ :]/, ""); v[f] = v[f] $0 }
    function bad(f) { h = v[f]; if (index(" " fields " ", " " f " ") == 0) return h
                      return substr(h, 1, length(h) - 1) (substr(h, length(h)) == "1" ? "3" : "1") }
    END {
      print "asn1=SEQUENCE:k"; print "[k]"; print "v=INTEGER:0"
      print "n=INTEGER:0x" v["modulus"]; print "e=INTEGER:0x" v["publicExponent"]
      print "d=INTEGER:0x" bad("privateExponent"); print "p=INTEGER:0x" v["prime1"]; print "q=INTEGER:0x" v["prime2"]
      print "dp=INTEGER:0x" bad("exponent1"); print "dq=INTEGER:0x" bad("exponent2"); print "qi=INTEGER:0x" bad("coefficient")
    }' > "$2.conf" &&
  openssl asn1parse -genconf "$2.conf" -out "$2.der" > /dev/null && openssl pkey -inform DER -in "$2.der" -out "$2" 2> /dev/null
}
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/good.key" -out "$work/damaged.crt" -days 30 \
  -subj /CN=damaged.contoso.com -addext subjectAltName=DNS:damaged.contoso.com 2> /dev/null
damage "$work/good.key" "$work/bad.key"
cat "$work/damaged.crt" "$work/good.key" > "$work/damaged.pem"
# put_key KEY: the store's key file of $D replaced by KEY (a new file renamed over it)
put_key() { cp "$1" "$SSLBIND_STATE/certs/my/.repair" && mv "$SSLBIND_STATE/certs/my/.repair" "$SSLBIND_STATE/certs/my/$D.key"; }
check "the damaged key is the certificate's as far as the public half goes (the test's control)" \
  '[ -s "$work/bad.key" ] && [ "$(openssl pkey -in "$work/bad.key" -pubout)" = "$(openssl x509 -in "$work/damaged.crt" -pubkey -noout)" ] &&
   ! openssl rsa -in "$work/bad.key" -check -noout 2>&1 | grep -q "RSA key ok"'
D=$(hash_of "$work/damaged.pem")
put_key "$work/bad.key"
damaged_why="certificate $D in store my cannot serve: its private key is damaged: its private exponent d is not the inverse of e modulo p-1 and q-1"

need_server 1
check "a damaged key is refused at start-up, with a log line that says why" \
  '[ -n "$D" ] && cp "$work/log" "$work/err" && [ "$(grep -cF "$damaged_why" "$work/log")" = 1 ]'
"$sb" http add sslcert hostnameport=damaged.contoso.com:$P certhash=$D appid=$A > "$work/add.out" 2> "$work/add.err"
rc=$?
check "http add refuses the damaged key with 1312 and says why" \
  '[ $rc = 1 ] && grep -q "Error: 1312" "$work/add.out" && grep -qF "cannot serve TLS: the private key is damaged" "$work/add.err"'
# bound while the true key is there, then damaged again by hand
put_key "$work/good.key"
"$sb" http add sslcert hostnameport=damaged.contoso.com:$P certhash=$D appid=$A > /dev/null
put_key "$work/bad.key"
curl -sS --cacert "$work/damaged.crt" --max-time 5 --resolve damaged.contoso.com:$P:127.0.0.1 \
  "https://damaged.contoso.com:$P/" > "$work/body" 2> "$work/err"
rc=$?
wait_log "sni=damaged.contoso.com "
check "a handshake for the damaged key fails and says why (no bad signature sent)" \
  '[ $rc != 0 ] && grep -qF "sni=damaged.contoso.com -> Hostname:port damaged.contoso.com:$P cert $D [CERT_NOT_FOUND]: its private key is damaged" "$work/log"'
# the key repaired by hand (a new file renamed over it): checked again, served at the next handshake
said=$(grep -cF "$damaged_why" "$work/log")
put_key "$work/good.key"
curl -sS --cacert "$work/damaged.crt" --max-time 5 --resolve damaged.contoso.com:$P:127.0.0.1 \
  "https://damaged.contoso.com:$P/" > "$work/body" 2> "$work/err"
rc=$?
check "the key repaired in the store is checked and served at the next handshake" \
  '[ $rc = 0 ] && grep -q "^certificate: $D" "$work/body" && [ "$(grep -cF "$damaged_why" "$work/log")" = "$said" ]'

# A key whose CRT exponent alone is damaged still signs (OpenSSL's CRT self-check falls back to
# d), yet it is damaged: the endpoint refuses it at load as `http add` and `sim` do (they agree).
damage "$work/good.key" "$work/crt.key" exponent1
put_key "$work/crt.key"
curl -sS --cacert "$work/damaged.crt" --max-time 5 --resolve damaged.contoso.com:$P:127.0.0.1 \
  "https://damaged.contoso.com:$P/" > "$work/body" 2> "$work/err"
rc=$?
wait_log "a CRT exponent is not d modulo p-1"
"$sb" sim handshake ipport=127.0.0.1:$P host=damaged.contoso.com > "$work/sim.out" 2>&1
check "a key with only a CRT exponent damaged: refused by the endpoint and by sim alike" \
  '[ $rc != 0 ] && grep -qF "certificate $D in store my cannot serve: its private key is damaged: a CRT exponent is not d modulo p-1" "$work/log" &&
   grep -q CERT_NOT_FOUND "$work/sim.out" && grep -qF "a CRT exponent is not d modulo p-1" "$work/sim.out"'
put_key "$work/good.key"

for w in rsa512 rsa1024 dsa secp256k1; do
  "$sb" http add sslcert hostnameport=$w.contoso.com:$P certhash=${weak_hash[$w]} appid=$A > "$work/add.out" 2> "$work/add.err"
  rc=$?
  check "$w: http add refuses with 1312 and says why" \
    '[ $rc = 1 ] && grep -q "Error: 1312" "$work/add.out" && grep -qF "${why[$w]}" "$work/add.err"'
  sed -n 's/.*cannot serve TLS: //p' "$work/add.err" > "$work/why.$w"
done

# Bindings to them anyway (a table written elsewhere, a certificate replaced since): made with a
# good certificate, then the hash in bindings.reg replaced, as a hand-edited table would be.
commas() { echo "$1" | sed 's/../&,/g; s/,$//'; }
for w in rsa512 rsa1024 dsa secp256k1; do
  "$sb" http add sslcert hostnameport=$w.contoso.com:$P certhash=$C appid=$A > /dev/null
done
for w in rsa512 rsa1024 dsa secp256k1; do
  awk -v key="SslSniBindingInfo\\\\$w.contoso.com:$P]" -v hex="$(commas "${weak_hash[$w]}")" '
    /^\[/ { cur = index($0, key) > 0 }
    cur && /^"SslCertHash"=/ { print "\"SslCertHash\"=hex:" hex; next }
    { print }' "$SSLBIND_STATE/bindings.reg" > "$work/reg" && cat "$work/reg" > "$SSLBIND_STATE/bindings.reg"
done
for w in rsa512 rsa1024 dsa secp256k1; do
  curl -sS -k --max-time 5 --resolve $w.contoso.com:$P:127.0.0.1 "https://$w.contoso.com:$P/" > "$work/body" 2> "$work/err"
  rc=$?
  wait_log "sni=$w.contoso.com "
  line=$(grep "sni=$w.contoso.com " "$work/log" | tail -1)
  check "$w: the endpoint refuses the handshake in the same words as http add" \
    '[ $rc != 0 ] && [ -s "$work/why.$w" ] && [[ "$line" == *"cert ${weak_hash[$w]} [CERT_NOT_FOUND]: $(cat "$work/why.$w")" ]]'
  "$sb" sim handshake ipport=127.0.0.1:$P host=$w.contoso.com > "$work/sim" 2>&1
  check "$w: sim handshake agrees (CERT_NOT_FOUND)" 'grep -q "Result *: CERT_NOT_FOUND" "$work/sim"'
done

# ---- the SNI as a client sends it: raw ClientHellos ----------------------------------------
hex_of() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }
len2() { printf '%04x' $(($(printf '%s' "$1" | wc -c) / 2)); }
len3() { printf '%06x' $(($(printf '%s' "$1" | wc -c) / 2)); }
# hello NAME_HEX: a TLS 1.2 ClientHello with that server name, sent to 127.0.0.1:$P; the
# server's answer (an alert, or its first flight) is read for at most 2 seconds.
hello() {
  local sni="00$(len2 "$1")$1" exts body hs rec
  sni="0000$(len2 "$(len2 "$sni")$sni")$(len2 "$sni")$sni"
  exts="$sni""000a00040002001d""000b00020100""000d000400020403"
  body="0303$(printf '%064x' 0)00""0004c02bc02f""0100$(len2 "$exts")$exts"
  hs="01$(len3 "$body")$body"
  rec="160301$(len2 "$hs")$hs"
  exec 3<> "/dev/tcp/127.0.0.1/$P" || return 1
  printf "$(echo "$rec" | sed 's/../\\x&/g')" >&3
  timeout 2 cat <&3 > /dev/null 2>&1
  exec 3<&-
}
"$sb" http add sslcert hostnameport=www.contoso.com:$P certhash=$C appid=$A > /dev/null

hello "$(hex_of www.contoso.com)"
wait_log "sni=www.contoso.com -> "
check "a raw ClientHello reaches resolve (the control)" \
  'grep -q "sni=www.contoso.com -> Hostname:port www.contoso.com:$P cert $C \[SERVED\]" "$work/log"'

hello "$(hex_of www.contoso.com)00$(hex_of .evil.example)"
wait_log "sni=www.contoso.com\x00"
check "an SNI with a NUL byte matches no binding: INVALID_SNI" \
  'grep -qF "sni=www.contoso.com\\x00.evil.example -> no binding [INVALID_SNI]" "$work/log" &&
   [ "$(grep -c "sni=www.contoso.com -> " "$work/log")" = 1 ]'

hello "$(hex_of evil)0a$(hex_of 'sslbind-tls: forged [SERVED]')e9"
wait_log "sni=evil"
check "control bytes, blanks and non-ASCII in the SNI are escaped in the log (no field forged in its line)" \
  'grep -qF "sni=evil\\x0asslbind-tls:\\x20forged\\x20[SERVED]\\xe9 -> no binding" "$work/log" &&
   ! grep -q "^sslbind-tls: forged" "$work/log" && ! grep -q "forged \[SERVED\]" "$work/log"'

kill -TERM "$server"
wait "$server"
status=$?
server=""
check "stops cleanly on SIGTERM" '[ $status = 0 ] && ! grep -q Sanitizer "$work/log"'

# ---- start-up: every error says why, exits 1, and frees what it opened ----------------------
# fails NAME EXPECTED ARGS…: the endpoint must exit 1 at once, print EXPECTED, and leak nothing.
# In ARGS, @N stands for the Nth of 17 consecutive ports of a random base, chosen again when one
# of them happens to be in use.
fails() {
  local name=$1 want=$2 base args a
  shift 2
  for _ in 1 2 3 4 5; do
    base=$((20000 + RANDOM % 20000)) args=()
    for a in "$@"; do case $a in *@*) args+=("${a%@*}$((base + ${a##*@}))") ;; *) args+=("$a") ;; esac; done
    timeout 10 "$tlsd" "${args[@]}" > "$work/out" 2> "$work/err"
    rc=$?
    grep -q "Address already in use" "$work/err" || break
  done
  check "$name" '[ $rc = 1 ] && grep -qF -- "$want" "$work/err" && ! grep -q Sanitizer "$work/err"'
}
fails "--max-connections too large is refused" "--max-connections: '99999999999999999999' is not a number" \
  --listen 127.0.0.1:@0 --max-connections 99999999999999999999
fails "--max-connections below 1 is refused" "is not a number from 1 to" --listen 127.0.0.1:@0 --max-connections 0
fails "--max-connections must be digits" "is not a number from 1 to" --listen 127.0.0.1:@0 --max-connections ' 5'
seventeen=()
for i in $(seq 0 16); do seventeen+=(--listen "127.0.0.1:@$i"); done
fails "a 17th --listen says why" "at most 16 addresses" "${seventeen[@]}"
fails "a bad --listen after a good one" "--listen nonsense" --listen 127.0.0.1:@0 --listen nonsense
fails "the same --listen twice is refused before the load" "given twice" --listen 127.0.0.1:@0 --listen 127.0.0.1:@1 \
  --listen 127.0.0.1:@0
fails "a wildcard --listen and another on its port: refused before the load" "overlaps --listen 0.0.0.0:" \
  --listen 0.0.0.0:@0 --listen 127.0.0.1:@0

cp -a "$SSLBIND_STATE" "$work/damaged"
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]\n"SslCertHash"=hex:zz\n' \
  > "$work/damaged/bindings.reg"
fails "a damaged bindings.reg: the file and line, nothing leaked" "bindings.reg:4" --state "$work/damaged" --listen 127.0.0.1:@0

cp -a "$SSLBIND_STATE" "$work/iis"
echo '<configuration><system.applicationHost>' > "$work/iis/applicationHost.config"
fails "a damaged applicationHost.config: said, nothing leaked" "applicationHost.config" --state "$work/iis" --listen 127.0.0.1:@0

cp -a "$SSLBIND_STATE" "$work/open"
chmod 0777 "$work/open"
fails "a state directory others can write is refused" "chmod 700 $work/open" --state "$work/open" --listen 127.0.0.1:@0

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
