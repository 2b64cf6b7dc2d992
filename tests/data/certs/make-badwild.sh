#!/usr/bin/env bash
# make-badwild.sh — regenerates wild-tld.pem and wild-alone.pem (review 21, F6): self-signed
# certificates with their keys whose only DNS names are the wildcards *.com and * alone, which no
# client matches. cert create refuses such names; import takes them, and sim says why they fail.
# Run from this directory; needs openssl 3.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
one() { # FILE CN SAN
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" \
    -subj "/CN=$2" -days 36500 -addext "subjectAltName=DNS:$3" 2>/dev/null
  cat "$tmp/c.pem" "$tmp/k.pem" > "$1"
}
one wild-tld.pem tld.example '*.com'
one wild-alone.pem alone.example '*'
