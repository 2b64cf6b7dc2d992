#!/usr/bin/env bash
# lockwait.sh SSLBIND — a writer that finds its lock held by another process gives up after
# SSLBIND_LOCK_WAIT seconds (1 here) with a message that names the state it wanted, how long
# the other process has held it, and that process (pid and name, from the kernel's list of
# locks: flock(1) here, which records nothing in the lock file); it exits 1 and changes nothing.
# A pid recorded in the lock file by a holder that is gone, or by a live process that does not
# hold the lock, is never named. A bad SSLBIND_LOCK_WAIT is refused before anything is done;
# other failures to lock keep their own reason.
set -u
sb=$1
work=$(mktemp -d)
holder=
tmp=$work/tmp # the test's own files, outside what snap compares
mkdir "$tmp"
trap '[ -n "$holder" ] && kill "$(cat "$tmp/held")" 2> /dev/null; rm -rf "$work"' EXIT
passed=0 failed=0
ok() { echo "[PASS] $1"; passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }

S=$work/s
mkdir -m 700 "$S"
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
"$sb" --state "$S" cert create subject=www.contoso.com > /dev/null
H=$("$sb" --state "$S" cert show store=MY json=enable | sed -n 's/.*"certhash": "\([0-9a-f]*\)".*/\1/p' | head -1)
"$sb" --state "$S" http add sslcert ipport=0.0.0.0:443 certhash="$H" appid="$appid" > /dev/null
"$sb" --state "$S" appcmd add site /name:A /id:2 "/bindings:https/*:443:www.contoso.com" > /dev/null
mkdir -m 700 "$work/farm"
[ -n "$H" ] && [ -f "$S/bindings.lock" ] && [ -f "$S/iis.lock" ] || { echo "setup failed"; exit 1; }

# Every file of the state and of the farm directory, with its content (the locks aside: the
# holder's record in them is no state).
snap() { (cd "$work" && find s farm -type f ! -name '*.lock' ! -name '.lock' -print0 | sort -z | xargs -0 sha1sum) }

# hold LOCKFILE: flock(1) holds it until release (-o: its child, a sleep, does not inherit the
# lock); $holder_was is flock(1)'s pid, once the child has started (the lock is taken).
hold() {
  rm -f "$tmp/held"
  flock -o "$1" sh -c 'echo $$ > "$0"; exec sleep 60' "$tmp/held" &
  holder=$! holder_was=$!
  for _ in $(seq 1000); do [ -s "$tmp/held" ] && return 0; sleep 0.01; done
  echo "flock(1) never took $1"
}
release() {
  kill "$(cat "$tmp/held")" 2> /dev/null
  wait "$holder" 2> /dev/null
  holder=
}

# replaced_while_waiting LOCK WHO COMMAND…: COMMAND waits for LOCK, which flock(1) holds; the
# lock file is removed and made again by another process that locks it. Once the first holder
# lets go of the removed file, COMMAND locks the file now at the path, so it waits for that
# process instead of going on beside it; then it goes on.
replaced_while_waiting() {
  local lock=$1 who=$2 pid second
  shift 2
  hold "$lock"
  rm -f "$tmp/done"
  ("$@" > /dev/null 2>&1 && touch "$tmp/done") &
  pid=$!
  sleep 0.5 # it has opened the lock file and waits
  rm "$lock"
  rm -f "$tmp/held2"
  flock -o "$lock" sh -c 'echo $$ > "$0"; exec sleep 60' "$tmp/held2" &
  second=$!
  for _ in $(seq 1000); do [ -s "$tmp/held2" ] && break; sleep 0.01; done
  release
  sleep 1
  if [ ! -e "$tmp/done" ]; then ok "$who whose lock file was removed waits for the holder of the new one"
  else ko "$who whose lock file was removed went on beside the holder of the new one"; fi
  kill "$(cat "$tmp/held2")" 2> /dev/null
  wait "$second" 2> /dev/null
  wait "$pid"
  if [ -e "$tmp/done" ]; then ok "then $who goes on"; else ko "$who never went on"; fi
}

# check LOCK WHAT DESCRIPTION COMMAND…: COMMAND, run while LOCK is held, fails within the wait
# and says which state and which process, and leaves every file as it was.
check() {
  local lock=$1 what=$2 desc=$3 before rc=0
  shift 3
  before=$(snap)
  hold "$lock"
  SSLBIND_LOCK_WAIT=1 "$sb" --state "$S" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null || rc=$?
  release
  if [ "$rc" -eq 1 ] && [ "$(snap)" = "$before" ] &&
     grep -qF "$lock: another process (pid $holder_was, flock) has held $what for 1 second" "$tmp/err"; then
    ok "$desc: names $what and its holder, exit 1, nothing changed"
  else
    ko "$desc (exit $rc)"; cat "$tmp/out" "$tmp/err"
  fi
}
check "$S/bindings.lock" "the binding table" "http add sslcert" \
  http add sslcert ipport=10.0.0.1:443 certhash="$H" appid="$appid"
check "$S/bindings.lock" "the binding table" "http delete sslcert" http delete sslcert ipport=0.0.0.0:443
check "$S/certs/.lock" "the certificate stores" "cert create" cert create subject=shop.contoso.com
check "$S/applicationHost.config.lock" "applicationHost.config" "appcmd add site" appcmd add site /name:B /id:3
check "$S/applicationHost.config.lock" "applicationHost.config" "appcmd set site" \
  appcmd set site A "/+bindings.[protocol='http',bindingInformation='*:80:']"
check "$S/iis.lock" "this server's IIS state (addresses, sites.state, redirection.config)" "appcmd stop site" \
  appcmd stop site A
check "$S/iis.lock" "this server's IIS state (addresses, sites.state, redirection.config)" "iis address add" \
  iis address add address=10.0.0.2
# ... and it waited once: the catch-up before the command does not wait for a writer (it
# reconciles its own change), so no "could not record" warning and one wait, not two.
if [ "$(grep -c "has held this server's IIS state" "$tmp/err")" = 1 ] && ! grep -q "WAS could not record" "$tmp/err"; then
  ok "a command that must write the IIS state waits for its lock once, not twice"
else ko "waited more than once: $(cat "$tmp/err")"; fi
# An appcmd change holds this server's IIS state before it edits applicationHost.config: past the
# wait, nothing changes (the file was edited and WAS left behind: a new site unrecorded, a stopped
# site renumbered came back Started).
check "$S/iis.lock" "this server's IIS state (addresses, sites.state, redirection.config)" "appcmd add site" \
  appcmd add site /name:B /id:3 "/bindings:http/*:81:"
check "$S/iis.lock" "this server's IIS state (addresses, sites.state, redirection.config)" "appcmd set site /id" \
  appcmd set site A /id:4
check "$S/iis.lock" "this server's IIS state (addresses, sites.state, redirection.config)" "appcmd set config" \
  appcmd set config -section:system.applicationHost/sites "/+[name='A'].bindings.[protocol='http',bindingInformation='*:82:']"
check "$S/iis.lock" "this server's IIS state (addresses, sites.state, redirection.config)" "appcmd delete site" \
  appcmd delete site A
: > "$work/farm/applicationHost.config.lock"
check "$work/farm/applicationHost.config.lock" "the exported applicationHost.config" "iis sharedconfig export" \
  iis sharedconfig export path="$work/farm"

# cert show gathers its listing under a shared lock of the stores (a chain import in progress
# must not show its leaf without its CA): it waits for a writer; past the wait it lists anyway.
hold "$S/certs/.lock"
( sleep 1; kill "$(cat "$tmp/held")" 2> /dev/null ) &
start=$(date +%s%N)
SSLBIND_LOCK_WAIT=10 "$sb" --state "$S" cert show > "$tmp/out" 2> "$tmp/err"; rc=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$holder" 2> /dev/null; holder=
if [ $rc = 0 ] && [ $took -ge 900 ] && grep -q "$H" "$tmp/out"; then ok "cert show waits for a writer holding the stores ($took ms)"
else ko "cert show beside a writer: rc=$rc, $took ms"; cat "$tmp/err"; fi
hold "$S/certs/.lock"
SSLBIND_LOCK_WAIT=1 "$sb" --state "$S" cert show > "$tmp/out" 2> "$tmp/err"; rc=$?
release
if [ $rc = 0 ] && grep -q "$H" "$tmp/out" && [ ! -s "$tmp/err" ]; then ok "cert show past the wait: lists without the lock"
else ko "cert show past the wait: rc=$rc"; cat "$tmp/err"; fi

# A reader of the stores (cert show's shared lock) whose lock file is removed while it waits.
replaced_while_waiting "$S/certs/.lock" "a reader" env SSLBIND_LOCK_WAIT=30 "$sb" --state "$S" cert show

# A deep state directory (a 700-character path): the message still ends with what happened (a
# diagnostic held 256 bytes and cut the sentence after the path).
deep="$work/$(printf 'a%.0s' $(seq 200))/$(printf 'b%.0s' $(seq 200))/$(printf 'c%.0s' $(seq 200))/state"
mkdir -p "$deep" && chmod 700 "$deep"
"$sb" --state "$deep" cert create subject=deep.contoso.com > /dev/null
D=$("$sb" --state "$deep" cert show store=MY json=enable | sed -n 's/.*"certhash": "\([0-9a-f]*\)".*/\1/p' | head -1)
: > "$deep/bindings.lock"
hold "$deep/bindings.lock"
SSLBIND_LOCK_WAIT=1 "$sb" --state "$deep" http add sslcert ipport=10.0.0.1:443 certhash="$D" appid="$appid" \
  > /dev/null 2> "$tmp/err"
release
if grep -qF "$deep/bindings.lock: another process (pid $holder_was, flock) has held the binding table for 1 second" "$tmp/err"
then ok "a long state path: the lock message whole ($(wc -c < "$tmp/err") bytes)"
else ko "a long state path: the lock message cut: $(tail -c 120 "$tmp/err")"; fi

# A stale record: the last writer recorded its pid and exited. While flock(1) holds the lock,
# flock(1) is named, not the dead writer.
"$sb" --state "$S" http add sslcert ipport=10.0.0.3:443 certhash="$H" appid="$appid" > /dev/null
dead=$(tr -d ' \n' < "$S/bindings.lock")
if [ -n "$dead" ] && [ "$dead" -gt 0 ] && [ ! -e "/proc/$dead" ]; then
  ok "the writer recorded its pid ($dead) in the lock file"
else
  ko "the lock file's record after a write: '$(cat "$S/bindings.lock")'"
fi
check "$S/bindings.lock" "the binding table" "a dead writer's record" http delete sslcert ipport=10.0.0.3:443
# A live process that does not hold the lock, recorded in it (a pid reused): not named either.
sleep 60 &
live=$!
printf '%11d\n' "$live" > "$S/bindings.lock"
check "$S/bindings.lock" "the binding table" "a live non-holder's record" http delete sslcert ipport=10.0.0.3:443
grep -q "pid $live" "$tmp/err" && ko "named $live, which holds no lock"
kill "$live"
wait "$live" 2> /dev/null

# With the lock free, the command works (and the wait of 0 seconds is a valid one).
if SSLBIND_LOCK_WAIT=0 "$sb" --state "$S" http delete sslcert ipport=10.0.0.3:443 > /dev/null 2>&1; then
  ok "SSLBIND_LOCK_WAIT=0 with the lock free: the change is made"
else
  ko "SSLBIND_LOCK_WAIT=0 with the lock free failed"
fi

# A bad SSLBIND_LOCK_WAIT: refused with the reason, nothing changed.
for bad in abc -1 3601 ' 1' 1.5 99999999999999999999; do
  before=$(snap) rc=0
  SSLBIND_LOCK_WAIT=$bad "$sb" --state "$S" http add sslcert ipport=10.0.0.4:443 certhash="$H" appid="$appid" \
    > /dev/null 2> "$tmp/err" || rc=$?
  if [ "$rc" -eq 1 ] && [ "$(snap)" = "$before" ] &&
     grep -qF "sslbind: SSLBIND_LOCK_WAIT: '$bad' is not a number of seconds from 0 to 3600" "$tmp/err"; then
    ok "SSLBIND_LOCK_WAIT='$bad' is refused with the reason"
  else
    ko "SSLBIND_LOCK_WAIT='$bad' (exit $rc)"; cat "$tmp/err"
  fi
done

replaced_while_waiting "$S/bindings.lock" "a writer" env SSLBIND_LOCK_WAIT=30 \
  "$sb" --state "$S" http add sslcert ipport=10.0.0.5:443 certhash="$H" appid="$appid"
if "$sb" --state "$S" http show sslcert ipport=10.0.0.5:443 > /dev/null 2>&1; then ok "the writer made its change"
else ko "the writer never made its change"; fi
"$sb" --state "$S" http delete sslcert ipport=10.0.0.5:443 > /dev/null

# Other failures keep their own reason, said as what is at the lock's name.
# odd_lock NAME WHY: a delete with NAME at the lock (made already) fails, exit 1, saying WHY
odd_lock() {
  local rc=0
  SSLBIND_LOCK_WAIT=1 "$sb" --state "$S" http delete sslcert ipport=0.0.0.0:443 > /dev/null 2> "$tmp/err" || rc=$?
  if [ "$rc" -eq 1 ] && grep -qF "sslbind: $S/bindings.lock: cannot lock: $2" "$tmp/err"; then
    ok "$1 at the lock: 'cannot lock: $2'"
  else
    ko "$1 at the lock (exit $rc)"; cat "$tmp/err"
  fi
}
rm "$S/bindings.lock"
mkfifo "$S/bindings.lock"
odd_lock "a FIFO" "not a regular file (a FIFO, a device or a socket)"
# a symbolic link, never followed: said as one, not as ELOOP's "Too many levels …" (review 35 N1)
rm "$S/bindings.lock"
ln -s /dev/zero "$S/bindings.lock"
odd_lock "a symbolic link" "it is a symbolic link, which is never followed"
rm "$S/bindings.lock"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
