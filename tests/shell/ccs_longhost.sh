#!/usr/bin/env bash
# ccs_longhost.sh SSLBIND — a central store file of a 251-byte host name ("<host>.pfx": 255
# bytes, NAME_MAX) is renewed (imported again with another certificate): its backup, which
# "<host>.pfx.prev" would put past NAME_MAX, is kept under a cut and hashed name
# ("<first bytes>~<hash>.prev") that the mark still lists as "<host>.pfx.prev". The renewal works,
# leaves nothing beside the file, and, killed (SIGKILL, strace's fault injection) at each of its
# renames, links, writes, fsyncs, unlinks and touches, leaves the file before or after; the next
# writer finds the backup the mark lists and rolls back to the old file, byte for byte. The
# central store's directory is the user's own folder of .pfx files: the user's files there whose
# names have the shapes of a writer's leftovers (a cut and hashed backup or temporary file, a
# backup, a temporary file, a key without its certificate) survive every next writer's sweep.
set -u
sb=$1
. "$(dirname "$0")/killed_lib.sh"
KILL_CALLS="rename link $KILL_CALLS"
l63=$(printf 'a%.0s' $(seq 63))
host=$l63.$l63.$l63.$(printf 'b%.0s' $(seq 59))
[ ${#host} = 251 ] || ko "the host name is 251 bytes (${#host})"
for v in old new; do
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/$v.key" -subj /CN=long.contoso.com \
    -addext "subjectAltName=DNS:$host" -days 30 -out "$work/$v.crt" 2> /dev/null
  cat "$work/$v.crt" "$work/$v.key" > "$work/$v.pem"
done
next() { run cert delete store=Other certhash=0123456789012345678901234567890123456789 > /dev/null 2>&1; }
listing() {
  run cert show store=ccs json=enable 2> /dev/null | jq -r '.certificates[] | "\(.file // "-") \(.certhash) \(.privatekey)"' | sort
}
pfx=$S/certs/ccs/$host.pfx
mine="x~0123abcd.prev x~0123abcd.tmp.1.0badf00d mine.pfx.prev mine.pfx.tmp.7.0badf00d mine.pfx.prev.tmp.7.0badf00d
  mine.key.tmp.1 mine.crt.tmp.1 .name.tmp.1.0badf00d 0123456789abcdef0123456789abcdef01234567.key
  ${host:0:217}~deadbeef.prev ${host:0:217}~deadbeef.tmp.7.0badf00d"
# What a dead writer may leave, and a live one never does, the user's own files aside.
leftovers() {
  find "$S" -name '*.tmp.*' -o -name '*.prev' -o -name .writing -o -name .touching | sort |
    grep -vxF -f <(for f in $mine; do echo "$S/certs/ccs/$f"; done)
}
# mine_kept WHAT: each of the user's files is there, as the user wrote it.
mine_kept() {
  local f lost=
  for f in $mine; do [ "$(cat "$S/certs/ccs/$f" 2> /dev/null)" = "mine $f" ] || lost="$lost $f"; done
  [ -z "$lost" ] || { ko "$1: the user's files$lost are gone"; bad=1; }
}

run cert import file="$work/old.pem" store=ccs > /dev/null
for f in $mine; do echo "mine $f" > "$S/certs/ccs/$f"; done
cp -p "$pfx" "$work/old.pfx"
old=$(listing)
run cert import file="$work/new.pem" store=ccs > "$work/out" 2>&1
rc=$?
new=$(listing)
if [ "$rc" = 0 ] && [ "$(echo "$new" | wc -l)" = 1 ] && [ "$new" != "$old" ] && [ -z "$(leftovers)" ] &&
  grep -q "$host.pfx" <<< "$new"; then
  ok "a 251-byte host's central store file renewed, nothing left beside it"
else
  ko "a 251-byte host's central store file renewed, nothing left beside it (exit $rc)"
  sed 's/^/  | /' "$work/out"
  leftovers | sed 's/^/  | /'
fi
cp -p "$pfx" "$work/new.pfx"
reset() { cp -p "$work/old.pfx" "$pfx"; }
reset

points=0 bad=0 rolled=0
same_old() { cmp -s "$pfx" "$work/old.pfx"; }
check() {
  before_or_after renewal listing reset same_old "$@"
  mine_kept "the renewal killed at $2 $3"
}
kill_sweep check cert import file="$work/new.pem" store=ccs
[ "$bad" = 0 ] && ok "the user's files in the central store survive each next writer's sweep"
[ "$bad" = 0 ] && [ "$rolled" -gt 0 ] &&
  ok "the renewal killed at each of $points points: the file before or after ($rolled rolled back to the old bytes)"
[ "$bad" = 0 ] && [ "$rolled" = 0 ] && ko "the renewal killed at each of $points points: none rolled back to the old file"
summary
