#!/usr/bin/env bash
# make-longsan.sh — regenerates longsan.pem (review 14): a self-signed certificate whose first DNS
# name is 1112 characters long (import does not limit names), then www.contoso.com, and its key:
# the lists show www.contoso.com and count the long one; JSON marks the long one cut ("...").
# Run from this directory; needs openssl 3.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
long=$(printf 'a%.0s' $(seq 1 1100)).example.com
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" \
  -subj /CN=long -days 36500 -addext "subjectAltName=DNS:$long,DNS:www.contoso.com" 2>/dev/null
cat "$tmp/c.pem" "$tmp/k.pem" > longsan.pem
