#!/usr/bin/env bash
# make-damaged.sh — regenerates the throwaway certificates whose private key is damaged: the key's
# public half is the certificate's (X509_check_private_key passes), its private half is not whole
# (keys included: they protect nothing). Run from this directory; needs openssl 3.
#   damaged-rsa.pem   damaged-rsa.contoso.com (RSA-2048), then its key with d and the CRT exponents
#                     dp and dq altered (n, e, p, q, qi kept): a signature made with it never verifies
#   damaged-ec.pem    damaged-ec.contoso.com (EC P-256), then a key holding the certificate's public
#                     point and another key's private scalar
#   damaged-ec.pfx    the same certificate and damaged key as a PKCS#12 file, empty password
#   damaged-ec.key    the damaged EC key alone (PKCS#8 PEM), and damaged-ec-good.pem the same
#                     certificate with its true key: a store edited by hand puts the one over the other
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

selfsigned() { # NAME KEYFILE: a self-signed certificate for NAME.contoso.com on stdout
  openssl req -new -key "$2" -subj "/CN=$1.contoso.com" -out "$tmp/req.csr"
  echo "subjectAltName=DNS:$1.contoso.com" > "$tmp/ext"
  openssl x509 -req -in "$tmp/req.csr" -signkey "$2" -sha256 -days 36500 -extfile "$tmp/ext" 2>/dev/null
}
hexof() { # the hex digits of a field FIELD of `openssl … -text` output (FIELD: the line before the digits)
  awk -v f="$1" '$0 ~ "^" f ":" { on = 1; next } on && /^ / { gsub(/[ :]/, ""); h = h $0; next } on { exit } END { print h }'
}

# RSA: d, dp and dq changed in their last hex digit
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/rsa.key" 2> /dev/null
openssl rsa -in "$tmp/rsa.key" -text -noout > "$tmp/rsa.txt"
bad() { local h; h=$(hexof "$1" < "$tmp/rsa.txt"); echo "${h%?}$([ "${h: -1}" = 1 ] && echo 3 || echo 1)"; }
cat > "$tmp/rsa.conf" <<CONF
asn1=SEQUENCE:k
[k]
v=INTEGER:0
n=INTEGER:0x$(hexof modulus < "$tmp/rsa.txt")
e=INTEGER:65537
d=INTEGER:0x$(bad privateExponent)
p=INTEGER:0x$(hexof prime1 < "$tmp/rsa.txt")
q=INTEGER:0x$(hexof prime2 < "$tmp/rsa.txt")
dp=INTEGER:0x$(bad exponent1)
dq=INTEGER:0x$(bad exponent2)
qi=INTEGER:0x$(hexof coefficient < "$tmp/rsa.txt")
CONF
openssl asn1parse -genconf "$tmp/rsa.conf" -out "$tmp/rsa-bad.der" > /dev/null
openssl pkey -inform DER -in "$tmp/rsa-bad.der" -out "$tmp/rsa-bad.key"
{ selfsigned damaged-rsa "$tmp/rsa.key"; cat "$tmp/rsa-bad.key"; } > damaged-rsa.pem

# EC: key A's public point with key B's private scalar
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/a.key"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/b.key"
pub=$(openssl ec -in "$tmp/a.key" -text -noout 2>/dev/null | hexof pub)
priv=$(openssl ec -in "$tmp/b.key" -text -noout 2>/dev/null | hexof priv)
priv=$(printf '%064s' "${priv: -64}" | tr ' ' 0)
cat > "$tmp/ec.conf" <<CONF
asn1=SEQUENCE:k
[k]
v=INTEGER:1
d=FORMAT:HEX,OCTETSTRING:$priv
curve=EXPLICIT:0,OID:prime256v1
pub=EXPLICIT:1,FORMAT:HEX,BITSTRING:$pub
CONF
openssl asn1parse -genconf "$tmp/ec.conf" -out "$tmp/ec-bad.der" > /dev/null
openssl pkey -inform DER -in "$tmp/ec-bad.der" -out damaged-ec.key
selfsigned damaged-ec "$tmp/a.key" > "$tmp/ec.crt"
{ cat "$tmp/ec.crt" damaged-ec.key; } > damaged-ec.pem
{ cat "$tmp/ec.crt" "$tmp/a.key"; } > damaged-ec-good.pem
openssl pkcs12 -export -in "$tmp/ec.crt" -inkey damaged-ec.key -passout pass: -out damaged-ec.pfx

# the controls: each key's public half is its certificate's, and OpenSSL finds the private half wrong
for f in damaged-rsa.pem damaged-ec.pem; do
  [ "$(openssl pkey -in "$f" -pubout)" = "$(openssl x509 -in "$f" -pubkey -noout)" ]
  if openssl pkey -in "$f" -check -noout > /dev/null 2>&1; then echo "$f: the key is whole" >&2; exit 1; fi
done
