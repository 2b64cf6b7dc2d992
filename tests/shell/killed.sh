#!/usr/bin/env bash
# killed.sh SSLBIND — writers killed (SIGKILL) at a chosen system call, with strace's fault
# injection (the Nth call of that kind; the call itself is never made). Each case first checks
# that the kill came where it says (the files it expects), so a change of the writers' order of
# calls fails loudly here instead of testing another moment. Whatever the moment, every file is its old or its new content, and the next writer finds the state whole and
# removes what the dead one left (temporary files, a private key without its certificate).
set -u
sb=$1
data=$(cd "$(dirname "$0")/../data" && pwd)
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S"
run() { "$sb" --state "$S" "$@"; }
# killed_at SYSCALL N ARGS…: runs sslbind ARGS…, killed when it is about to make its Nth SYSCALL.
killed_at() {
  local sc=$1 n=$2
  shift 2
  local rc
  rc=$( (strace -f -qq -o /dev/null -e trace="$sc" -e inject="$sc":signal=KILL:when="$n" "$sb" --state "$S" "$@" \
    > /dev/null 2>&1; echo $?) 2> /dev/null) # (the subshell keeps bash's "Killed" line to itself)
  [ "$rc" = 137 ] || echo "(not killed: $*)"
}
leftovers() { find "$S" -name '*.tmp.*' -o -name .writing -o -name .touching | sort; }
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'

H=$(run cert create subject=www.contoso.com json=enable | jq -r '.certificates[0].certhash')
run http add sslcert ipport=0.0.0.0:443 certhash="$H" appid="$appid" > /dev/null
S1=$(run cert import file="$data/certs/shop.pem" store=Other json=enable | jq -r '.certificates[0].certhash')
run cert delete store=Other certhash="$S1" > /dev/null

# An import killed between its key and its certificate: the key was renamed into place, the
# certificate never was (renames: the generation, the key, then the certificate). No listing shows the key; the next writer removes it.
killed_at rename 3 cert import file="$data/certs/shop.pem" store=Other
if [ -f "$S/certs/other/$S1.key" ] && [ ! -e "$S/certs/other/$S1.crt" ] && [ -e "$S/certs/.writing" ]; then
  ok "import killed before its certificate: the key alone, and the mark"
else
  ko "import killed before its certificate: not the state expected"; ls -la "$S/certs" "$S/certs/other"
fi
run cert show store=Other > "$work/out" 2>&1
if grep -q "$S1" "$work/out"; then ko "a key without its certificate is listed"; else ok "a key without its certificate is not listed"; fi
run cert create subject=next.contoso.com > /dev/null
if [ ! -e "$S/certs/other/$S1.key" ] && [ -z "$(leftovers)" ]; then
  ok "the next writer removes the dead import's key, its temporary files and the mark"
else
  ko "the dead import's key or files stay"; ls -la "$S/certs/other"; leftovers
fi

# A delete killed between the certificate and its key: the certificate is gone from every
# listing (that was the delete), and the key goes at the next write (unlinks: the certificate,
# then the key).
run cert import file="$data/certs/shop.pem" store=Other > /dev/null
killed_at unlink 2 cert delete store=Other certhash="$S1"
if [ ! -e "$S/certs/other/$S1.crt" ] && [ -f "$S/certs/other/$S1.key" ] && [ -e "$S/certs/.writing" ]; then
  ok "delete killed before the key: the certificate gone, the key and the mark left"
else
  ko "delete killed before the key: not the state expected"; ls -la "$S/certs" "$S/certs/other"
fi
if run cert delete store=Other certhash="$S1" > /dev/null 2>&1; then ko "the deleted certificate is deleted twice"
else ok "the deleted certificate is not found again"; fi
run cert create subject=next2.contoso.com > /dev/null
if [ ! -e "$S/certs/other/$S1.key" ] && [ -z "$(leftovers)" ]; then
  ok "the next writer removes the private key of the certificate deleted"
else
  ko "the private key of a deleted certificate stays on disk"; ls -la "$S/certs/other"; leftovers
fi

# A new store's name file (its first rename), killed before it: the temporary file goes at the
# next write.
killed_at rename 1 cert create subject=shop.contoso.com store=WebHosting
ls "$S"/certs/webhosting/.name.tmp.* > /dev/null 2>&1 || echo "(no temporary .name file: the kill came elsewhere)"
run cert create subject=next3.contoso.com > /dev/null
if [ -z "$(leftovers)" ]; then ok "a dead writer's temporary .name file is swept"
else ko "temporary files stay"; leftovers; fi

# bindings.reg and applicationHost.config, killed at the rename: the old file, and the next
# command works at once.
cp "$S/bindings.reg" "$work/before.reg"
killed_at rename 1 http add sslcert ipport=0.0.0.0:8443 certhash="$H" appid="$appid"
if cmp -s "$S/bindings.reg" "$work/before.reg" &&
   run http add sslcert ipport=0.0.0.0:8443 certhash="$H" appid="$appid" > /dev/null &&
   [ "$(run http show sslcert | grep -c 'IP:port')" = 2 ] && [ -z "$(leftovers)" ]; then
  ok "an add killed at the rename: the old table, and the add again works"
else
  ko "an add killed at the rename"; run http show sslcert; leftovers
fi
run appcmd list sites > /dev/null
cp "$S/applicationHost.config" "$work/before.config"
killed_at rename 1 appcmd add site /name:Site1
if cmp -s "$S/applicationHost.config" "$work/before.config" && run appcmd add site /name:Site1 > /dev/null &&
   [ "$(run appcmd list sites | wc -l)" = 2 ] && [ -z "$(leftovers)" ]; then
  ok "an appcmd killed at the rename: the old configuration, and the command again works"
else
  ko "an appcmd killed at the rename"; run appcmd list sites; leftovers
fi

# A site added through set config without bindings has no state on this server (WAS does not run
# it): sites.state is not rewritten, so no kill can leave a temporary file of it that no later
# command (none of which needs to write sites.state) would sweep.
ino=$(stat -c %i "$S/sites.state")
run appcmd set config -section:sites "/+[name='Cfg1',id='71']" > /dev/null
if [ "$(stat -c %i "$S/sites.state")" = "$ino" ]; then ok "set config adding a site without state leaves sites.state as it was"
else ko "set config adding a site without state rewrote sites.state"; fi
killed_at write 2 appcmd set config -section:sites "/+[name='Cfg2',id='72']"
run appcmd list sites > /dev/null
run http show sslcert > /dev/null
if [ -z "$(leftovers)" ]; then ok "set config adding a site killed after the configuration (its second write) leaves no temporary file"
else ko "set config adding a site killed after the configuration (its second write): temporary files stay"; leftovers; fi


# A switch of configuration that moves site states (a site keeps its state by name, under its id in
# the configuration joined) killed at each of its writes. In order: sites.state.next (the states to
# come, with the redirection.config they come with: rename 1), redirection.config (rename 2),
# sites.state (rename 3), sites.state.next removed (unlink 1). The next command finds the old
# configuration with the old states, or the new one with the moved states: never the new one with
# the states by the old ids (A and B swap ids in the farm's file).
switch_killed() { # SYSCALL N old|new: the configuration the kill must leave
  local sc=$1 n=$2 want=$3 F=$work/farm-$1$2 c joined
  S=$work/switch-$1$2
  mkdir -m 700 "$S"
  c="/apphostconfig:$F/applicationHost.config"
  { run appcmd add site /name:A /id:2 /bindings:http/*:82: && run appcmd add site /name:B /id:3 /bindings:http/*:83: &&
    run appcmd stop site B && run iis sharedconfig export path="$F" && run appcmd set site A /id:9 "$c" &&
    run appcmd set site B /id:2 "$c" && run appcmd set site A /id:3 "$c"; } > /dev/null
  killed_at "$sc" "$n" iis sharedconfig enable path="$F"
  joined=old
  grep -q 'enabled="true"' "$S/redirection.config" 2> /dev/null && joined=new
  if [ -f "$S/sites.state.next" ] && [ "$joined" = "$want" ]; then
    ok "switch killed at $sc $n: sites.state.next left, redirection.config the $want one"
  else
    ko "switch killed at $sc $n: not the state expected"; ls -la "$S"
  fi
  run appcmd list site > "$work/out" 2>&1
  if [ "$want" = new ]; then a='"A" (id:3,bindings:http/\*:82:,state:Started)' b='"B" (id:2,bindings:http/\*:83:,state:Stopped)'
  else a='"A" (id:2,bindings:http/\*:82:,state:Started)' b='"B" (id:3,bindings:http/\*:83:,state:Stopped)'; fi
  if grep -q "$a" "$work/out" && grep -q "$b" "$work/out" && [ ! -e "$S/sites.state.next" ] && [ -z "$(leftovers)" ]; then
    ok "switch killed at $sc $n: the next command finds the $want configuration with its sites' own states"
  else
    ko "switch killed at $sc $n: the sites' states are not the $want configuration's"; cat "$work/out"; ls -la "$S"
  fi
}
switch_killed rename 2 old
switch_killed rename 3 new
switch_killed unlink 1 new

# An appcmd edit that renumbers a stopped site, killed after the configuration (rename 2, after
# sites.state.next's) and before sites.state (rename 3): the site keeps its state under its new id, never taken for a new
# site (which serverAutoStart would start).
S=$work/renumber
mkdir -m 700 "$S"
{ run appcmd add site /name:A /id:2 /bindings:http/*:82: && run appcmd stop site A; } > /dev/null
killed_at rename 3 appcmd set site A /id:9
if grep -q 'id="9"' "$S/applicationHost.config" && [ -f "$S/sites.state.next" ] && grep -qx '2 Stopped' "$S/sites.state"; then
  ok "renumbering killed before sites.state: the configuration written, the moves in sites.state.next"
else
  ko "renumbering killed before sites.state: not the state expected"; ls -la "$S"; cat "$S/sites.state"
fi
if run appcmd list site A | grep -q '"A" (id:9,bindings:http/\*:82:,state:Stopped)' && [ ! -e "$S/sites.state.next" ] &&
   grep -qx '9 Stopped' "$S/sites.state"; then
  ok "the next command finds the renumbered site stopped, under its new id"
else
  ko "the renumbered site lost its state"; run appcmd list site; cat "$S/sites.state"
fi

summary
