#!/usr/bin/env bash
# ccs_renew.sh SSLBIND — cert create store=ccs of a host that has a central store file already
# replaces it (a renewal) and says so on standard error with the hash it held (review 27 F12);
# the first create says nothing. Golden transcripts cannot hold create's random hashes.
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S"
hash() { "$sb" --state "$S" cert show store=ccs json=enable | sed -n 's/.*"certhash": "\([0-9a-f]*\)".*/\1/p'; }
"$sb" --state "$S" cert create subject=www.contoso.com store=ccs > /dev/null 2> "$work/err1"
first=$(hash)
"$sb" --state "$S" cert create subject=www.contoso.com store=ccs > /dev/null 2> "$work/err2"
second=$(hash)
if [ ! -s "$work/err1" ]; then ok "the first create says nothing"; else ko "the first create said"; cat "$work/err1"; fi
if [ -n "$first" ] && [ "$first" != "$second" ] &&
   grep -qx "sslbind: replaced www.contoso.com.pfx, which held $first (its certificate and key are gone from the central store)" "$work/err2"; then
  ok "the second names the file and the hash it held"
else
  ko "the second: '$first' → '$second'"; cat "$work/err2"
fi
summary
