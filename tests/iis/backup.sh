#!/usr/bin/env bash
# backup.sh SSLBIND — appcmd's BACKUP object and WAS: a restore after edits gives back the sites
# and bindings exactly, and sites.state follows the sites by name as after an edit (a renumbered
# site keeps its state under its old id, a deleted one comes back as a new site, started); in a
# farm, backups hold this server's own files and a restore switches shared configuration back as
# the backup's redirection.config says, the farm's file untouched.
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S"
run() { "$sb" --state "$S" "$@"; }

{ run appcmd add site /name:A /id:2 /bindings:http/*:81:,https/*:443:a.contoso.com &&
  run appcmd add site /name:B /id:3 /bindings:http/*:82: && run appcmd stop site B; } > /dev/null
run appcmd list site > "$work/before"
cp "$S/applicationHost.config" "$work/before.config"
run appcmd add backup Before > /dev/null
# edits after the backup: a renumbering (A keeps its state), a deletion, a new site, a binding
{ run appcmd set site A /id:7 && run appcmd delete site B &&
  run appcmd add site /name:C /id:4 /bindings:http/*:84: &&
  run appcmd set site "Default Web Site" /+bindings.[protocol='https',bindingInformation='*:443:'] &&
  run appcmd stop site A; } > /dev/null
run appcmd list site > "$work/edited"
if grep -q '"A" (id:7,bindings:http/\*:81:,https/\*:443:a.contoso.com,state:Stopped)' "$work/edited"; then
  ok "set-up: A renumbered to 7 and stopped, B deleted, C added"
else ko "set-up"; cat "$work/edited"; fi

run appcmd restore backup Before > "$work/out" 2> "$work/err"
if [ "$(cat "$work/out")" = 'Restored configuration from backup "Before"' ] && [ ! -s "$work/err" ]; then
  ok "restore prints appcmd's line and nothing on standard error"
else ko "restore's output"; cat "$work/out" "$work/err"; fi
if cmp -s "$S/applicationHost.config" "$work/before.config"; then ok "applicationHost.config is the backup's, byte for byte"
else ko "applicationHost.config differs from the backup's"; fi
run appcmd list site > "$work/after"
# the sites and bindings exactly as before; states: A (stopped after the backup) keeps its state
# by name under id 2, B (deleted since) is a new site to WAS and starts, as after an add
sed -e 's/"A" (id:2,\(.*\),state:Started)/"A" (id:2,\1,state:Stopped)/' \
    -e 's/"B" (id:3,\(.*\),state:Stopped)/"B" (id:3,\1,state:Started)/' "$work/before" > "$work/expected"
if cmp -s "$work/after" "$work/expected"; then ok "list site after the restore: the sites and bindings of the backup, states as WAS follows them"
else ko "list site after the restore"; diff "$work/expected" "$work/after"; fi
if ! grep -q '^[47] ' "$S/sites.state"; then ok "sites.state forgets the ids the restore removed (4, 7)"
else ko "sites.state keeps a removed id"; cat "$S/sites.state"; fi
# a clash the restore brings back: both sites started, the later one in the file stops, with
# W3SVC's words, as after an edit
run appcmd start site A > /dev/null
run appcmd set site B /bindings:http/*:81: > /dev/null 2>&1
run appcmd add backup Clash > /dev/null
{ run appcmd set site B /bindings:http/*:83: && run appcmd start site B; } > /dev/null 2>&1
run appcmd restore backup Clash > "$work/out" 2> "$work/err"
if run appcmd list site B | grep -q 'state:Stopped' && run appcmd list site A | grep -q 'state:Started' &&
   grep -q 'did not register the URL prefix http://\*:81/ for site 3' "$work/err"; then
  ok "a restore that makes two started sites clash stops the later one, with W3SVC's words"
else ko "a clash after the restore"; run appcmd list site; cat "$work/err"; fi

# ---- a farm: the backup holds this server's own files only
F=$work/farm
run appcmd add backup Local > /dev/null
{ run iis sharedconfig export path="$F" && run iis sharedconfig enable path="$F" &&
  run appcmd add site /name:FarmSite /id:9 /bindings:http/*:90: && run appcmd stop site FarmSite; } > /dev/null
cp "$F/applicationHost.config" "$work/farm.config"
run appcmd add backup InFarm > "$work/out" 2> "$work/err"
if grep -q 'BACKUP object "InFarm" added' "$work/out" && grep -q "runs the farm's configuration" "$work/err" &&
   [ -f "$S/backup/InFarm/redirection.config" ] && cmp -s "$S/backup/InFarm/applicationHost.config" "$S/applicationHost.config"; then
  ok "in a farm, a backup holds redirection.config and the own applicationHost.config, and says the farm's file is not in it"
else ko "a backup in a farm"; cat "$work/out" "$work/err"; ls "$S/backup/InFarm"; fi
run appcmd restore backup InFarm > "$work/out" 2> "$work/err"
if grep -q 'Restored configuration from backup "InFarm"' "$work/out" && grep -q "own files only" "$work/err" &&
   cmp -s "$F/applicationHost.config" "$work/farm.config"; then
  ok "a restore in the same farm puts back the own files only: the farm's file is untouched"
else ko "a restore in the same farm"; cat "$work/out" "$work/err"; fi
run appcmd restore backup Local > "$work/out" 2> "$work/err"
if [ ! -e "$S/redirection.config" ] || ! grep -q 'enabled="true"' "$S/redirection.config"; then
  if run appcmd list site > "$work/l" && ! grep -q FarmSite "$work/l" && cmp -s "$F/applicationHost.config" "$work/farm.config"; then
    ok "restoring a backup made before the farm leaves it: this server runs its own configuration again"
  else ko "after leaving the farm by restore"; cat "$work/l"; fi
else ko "the backup made before the farm did not leave it"; cat "$S/redirection.config" "$work/err"; fi
run appcmd restore backup InFarm > "$work/out" 2> "$work/err"
# leaving the farm forgot FarmSite (no site of that name in the own file), so it is new to this
# server when the restore joins again: started, as after iis sharedconfig disable and enable
if run appcmd list site FarmSite > "$work/l" 2>&1 && grep -q 'state:Started' "$work/l" && [ -s "$S/redirection.config" ]; then
  ok "restoring the farm's backup joins the farm again; FarmSite is new to this server, started (as iis sharedconfig enable)"
else ko "rejoining the farm by restore"; cat "$work/l" "$work/err"; fi
# a name that is not UTF-8 text: refused (123), nothing made, and list backup /xml stays a UTF-8 document
ls "$S/backup" > "$work/names.before" 2>/dev/null
if ! run appcmd add backup "$(printf 'x\377\376')" > "$work/out" 2> "$work/err" && grep -q 'hresult:8007007b' "$work/out" &&
   grep -q 'not valid UTF-8' "$work/err" && ls "$S/backup" 2>/dev/null | cmp -s - "$work/names.before"; then
  ok "a backup name that is not UTF-8 is refused (123), nothing made"
else ko "a backup name that is not UTF-8"; cat "$work/out" "$work/err"; fi
# a backup a hand put a directory in: delete removes all of it, nothing left behind to sweep
run appcmd add backup D > /dev/null
rm -f "$S/backup/D/applicationHost.config" && mkdir -p "$S/backup/D/applicationHost.config/deeper" &&
  touch "$S/backup/D/applicationHost.config/deeper/f"
run appcmd delete backup D > "$work/out" 2> "$work/err"
rc=$?
left=$(ls -A "$S/backup" | grep -e '^:deleting' -e '^:writing' -e '^D$')
if [ $rc -eq 0 ] && [ -z "$left" ]; then ok "delete backup removes a backup holding a directory whole: nothing left to sweep"
else ko "delete backup of a backup holding a directory: rc $rc, left: $left"; cat "$work/out" "$work/err"; fi
# a full disk (strace makes every fsync fail with ENOSPC): 112, as the certificate stores say, nothing made
if strace -qq -o /dev/null -e inject=fsync:error=ENOSPC:when=1000 true 2> /dev/null; then
  ls -A "$S/backup" > "$work/names.before"
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -e trace=fsync \
    -e inject=fsync:error=ENOSPC "$sb" --state "$S" appcmd add backup Full > "$work/out" 2> "$work/err"
  rc=$?
  if [ $rc = 1 ] && grep -Fqx 'ERROR ( message:There is not enough space on the disk. )' "$work/out" &&
     grep -q 'exits 112 on Windows' "$work/err" && ls -A "$S/backup" | cmp -s - "$work/names.before"; then
    ok "add backup on a full disk: 112, nothing made"
  else ko "add backup on a full disk (exit $rc)"; cat "$work/out" "$work/err"; fi
else
  ok "SKIPPED: no strace that injects faults (add backup on a full disk)"
fi
summary
