#!/usr/bin/env bash
# chain.sh SSLBIND SSLBIND-TLS — the certificate chain, from import to the handshake (issue 11): a
# full chain imported with its key puts the issuing CA in store CA and the root in Root, and the
# endpoint serves the leaf and the issuing CA (not the root), so clients that trust only the root
# verify it (openssl s_client -CAfile root -verify_return_error, curl --cacert root); another
# issuing CA put in store CA is served at the next handshake; without it the leaf is served alone
# and the endpoint says once that the chain is incomplete; a central store .pfx serves the chain
# it holds. Certificates: tests/data/certs/chain-* (make-chain.sh). Only 127.0.0.1 is used.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

root=$data/chain-root.pem
serial() { openssl x509 -in "$1" -noout -serial; }
# handshake PORT: s_client trusting the root alone, SNI secure.contoso.com; output in $work/sc
handshake() {
  echo | timeout 5 openssl s_client -connect "127.0.0.1:$1" -servername secure.contoso.com -CAfile "$root" \
    -verify_return_error -showcerts > "$work/sc" 2>&1
}
# the certificates the server sent, one PEM file each: $work/sent.1 …
sent() {
  rm -f "$work"/sent.*
  awk -v d="$work" '/BEGIN CERTIFICATE/ {n++; f = d "/sent." n} f {print > f} /END CERTIFICATE/ {f = ""}' "$work/sc"
  ls "$work"/sent.* 2>/dev/null | wc -l
}

# The endpoint starts first: stores CA and Root are made while it serves.
need_server 2
Q=$((P + 1))

out=$("$sb" cert import file="$data/chain-leaf.pem")
LEAF=$(echo "$out" | awk '/Certificate Hash/ {print $NF}')
INTER=$(echo "$out" | awk '/CA Certificate/ && /store CA/ {print $4}')
if [ -n "$LEAF" ] && [ -n "$INTER" ] && echo "$out" | grep -q "(store Root)"; then ok "import: the leaf in MY, the issuing CA in CA, the root in Root"; else ko "import: $out"; fi

"$sb" http add sslcert hostnameport=secure.contoso.com:$P certhash=$LEAF appid=$A > /dev/null

handshake $P; rc=$?
n=$(sent)
if [ $rc = 0 ] && grep -q "Verify return code: 0 (ok)" "$work/sc" && grep -q "^depth=2 CN = Contoso Test Root CA" "$work/sc" &&
   [ "$n" = 2 ] && [ "$(serial "$work/sent.2")" = "$(serial "$data/chain-inter.pem")" ]; then
  ok "s_client trusting the root alone verifies leaf + issuing CA (depth 2; the root is not sent)"
else ko "s_client with the root alone (rc=$rc, $n certificates sent): $(grep -E 'Verify|verify error' "$work/sc" | head -2)"; fi

curl -sS --max-time 5 --cacert "$root" --resolve secure.contoso.com:$P:127.0.0.1 "https://secure.contoso.com:$P/" > "$work/body" 2> "$work/err"
rc=$?
if [ $rc = 0 ] && grep -q "binding used: Hostname:port secure.contoso.com:$P" "$work/body"; then ok "curl --cacert root verifies the chain"; else ko "curl --cacert root (rc=$rc)"; fi

# Without the root in store Root the chain is served as far as it goes: the client has the root.
ROOT=$("$sb" cert show store=Root json=enable | jq -r '.certificates[0].certhash')
"$sb" cert delete store=Root certhash=$ROOT > /dev/null
handshake $P; rc=$?
n=$(sent)
if [ $rc = 0 ] && [ "$n" = 2 ] && grep -q "chain of certificate $LEAF in store my is incomplete: no certificate of /CN=Contoso Test Root CA (issuer of /CN=Contoso Test Issuing CA).*serving it with the 1 CA certificate found" "$work/log"; then
  ok "no root in store Root: leaf + issuing CA still served, and said"
else ko "no root in store Root (rc=$rc, $n sent)"; fi
"$sb" cert import file="$root" store=Root > /dev/null

# The issuing CA re-issued (same name and key, another serial number) replaces the old one.
"$sb" cert delete store=CA certhash=$INTER > /dev/null
"$sb" cert import file="$data/chain-inter-b.pem" store=CA > /dev/null
handshake $P; rc=$?
n=$(sent)
if [ $rc = 0 ] && [ "$n" = 2 ] && [ "$(serial "$work/sent.2")" = "$(serial "$data/chain-inter-b.pem")" ]; then
  ok "the issuing CA replaced in store CA is served at the next handshake"
else ko "replaced issuing CA (rc=$rc, $n sent)"; fi

# Without an issuing CA: the leaf alone, a client trusting the root refuses it, said once in the log.
INTERB=$("$sb" cert show store=CA json=enable | jq -r '.certificates[0].certhash')
"$sb" cert delete store=CA certhash=$INTERB > /dev/null
handshake $P; rc=$?
n=$(sent)
handshake $P
if [ $rc != 0 ] && [ "$n" = 1 ] && grep -q "unable to get local issuer certificate" "$work/sc"; then
  ok "no issuing CA: the leaf alone is served and the root alone does not verify it"
else ko "no issuing CA (rc=$rc, $n sent)"; fi
c=$(grep -c "chain of certificate $LEAF in store my is incomplete: no certificate of /CN=Contoso Test Issuing CA (issuer of the certificate) in store CA, Root, MY or Trust; serving the certificate alone" "$work/log")
if [ "$c" = 1 ]; then ok "the incomplete chain is logged once"; else ko "incomplete chain logged $c times"; fi

# The central store: a .pfx holding its issuing CA and root serves the chain from the file (store
# CA is empty now).
"$sb" cert import file="$data/chain-leaf.pfx" password=secret store=ccs > /dev/null
"$sb" http add sslcert ccs=$Q appid=$A > /dev/null
handshake $Q; rc=$?
n=$(sent)
if [ $rc = 0 ] && grep -q "^depth=2 CN = Contoso Test Root CA" "$work/sc" && [ "$n" = 2 ]; then
  ok "a central store .pfx serves the issuing CA it holds"
else ko "central store chain (rc=$rc, $n sent)"; fi

# Putting the issuing CA back completes the MY certificate's chain again.
"$sb" cert import file="$data/chain-leaf.pem" > /dev/null
handshake $P; rc=$?
if [ $rc = 0 ] && [ "$(sent)" = 2 ]; then ok "the issuing CA imported again is served at once"; else ko "issuing CA back (rc=$rc)"; fi

# A CA kept in MY (where cert create ca=enable puts it) is looked in as Windows' chain engine
# does (its "world": Root, CA, My, Trust): a leaf issued by a root in MY is complete, nothing
# logged; an issuing CA in MY is served; deleting it is noticed (a change of MY builds the chains
# through it again) and so is putting it back.
myroot=$work/myroot.pem
# myhandshake HOST: s_client trusting the root in MY alone; output in $work/sc
myhandshake() {
  echo | timeout 5 openssl s_client -connect "127.0.0.1:$P" -servername "$1" -CAfile "$myroot" \
    -verify_return_error -showcerts > "$work/sc" 2>&1
}
MYR=$("$sb" cert create subject="Contoso MY Root" ca=enable json=enable | jq -r '.certificates[0].certhash')
"$sb" cert export certhash=$MYR file="$myroot" > /dev/null
DIRECT=$("$sb" cert create subject=direct.contoso.com issuer=$MYR issuerstore=MY | awk '{print $NF}')
"$sb" http add sslcert hostnameport=direct.contoso.com:$P certhash=$DIRECT appid=$A > /dev/null
myhandshake direct.contoso.com; rc=$?
n=$(sent)
if [ $rc = 0 ] && [ "$n" = 1 ] && grep -q "Verify return code: 0 (ok)" "$work/sc" &&
   ! grep -q "chain of certificate $DIRECT" "$work/log"; then
  ok "a leaf issued by a root in MY: served alone, verified, and its chain not logged as incomplete"
else ko "root in MY (rc=$rc, $n sent): $(grep "chain of certificate $DIRECT" "$work/log")"; fi

MYI=$("$sb" cert create subject="Contoso MY Issuing CA" ca=enable issuer=$MYR issuerstore=MY json=enable | jq -r '.certificates[0].certhash')
"$sb" cert export certhash=$MYI file="$work/myinter.pfx" password=secret > /dev/null
DEEP=$("$sb" cert create subject=deep.contoso.com issuer=$MYI issuerstore=MY | awk '{print $NF}')
"$sb" http add sslcert hostnameport=deep.contoso.com:$P certhash=$DEEP appid=$A > /dev/null
myhandshake deep.contoso.com; rc=$?
n=$(sent)
if [ $rc = 0 ] && [ "$n" = 2 ] && grep -q "^depth=2 CN = Contoso MY Root" "$work/sc" && ! grep -q "chain of certificate $DEEP" "$work/log"; then
  ok "an issuing CA in MY is served with the leaf (depth 2), nothing logged"
else ko "issuing CA in MY (rc=$rc, $n sent)"; fi
"$sb" cert delete certhash=$MYI > /dev/null
myhandshake deep.contoso.com; rc=$?
n=$(sent)
if [ $rc != 0 ] && [ "$n" = 1 ] && grep -q "chain of certificate $DEEP in store my is incomplete: no certificate of /CN=Contoso MY Issuing CA (issuer of the certificate) in store CA, Root, MY or Trust; serving the certificate alone" "$work/log"; then
  ok "the issuing CA deleted from MY: the leaf alone at the next handshake, and said"
else ko "issuing CA deleted from MY (rc=$rc, $n sent)"; fi
"$sb" cert import file="$work/myinter.pfx" password=secret > /dev/null
myhandshake deep.contoso.com; rc=$?
if [ $rc = 0 ] && [ "$(sent)" = 2 ]; then ok "the issuing CA imported into MY again is served at once"; else ko "issuing CA back in MY (rc=$rc)"; fi

stop_server

# ---- docs/tls.md's chain example, run as printed: a chain made by cert create alone -----------
doc="$(dirname "$0")/../../docs/tls.md"
awk '/^## A chain/ {on = 1} on && /^```sh$/ {run = 1; next} run && /^```$/ {exit} run {print}' "$doc" > "$work/example.sh"
mkdir "$work/example"
path="$(cd "$(dirname "$sb")" && pwd):$(cd "$(dirname "$tlsd")" && pwd):$PATH"
# both streams, as a reader's terminal shows them (review 29 F6)
( cd "$work/example" && PATH=$path timeout 60 bash -e "$work/example.sh" ) > "$work/example.out" 2>&1
rc=$?
port=$(sed -n 's/^sslbind-tls: listening on 127\.0\.0\.1://p' "$work/example/endpoint.out")
if [ $rc = 0 ] && [ -s "$work/example.sh" ] && [ -n "$port" ] && grep -q "^depth=2 CN = Contoso Root CA$" "$work/example.out"; then
  ok "docs/tls.md's chain example runs as printed (cert create ca=enable, issuer=; verified against the root)"
else ko "docs/tls.md's chain example (rc=$rc)"; fi
sed -E "s/:$port\b/:43117/g" "$work/example.out" > "$work/example.norm"
awk '/^## A chain/ {on = 1} on && /^It prints/ {p = 1} p && /^```$/ {if (in_) exit; in_ = 1; next} in_ {print}' "$doc" > "$work/example.doc"
if diff "$work/example.doc" "$work/example.norm" > "$work/err"; then ok "docs/tls.md shows what the chain example prints"; else ko "docs/tls.md's chain example output"; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
