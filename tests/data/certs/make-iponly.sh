#!/usr/bin/env bash
# make-iponly.sh — regenerates iponly.pem (review 14): a self-signed certificate for
# www.contoso.com (subject CN) whose subjectAltName holds only the IP address 10.0.0.1, and its
# key: valid for https://10.0.0.1/, for no DNS name. Run from this directory; needs openssl 3.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" \
  -subj /CN=www.contoso.com -days 36500 -addext "subjectAltName=IP:10.0.0.1" 2>/dev/null
cat "$tmp/c.pem" "$tmp/k.pem" > iponly.pem
