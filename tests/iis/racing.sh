#!/usr/bin/env bash
# racing.sh SSLBIND — an appcmd change that waits for applicationHost.config's lock while another
# writer changes the file applies to the file as it is once the lock is taken: `delete site B`
# deletes B (not the site that now sits where B was), `set site B` changes B, and `add site`
# without /id takes an id that is still free. WAS's sites.state is never reconciled against a
# view of the configuration older than the file, nor against an /apphostconfig file. The test holds the lock itself (flock(1), the same
# lock the writers take), starts the command, waits until it is waiting for the lock, then makes
# the other writer's change (through /apphostconfig: on a copy, renamed into place, as a writer
# does) and lets it go.
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"

S=$work/s
cfg=$S/applicationHost.config
mkdir -m 700 "$S"
"$sb" --state "$S" appcmd add site /name:A /id:2 > /dev/null
"$sb" --state "$S" appcmd add site /name:B /id:3 > /dev/null
"$sb" --state "$S" appcmd add site /name:C /id:4 > /dev/null

# race 'OTHER APPCMD ARGS' APPCMD ARGS…: runs APPCMD ARGS… while the lock is held, and the other
# writer's change (OTHER APPCMD ARGS, word-split) is made while it waits. Output in $work/out.
race() {
  local other=$1 pid i
  shift
  exec 9>> "$cfg.lock"
  flock -x 9
  "$sb" --state "$S" appcmd "$@" > "$work/out" 2>&1 9>&- & # (fd 9 not inherited: its own open is waited for)
  pid=$!
  for i in $(seq 2000); do # until it holds the lock file open: it has read the file and waits
    ls -l "/proc/$pid/fd" 2> /dev/null | grep -q 'applicationHost\.config\.lock$' && break
    sleep 0.01
  done
  [ "$i" -lt 2000 ] || ko "appcmd $* did not wait for the lock: its race is not run"
  cp "$cfg" "$work/other.config"
  # shellcheck disable=SC2086
  "$sb" --state "$S" appcmd $other "/apphostconfig:$work/other.config" > /dev/null 2>&1 9>&- || echo "the other writer failed"
  mv "$work/other.config" "$cfg"
  flock -u 9
  exec 9>&-
  wait "$pid"
}

race "delete site A" delete site B
if grep -q 'SITE object "B" deleted' "$work/out" && ! "$sb" --state "$S" appcmd list site B > /dev/null 2>&1 &&
   "$sb" --state "$S" appcmd list site C > /dev/null 2>&1; then
  ok "delete site B, while another writer deleted the site before it: B is deleted, C is kept"
else
  ko "delete site B deleted the wrong site"; cat "$work/out"; "$sb" --state "$S" appcmd list sites
fi

# B has a binding: a site without an http binding is not W3SVC's and has no state to stop
"$sb" --state "$S" appcmd add site /name:B /id:3 /bindings:http/*:82:b > /dev/null
race "add site /name:E /id:5" set site C "/+bindings.[protocol='https',bindingInformation='*:8443:']"
if grep -q 'SITE object "C" changed' "$work/out" &&
   [ "$("$sb" --state "$S" appcmd list site C /text:bindings)" = "https/*:8443:" ]; then
  ok "set site C, while another writer added a site: the binding goes to C"
else
  ko "set site C changed the wrong site"; cat "$work/out"; "$sb" --state "$S" appcmd list sites
fi

race "add site /name:F /id:6" add site /name:G
if grep -q 'SITE object "G" added' "$work/out" && [ "$("$sb" --state "$S" appcmd list site G /text:id)" = 7 ]; then
  ok "add site without /id, while another writer took the next id: the one after it"
else
  ko "add site without /id failed or took a taken id"; cat "$work/out"; "$sb" --state "$S" appcmd list sites
fi

race "delete site C" delete site C
if grep -q 'Cannot find SITE object with identifier "C"' "$work/out" &&
   [ "$("$sb" --state "$S" appcmd list sites | wc -l)" = 5 ]; then
  ok "delete site C, when another writer deleted it meanwhile: not found, nothing else deleted"
else
  ko "delete of a site deleted meanwhile"; cat "$work/out"; "$sb" --state "$S" appcmd list sites
fi

# WAS's state (sites.state): a command (stop site B) that read the configuration, then waited for iis.lock while
# another process added site N (serverAutoStart false, a binding: W3SVC's) and started it, must not forget N's state
# from its older view of the file: N stays Started. (A reader such as list sites does not wait for
# iis.lock at all: its catch-up is skipped while a writer holds it, sslb_was_catch_up.)
cp "$cfg" "$work/other.config"
cp "$S/sites.state" "$work/state"
"$sb" --state "$S" appcmd add site /name:N /id:9 /serverAutoStart:false /bindings:http/*:81:n "/apphostconfig:$work/other.config" > /dev/null
cmp -s "$S/sites.state" "$work/state" || ko "an edit of an /apphostconfig file changed this server's sites.state"
exec 9>> "$S/iis.lock"
flock -x 9
"$sb" --state "$S" appcmd stop site B > "$work/out" 2>&1 9>&- &
pid=$!
waited=0
for i in $(seq 2000); do # it has read the configuration and waits for iis.lock
  ls -l "/proc/$pid/fd" 2> /dev/null | grep -q 'iis\.lock$' && waited=1 && break
  sleep 0.01
done
[ "$waited" = 1 ] || ko "stop site B did not wait for iis.lock: the race below is not run"
mv "$work/other.config" "$cfg"
(cat "$work/state"; echo "9 Started") > "$work/state.new" # what the other process's start wrote
mv "$work/state.new" "$S/sites.state"
flock -u 9
exec 9>&-
wait "$pid"
if grep -q '"B" successfully stopped' "$work/out" && [ "$("$sb" --state "$S" appcmd list site N /text:state)" = Started ] &&
   [ "$("$sb" --state "$S" appcmd list site B /text:state)" = Stopped ]; then
  ok "a command with an older view of the configuration keeps the state of a site added meanwhile"
else
  ko "site N, started by another process, lost its state"; cat "$work/out" "$S/sites.state"
fi

# appcmd /apphostconfig:FILE edits another file: this server's sites keep their state (a stopped
# site stays stopped), and FILE's sites get none.
"$sb" --state "$S" appcmd stop site B > /dev/null
"$sb" --state "$S" appcmd list sites > /dev/null
cp "$S/sites.state" "$work/state"
printf '<configuration>\n    <system.applicationHost>\n        <sites>\n        </sites>\n    </system.applicationHost>\n</configuration>\n' \
  > "$work/empty.config"
"$sb" --state "$S" appcmd add site /name:Z /id:70 "/apphostconfig:$work/empty.config" > /dev/null
if cmp -s "$S/sites.state" "$work/state" && [ "$("$sb" --state "$S" appcmd list site B /text:state)" = Stopped ]; then
  ok "an edit of an /apphostconfig file leaves this server's site states as they are"
else
  ko "an /apphostconfig edit changed this server's site states"; diff "$work/state" "$S/sites.state"
fi

summary
