#!/usr/bin/env bash
# linked.sh SSLBIND — an applicationHost.config that is a symbolic link (a farm "shared" by linking
# each server's file to one file) is never replaced by an edit: a change replaces the file by
# rename, which would put a file of this server's own in place of the link and leave the farm's
# file without the change. The edit is refused with the reason, and nothing changes; reading
# through the link works.
set -u
sb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "[PASS] $1"; passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }
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

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
