#!/usr/bin/env bash
# make-hardening.sh — regenerates the throwaway test certificates of issue 9's regression tests
# (keys included: they protect nothing). Run from this directory; needs openssl 3.
#   weak-rsa512.pem weak-rsa1024.pem weak-dsa.pem weak-secp256k1.pem   keys TLS cannot serve
#   nul-san.pem        a DNS name with a NUL byte: www.contoso.com\0.evil.example
#   cert-only.pfx      a .pfx with a certificate and no private key (empty password)
#   key-only.pfx       a .pfx with a private key and no certificate (empty password)
#   many.pem           17 certificates of one key (many1..many17.contoso.com), then the key
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

selfsigned() { # NAME KEYFILE [EXTFILE]: a self-signed certificate for NAME.contoso.com on stdout
  openssl req -new -key "$2" -subj "/CN=$1.contoso.com" -out "$tmp/req.csr"
  if [ -n "${3:-}" ]; then ext=$3; else ext=$tmp/ext; echo "subjectAltName=DNS:$1.contoso.com" > "$ext"; fi
  openssl x509 -req -in "$tmp/req.csr" -signkey "$2" -sha256 -days 36500 -extfile "$ext" 2>/dev/null
}

weak() { # NAME GENPKEY-ARGS…
  local name=$1
  shift
  openssl genpkey "$@" -out "$tmp/$name.key"
  { selfsigned "$name" "$tmp/$name.key"; cat "$tmp/$name.key"; } > "weak-$name.pem"
}
weak rsa512 -algorithm RSA -pkeyopt rsa_keygen_bits:512
weak rsa1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$tmp/dsa.param"
weak dsa -paramfile "$tmp/dsa.param"
weak secp256k1 -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1

# subjectAltName = SEQUENCE { [2] IA5String "www.contoso.com" 00 ".evil.example" }
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/ec.key"
echo "subjectAltName=DER:301f821d7777772e636f6e746f736f2e636f6d002e6576696c2e6578616d706c65" > "$tmp/nul.ext"
{ selfsigned nul "$tmp/ec.key" "$tmp/nul.ext"; cat "$tmp/ec.key"; } > nul-san.pem

selfsigned pfx "$tmp/ec.key" > "$tmp/pfx.crt"
openssl pkcs12 -export -nokeys -in "$tmp/pfx.crt" -passout pass: -out cert-only.pfx
openssl pkcs12 -export -nocerts -inkey "$tmp/ec.key" -passout pass: -out key-only.pfx

: > many.pem
for i in $(seq 17); do selfsigned "many$i" "$tmp/ec.key" >> many.pem; done
cat "$tmp/ec.key" >> many.pem
