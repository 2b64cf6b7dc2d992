#!/usr/bin/env bash
# journal.sh BINDIR — sites.state.next of a farm server against another server's edit of the
# shared applicationHost.config (BINDIR holds sslbind and appcmd). Server a renumbers its stopped
# site A (appcmd set site A /id:9): the journal names the farm's file, the SHA-256 of the text a
# writes and A's new id and name ("site 9 A"); server b then adds a binding to site B in the same
# file before a has finished the change. The text is no longer a's, but A is at 9 under its name:
# a takes its change for made, and A stays Stopped under id 9 (before the name records, a dropped
# it and A came back Started, a new site, with "2 Stopped" left for an id no site has). Cases:
# a killed after the farm's file (strace: at its third rename, sites.state's, after the journal's
# and the file's), then b's edit: kept; a killed before the file (its second rename), then b's
# edit: dropped, A still Stopped at 2; no kill, b's edit between a's write of the file and its
# settle (delayed with strace at a's second dup of iis.lock): kept, as a settles under the file's
# lock. Needs strace: skipped without it.
set -u
B=$1
. "$(dirname "$0")/../checks.sh"
if ! command -v strace > /dev/null || ! strace -f -qq -o /dev/null true 2> /dev/null; then
  echo "SKIPPED: no usable strace"
  exit 0
fi
W=$work
a() { SSLBIND_STATE=$W/a "$B/$@"; }
b() { SSLBIND_STATE=$W/b "$B/$@"; }
setup() {
  rm -rf "$W/a" "$W/b" "$W/farm"
  mkdir -m 700 "$W/a" "$W/b"
  {
    a appcmd add site /name:A /id:2 /bindings:http/*:82: && a appcmd add site /name:B /id:3 /bindings:http/*:83: &&
      a appcmd stop site A && a sslbind iis sharedconfig export path="$W/farm" &&
      a sslbind iis sharedconfig enable path="$W/farm" && b sslbind iis sharedconfig enable path="$W/farm"
  } > /dev/null || ko "set-up failed"
}
b_edits() { b appcmd set site B "/+bindings.[protocol='http',bindingInformation='*:8$1:']" > /dev/null; }
# a_killed N: a's renumbering killed at its Nth rename.
a_killed() {
  local rc
  rc=$( (SSLBIND_STATE=$W/a strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=KILL:when="$1" \
    "$B/appcmd" set site A /id:9 > /dev/null 2>&1; echo $?) 2> /dev/null) # (keeps bash's "Killed" line quiet)
  [ "$rc" = 137 ] || ko "(not killed at rename $1)"
}
# verdict ID WHAT: A is Stopped at ID as a lists it, sites.state has that line and no other of A's
# ids, and the journal is gone.
verdict() {
  local other=2
  [ "$1" = 2 ] && other=9
  if a appcmd list site A | grep -q "\"A\" (id:$1,.*state:Stopped)" && grep -qx "$1 Stopped" "$W/a/sites.state" &&
    ! grep -q "^$other " "$W/a/sites.state" && [ ! -e "$W/a/sites.state.next" ]; then
    ok "$2"
  else
    ko "$2: $(a appcmd list site A) / sites.state: $(tr '\n' ' ' < "$W/a/sites.state")"
  fi
}

setup
a_killed 3
if grep -q '^site 9 A$' "$W/a/sites.state.next" 2> /dev/null && grep -q 'id="9"' "$W/farm/applicationHost.config"; then
  ok "killed after the farm's file: the journal names A at 9, the file holds it"
else
  ko "the kill did not come after the configuration, or the journal names no site"; cat "$W/a/sites.state.next"
fi
b_edits 4
verdict 9 "a killed after the farm's file, then b edits it: A's stopped state kept at its new id"

setup
a_killed 2
if [ -f "$W/a/sites.state.next" ] && grep -q 'id="2"' "$W/farm/applicationHost.config"; then
  ok "killed before the farm's file: the journal waits, the file holds A at 2"
else
  ko "the kill did not come between the journal and the configuration"
fi
b_edits 4
verdict 2 "a killed before the farm's file, then b edits it: the change dropped, A stopped at 2"

# the call of fcntl that is a's second F_DUPFD_CLOEXEC (the settle's take_lock), counted on a copy
setup
cp -a "$W/a" "$W/a0"
cp -a "$W/farm" "$W/farm0"
SSLBIND_STATE=$W/a strace -f -qq -o "$W/trace" -e trace=fcntl "$B/appcmd" set site A /id:9 > /dev/null 2>&1
n=$(awk '/F_DUPFD_CLOEXEC/ { d++ } { k++ } d == 2 { print k; exit }' "$W/trace")
rm -rf "$W/a" "$W/farm"
mv "$W/a0" "$W/a"
mv "$W/farm0" "$W/farm"
SSLBIND_STATE=$W/a strace -f -qq -o /dev/null -e trace=fcntl -e inject=fcntl:delay_enter=3000000:when="$n" \
  "$B/appcmd" set site A /id:9 > /dev/null 2>&1 &
sleep 1.5
b_edits 5
wait
verdict 9 "no kill: b edits the farm's file between a's write and a's settle: kept"

# /apphostconfig: naming the farm's file while a's redirection.config is damaged (which file a
# runs cannot be told): refused as every command needing it is, not taken for another file that
# WAS does not follow (review 25 F4: A renumbered, its stopped state lost)
setup
cp "$W/a/redirection.config" "$W/redir"
cp "$W/farm/applicationHost.config" "$W/farm0.config"
echo '<configuration><configurationRedirection enabled="maybe" path="'"$W/farm"'"/></configuration>' \
  > "$W/a/redirection.config"
if a appcmd set site A /id:9 "/apphostconfig:$W/farm/applicationHost.config" > "$W/out" 2>&1; then
  ko "an edit of the farm's file by path with redirection.config damaged was accepted: $(cat "$W/out")"
elif cmp -s "$W/farm/applicationHost.config" "$W/farm0.config" && grep -q redirection.config "$W/out" &&
  grep -q "may name the configuration this server runs" "$W/out"; then
  ok "an edit of the farm's file by path with redirection.config damaged: refused, naming it and saying why; the file unchanged"
else
  ko "refused, but the file changed or the message names no redirection.config: $(cat "$W/out")"
fi
cp "$W/redir" "$W/a/redirection.config"
verdict 2 "redirection.config corrected: A still stopped at 2"
summary
