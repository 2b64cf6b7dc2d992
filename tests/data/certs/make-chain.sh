#!/usr/bin/env bash
# make-chain.sh — regenerates the throwaway certificate chain of issue 11's chain tests (keys
# included: they protect nothing). Run from this directory; needs openssl 3.
#   chain-root.pem      "Contoso Test Root CA": self-signed, a CA (no key)
#   chain-inter.pem     "Contoso Test Issuing CA", issued by the root (no key)
#   chain-inter-b.pem   the same issuing CA re-issued (same name and key, another serial number)
#   chain-leaf.pem      secure.contoso.com issued by the issuing CA, then the issuing CA, the root
#                       and the leaf's private key: a CA's "full chain" with its key
#   chain-leaf.pfx      the same as a PKCS#12 file, password "secret"
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
key "$tmp/root.key"
key "$tmp/inter.key"
key "$tmp/leaf.key"
cat > "$tmp/ca.ext" <<'X'
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
X
cat > "$tmp/leaf.ext" <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=DNS:secure.contoso.com
X
openssl req -new -x509 -key "$tmp/root.key" -subj "/CN=Contoso Test Root CA" -sha256 -days 36500 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out chain-root.pem
openssl req -new -key "$tmp/inter.key" -subj "/CN=Contoso Test Issuing CA" -out "$tmp/inter.csr"
for out in chain-inter.pem chain-inter-b.pem; do # two serial numbers, one name and key
  openssl x509 -req -in "$tmp/inter.csr" -CA chain-root.pem -CAkey "$tmp/root.key" -set_serial "0x$(openssl rand -hex 16)" \
    -sha256 -days 36000 -extfile "$tmp/ca.ext" -out "$out" 2>/dev/null
done
openssl req -new -key "$tmp/leaf.key" -subj "/CN=secure.contoso.com" -out "$tmp/leaf.csr"
openssl x509 -req -in "$tmp/leaf.csr" -CA chain-inter.pem -CAkey "$tmp/inter.key" -set_serial "0x$(openssl rand -hex 16)" \
  -sha256 -days 35000 -extfile "$tmp/leaf.ext" -out "$tmp/leaf.crt" 2>/dev/null
cat "$tmp/leaf.crt" chain-inter.pem chain-root.pem "$tmp/leaf.key" > chain-leaf.pem
openssl pkcs12 -export -in "$tmp/leaf.crt" -inkey "$tmp/leaf.key" -certfile <(cat chain-inter.pem chain-root.pem) \
  -passout pass:secret -out chain-leaf.pfx
