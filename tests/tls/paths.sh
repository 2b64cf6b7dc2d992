#!/usr/bin/env bash
# paths.sh SSLBIND SSLBIND-TLS — a directory replaced anywhere on the way to the state directory or
# to a store, not only at its own name: a release's "current" link above the state directory
# pointed at the next release, the release's own directory renamed over by a new copy, and a
# store's link made before the directory it names exists (made later, even its parent). Each is
# served at the next handshake as `sim handshake` says, and watched from then on: an edit made
# afterwards is served too. Then the walk's limits (a store through 21 links on a 256 KiB stack,
# a state through 17), a relative --state whose current directory is removed, a busy directory on
# the way (its overflows read nothing again), and changes whose events are lost in an overflow
# (the endpoint stopped meanwhile): a rename on the way, a store's target made again with the same
# inode number (reviews 32 and 33); last, a state path with a newline, as the log shows it. Only
# 127.0.0.1.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

# The state directory two levels under a relative link, as a deployment lays out its releases.
srv=$work/srv
mkdir -p "$srv/releases/r1" "$srv/releases/r2"
ln -s releases/r1 "$srv/current"
export SSLBIND_STATE=$srv/current/sslbind
C=$(hash_of "$data/contoso.pem")
need_server 1
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A > /dev/null
check "the state directory under a link: its binding served" '[ "$(served_cert www.contoso.com)" = "$C" ]'

# sim_hash PORT NAME: the certificate hash sim handshake says is served (its state directory's)
sim_hash() { "$sb" sim handshake ipport=127.0.0.1:$1 host=$2 | awk '/^ *Certificate Hash/ {print $NF}'; }

# The next release, made beside it, with another certificate; then "current" switched atomically.
F=$(SSLBIND_STATE=$srv/releases/r2/sslbind hash_of "$data/fabrikam.pem")
SSLBIND_STATE=$srv/releases/r2/sslbind "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$F appid=$A > /dev/null
ln -s releases/r2 "$srv/next"
mv -T "$srv/next" "$srv/current"
check "a link above the state directory's parent pointed at the next release: its binding served, as sim says" \
  '[ "$(served_cert www.contoso.com)" = "$F" ] && [ "$(sim_hash $P www.contoso.com)" = "$F" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: a binding deleted there afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'

# The release's directory itself renamed over by a new copy (a restore above the state directory).
cp -a "$srv/releases/r2" "$srv/releases/r2.new"
C3=$(SSLBIND_STATE=$srv/releases/r2.new/sslbind hash_of "$data/contoso.pem")
SSLBIND_STATE=$srv/releases/r2.new/sslbind "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C3 appid=$A > /dev/null
mv "$srv/releases/r2" "$srv/releases/r2.old"
mv "$srv/releases/r2.new" "$srv/releases/r2"
check "a directory above the state directory renamed over by a copy: the copy's binding served" \
  '[ "$(served_cert www.contoso.com)" = "$C3" ]'
"$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched: a binding deleted in the copy afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'

# A store's link made before the directory it names exists, its parent not there either.
certs=$SSLBIND_STATE/certs
S=$(hash_of "$data/shop.pem" Later)
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$S appid=$A certstorename=Later > /dev/null
check "a store in the state directory: served" '[ "$(served_cert shop.contoso.com)" = "$S" ]'
mv "$certs/later" "$work/saved"
ln -s "$work/vol/sub/later" "$certs/later"
check "its link made to a directory not there: not served" '[ -z "$(served_cert shop.contoso.com)" ]'
mkdir -p "$work/vol/sub"
check "the link's target's parent made: still not served" '[ -z "$(served_cert shop.contoso.com)" ]'
mv "$work/saved" "$work/vol/sub/later"
check "the directory the link names made: served at the next handshake, as sim says" \
  '[ "$(served_cert shop.contoso.com)" = "$S" ] && [ "$(sim_hash $P shop.contoso.com)" = "$S" ]'
"$sb" cert delete certhash=$S store=Later > /dev/null
check "... and watched: a certificate deleted in it afterwards is not served" '[ -z "$(served_cert shop.contoso.com)" ]'

# A store reached through a chain of 21 links, on a small stack (review 32 F3: the walk recursed,
# ~17 KB a link, and killed the endpoint under `ulimit -s 256`); the chain's last link is past
# the 16 the anchors once followed (review 32's "store link + chain of 17": its repointing was
# seen at a SIGHUP only). Not for sanitizer builds, whose own frames want more stack than this.
for i in $(seq 1 19); do ln -s "c$((i + 1))" "$work/c$i"; done
ln -s vol/sub/later "$work/c20"
rm "$certs/later"
ln -s "$work/c1" "$certs/later"
S=$(hash_of "$data/shop.pem" Later)
stop_server
if grep -qa -e __tsan_init -e __asan_init "$tlsd"; then
  echo "(a sanitizer build: the small-stack start is not checked)"
  need_server 1
else
  ulimit -S -s 256
  need_server 1
  ulimit -S -s 8192
fi
"$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$S appid=$A certstorename=Later > /dev/null
check "a store through 21 links: served" '[ "$(served_cert shop.contoso.com)" = "$S" ]'
cp -a "$work/vol/sub" "$work/vol/sub2"
ln -sfn vol/sub2/later "$work/c20"
"$sb" cert delete certhash=$S store=Later > /dev/null
check "... its last link repointed (a rewatch through the chain), then a delete there: not served" \
  '[ -z "$(served_cert shop.contoso.com)" ]'
stop_server

# A relative --state given from a directory removed later (review 32 F2: the anchors named the
# state through the current directory, so none was left once it went).
rel=$work/rel
mkdir -p "$rel/cwd" "$rel/srv"
C4=$(SSLBIND_STATE=$rel/srv/state hash_of "$data/contoso.pem")
cd "$rel/cwd" || exit 1
start_server 1 --state ../srv/state || ko "starts with --state ../srv/state: $(cat "$work/log")"
cd "$work" || exit 1
rmdir "$rel/cwd"
SSLBIND_STATE=$rel/srv/state "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C4 appid=$A > /dev/null
check "a relative --state, its current directory removed: served" '[ "$(served_cert www.contoso.com)" = "$C4" ]'
cp -a "$rel/srv" "$rel/srv.new"
SSLBIND_STATE=$rel/srv.new/state "$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
mv "$rel/srv" "$rel/srv.old"
mv "$rel/srv.new" "$rel/srv"
check "... the state's parent renamed over by a copy: the copy's (empty) table served" \
  '[ -z "$(served_cert www.contoso.com)" ]'
SSLBIND_STATE=$rel/srv/state "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C4 appid=$A > /dev/null
check "... and watched: a binding added there afterwards is served" '[ "$(served_cert www.contoso.com)" = "$C4" ]'

# A busy directory on the way (review 32 F4: /tmp is one): 30 000 files made and removed beside
# the state's parent overflow the anchors' queue; what was lost is judged by looking at the
# anchored paths again (nothing changed), not by reading every certificate again.
again='watching and reading everything again'
before=$(grep -c "$again" "$work/log")
# noise DIR: 30 000 files made and removed in DIR, 60 000 events (an anchors' queue holds 16 384)
noise() {
  python3 - "$1" <<'PY'
import os, sys
for i in range(30000):
    p = os.path.join(sys.argv[1], "noise%d" % i)
    open(p, "w").close()
    os.unlink(p)
PY
}
noise "$rel"
check "a busy directory on the way: still served" '[ "$(served_cert www.contoso.com)" = "$C4" ]'
check "... and nothing read again for it" '[ "$(grep -c "$again" "$work/log")" = "$before" ]'
mv "$rel/srv" "$rel/srv.moved"
mv "$rel/srv.old" "$rel/srv"
check "... while a directory on the way renamed over still is (its table served)" \
  '[ "$(served_cert www.contoso.com)" = "$C4" ] && [ "$(grep -c "$again" "$work/log")" -gt "$before" ]'

# Changes whose events are lost in an overflow (review 33 F2, F3): the endpoint stopped (SIGSTOP,
# so nothing drains the queue) while the noise fills it, then the change; at the next handshake
# the anchored paths are looked at again.
cp -a "$rel/srv" "$rel/srv.copy"
SSLBIND_STATE=$rel/srv.copy/state "$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
kill -STOP "$server"
noise "$rel"
mv "$rel/srv" "$rel/srv.gone"
mv "$rel/srv.copy" "$rel/srv"
kill -CONT "$server"
check "a directory on the way renamed over while its events were lost: the copy's (empty) table served" \
  '[ -z "$(served_cert www.contoso.com)" ]'
# a store's link whose target is removed and made again (ext4 gives it the same inode number)
mkdir -p "$rel/vol"
S2=$(SSLBIND_STATE=$rel/srv/state hash_of "$data/shop.pem" Later)
mv "$rel/srv/state/certs/later" "$rel/vol/later"
ln -s "$rel/vol/later" "$rel/srv/state/certs/later"
SSLBIND_STATE=$rel/srv/state "$sb" http add sslcert hostnameport=shop.contoso.com:$P certhash=$S2 appid=$A \
  certstorename=Later > /dev/null
check "a store through a link: served" '[ "$(served_cert shop.contoso.com)" = "$S2" ]'
kill -STOP "$server"
noise "$rel/vol"
rm -r "$rel/vol/later"
mkdir -m 700 "$rel/vol/later"
kill -CONT "$server"
check "... its target removed and made again while the events were lost: not served (empty)" \
  '[ -z "$(served_cert shop.contoso.com)" ]'
SSLBIND_STATE=$rel/srv/state hash_of "$data/shop.pem" Later > /dev/null
check "... and the new directory watched: a certificate imported there afterwards is served" \
  '[ "$(served_cert shop.contoso.com)" = "$S2" ]'

# A state reached through 17 links, one more than the anchors once followed (review 32 F7: the
# rest of the path, the state's own name included, went unanchored, so a state moved away and
# back was never seen again).
stop_server
deep=$work/deep
spelled=$deep/d0
mkdir -p "$deep/d0"
for i in $(seq 1 17); do
  mkdir -p "$deep/d$i"
  ln -s "$deep/d$i" "$deep/d$((i - 1))/l$i"
  spelled=$spelled/l$i
done
C5=$(SSLBIND_STATE=$deep/d17/state hash_of "$data/contoso.pem")
start_server 1 --state "$spelled/state" || ko "starts on a state reached through 17 links: $(cat "$work/log")"
SSLBIND_STATE=$deep/d17/state "$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C5 appid=$A > /dev/null
check "a state reached through 17 links: served" '[ "$(served_cert www.contoso.com)" = "$C5" ]'
mv "$deep/d17/state" "$deep/away"
check "... moved away: what was loaded still served" '[ "$(served_cert www.contoso.com)" = "$C5" ]'
mv "$deep/away" "$deep/d17/state"
check "... moved back: served" '[ "$(served_cert www.contoso.com)" = "$C5" ]'
SSLBIND_STATE=$deep/d17/state "$sb" http delete sslcert ipport=0.0.0.0:$P > /dev/null
check "... and watched again: its binding deleted afterwards is not served" '[ -z "$(served_cert www.contoso.com)" ]'

stop_server

# A state path with a newline in it (review 32 N2): the log lines naming it stay one line each,
# the newline written \x0a.
nl=$work/new$'\n'line
mkdir -p "$nl"
SSLBIND_STATE=$nl/state hash_of "$data/contoso.pem" > /dev/null
start_server 1 --state "$nl/state" || ko "starts on a state whose path holds a newline: $(cat "$work/log")"
mv "$nl/state" "$nl/away"
served_cert www.contoso.com > /dev/null
mv "$nl/away" "$nl/state"
served_cert www.contoso.com > /dev/null
check "a path with a newline: each log line naming it one line, the newline escaped" \
  'grep -qF "new\x0aline/state is not there" "$work/log" && grep -qF "new\x0aline/state is there again" "$work/log" &&
   ! grep -q "^line/state" "$work/log"'
stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
