#!/bin/bash
# journal.sh: sites.state.next of a farm server against another server's edit of the shared
# applicationHost.config. Server a renumbers its stopped site A (appcmd set site A /id:9): the
# journal names the farm's file and the SHA-256 of the text a writes; server b then adds a binding
# to site B in the same file before a has finished the change. The text is no longer a's, so a takes
# its change for one not made and drops it: A, now id 9, has no state line and comes back Started (a
# new site, serverAutoStart), and sites.state keeps "2 Stopped" for a site that no longer exists.
# Two ways in: a killed after the configuration (at rename 3, sites.state's, after
# sites.state.next's and the file's), b's edit before a's next command; and no kill at all, b's edit
# landing between a's write of the file and a's settle (delayed here with strace, at a's second dup
# of iis.lock). Prints LOST or KEPT for each. The second is KEPT since a finishes its change before
# it releases the file's lock (b's edit waits for it); the first, a kill and then another server's
# edit, is LOST: known (docs/iis.md, sites.state.next).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
a() { SSLBIND_STATE=$W/a "$B/$@"; }
b() { SSLBIND_STATE=$W/b "$B/$@"; }
setup() {
  rm -rf $W/a $W/b $W/farm; mkdir -m 700 $W/a $W/b
  a appcmd add site /name:A /id:2 /bindings:http/*:82: >/dev/null
  a appcmd add site /name:B /id:3 /bindings:http/*:83: >/dev/null
  a appcmd stop site A >/dev/null
  a sslbind iis sharedconfig export path=$W/farm >/dev/null
  a sslbind iis sharedconfig enable path=$W/farm >/dev/null
  b sslbind iis sharedconfig enable path=$W/farm >/dev/null
}
b_edits() { b appcmd set site B "/+bindings.[protocol='http',bindingInformation='*:8$1:']" >/dev/null; }
verdict() {
  if a appcmd list site A | grep -q '"A" (id:9,.*state:Stopped)'; then echo "KEPT: $1"
  else echo "LOST: $1: $(a appcmd list site A) / sites.state: $(tr '\n' ' ' < $W/a/sites.state)"; fi
}

setup
rc=$( (SSLBIND_STATE=$W/a strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=KILL:when=3 \
    $B/appcmd set site A /id:9 >/dev/null 2>&1; echo $?) 2>/dev/null) # (keeps bash's "Killed" line quiet)
[ "$rc" = 137 ] || echo "(not killed)"
[ -f $W/a/sites.state.next ] || echo "(the kill did not come after the configuration)"
b_edits 4
verdict "a killed after the farm's file, then b edits it"

# the call of fcntl that is a's second F_DUPFD_CLOEXEC (the settle's take_lock), counted on a copy
setup
cp -a $W/a $W/a0; cp -a $W/farm $W/farm0
SSLBIND_STATE=$W/a strace -f -qq -o $W/trace -e trace=fcntl $B/appcmd set site A /id:9 >/dev/null 2>&1
n=$(awk '/F_DUPFD_CLOEXEC/ { d++ } { k++ } d == 2 { print k; exit }' $W/trace)
rm -rf $W/a $W/farm; mv $W/a0 $W/a; mv $W/farm0 $W/farm
SSLBIND_STATE=$W/a strace -f -qq -o /dev/null -e trace=fcntl -e inject=fcntl:delay_enter=3000000:when=$n \
  $B/appcmd set site A /id:9 >/dev/null 2>&1 &
sleep 1.5
b_edits 5
wait
verdict "no kill: b edits the farm's file between a's write and a's settle"
