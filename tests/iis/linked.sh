#!/usr/bin/env bash
# linked.sh SSLBIND — an applicationHost.config that is a symbolic link (a farm "shared" by linking
# each server's file to one file) is never replaced by an edit: a change replaces the file by
# rename, which would put a file of this server's own in place of the link and leave the farm's
# file without the change. The edit is refused with the reason, and nothing changes; reading
# through the link works.
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S" "$work/farm"
"$sb" --state "$S" appcmd list sites > /dev/null
mv "$S/applicationHost.config" "$work/farm/applicationHost.config"
ln -s "$work/farm/applicationHost.config" "$S/applicationHost.config"
cp "$work/farm/applicationHost.config" "$work/before"

if "$sb" --state "$S" appcmd list sites | grep -q 'Default Web Site'; then ok "a list reads through the link"
else ko "a list through the link"; fi
"$sb" --state "$S" appcmd add site /name:Site1 > "$work/out" 2> "$work/err"
rc=$?
if [ "$rc" = 1 ] && [ -L "$S/applicationHost.config" ] && cmp -s "$work/farm/applicationHost.config" "$work/before" &&
   grep -q 'is a symbolic link' "$work/err"; then
  ok "an edit is refused with the reason; the link and its target are as they were"
else
  ko "an edit through a link (exit $rc)"; cat "$work/out" "$work/err"; ls -la "$S"
fi
rm "$S/applicationHost.config"
ln -s "$work/nowhere" "$S/applicationHost.config"
"$sb" --state "$S" appcmd list sites > "$work/out" 2> "$work/err"
rc=$?
if [ "$rc" = 1 ] && [ -L "$S/applicationHost.config" ] && [ ! -e "$work/nowhere" ] && grep -q 'is a symbolic link' "$work/err"; then
  ok "a dangling link is not replaced by a fresh install"
else
  ko "a dangling link (exit $rc)"; cat "$work/out" "$work/err"; ls -la "$S"
fi

# The other files written by rename-into-place: each refused the same way when it is a link,
# with the reason, and nothing changes (the link, its target, and every other file).
# same_files: the state directory's files (links as links) and the farm's, as they were.
# (lock files excluded: each writer that takes one records its pid there, changed or not; and the
# stores' generation, which a refused change moves on too, so a reader never mistakes a rollback)
snapshot() { (cd "$S" && find . \( -type f -o -type l \) ! -name '*.lock' ! -name '.lock' ! -name '.generation' | sort | while read -r f; do
  if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"; else echo "$f $(md5sum < "$f")"; fi; done
  cd "$work/farm" && find . -type f | sort | xargs md5sum); }
linked_refused() { # linked_refused WHAT FILE COMMAND…: FILE (in $S) is a link to the farm's copy
  local what=$1 file=$2
  shift 2
  "$sb" --state "$S" "$@" > "$work/out" 2> "$work/err"
  local rc=$?
  if [ "$rc" = 1 ] && [ -L "$S/$file" ] && [ "$(snapshot)" = "$before" ] &&
     grep -q "$file is a symbolic link, which a change would replace (not its target): nothing written" "$work/err"; then
    ok "$what: refused with the reason; nothing changed"
  else
    ko "$what (exit $rc)"; cat "$work/out" "$work/err"; ls -la "$S"
  fi
}
link_to_farm() { # the file moved into the farm's directory, a link left in its place
  mv "$S/$1" "$work/farm/$1"
  ln -s "$work/farm/$1" "$S/$1"
  before=$(snapshot)
}
unlink_from_farm() { rm "$S/$1" && mv "$work/farm/$1" "$S/$1"; }
rm "$S/applicationHost.config"
cp "$work/before" "$S/applicationHost.config"
"$sb" --state "$S" appcmd list sites > /dev/null # sites.state written

link_to_farm sites.state
linked_refused "sites.state a link: appcmd add site" sites.state appcmd add site /name:Site2 /bindings:http/*:8080:
linked_refused "sites.state a link: appcmd stop site" sites.state appcmd stop site "Default Web Site"
unlink_from_farm sites.state

printf '10.0.0.2\n' > "$S/addresses"
link_to_farm addresses
linked_refused "addresses a link: iis address add" addresses iis address add address=10.0.0.3
unlink_from_farm addresses

mkdir "$work/shared"
"$sb" --state "$S" iis sharedconfig export path="$work/shared" > /dev/null
"$sb" --state "$S" iis sharedconfig enable path="$work/shared" > /dev/null
link_to_farm redirection.config # servers "joined" by linking their redirection.config to one file
if "$sb" --state "$S" iis sharedconfig show 2> /dev/null | grep -q 'Enabled *: Yes'; then ok "redirection.config is read through the link"
else ko "redirection.config read through the link"; "$sb" --state "$S" iis sharedconfig show; fi
linked_refused "redirection.config a link: iis sharedconfig disable" redirection.config iis sharedconfig disable
linked_refused "redirection.config a link: iis sharedconfig enable" redirection.config iis sharedconfig enable path="$work/shared"
unlink_from_farm redirection.config
"$sb" --state "$S" iis sharedconfig disable > /dev/null

# The export's target: a farm's applicationHost.config linked into the directory exported to.
mkdir "$work/exp"
cp "$work/before" "$work/farm/exported.config"
ln -s "$work/farm/exported.config" "$work/exp/applicationHost.config"
before=$(snapshot)
"$sb" --state "$S" iis sharedconfig export path="$work/exp" > "$work/out" 2> "$work/err"
rc=$?
if [ "$rc" = 1 ] && [ -L "$work/exp/applicationHost.config" ] && [ "$(snapshot)" = "$before" ] &&
   grep -q 'applicationHost.config is a symbolic link, which a change would replace (not its target): nothing written' "$work/err"; then
  ok "the export's target a link: refused with the reason; nothing changed"
else
  ko "an export over a link (exit $rc)"; cat "$work/out" "$work/err"; ls -la "$work/exp"
fi

# bindings.reg (refused when read, so before any change) and a certificate store's file.
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
H=$("$sb" --state "$S" cert create subject=www.contoso.com json=enable | jq -r '.certificates[0].certhash')
"$sb" --state "$S" http add sslcert ipport=0.0.0.0:443 certhash="$H" appid="$appid" > /dev/null
link_to_farm bindings.reg
"$sb" --state "$S" http add sslcert ipport=0.0.0.0:8443 certhash="$H" appid="$appid" > "$work/out" 2> "$work/err"
rc=$?
if [ "$rc" = 1 ] && [ -L "$S/bindings.reg" ] && [ "$(snapshot)" = "$before" ] && grep -q 'bindings.reg is a symbolic link' "$work/err"; then
  ok "bindings.reg a link: an add is refused with the reason; nothing changed"
else
  ko "bindings.reg a link (exit $rc)"; cat "$work/out" "$work/err"
fi
unlink_from_farm bindings.reg
data=$(cd "$(dirname "$0")/../data" && pwd)
S1=$(openssl x509 -in "$data/certs/shop.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
mkdir -p "$S/certs/my" "$work/farm/certs"
ln -s "$work/farm/certs/$S1.key" "$S/certs/my/$S1.key"
before=$(snapshot)
"$sb" --state "$S" cert import file="$data/certs/shop.pem" > "$work/out" 2> "$work/err"
rc=$?
if [ "$rc" = 1 ] && [ -L "$S/certs/my/$S1.key" ] && [ "$(snapshot)" = "$before" ] && [ ! -e "$work/farm/certs/$S1.key" ] &&
   grep -q "$S1.key is a symbolic link, which the change would replace: nothing written" "$work/err"; then
  ok "a store's key file a link: an import is refused with the reason; nothing changed"
else
  ko "a store's file a link (exit $rc)"; cat "$work/out" "$work/err"; ls -la "$S/certs/my"
fi

summary
