#!/usr/bin/env bash
# make-rootleaf.sh — regenerates a leaf issued directly by a root, no intermediate (review 14's
# chain check: a root is never sent, so a root found in any store, MY included, completes the
# chain). Run from this directory; needs openssl 3.
#   rootleaf-root.pem   "Contoso Direct Root": self-signed, a CA, and its key (as cert create ca=enable
#                       keeps a CA in store MY)
#   rootleaf.pem        direct.contoso.com issued by that root, and its private key
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
key "$tmp/root.key"
key "$tmp/leaf.key"
cat > "$tmp/leaf.ext" <<'X'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
subjectAltName=DNS:direct.contoso.com
X
openssl req -new -x509 -key "$tmp/root.key" -subj "/CN=Contoso Direct Root" -sha256 -days 36500 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$tmp/root.crt"
cat "$tmp/root.crt" "$tmp/root.key" > rootleaf-root.pem
openssl req -new -key "$tmp/leaf.key" -subj "/CN=direct.contoso.com" -out "$tmp/leaf.csr"
openssl x509 -req -in "$tmp/leaf.csr" -CA "$tmp/root.crt" -CAkey "$tmp/root.key" -set_serial "0x$(openssl rand -hex 16)" \
  -sha256 -days 35000 -extfile "$tmp/leaf.ext" -out "$tmp/leaf.crt" 2>/dev/null
cat "$tmp/leaf.crt" "$tmp/leaf.key" > rootleaf.pem
