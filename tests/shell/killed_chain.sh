#!/usr/bin/env bash
# killed_chain.sh SSLBIND — `cert import` of a file with a chain (chain-leaf.pem: the leaf and its
# key into MY, the issuing CA into CA, the root into Root: four files) killed (SIGKILL, strace's
# fault injection) at its Nth rename, write, fsync, fdatasync, unlink and utimensat, for every N
# until it completes.
# After each kill every listing shows either none of the chain or all of it (the leaf with its
# key); the next writer (a create in another store) leaves it so and removes what the dead one
# left; and importing again gives the whole chain. Then the chain is deleted for the next point.
set -u
sb=$1
. "$(dirname "$0")/killed_lib.sh"
chain=$data/certs/chain-leaf.pem
# The chain as every listing shows it: "store certhash privatekey" lines.
listing() {
  run cert show json=enable 2> /dev/null |
    jq -r '.certificates[] | select(.store == "MY" or .store == "CA" or .store == "Root") | "\(.store) \(.certhash) \(.privatekey)"' |
    sort
}
# Certificate and key files on disk in MY, CA and Root (what a listing may hide).
on_disk() { find "$S/certs/my" "$S/certs/ca" "$S/certs/root" -name '*.crt' -o -name '*.key' 2> /dev/null | wc -l; }

run cert import file="$chain" > /dev/null
all=$(listing)
if [ "$(echo "$all" | wc -l)" = 3 ] && echo "$all" | grep -q '^MY .* true$'; then ok "the whole chain: three certificates, the leaf with its key"
else ko "the chain imported whole"; echo "$all"; fi
reset() {
  echo "$all" | while read -r store hash _; do run cert delete store="$store" certhash="$hash" > /dev/null 2>&1; done
}
reset

points=0 between=0 bad=0
after_kill() {
  local rc=$1 sc=$2 n=$3 got before
  got=$(listing)
  if [ "$rc" != 137 ]; then # the import ran to its end: the whole chain
    if [ "$rc" != 0 ] || [ "$got" != "$all" ] || [ -n "$(leftovers)" ]; then
      ko "import not killed at $sc $n: exit $rc, not the whole chain"; echo "$got"; leftovers; bad=1
    fi
    reset
    return
  fi
  points=$((points + 1))
  if [ -z "$got" ] && [ "$(on_disk)" -gt 0 ]; then between=$((between + 1)); fi
  if [ -n "$got" ] && [ "$got" != "$all" ]; then
    ko "import killed at $sc $n: part of the chain listed"; echo "$got"; bad=1
  fi
  before=$got
  run cert create subject=next.contoso.com store=Other > /dev/null 2>&1
  got=$(listing)
  if [ "$got" != "$before" ] || [ -n "$(leftovers)" ] || { [ -z "$got" ] && [ "$(on_disk)" != 0 ]; }; then
    ko "import killed at $sc $n: the next writer changed the listing or left files"; echo "$got"; leftovers
    find "$S/certs" -type f; bad=1
  fi
  if ! run cert import file="$chain" > /dev/null 2>&1 || [ "$(listing)" != "$all" ]; then
    ko "import killed at $sc $n: importing again does not give the whole chain"; listing; bad=1
  fi
  reset
}
kill_sweep after_kill cert import file="$chain"
[ "$bad" = 0 ] && ok "killed at each of $points points: none or all of the chain, the next writer cleans up, the next import works"
if [ "$between" -gt 0 ]; then ok "$between of the kills came with files of the chain on disk and hidden"
else ko "no kill came between the chain's files (the test no longer tests the moment it is about)"; fi

# A reader needs no writer: while the mark lists files (a dead import's, killed before the CA's
# rename: the leaf's key and certificate in place, not the CA's), they stay hidden from a lookup by
# thumbprint too, and a binding to the leaf is refused as for a missing certificate (renames: the
# generation, the leaf's key, its certificate, then the CA's certificate: the fourth).
rc=$(killed_run rename 4 cert import file="$chain")
[ "$rc" = 137 ] || echo "(not killed at the fourth rename)"
leaf=$(echo "$all" | awk '$1 == "MY" { print $2 }')
if [ -e "$S/certs/my/$leaf.crt" ] && [ -e "$S/certs/.writing" ] && [ -z "$(listing)" ]; then
  ok "killed after the leaf: its files on disk, the mark, an empty listing"
else
  ko "killed after the leaf: not the state expected"; find "$S/certs"; listing
fi
run http add sslcert ipport=0.0.0.0:443 certhash="$leaf" appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' > "$work/out" 2> "$work/err"
if grep -q 'Error: 1312' "$work/out" && grep -q "no certificate $leaf" "$work/err"; then
  ok "a binding to the hidden leaf is refused: no such certificate"
else
  ko "a binding to a leaf of an uncommitted import"; cat "$work/out" "$work/err"
fi

# Killed after its commit, before it touched the files it created (the touches make sslbind-tls
# read again a file it read while it was hidden): the chain is there, the list is kept as
# .touching, and the next writer does the touches it owed.
run cert create subject=next2.contoso.com store=Other > /dev/null
reset
rc=$(killed_run utimensat 1 cert import file="$chain")
if [ "$rc" = 137 ] && [ "$(listing)" = "$all" ] && [ -e "$S/certs/.touching" ] && [ ! -e "$S/certs/.writing" ]; then
  ok "killed before its touches: the whole chain, the list kept"
else
  ko "killed before its touches (exit $rc)"; listing; ls -la "$S/certs"
fi
touch "$work/ref"
sleep 0.1
run cert create subject=next3.contoso.com store=Other > /dev/null
if [ "$(find "$S/certs/my" "$S/certs/ca" "$S/certs/root" -name '*.crt' -newer "$work/ref" | wc -l)" = 3 ] &&
   [ -z "$(leftovers)" ]; then
  ok "the next writer touches the files of the change and removes the list"
else
  ko "the touches owed"; ls -la --time-style=full-iso "$S/certs/my" "$S/certs/ca" "$S/certs/root" "$work/ref"; leftovers
fi

summary
