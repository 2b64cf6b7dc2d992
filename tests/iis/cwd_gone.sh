#!/usr/bin/env bash
# cwd_gone.sh SSLBIND — relative paths from a current directory that no longer exists (review 27
# F7): sharedconfig export|enable path=, appcmd /apphostconfig: and a relative state directory
# each say so and change nothing, never "path: too long" and never a relative path stored.
set -u
sb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S" "$work/gone"
"$sb" --state "$S" appcmd list site > /dev/null
config=$(md5sum < "$S/applicationHost.config")
cd "$work/gone" && rmdir "$work/gone"
gone='the current directory no longer exists: give'
check() { # NAME EXPECTED-STDERR COMMAND…
  local name=$1 want=$2
  shift 2
  "$@" > "$work/out" 2> "$work/err"
  local rc=$?
  if [ "$rc" = 1 ] && grep -qF "$want" "$work/err" && ! grep -q 'too long' "$work/err"; then ok "$name"
  else ko "$name (exit $rc)"; cat "$work/out" "$work/err"; fi
}
check "export path=farm: the current directory is gone" "$gone path= as an absolute path" \
  "$sb" --state "$S" iis sharedconfig export path=farm
check "enable path=farm: the same" "$gone path= as an absolute path" "$sb" --state "$S" iis sharedconfig enable path=farm
check "appcmd /apphostconfig:x.config: the same" "$gone the configuration file as an absolute path" \
  "$sb" --state "$S" appcmd list site /apphostconfig:x.config
check "a relative state directory (..): the same" "$gone the state directory as an absolute path" \
  "$sb" --state .. appcmd list site
check "a relative state directory not made yet: the same, not 'cannot create state directory'" \
  "$gone the state directory as an absolute path" "$sb" --state rel http show sslcert
cd "$work"
if [ ! -e "$S/redirection.config" ] && [ "$(md5sum < "$S/applicationHost.config")" = "$config" ] &&
   [ ! -e "$work/applicationHost.config" ] && [ ! -e "$work/farm" ]; then
  ok "nothing written: no redirection.config, the configuration as it was, no file in the parent"
else
  ko "something was written"; ls -la "$S" "$work"
fi
summary
