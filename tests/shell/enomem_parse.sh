#!/usr/bin/env bash
# enomem_parse.sh BINDIR SHIM — out of memory while a certificate is read (review 35 F2, the
# ENOMEM half): `cert show` run once for each of the first 1000 allocations K it makes from the
# open of the certificate's file on (its parse, and the public key's), the K-th failing (SHIM,
# tests/shim/failalloc.c: FAIL_FROM=.crt FAIL_AT=K). Each run lists the certificate with its
# key, or fails (exit 1) saying why; never an empty listing or a certificate without its key with
# exit 0 (a parse that ran out of memory is not "no certificate"), and a run that fails so names
# the file and says "Cannot allocate memory", as a read that fails with ENOMEM does.
set -u
bin=$(cd "$1" && pwd)
shim=$2
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
export SSLBIND_STATE=$work/s
H=$("$bin/sslbind" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
n=$(env FAIL_FROM=.crt FAIL_COUNT=1 LD_PRELOAD="$shim" "$bin/sslbind" cert show 2>&1 > /dev/null |
  awk '/^allocations/ {print $2}')
if [ -z "$n" ] || [ "$n" -lt 1000 ]; then
  ko "the shim counts cert show's allocations (got '$n')"
  summary
  exit
fi
bad=0 nomem=0
n=1000
for k in $(seq 1 "$n"); do
  env FAIL_FROM=.crt FAIL_AT=$k LD_PRELOAD="$shim" "$bin/sslbind" cert show > "$work/out" 2> "$work/err"
  rc=$?
  if [ $rc = 0 ] && grep -q "$H" "$work/out" && grep -q 'Private Key *: Yes' "$work/out"; then continue; fi
  if [ $rc != 0 ] && [ -s "$work/err" ] && ! grep -q "$H" "$work/out"; then
    grep -q '\.crt: Cannot allocate memory' "$work/err" && nomem=$((nomem + 1))
    continue
  fi
  bad=$((bad + 1))
  [ $bad -le 3 ] && { echo "  | FAIL_AT=$k: exit $rc"; cat "$work/out" "$work/err" | sed 's/^/  |   /'; }
done
if [ $bad = 0 ]; then ok "cert show, each of its $n allocations failing: the certificate and its key, or a failure"
else ko "cert show, each of its $n allocations failing: the certificate and its key, or a failure ($bad runs lied)"; fi
if [ $nomem -gt 0 ]; then ok "runs out of memory while the certificate is parsed say so ($nomem)"
else ko "runs out of memory while the certificate is parsed say so"; fi
summary
