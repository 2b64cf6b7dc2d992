#!/usr/bin/env bash
# export_keeps.sh BINDIR — a PEM `cert export` over a file already there keeps what the file was
# (review 36 F1): written through a temporary file and a rename only where that keeps it (one
# name, its mode, its owner and group), else in place as `>` would. Root exporting over nobody's
# 0600 file: still nobody's, still 0600; a file with a second hard link: both names show the new
# certificate; nobody exporting to a file they may write in a directory they may not: written.
# Needs root, setpriv and a user nobody, else SKIPPED.
set -u
. "$(dirname "$0")/../nobody.sh"
nobody_possible || { echo "SKIPPED: needs root, setpriv and a user nobody"; exit 0; }
bin=$(cd "$1" && pwd)
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
data=$(nobody_data "$data")
bin=$(nobody_bin "$bin")
export SSLBIND_STATE=$work/s
chmod 711 "$work"
H=$("$bin/sslbind" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
is_cert() { grep -q 'BEGIN CERTIFICATE' "$1"; }

# root over nobody's 0600 file
mkdir -m 755 "$work/o"
echo old > "$work/o/c.pem"
chown nobody:nogroup "$work/o/c.pem" 2> /dev/null || chown nobody "$work/o/c.pem"
chmod 600 "$work/o/c.pem"
want=$(stat -c '%U:%G %a' "$work/o/c.pem")
"$bin/sslbind" cert export store=MY certhash=$H file="$work/o/c.pem" > /dev/null 2>&1
got=$(stat -c '%U:%G %a' "$work/o/c.pem")
if [ "$got" = "$want" ] && is_cert "$work/o/c.pem"; then ok "root over nobody's 0600 file: written, $got kept"
else ko "root over nobody's 0600 file: written, $want kept (got $got)"; fi

# a file with a second name
echo old > "$work/o/a.pem"
ln "$work/o/a.pem" "$work/o/b.pem"
"$bin/sslbind" cert export store=MY certhash=$H file="$work/o/a.pem" > /dev/null 2>&1
if is_cert "$work/o/a.pem" && is_cert "$work/o/b.pem" && [ "$(stat -c %h "$work/o/a.pem")" = 2 ]; then
  ok "a hard link: both names show the new certificate"
else ko "a hard link: both names show the new certificate"; ls -li "$work/o" | sed 's/^/  | /'; fi

# nobody, a file of theirs in a directory they cannot write
mkdir -m 755 "$work/r"
echo old > "$work/r/c.pem"
chown nobody "$work/r/c.pem"
chmod 640 "$work/r/c.pem"
mkdir -m 700 "$work/n"
chown nobody "$work/n"
N() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp SSLBIND_STATE="$work/n" "$@"; }
N "$bin/sslbind" cert import file="$data/contoso.pem" > /dev/null
out=$(N "$bin/sslbind" cert export store=MY certhash=$H file="$work/r/c.pem" 2>&1)
rc=$?
if [ $rc = 0 ] && is_cert "$work/r/c.pem" && [ "$(stat -c '%U %a' "$work/r/c.pem")" = "nobody 640" ] &&
  [ "$(ls -A "$work/r")" = c.pem ]; then
  ok "nobody, a writable file in a directory they cannot write: written in place"
else
  ko "nobody, a writable file in a directory they cannot write: written in place (exit $rc)"
  echo "$out" | sed 's/^/  | /'
fi

# a new file, and one of the caller's own: the temporary and the rename, 0644 and kept as before
(umask 022 && "$bin/sslbind" cert export store=MY certhash=$H file="$work/o/new.pem" > /dev/null 2>&1)
echo old > "$work/o/mine.pem"
chmod 604 "$work/o/mine.pem"
ino=$(stat -c %i "$work/o/mine.pem")
"$bin/sslbind" cert export store=MY certhash=$H file="$work/o/mine.pem" > /dev/null 2>&1
if [ "$(stat -c %a "$work/o/new.pem")" = 644 ] && is_cert "$work/o/mine.pem" &&
  [ "$(stat -c %a "$work/o/mine.pem")" = 604 ] && [ "$(stat -c %i "$work/o/mine.pem")" != "$ino" ]; then
  ok "a new file 0644, one's own file renamed over with its mode"
else ko "a new file 0644, one's own file renamed over with its mode"; ls -li "$work/o" | sed 's/^/  | /'; fi
if [ -z "$(find "$work/o" "$work/r" -name '*.tmp.*')" ]; then ok "no temporary left"
else ko "no temporary left"; fi
summary
