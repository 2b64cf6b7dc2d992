#!/usr/bin/env bash
# ccs_renew.sh SSLBIND — cert create store=ccs of a host that has a central store file already
# replaces it (a renewal) and says so on standard error with the hash it held (review 27 F12);
# the first create says nothing. Golden transcripts cannot hold create's random hashes. An import
# of what a file holds already leaves it as it is, unless the file differs in what matters
# (review 39): a private half damaged behind a good public half, or a mode looser than a new
# file's.
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
# The repair sim advises (review 39 F1): a central-store file whose private half is damaged (its
# public half, hence EVP_PKEY_eq, intact) is replaced by an import of the good .pfx, not taken
# for the same file.
cd "$work" || exit 1
openssl ecparam -name prime256v1 -genkey -noout -out ec.pem 2> /dev/null
openssl req -x509 -key ec.pem -out ecc.pem -subj /CN=ec.contoso.com -addext subjectAltName=DNS:ec.contoso.com -days 30 2> /dev/null
openssl ec -in ec.pem -outform DER -out ec.der 2> /dev/null
python3 -c "d=bytearray(open('ec.der','rb').read()); d[38]^=1; open('ecbad.der','wb').write(d)" # the private scalar's last byte
openssl ec -inform DER -in ecbad.der -out ecbad.pem 2> /dev/null
openssl pkcs12 -export -in ecc.pem -inkey ecbad.pem -out ecbad.pfx -passout pass: -name ec.contoso.com
openssl pkcs12 -export -in ecc.pem -inkey ec.pem -out ecgood.pfx -passout pass:
cd - > /dev/null || exit 1
f=$S/certs/ccs/ec.contoso.com.pfx
"$sb" --state "$S" cert import file="$work/ecgood.pfx" store=ccs > /dev/null
cp "$work/ecbad.pfx" "$f"
"$sb" --state "$S" http add sslcert ccs=443 appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' > /dev/null
sim() { "$sb" --state "$S" sim handshake ipport=10.0.0.1:443 host=ec.contoso.com | sed -n 's/^ *Result *: //p'; }
before=$(sim)
"$sb" --state "$S" cert import file="$work/ecgood.pfx" store=ccs > /dev/null; rc=$?
if [ "$before" = NO_BINDING ] && [ $rc = 0 ] && ! cmp -s "$f" "$work/ecbad.pfx" && [ "$(sim)" = OK ]; then
  ok "a damaged private half is repaired by importing the good .pfx"
else ko "a damaged private half: sim $before, import rc $rc, sim after $(sim)"; fi
# a file as the import would write it is left alone (no reload for nothing) ...
cp "$f" "$work/kept"
gen=$(cat "$S/certs/.generation")
"$sb" --state "$S" cert import file="$work/ecgood.pfx" store=ccs > /dev/null
if cmp -s "$f" "$work/kept" && [ "$(cat "$S/certs/.generation")" = "$gen" ]; then ok "the same import again changes nothing"
else ko "the same import again changed the file or the generation"; fi
# ... but not one whose mode was loosened: rewritten at 0600, the key behind it in MY too
chmod 644 "$f"
"$sb" --state "$S" cert import file="$work/ecgood.pfx" store=ccs > /dev/null
if [ "$(stat -c %a "$f")" = 600 ]; then ok "a loosened .pfx is written again at 0600"; else ko "a loosened .pfx stays $(stat -c %a "$f")"; fi
H=$("$sb" --state "$S" cert import file="$work/ecgood.pfx" json=enable | sed -n 's/.*"certhash": "\([0-9a-f]*\)".*/\1/p')
k=$(ls "$S"/certs/my/*.key 2> /dev/null | head -1)
chmod 644 "$k"
"$sb" --state "$S" cert import file="$work/ecgood.pfx" > /dev/null
if [ -n "$H" ] && [ "$(stat -c %a "$k")" = 600 ]; then ok "a loosened key in MY is written again at 0600"; else ko "a loosened key in MY stays $(stat -c %a "$k")"; fi
summary
