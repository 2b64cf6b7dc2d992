#!/usr/bin/env bash
# stores_readonly.sh BINDIR — a certificate store whose directory cannot be written (a read-only
# bind mount; a store directory another user owns) refuses every change with the file and the
# reason, and the stores stay as they were (review 35 F8, F9):
#   `cert delete` fails, Win32 5 "Access is denied." for a permission or a read-only file system
#   (29 for another reason), standard error "cannot delete <file>: <reason>"; the certificate and
#   its key are both still there, and a key that cannot be removed after its certificate was
#   puts the certificate back: never half a pair;
#   `cert create|import` fail the same way (5, as the delete: one code for one cause), "cannot
#   write <file>: <reason>", in MY and in the central store, and leave no mark (.writing) that
#   would refuse every later change, in every store;
#   and the next writer after a dead one rolls back the files it never made;
#   `cert export` (PEM, and .pfx with password=) to a place the user cannot write fails with 5
#   too, and to a full disk with 112 (ERROR_DISK_FULL), as the stores' own writes.
# As root the test runs itself in a mount namespace of its own (unshare -m) for the read-only
# bind mounts, and as nobody (setpriv) on a store directory root owns; as another user it makes
# the store directory mode 555. strace's fault injection stands for a key that cannot be removed.
set -u
if [ "$(id -u)" = 0 ] && [ -z "${SSLB_UNSHARED:-}" ] && unshare -m --propagation private true 2> /dev/null; then
  SSLB_UNSHARED=1 exec unshare -m --propagation private bash "$0" "$@"
fi
bin=$(cd "$1" && pwd)
sb=$bin/sslbind
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
. "$(dirname "$0")/../nobody.sh"
data=$(nobody_data "$data")
mounts=()
trap 'for m in "${mounts[@]}"; do umount "$m" 2> /dev/null; done; rm -rf "$work"' EXIT
S=$work/s
H=$("$sb" --state "$S" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
"$sb" --state "$S" cert import file="$data/contoso.pem" store=ccs > /dev/null
# every name, its type and mode, and every file's digest (the lock's content left out)
machine() { (cd "$S" && find . -printf '%y %m %p\n' | sort -k3 && find . -type f ! -name .lock | sort | xargs md5sum); }
access_denied='Access is denied.'
write_failed='The system cannot write to the specified device.'

# run [--as nobody] ARGS…: sslbind ARGS… on $S, $rc, $work/out, $work/err
run() {
  local as=() prog=$sb
  if [ "$1" = --as ]; then
    as=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp)
    prog=$(nobody_bin "$bin")/sslbind
    shift 2
  fi
  "${as[@]}" "$prog" --state "$S" "$@" > "$work/out" 2> "$work/err"
  rc=$?
}
# refused NAME TEXT REASON-REGEX [SKIP-REGEX]: the last run failed (exit 1, TEXT on standard
# output, REASON on standard error) and the machine is as $before says (names SKIP-REGEX
# matches left out of the comparison)
refused() {
  local name=$1 text=$2 reason=$3 skip=${4:-^$}
  if [ "$rc" = 1 ] && grep -Fqx "$text" "$work/out" && grep -Eq "$reason" "$work/err" &&
    [ "$(machine | grep -Ev "$skip")" = "$(echo "$before" | grep -Ev "$skip")" ]; then
    ok "$name"
  else
    ko "$name (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
    diff <(echo "$before" | grep -Ev "$skip") <(machine | grep -Ev "$skip") | sed 's/^/  | /'
  fi
}
# listed [--as nobody]: cert show lists the certificate in MY and in the central store, its key
listed() {
  run "$@" cert show certhash=$H
  if [ "$rc" = 0 ] && [ "$(grep -c "Certificate Hash.*$H" "$work/out")" = 2 ] &&
    [ "$(grep -c 'Private Key.*Yes' "$work/out")" = 2 ]; then
    ok "... the certificate still listed, in MY and the central store, with its key"
  else
    ko "... the certificate still listed, in MY and the central store, with its key (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
  fi
}
# deletes WHO [--as nobody]: cert delete in MY and in the central store, each refused, nothing changed
deletes() {
  local who=$1 reason=$2
  shift 2
  before=$(machine)
  run "$@" cert delete certhash=$H
  refused "cert delete, $who: 5, the certificate named, nothing changed" "$access_denied" \
    "cannot delete $S/certs/my/$H\\.crt: $reason\$"
  run "$@" cert delete certhash=$H store=ccs
  refused "cert delete store=ccs, $who: 5, the file named, nothing changed" "$access_denied" \
    "cannot delete $S/certs/ccs/www\\.contoso\\.com\\.pfx: $reason\$"
  listed "$@"
}
# changes WHO REASON [--as nobody]: a create and an import into MY and into the central store
# fail (5, as the delete, the file named) and leave nothing of theirs, their mark above all (review 35 F8:
# its rollback's unlink of the key it never wrote failed with the write's reason, so the mark
# stayed and every later change, in every store, was refused as a killed writer's); then a
# change in a store that can be written works; and so does one after a dead writer whose mark
# lists files in the store that cannot be written which it never made (the next writer's
# rollback takes a file not there as removed, a backup not there as put back)
changes() {
  local who=$1 reason=$2 g
  shift 2
  before=$(machine)
  run "$@" cert create subject=q.contoso.com
  refused "cert create, $who: 5, the key named, nothing changed" "$access_denied" \
    "cannot write $S/certs/my/[0-9a-f]{40}\\.key: $reason\$"
  run "$@" cert import file="$data/fabrikam.pem"
  refused "cert import, $who: 5, the key named, nothing changed" "$access_denied" \
    "cannot write $S/certs/my/[0-9a-f]{40}\\.key: $reason\$"
  run "$@" cert create subject=q.contoso.com store=ccs
  refused "cert create store=ccs, $who: 5, the file named, nothing changed" "$access_denied" \
    "cannot write $S/certs/ccs/q\\.contoso\\.com\\.pfx: $reason\$"
  run "$@" cert import file="$data/fabrikam.pem" store=ccs
  refused "cert import store=ccs, $who: 5, the file named, nothing changed" "$access_denied" \
    "cannot write $S/certs/ccs/[^/]*\\.pfx: $reason\$"
  run "$@" cert create subject=r.contoso.com store=WebHosting
  if [ "$rc" = 0 ] && [ ! -e "$S/certs/.writing" ]; then ok "... then a create in another store works"
  else
    ko "... then a create in another store works (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
  fi
  printf 'my/%s.key\nmy/%s.crt.prev\n' 0123456789012345678901234567890123456789 "$H" > "$S/certs/.writing"
  g=$(cat "$S/certs/.generation")
  echo $((g | 1)) > "$S/certs/.generation"
  [ "$#" = 0 ] || chown nobody "$S/certs/.writing" "$S/certs/.generation"
  run "$@" cert create subject=s.contoso.com store=WebHosting
  g=$(cat "$S/certs/.generation")
  if [ "$rc" = 0 ] && [ ! -e "$S/certs/.writing" ] && [ $((g % 2)) = 0 ]; then
    ok "... and after a dead writer whose files in that store were never made"
  else
    ko "... and after a dead writer whose files in that store were never made (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
  fi
  listed "$@"
}
# exports WHO REASON [--as nobody]: `cert export`, PEM and .pfx (password=), to a place the user
# cannot write (the store's directory) fails as the stores' own writes do: 5, "cannot write
# <file>: <reason>", nothing made
exports() {
  local who=$1 reason=$2 f
  shift 2
  for f in out.pem out.pfx; do
    before=$(machine)
    run "$@" cert export certhash=$H file="$S/certs/my/$f" $([ $f = out.pfx ] && echo password=pw)
    refused "cert export file=…/$f, $who: 5, the file named, nothing made" "$access_denied" \
      "cannot write $S/certs/my/$f: $reason\$"
  done
}
# unwritable WHO REASON [--as nobody]: deletes, then changes, then exports
unwritable() {
  deletes "$@"
  changes "$@"
  exports "$@"
}

if [ "$(id -u)" = 0 ] && [ -n "${SSLB_UNSHARED:-}" ]; then
  for d in my ccs; do
    mount --bind "$S/certs/$d" "$S/certs/$d" && mounts=("$S/certs/$d" "${mounts[@]}") &&
      mount -o remount,ro,bind "$S/certs/$d"
  done
  unwritable "the store on a read-only bind mount" 'Read-only file system'
  for m in "${mounts[@]}"; do umount "$m"; done
  mounts=()
else
  echo "(not root, or no mount namespace: the read-only bind mount is not checked)"
fi

if [ "$(id -u)" != 0 ]; then
  chmod 555 "$S/certs/my" "$S/certs/ccs"
  unwritable "a store directory mode 555" 'Permission denied'
  chmod 700 "$S/certs/my" "$S/certs/ccs"
elif ! command -v setpriv > /dev/null || ! id nobody > /dev/null 2>&1; then
  echo "(no setpriv or no user nobody: a store directory nobody cannot write is not checked)"
else
  chmod 711 "$work"
  chown -R nobody "$S"
  chown root "$S/certs/my" "$S/certs/ccs"
  chmod 755 "$S/certs/my" "$S/certs/ccs"
  unwritable "as nobody, the store directory root's (mode 755)" 'Permission denied' --as nobody
  chown -R root "$S"
fi

# An export to a full disk: Windows' 112, "There is not enough space on the disk." (a device that
# is always full, written in place; for a .pfx, which is written beside the file and renamed,
# strace makes the temporary file's fsync fail with ENOSPC): no file made.
disk_full='There is not enough space on the disk.'
before=$(machine)
run cert export certhash=$H file=/dev/full
refused "cert export file=/dev/full: 112, the file named" "$disk_full" "cannot write /dev/full: No space left on device\$"
if strace -qq -o /dev/null -e inject=fsync:error=ENOSPC:when=1000 true 2> /dev/null; then
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -e trace=fsync \
    -e inject=fsync:error=ENOSPC "$sb" --state "$S" cert export certhash=$H file="$work/full.pfx" password=pw \
    > "$work/out" 2> "$work/err"
  rc=$?
  if [ "$rc" = 1 ] && grep -Fqx "$disk_full" "$work/out" &&
    grep -q "cannot write $work/full.pfx: No space left on device\$" "$work/err" &&
    [ -z "$(find "$work" -maxdepth 1 -name 'full.pfx*')" ]; then
    ok "cert export password= to a full disk: 112, the file named, nothing left"
  else
    ko "cert export password= to a full disk: 112, the file named, nothing left (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
  fi
fi

# A key that cannot be removed once its certificate was (strace makes its unlink fail): the
# certificate is put back (the same file), the delete fails naming the key: 29 for EIO, 5 for
# EPERM; nothing left beside them, no mark. The generation moved (both files were changed and
# put back while a reader may have looked): left out of the comparison.
if strace -qq -o /dev/null -e inject=unlink,unlinkat:error=EIO:when=1000 true 2> /dev/null; then
  for e in EIO EPERM; do
    case $e in
      EIO) text=$write_failed reason='Input/output error' ;;
      EPERM) text=$access_denied reason='Operation not permitted' ;;
    esac
    before=$(machine)
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -P "$S/certs/my/$H.key" \
      -e trace=unlink,unlinkat -e inject=unlink,unlinkat:error=$e "$sb" --state "$S" cert delete certhash=$H \
      > "$work/out" 2> "$work/err"
    rc=$?
    refused "cert delete, the key's removal $e: fails naming the key, the certificate put back" "$text" \
      "cannot delete $S/certs/my/$H\\.key: $reason\$" '\.generation$'
  done
  listed
  # ... and when the certificate cannot be put back either (its rename fails too): the delete is
  # done but for the key, and says so; the mark stays, and the next change removes the key and
  # the certificate's backup, as after a delete killed between the two
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -P "$S/certs/my/$H.key" \
    -P "$S/certs/my/$H.crt.prev" -e trace=unlink,unlinkat,rename,renameat,renameat2 \
    -e inject=unlink,unlinkat,rename,renameat,renameat2:error=EIO "$sb" --state "$S" cert delete certhash=$H \
    > "$work/out" 2> "$work/err"
  rc=$?
  if [ "$rc" = 1 ] && grep -Fqx "$write_failed" "$work/out" &&
    grep -q "cannot delete $S/certs/my/$H.key: Input/output error; the certificate, deleted, cannot be put back" \
      "$work/err" && [ ! -e "$S/certs/my/$H.crt" ] && [ -e "$S/certs/.writing" ]; then
    ok "... the certificate not put back either: said, the mark kept"
  else
    ko "... the certificate not put back either: said, the mark kept (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
  fi
  run cert create subject=next.contoso.com
  if [ "$rc" = 0 ] && [ -z "$(ls -A "$S/certs/my" | grep "^$H")" ] && [ ! -e "$S/certs/.writing" ]; then
    ok "... the next change removes the key and the backup"
  else
    ko "... the next change removes the key and the backup (exit $rc)"
    ls -A "$S/certs/my" "$S/certs" | sed 's/^/  | /'
  fi
  run cert import file="$data/contoso.pem"
else
  echo "(no strace that can inject an error: a key that cannot be removed is not checked)"
fi

# and a delete that can remove both leaves nothing of either, nor anything beside them
run cert delete certhash=$H
if [ "$rc" = 0 ] && [ -z "$(ls -A "$S/certs/my" | grep "^$H")" ] && [ ! -e "$S/certs/.writing" ]; then
  ok "cert delete, the store writable: both files gone, nothing left"
else
  ko "cert delete, the store writable: both files gone, nothing left (exit $rc)"
  ls -A "$S/certs/my" "$S/certs" | sed 's/^/  | /'
fi
summary
