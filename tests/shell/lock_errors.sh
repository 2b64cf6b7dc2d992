#!/usr/bin/env bash
# lock_errors.sh SSLBIND — a lock that cannot be taken for a reason other than another process
# holding it (strace's fault injection makes the open of one lock file fail with EACCES or EROFS,
# as on another user's state or a read-only mount, which root's tests cannot make otherwise):
# Win32 5, "Access is denied.", never 33 ("another process has locked"), and standard error keeps
# the reason; a list that cannot record WAS's states says nothing on standard error.
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"
S=$work/s
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
"$sb" --state "$S" http add sslcert ccs=443 appid="$appid" > /dev/null
"$sb" --state "$S" appcmd list site > /dev/null
# denied ERRNO FILE ARGS…: sslbind ARGS… with every open of STATE/FILE failing with ERRNO
denied() {
  local e=$1 f=$2
  shift 2
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -P "$S/$f" -e trace=open,openat -e inject=open,openat:error="$e" \
    "$sb" --state "$S" "$@" > "$work/out" 2> "$work/err"
}
# appcmd_denied ERRNO FILE ARGS…: the same with the program called as appcmd (its exit status is appcmd's)
appcmd_denied() {
  local e=$1 f=$2
  shift 2
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -P "$S/$f" -e trace=open,openat -e inject=open,openat:error="$e" \
    "$(dirname "$sb")/appcmd" --state "$S" "$@" > "$work/out" 2> "$work/err"
}
for e in EACCES EROFS; do
  reason=$([ $e = EACCES ] && echo "Permission denied" || echo "Read-only file system")
  denied $e bindings.lock http add sslcert ccs=8443 appid="$appid"; rc=$?
  [ "$rc" = 1 ] && grep -qx 'SSL Certificate add failed, Error: 5' "$work/out" && grep -qx 'Access is denied.' "$work/out" &&
    grep -q "bindings.lock: cannot lock: $reason\$" "$work/err" &&
    ok "http add, bindings.lock $e: 5" || ko "http add, bindings.lock $e: exit $rc, $(cat "$work/out" "$work/err")"
  denied $e iis.lock appcmd list site; rc=$?
  [ "$rc" = 0 ] && [ ! -s "$work/err" ] && grep -q '^SITE "Default Web Site"' "$work/out" &&
    ok "appcmd list site, iis.lock $e: quiet" || ko "appcmd list site, iis.lock $e: exit $rc, $(cat "$work/out" "$work/err")"
  denied $e iis.lock iis binding show; rc=$?
  [ "$rc" = 0 ] && [ ! -s "$work/err" ] &&
    ok "iis binding show, iis.lock $e: quiet" || ko "iis binding show, iis.lock $e: exit $rc, $(cat "$work/err")"
  appcmd_denied $e applicationHost.config.lock add site /name:Shop /bindings:http/*:8080:; rc=$?
  [ "$rc" = 1 ] && [ "$(cat "$work/out")" = 'ERROR ( message:Access is denied. )' ] &&
    grep -q "applicationHost.config.lock: cannot lock: $reason\$" "$work/err" &&
    ok "appcmd add site, applicationHost.config.lock $e: 5" ||
    ko "appcmd add site, applicationHost.config.lock $e: exit $rc, $(cat "$work/out" "$work/err")"
  appcmd_denied $e iis.lock stop site "Default Web Site"; rc=$?
  [ "$rc" = 1 ] && [ "$(cat "$work/out")" = 'ERROR ( message:Access is denied. )' ] && grep -q "iis.lock: cannot lock: $reason\$" "$work/err" &&
    ok "appcmd stop site, iis.lock $e: 5" || ko "appcmd stop site, iis.lock $e: exit $rc, $(cat "$work/out" "$work/err")"
done
[ "$("$sb" --state "$S" appcmd list site)" = 'SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)' ] &&
  ok "nothing changed" || ko "the state changed: $("$sb" --state "$S" appcmd list site)"
# A site WAS has not recorded yet (another server's edit of a farm's file, a restored file): a
# reader that may not write the state shows it as the catch-up would record it (serverAutoStart:
# Started), quietly, and writes nothing.
O=$work/other
"$sb" --state "$O" appcmd add site /name:Shop /bindings:http/*:8080: > /dev/null
cp "$O/applicationHost.config" "$S/applicationHost.config"
before=$(md5sum < "$S/sites.state")
denied EACCES iis.lock appcmd list site Shop; rc=$?
[ "$rc" = 0 ] && [ ! -s "$work/err" ] && grep -q '^SITE "Shop" (id:2,bindings:http/\*:8080:,state:Started)$' "$work/out" &&
  [ "$(md5sum < "$S/sites.state")" = "$before" ] &&
  ok "a site not recorded, iis.lock EACCES: shown as WAS would start it, nothing written" ||
  ko "a site not recorded, iis.lock EACCES: exit $rc, $(cat "$work/out" "$work/err")"
summary
