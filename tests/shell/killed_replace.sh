#!/usr/bin/env bash
# killed_replace.sh SSLBIND — the store changes killed_chain.sh does not sweep, each killed
# (SIGKILL, strace's fault injection) at its Nth rename, link, write, fsync, fdatasync, unlink and
# utimensat, for every N until it completes:
# - an import into the central store that replaces two .pfx files (two certificates of one key);
# - an import of a chain over a leaf whose key and certificate files hold other bytes (as an
#   older version or a hand wrote them): both replaced, the CA and root created;
# - an import into a store that does not exist yet (its directory made);
# - a delete (the certificate, then its key).
# After each kill every listing shows the state before or the state after, never a mix; the next
# writer (a delete of a certificate in no store) leaves the listing as it was and the files as the listing
# says (a replaced file's former bytes, no store directory the import made, no backup or
# temporary file).
set -u
sb=$1
. "$(dirname "$0")/killed_lib.sh"
KILL_CALLS="rename link $KILL_CALLS"
# The next writer: a delete of a certificate that is in no store takes the stores' lock, finds
# the dead writer's mark and finishes its change, then writes nothing (so no listing grows).
next() { run cert delete store=Other certhash=0123456789012345678901234567890123456789 > /dev/null 2>&1; }
# store [file] certhash privatekey, one line each, sorted.
listing() {
  run cert show store="$1" json=enable 2> /dev/null | jq -r '.certificates[] | "\(.file // "-") \(.certhash) \(.privatekey)"' | sort
}
# Two certificates of one key (a.contoso.com, b.contoso.com): two .pfx files in the central store.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/k.pem" -subj /CN=a.contoso.com \
  -addext subjectAltName=DNS:a.contoso.com -days 30 -out "$work/a.pem" 2> /dev/null
openssl req -x509 -key "$work/k.pem" -subj /CN=b.contoso.com -addext subjectAltName=DNS:b.contoso.com -days 30 \
  -out "$work/b.pem" 2> /dev/null
cat "$work/a.pem" "$work/b.pem" "$work/k.pem" > "$work/two.pem"

# 1. The central store: a.contoso.com.pfx and b.contoso.com.pfx made by create, then replaced by
# one import. Between kills the files are put back as they were (copies).
run cert create subject=a.contoso.com store=CCS > /dev/null
run cert create subject=b.contoso.com store=CCS > /dev/null
mkdir "$work/ccs" && cp -p "$S"/certs/ccs/*.pfx "$work/ccs/"
old=$(listing CCS)
run cert import file="$work/two.pem" store=CCS > /dev/null
new=$(listing CCS)
# The central store's .pfx files are the copies, byte for byte.
same_pfx() {
  local f
  [ "$(cd "$S/certs/ccs" && ls ./*.pfx)" = "$(cd "$work/ccs" && ls ./*.pfx)" ] || return 1
  for f in "$work"/ccs/*.pfx; do cmp -s "$f" "$S/certs/ccs/${f##*/}" || return 1; done
}
ccs_reset() { rm -f "$S"/certs/ccs/*.pfx && cp -p "$work"/ccs/*.pfx "$S/certs/ccs/"; }
ccs_reset
if [ "$(echo "$old" | wc -l)" = 2 ] && [ "$(echo "$new" | wc -l)" = 2 ] && [ -z "$(echo "$old" | grep -xFf <(echo "$new"))" ]; then
  ok "the central store import replaces two files"
else
  ko "the central store import: two files replaced"; echo "$old"; echo "$new"
fi
points=0 bad=0 rolled=0
ccs_listing() { listing CCS; }
ccs_check() { before_or_after "ccs import" ccs_listing ccs_reset same_pfx "$@"; }
kill_sweep ccs_check cert import file="$work/two.pem" store=CCS
[ "$bad" = 0 ] && ok "central store import killed at each of $points points: both files before or both after"

# 2. A leaf whose files hold other bytes (its key in the traditional EC encoding, its certificate
# after its text), imported again with its chain: key and certificate replaced, CA and Root made.
chain=$data/certs/chain-leaf.pem
mine() {
  run cert show json=enable 2> /dev/null |
    jq -r '.certificates[] | select(.store == "MY" or .store == "CA" or .store == "Root") | "\(.store) \(.certhash) \(.privatekey)"' |
    sort
}
run cert import file="$chain" > /dev/null
after_all=$(mine)
leaf=$(listing MY | awk '{ print $2 }')
ca=$(listing CA | awk '{ print $2 }')
root=$(listing Root | awk '{ print $2 }')
run cert delete store=CA certhash="$ca" > /dev/null
run cert delete store=Root certhash="$root" > /dev/null
openssl pkey -in "$S/certs/my/$leaf.key" -traditional -out "$work/old.key"
openssl x509 -in "$S/certs/my/$leaf.crt" -text -out "$work/old.crt"
my_reset() {
  run cert delete store=CA certhash="$ca" > /dev/null 2>&1
  run cert delete store=Root certhash="$root" > /dev/null 2>&1
  cp "$work/old.key" "$S/certs/my/$leaf.key" && cp "$work/old.crt" "$S/certs/my/$leaf.crt"
}
my_reset
before_all=$(mine)
# The leaf's files: "old" (both as planted), "new" (both as an import writes them), or "mixed".
leaf_bytes() {
  if cmp -s "$S/certs/my/$leaf.key" "$work/old.key" && cmp -s "$S/certs/my/$leaf.crt" "$work/old.crt"; then echo old
  elif ! cmp -s "$S/certs/my/$leaf.key" "$work/old.key" && ! cmp -s "$S/certs/my/$leaf.crt" "$work/old.crt"; then echo new
  else echo mixed; fi
}
points=0 bad=0
my_check() {
  local rc=$1 sc=$2 n=$3 got after
  got=$(mine)
  if [ "$rc" != 137 ]; then
    if [ "$rc" != 0 ] || [ "$got" != "$after_all" ] || [ "$(leaf_bytes)" != new ] || [ -n "$(leftovers)" ]; then
      ko "chain import not killed at $sc $n: exit $rc"; echo "$got"; leaf_bytes; leftovers; bad=1
    fi
    my_reset
    return
  fi
  points=$((points + 1))
  if [ "$got" != "$before_all" ] && [ "$got" != "$after_all" ]; then
    ko "chain import over a leaf killed at $sc $n: part of the change listed"; echo "$got"; bad=1
  fi
  next
  after=$(mine)
  if [ "$after" != "$got" ] || [ -n "$(leftovers)" ]; then
    ko "chain import over a leaf killed at $sc $n: the next writer changed the listing or left files"; echo "$after"
    leftovers; bad=1
  elif { [ "$after" = "$before_all" ] && [ "$(leaf_bytes)" != old ]; } ||
       { [ "$after" = "$after_all" ] && [ "$(leaf_bytes)" != new ]; }; then
    ko "chain import over a leaf killed at $sc $n: the leaf's files ($(leaf_bytes)) are not the listing's"; bad=1
  fi
  my_reset
}
kill_sweep my_check cert import file="$chain"
[ "$bad" = 0 ] && ok "chain import over a leaf killed at each of $points points: before or after, files and listing"

# 3. An import into a store that does not exist yet: killed, its directory goes with it.
points=0 bad=0 shop=
new_check() {
  local rc=$1 sc=$2 n=$3 got
  got=$(listing WebHosting)
  if [ "$rc" != 137 ]; then
    shop=$(echo "$got" | awk '{ print $2 }')
    if [ "$rc" != 0 ] || [ "$(echo "$got" | awk '{ print $3 }')" != true ] || [ -n "$(leftovers)" ] ||
       [ "$(cat "$S/certs/webhosting/.name")" != WebHosting ]; then
      ko "import into a new store not killed at $sc $n: exit $rc"; echo "$got"; leftovers; bad=1
    fi
    rm -rf "$S/certs/webhosting"
    return
  fi
  points=$((points + 1))
  next
  if [ "$(listing WebHosting)" != "$got" ] || [ -n "$(leftovers)" ]; then
    ko "import into a new store killed at $sc $n: the next writer changed the listing or left files"; bad=1
  elif [ -z "$got" ] && [ -e "$S/certs/webhosting" ]; then
    ko "import into a new store killed at $sc $n: nothing imported, but the store's directory stays"
    ls -la "$S/certs/webhosting"; bad=1
  fi
  rm -rf "$S/certs/webhosting"
}
kill_sweep new_check cert import file="$data/certs/shop.pem" store=WebHosting
[ "$bad" = 0 ] && ok "import into a new store killed at each of $points points: the store whole, or no store"
# A store directory without a certificate (an older version's failed import left them) lists as
# a store that does not exist.
run cert show store=Nowhere > "$work/none.out" 2>&1
mkdir -m 700 "$S/certs/empty" && printf Empty > "$S/certs/empty/.name"
run cert show store=Empty > "$work/empty.out" 2>&1
if cmp -s "$work/none.out" "$work/empty.out" && ! grep -q 'Empty' "$work/empty.out"; then
  ok "an empty store directory lists as no store"
else
  ko "an empty store directory"; diff "$work/none.out" "$work/empty.out"
fi

# 4. A delete: the certificate goes, then its key; whenever killed, the certificate is listed with
# its key or not at all, and never found keyless by the 1312 check.
run cert import file="$data/certs/shop.pem" store=Del > /dev/null
with=$(listing Del)
points=0 bad=0
del_check() {
  local rc=$1 sc=$2 n=$3 got
  got=$(listing Del)
  if [ "$rc" = 137 ]; then
    points=$((points + 1))
    if [ "$got" != "$with" ] && [ -n "$(echo "$got" | grep "$shop")" ]; then
      ko "delete killed at $sc $n: the certificate listed without its key"; echo "$got"; bad=1
    fi
    run http add sslcert ipport=0.0.0.0:443 certhash="$shop" certstorename=Del \
      appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' > /dev/null 2> "$work/err"
    if grep -q 'no private key' "$work/err"; then ko "delete killed at $sc $n: keyless for http add"; bad=1; fi
    run http delete sslcert ipport=0.0.0.0:443 > /dev/null 2>&1
    next
    if [ -n "$(leftovers)" ] || { ! echo "$got" | grep -q "$shop" && [ -n "$(ls "$S/certs/del" | grep "$shop")" ]; }; then
      ko "delete killed at $sc $n: the next writer left files"; leftovers; ls "$S/certs/del"; bad=1
    fi
  elif [ "$rc" != 0 ] || echo "$got" | grep -q "$shop" || [ -n "$(ls "$S/certs/del" | grep "$shop")" ]; then
    ko "delete not killed at $sc $n: exit $rc, the certificate or its key stays"; bad=1
  fi
  run cert import file="$data/certs/shop.pem" store=Del > /dev/null 2>&1
}
kill_sweep del_check cert delete store=Del certhash="$shop"
[ "$bad" = 0 ] && ok "delete killed at each of $points points: the certificate with its key, or neither"

summary
