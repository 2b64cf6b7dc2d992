#!/usr/bin/env bash
# backup_killed.sh SSLBIND — appcmd add backup and restore backup killed (SIGKILL, strace's fault
# injection) at each of their renames, writes, fsyncs, unlinks, mkdirs and rmdirs in turn, until
# a run ends by itself. add: a listing shows no backup or the whole one (its files the
# configuration's bytes), and the next add removes what the dead one left (DIR/backup/:writing.*).
# restore: applicationHost.config is the old or the new text, never another, and the next
# command's list site is the state before or after the restore, matching the file (the moved
# site states with the new text, the old states with the old). Needs strace: skipped without it.
set -u
sb=$1
. "$(dirname "$0")/../shell/killed_lib.sh" # $S, run, killed_run (SIGKILL at the Nth call), ok/ko
if ! command -v strace > /dev/null || ! strace -f -qq -o /dev/null true 2> /dev/null; then
  echo "SKIPPED: no usable strace"
  exit 0
fi
CALLS="rename renameat2 write fsync mkdir unlink rmdir"
bad=0 points=0

{ run appcmd add site /name:A /id:2 /bindings:http/*:81: && run appcmd add site /name:B /id:3 /bindings:http/*:82: &&
  run appcmd stop site B && run appcmd add backup Base; } > /dev/null
listing() { run appcmd list backups 2>&1; }
base=$(listing)
for sc in $CALLS; do
  for n in $(seq 1 60); do
    rc=$(killed_run "$sc" "$n" appcmd add backup K)
    got=$(listing)
    if [ "$rc" != 137 ]; then
      if [ "$rc" != 0 ] || ! grep -qx 'BACKUP "K"' <<< "$got"; then ko "add not killed at $sc $n: exit $rc"; bad=1; fi
    else
      points=$((points + 1))
      if [ "$got" != "$base" ] && [ "$got" != "$(printf '%s\nBACKUP "K"' "$base")" ]; then
        ko "add killed at $sc $n: the listing is neither before nor after"; echo "$got"; bad=1
      fi
    fi
    if grep -qx 'BACKUP "K"' <<< "$got" && ! cmp -s "$S/backup/K/applicationHost.config" "$S/applicationHost.config"; then
      ko "add killed at $sc $n: backup K is listed with another text"; bad=1
    fi
    run appcmd add backup Next > /dev/null 2>&1
    if ls -d "$S"/backup/:writing.* "$S"/backup/:deleting.* > /dev/null 2>&1; then
      ko "add killed at $sc $n: the next add left the dead one's files"; ls -la "$S/backup"; bad=1
    fi
    { run appcmd delete backup Next; run appcmd delete backup K; } > /dev/null 2>&1
    [ "$rc" = 137 ] || break
  done
done
[ "$bad" = 0 ] && ok "add backup killed at $points points: no half backup is ever listed, and the next add sweeps"

# delete: the backup leaves the listing whole, at its rename, and its files go with the next writer
bad=0 points=0
for sc in $CALLS; do
  for n in $(seq 1 60); do
    run appcmd add backup Gone > /dev/null
    rc=$(killed_run "$sc" "$n" appcmd delete backup Gone)
    got=$(listing)
    if [ "$rc" != 137 ]; then
      if [ "$rc" != 0 ] || [ "$got" != "$base" ]; then ko "delete not killed at $sc $n: exit $rc"; echo "$got"; bad=1; fi
    else
      points=$((points + 1))
      if [ "$got" != "$base" ] && [ "$got" != "$(printf '%s\nBACKUP "Gone"' "$base")" ]; then
        ko "delete killed at $sc $n: the listing is neither before nor after"; echo "$got"; bad=1
      fi
    fi
    { run appcmd add backup Next && run appcmd delete backup Next; } > /dev/null 2>&1
    run appcmd delete backup Gone > /dev/null 2>&1
    if ls -d "$S"/backup/:writing.* "$S"/backup/:deleting.* > /dev/null 2>&1; then
      ko "delete killed at $sc $n: the next writer left the dead one's files"; ls -la "$S/backup"; bad=1
    fi
    [ "$rc" = 137 ] || break
  done
done
[ "$bad" = 0 ] && ok "delete backup killed at $points points: the backup is listed whole or not at all"

# restore: the edited state (A renumbered and stopped, B deleted, C added) back to Base
{ run appcmd set site A /id:7 && run appcmd stop site A && run appcmd delete site B &&
  run appcmd add site /name:C /id:4 /bindings:http/*:84:; } > /dev/null
cp "$S/applicationHost.config" "$work/edited.config"
cp "$S/sites.state" "$work/edited.state"
old_sites=$(run appcmd list site 2>&1)
run appcmd restore backup Base > /dev/null
new_sites=$(run appcmd list site 2>&1)
cp "$S/applicationHost.config" "$work/new.config"
reset() {
  cp "$work/edited.config" "$S/applicationHost.config"
  cp "$work/edited.state" "$S/sites.state"
  rm -f "$S/sites.state.next"
}
reset
bad=0 points=0 olds=0 news=0
for sc in $CALLS; do
  for n in $(seq 1 60); do
    rc=$(killed_run "$sc" "$n" appcmd restore backup Base)
    if cmp -s "$S/applicationHost.config" "$work/edited.config"; then file=old
    elif cmp -s "$S/applicationHost.config" "$work/new.config"; then file=new
    else file=torn; fi
    got=$(run appcmd list site 2>&1)
    if [ "$rc" != 137 ]; then
      if [ "$rc" != 0 ] || [ "$file" != new ] || [ "$got" != "$new_sites" ]; then
        ko "restore not killed at $sc $n: exit $rc, file $file"; echo "$got"; bad=1
      fi
    else
      points=$((points + 1))
      if [ "$file" = old ] && [ "$got" = "$old_sites" ]; then olds=$((olds + 1))
      elif [ "$file" = new ] && [ "$got" = "$new_sites" ]; then news=$((news + 1))
      else ko "restore killed at $sc $n: file $file, and list site:"; echo "$got"; bad=1; fi
    fi
    reset
    [ "$rc" = 137 ] || break
  done
done
[ "$bad" = 0 ] && ok "restore backup killed at $points points: $olds left the old file and states, $news the new file and the moved states, none torn"
[ "$olds" -gt 0 ] && [ "$news" -gt 0 ] && ok "the kills came before and after the configuration's rename"
summary
