#!/usr/bin/env bash
# enomem_parse.sh BINDIR SHIM — out of memory while a certificate is read (review 35 F2, the
# ENOMEM half): `cert show` run once for each of the first 1100 allocations K it makes from the
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
n=1100 # past 1035: K=1024..1035 failed the certificate's public key's decoding (it stays so in the
# process), and the key check then said "Private Key: No"
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

# The central store: `cert show store=ccs` with its K-th allocation from the .pfx's open on
# failing, every K of the first 400, then every 50th, and every K of the last 100 (of some
# 28 000: the PKCS#12 parse, its key derivations, the key check and the listing): a .pfx whose
# parse ran out of memory is no damaged file skipped (exit 0, nothing listed) but an error
# naming it, as a PEM file's is; nor is its certificate listed without its key (the key check
# that ran out of memory: "Private Key: No", exit 0). OpenSSL 3 says
# "unsupported" for a fetch of PBKDF2 or PKCS12KDF that ran out, and keeps failing it.
export SSLBIND_STATE=$work/c
"$bin/sslbind" cert import file="$data/contoso.pem" store=ccs > /dev/null
n=$(env FAIL_FROM=.pfx FAIL_COUNT=1 LD_PRELOAD="$shim" "$bin/sslbind" cert show store=ccs 2>&1 > /dev/null |
  awk '/^allocations/ {print $2}')
skipped=0 keyless=0 nomem=0 runs=0
for k in $(seq 1 400) $(seq 450 50 "${n:-0}") $(seq $((${n:-0} - 100)) "${n:-0}"); do
  env FAIL_FROM=.pfx FAIL_AT=$k LD_PRELOAD="$shim" "$bin/sslbind" cert show store=ccs > "$work/out" 2> "$work/err"
  rc=$?
  runs=$((runs + 1))
  if [ $rc != 0 ] && grep -q 'ccs/www\.contoso\.com\.pfx: Cannot allocate memory' "$work/err"; then
    nomem=$((nomem + 1))
  elif [ $rc = 0 ] && ! grep -q "$H" "$work/out"; then
    skipped=$((skipped + 1))
    [ $skipped -le 3 ] && { echo "  | FAIL_AT=$k: exit $rc"; cat "$work/out" "$work/err" | sed 's/^/  |   /'; }
  elif [ $rc = 0 ] && ! grep -q 'Private Key *: Yes' "$work/out"; then
    keyless=$((keyless + 1))
    [ $keyless -le 3 ] && { echo "  | FAIL_AT=$k: exit $rc"; cat "$work/out" "$work/err" | sed 's/^/  |   /'; }
  fi
done
if [ "${n:-0}" -gt 1000 ] && [ $skipped = 0 ]; then
  ok "cert show store=ccs, $runs of its $n allocations failing: never the .pfx skipped as damaged"
else ko "cert show store=ccs, $runs of its ${n:-?} allocations failing: never the .pfx skipped as damaged ($skipped were)"; fi
if [ $keyless = 0 ]; then ok "... nor listed without its key (Private Key: No, exit 0)"
else ko "... nor listed without its key (Private Key: No, exit 0): $keyless were"; fi
if [ $nomem -gt 0 ]; then ok "... runs out of memory while the .pfx is parsed say so, naming it ($nomem)"
else ko "... runs out of memory while the .pfx is parsed say so, naming it"; fi

# The import's own printout: `cert import … json=enable` with its K-th allocation from the open
# of the stores' mark (DIR/certs/.writing) on failing, for the first and the last 150 K (of some
# 2 500: the change, whose check of the key against the certificate ran at its end, after the
# files were written, and runs at its start now, before any): each run imports the certificate
# with its key ("privatekey": true) or fails (exit 1) with nothing imported; never "privatekey":
# false, exit 0, for a key that is the certificate's (its check ran out of memory), and a run
# whose check ran out says so.
export SSLBIND_STATE=$work/i
"$bin/sslbind" cert create subject=first.contoso.com > /dev/null # the store is there: no new one
listing() { "$bin/sslbind" cert show json=enable | jq -r '.certificates[] | "\(.store) \(.certhash) \(.privatekey)"' | sort; }
before=$(listing)
n=$(env FAIL_FROM=.writing FAIL_COUNT=1 LD_PRELOAD="$shim" "$bin/sslbind" cert import file="$data/contoso.pem" \
  json=enable 2>&1 > /dev/null | awk '/^allocations/ {print $2}')
"$bin/sslbind" cert delete certhash=$H > /dev/null
lied=0 nomem=0 runs=0
for k in $(seq 1 150) $(seq $((${n:-0} - 150)) "${n:-0}"); do
  env FAIL_FROM=.writing FAIL_AT=$k LD_PRELOAD="$shim" "$bin/sslbind" cert import file="$data/contoso.pem" \
    json=enable > "$work/out" 2> "$work/err"
  rc=$?
  runs=$((runs + 1))
  if [ $rc = 0 ] && [ "$(jq -r '.certificates[0].privatekey' "$work/out")" = true ]; then
    "$bin/sslbind" cert delete certhash=$H > /dev/null
    continue
  fi
  if [ $rc != 0 ] && [ -s "$work/err" ] && [ "$(listing)" = "$before" ]; then
    grep -q "certificate $H: out of memory while its private key was checked: nothing changed" "$work/err" &&
      nomem=$((nomem + 1))
    continue
  fi
  lied=$((lied + 1))
  [ $lied -le 3 ] && { echo "  | FAIL_AT=$k: exit $rc"; cat "$work/out" "$work/err" | sed 's/^/  |   /'; }
  "$bin/sslbind" cert delete certhash=$H > /dev/null 2>&1
done
if [ "${n:-0}" -gt 1000 ] && [ $lied = 0 ]; then
  ok "cert import, $runs of its $n allocations failing: the certificate with its key, or nothing imported"
else ko "cert import, $runs of its ${n:-?} allocations failing: the certificate with its key, or nothing imported ($lied were not)"; fi
if [ $nomem -gt 0 ]; then ok "... runs whose key check ran out of memory say so ($nomem)"
else ko "... runs whose key check ran out of memory say so"; fi
summary
