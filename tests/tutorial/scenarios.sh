#!/usr/bin/env bash
# scenarios.sh SSLBIND — every lab of docs/tutorial.md, asserting the Result of each handshake.
# With --show, prints each command and its output (how docs/tutorial.md's transcripts are made).
set -u
bin=$1
show=${2:-}
data=$(cd "$(dirname "$0")/../data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
APPID='{00112233-4455-6677-8899-aabbccddeeff}'
passed=0 failed=0

# sb STATE ARGS…: runs sslbind on machine STATE; its output is in $out
sb() {
  local state=$1
  shift
  out=$("$bin" --state "$work/$state" "$@" 2>&1)
  rc=$?
  if [ -n "$show" ]; then printf '$ sslbind --state %s %s\n%s\n' "$state" "$*" "$out"; fi
}
hash_of() { printf '%s\n' "$out" | awk '/Certificate Hash/ {print $NF; exit}'; }
expect() { # expect NAME TOKEN: the last sim printed Result TOKEN
  if printf '%s\n' "$out" | grep -qE "^    Result +: $2\$"; then
    passed=$((passed + 1)); [ -n "$show" ] || echo "[PASS] $1"
  else
    failed=$((failed + 1)); echo "[FAIL] $1: expected $2"; printf '%s\n' "$out" | sed 's/^/  | /'
  fi
}
expect_text() { # expect_text NAME TEXT: the last output holds TEXT
  if printf '%s\n' "$out" | grep -qF -- "$2"; then
    passed=$((passed + 1)); [ -n "$show" ] || echo "[PASS] $1"
  else
    failed=$((failed + 1)); echo "[FAIL] $1: no '$2'"; printf '%s\n' "$out" | sed 's/^/  | /'
  fi
}
section() { [ -z "$show" ] || printf '\n#### %s\n' "$1"; }

section "1. IIS 7: two sites on one IP:443"
sb iis7 cert create subject=www.contoso.com; WWW=$(hash_of)
sb iis7 cert create subject=shop.contoso.com; SHOP=$(hash_of)
sb iis7 http add sslcert ipport=0.0.0.0:443 certhash=$WWW appid=$APPID
expect_text "iis7: the first certificate binds" "SSL Certificate successfully added"
sb iis7 http add sslcert ipport=0.0.0.0:443 certhash=$SHOP appid=$APPID
expect_text "iis7: the second certificate cannot be bound (183)" "Error: 183"
sb iis7 sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
expect "iis7: the first site works" OK
sb iis7 sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
expect "iis7: the second site gets the first site's certificate" NAME_MISMATCH
sb iis7 sim handshake ipport=10.0.0.1:443 host=shop.contoso.com
expect "iis7: SNI does not help without SNI bindings" NAME_MISMATCH

section "2a. Way out: a different port per site"
sb iis7 http add sslcert ipport=0.0.0.0:8443 certhash=$SHOP appid=$APPID
sb iis7 sim handshake ipport=10.0.0.1:8443 host=shop.contoso.com sni=disable
expect "port per site: shop on 8443" OK

section "2b. Way out: a different IP per site"
sb ips cert import file=$data/certs/contoso.pem; WWW2=$(hash_of)
sb ips cert import file=$data/certs/shop.pem; SHOP2=$(hash_of)
sb ips http add sslcert ipport=10.0.0.1:443 certhash=$WWW2 appid=$APPID
sb ips http add sslcert ipport=10.0.0.2:443 certhash=$SHOP2 appid=$APPID
sb ips sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
expect "IP per site: www on 10.0.0.1" OK
sb ips sim handshake ipport=10.0.0.2:443 host=shop.contoso.com sni=disable
expect "IP per site: shop on 10.0.0.2" OK

section "2c. Way out: one wildcard certificate"
sb wild cert create 'subject=*.contoso.com'; STAR=$(hash_of)
sb wild http add sslcert ipport=0.0.0.0:443 certhash=$STAR appid=$APPID
sb wild sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
expect "wildcard: www" OK
sb wild sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
expect "wildcard: shop" OK
sb wild sim handshake ipport=10.0.0.1:443 host=contoso.com sni=disable
expect "wildcard: not the bare domain" NAME_MISMATCH
sb wild sim handshake ipport=10.0.0.1:443 host=a.b.contoso.com sni=disable
expect "wildcard: not two labels deep" NAME_MISMATCH

section "3. IIS 8: SNI bindings"
sb sni cert create subject=www.contoso.com; WWW3=$(hash_of)
sb sni cert create subject=shop.contoso.com; SHOP3=$(hash_of)
sb sni http add sslcert hostnameport=www.contoso.com:443 certhash=$WWW3 appid=$APPID
sb sni http add sslcert hostnameport=shop.contoso.com:443 certhash=$SHOP3 appid=$APPID
sb sni sim handshake ipport=10.0.0.1:443 host=www.contoso.com
expect "sni: www" OK
sb sni sim handshake ipport=10.0.0.1:443 host=shop.contoso.com
expect "sni: shop" OK
sb sni sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
expect "sni: a legacy client finds no binding" NO_BINDING
sb sni http add sslcert ipport=0.0.0.0:443 certhash=$WWW3 appid=$APPID
sb sni sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
expect "sni: the 0.0.0.0 default rescues the legacy client" OK
sb sni sim handshake ipport=10.0.0.1:443 host=shop.contoso.com
expect "sni: SNI still wins over the default" OK
sb sni http add sslcert ipport=10.0.0.5:443 certhash=$WWW3 appid=$APPID
sb sni sim handshake ipport=10.0.0.5:443 host=shop.contoso.com
expect "sni: an exact IP:port binding shadows SNI" NAME_MISMATCH

section "4. A web farm with shared configuration"
sb farmA cert import file=$data/certs/contoso.pem; FARM=$(hash_of)
sb farmA http add sslcert ipport=0.0.0.0:443 certhash=$FARM appid=$APPID
sb farmA sim handshake ipport=10.0.0.1:443 host=www.contoso.com
expect "farm: server A works" OK
sb farmB http show sslcert
cp "$work/farmA/bindings.reg" "$work/farmB/bindings.reg"
[ -z "$show" ] || printf '$ cp farmA/bindings.reg farmB/bindings.reg   # the binding table is shared, the certificate is not\n'
sb farmB sim handshake ipport=10.0.0.2:443 host=www.contoso.com
expect "farm: server B has the binding but not the certificate" CERT_NOT_FOUND
sb farmB http add sslcert ipport=10.0.0.2:443 certhash=$FARM appid=$APPID
expect_text "farm: B cannot even bind it (1312)" "Error: 1312"
sb farmB cert import file=$data/certs/contoso.pem
sb farmB sim handshake ipport=10.0.0.2:443 host=www.contoso.com
expect "farm: imported on B too, B works" OK
sb farmA cert import file=$data/certs/shop.pem; FSHOP=$(hash_of)
sb farmA http add sslcert hostnameport=shop.contoso.com:443 certhash=$FSHOP appid=$APPID
sb farmA sim handshake ipport=10.0.0.1:443 host=shop.contoso.com
expect "farm: shop's SNI binding works on A" OK
sb farmB sim handshake ipport=10.0.0.2:443 host=shop.contoso.com
expect "farm: added on A only, B serves its default certificate" NAME_MISMATCH

section "5. The Central Certificate Store"
sb ccs cert create subject=www.contoso.com store=ccs
sb ccs cert create 'subject=*.contoso.com' store=ccs
sb ccs cert show store=ccs
expect_text "ccs: the wildcard file is _.contoso.com.pfx" "_.contoso.com.pfx"
sb ccs http add sslcert ccs=443 appid=$APPID
sb ccs sim handshake ipport=10.0.0.1:443 host=www.contoso.com
expect "ccs: found by file name" OK
expect_text "ccs: www.contoso.com.pfx was used" "www.contoso.com.pfx"
sb ccs sim handshake ipport=10.0.0.1:443 host=blog.contoso.com
expect "ccs: the _. wildcard file" OK
sb ccs sim handshake ipport=10.0.0.1:443 host=www.fabrikam.com
expect "ccs: no file, nothing else: no binding" NO_BINDING
sb ccs sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
expect "ccs: needs SNI" NO_BINDING

section "6. reject=enable"
sb rej cert create subject=www.contoso.com; R=$(hash_of)
sb rej http add sslcert ipport=0.0.0.0:443 certhash=$R appid=$APPID reject=enable
sb rej sim handshake ipport=10.0.0.1:443 host=www.contoso.com
expect "reject: refused before any certificate" REJECTED

section "7. Certificates and OpenSSL agree"
sb ossl cert create subject=www.contoso.com dnsnames=www.contoso.com,contoso.com; T=$(hash_of)
sb ossl cert export certhash=$T file=$work/exported.pem
FP=$(openssl x509 -in "$work/exported.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
out="exported $FP created $T"
expect_text "the thumbprint is openssl's SHA-1 fingerprint" "exported $T created $T"
openssl pkcs12 -export -in "$data/certs/fabrikam.pem" -out "$work/f.pfx" -passout pass:p4ss 2>/dev/null
FP=$(openssl x509 -in "$data/certs/fabrikam.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
sb ossl cert import file=$work/f.pfx password=p4ss
expect_text "a .pfx from openssl pkcs12 -export keeps its thumbprint" "$FP"
sb ossl cert import file=$work/f.pfx password=wrong
expect_text "a wrong password is refused" "password is wrong"

[ -n "$show" ] || echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
