#!/usr/bin/env bash
# make-review13.sh — regenerates the throwaway test certificates of review 13's regression tests
# (keys included: they protect nothing). Run from this directory; needs openssl 3 (openssl ca sets
# the dates, so no date library is needed).
#   sans60.pem      60 DNS names: site00..site58.fabrikam-example.com, then *.contoso.com
#   expired.pem     old.contoso.com, valid 2000-01-01 to 2001-01-01
#   notyet.pem      new.contoso.com, valid from 2100-01-01
#   clientauth.pem  eku.contoso.com, extendedKeyUsage clientAuth only: no TLS server
#   kuonly.pem      ku.contoso.com, keyUsage keyCertSign and cRLSign only: no TLS server
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/new"
: > "$tmp/index.txt"
cat > "$tmp/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
dir = $tmp
database = $tmp/index.txt
new_certs_dir = $tmp/new
rand_serial = yes
default_md = sha256
policy = p
unique_subject = no
[p]
commonName = supplied
CNF

# NAME START END EXTENSIONS: a self-signed certificate and its key, in NAME.pem
make() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/$1.key"
  openssl req -new -key "$tmp/$1.key" -subj "/CN=$5" -out "$tmp/$1.csr"
  printf '%b\n' "$4" > "$tmp/$1.ext"
  openssl ca -batch -config "$tmp/ca.cnf" -selfsign -keyfile "$tmp/$1.key" -in "$tmp/$1.csr" -notext \
    -startdate "$2" -enddate "$3" -extfile "$tmp/$1.ext" -out "$tmp/$1.crt" 2>/dev/null
  cat "$tmp/$1.crt" "$tmp/$1.key" > "$1.pem"
}
names=$(for i in $(seq -w 0 58); do printf 'DNS:site%s.fabrikam-example.com,' "$i"; done)
make sans60 20250101000000Z 21250101000000Z "subjectAltName=${names}DNS:*.contoso.com" site00.fabrikam-example.com
make expired 20000101000000Z 20010101000000Z "subjectAltName=DNS:old.contoso.com" old.contoso.com
make notyet 21000101000000Z 21010101000000Z "subjectAltName=DNS:new.contoso.com" new.contoso.com
make clientauth 20250101000000Z 21250101000000Z "subjectAltName=DNS:eku.contoso.com\nextendedKeyUsage=clientAuth" \
  eku.contoso.com
make kuonly 20250101000000Z 21250101000000Z "subjectAltName=DNS:ku.contoso.com\nkeyUsage=critical,keyCertSign,cRLSign" \
  ku.contoso.com
