#!/usr/bin/env bash
# write_fails.sh BINDIR — a disk that refuses every write (a full disk or a quota; here
# the file-size limit, `ulimit -f 0`, which any user can set: each write to a file fails with
# EFBIG): every command that changes the machine fails with Windows' error 29 and a line naming
# the file, and leaves the machine as it was — bindings.reg, applicationHost.config,
# sites.state and the certificate stores byte for byte, no temporary file left, no directory
# made by a failed export (nor by one to a name of 250 bytes). Then, the limit lifted, the same
# commands work.
set -u
bin=$(cd "$1" && pwd)
sb=$bin/sslbind ac=$bin/appcmd
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
export SSLBIND_STATE=$work/s
A='{4dc3e181-e14b-4a21-b022-59fc669b0914}'

H=$("$sb" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
for i in $(seq 1 50); do echo "http add sslcert ipport=10.0.0.$i:443 certhash=$H appid=$A"; done > "$work/adds"
"$sb" -f "$work/adds" > /dev/null
"$ac" add site /name:x /bindings:https/*:443:x.contoso.com /physicalPath:/srv/x > /dev/null
# every name in the machine's directory, hidden ones included, and every file's digest
machine() { (cd "$SSLBIND_STATE" && find . | sort && find . -type f | sort | xargs md5sum); }
before=$(machine)

# limited NAME WINDOWS-TEXT COMMAND…: COMMAND under `ulimit -f 0` (its output through a pipe,
# which the limit does not cover) must exit 1, print WINDOWS-TEXT and a line saying the file
# could not be written, and change nothing
limited() {
  local name=$1 want=$2 out
  shift 2
  out=$( (ulimit -f 0; trap '' XFSZ; "$@" 2>&1; echo "exit $?") )
  if [[ $out == *"$want"* && $out == *"File too large"* && $out == *"exit 1" ]] && [ "$(machine)" = "$before" ]; then
    ok "$name: refused, nothing changed"
  else
    ko "$name: refused, nothing changed"
    echo "$out" | sed 's/^/  | /'
    diff <(echo "$before") <(machine) | sed 's/^/  | /'
  fi
}
netsh='The system cannot write to the specified device.'
appcmd='ERROR ( message:The system cannot write to the specified device. )'
limited "http add sslcert" "$netsh" "$sb" http add sslcert ipport=10.9.9.9:443 certhash=$H appid=$A
limited "http update sslcert" "$netsh" "$sb" http update sslcert ipport=10.0.0.1:443 certhash=$H appid=$A \
  clientcertnegotiation=enable
limited "http delete sslcert" "$netsh" "$sb" http delete sslcert ipport=10.0.0.1:443
limited "cert import" "$netsh" "$sb" cert import file="$data/fabrikam.pem"
limited "cert create" "$netsh" "$sb" cert create subject=new.contoso.com
limited "appcmd add site" "$appcmd" "$ac" add site /name:y /bindings:https/*:443:y.contoso.com /physicalPath:/srv/y
limited "appcmd set site" "$appcmd" "$ac" set site x /bindings:https/*:8443:x.contoso.com
limited "appcmd stop site" "$appcmd" "$ac" stop site x
limited "appcmd delete site" "$appcmd" "$ac" delete site x
limited "iis sharedconfig export to a directory not there yet" "$netsh" \
  "$sb" iis sharedconfig export path="$work/farm/config"
if [ ! -e "$work/farm" ]; then ok "the failed export made no directory"
else ko "the failed export made no directory"; find "$work/farm" | sed 's/^/  | /'; fi
# "." and ".." inside the path (review 33 F5): what it made is removed all the same
limited "export to a path with . and .. in it" "$netsh" \
  "$sb" iis sharedconfig export path="$work/dots/e/./f/../g"
if [ ! -e "$work/dots" ]; then ok "... and left no directory"
else ko "... and left no directory"; find "$work/dots" | sed 's/^/  | /'; fi
# cert export, PEM and .pfx (review 35 F6): a file already at the path is kept byte for byte,
# a new path gets nothing, and nothing else is left beside it
mkdir "$work/out"
printf 'a CA bundle a client trusts\n' > "$work/out/old.pem"
printf 'last month'"'"'s export\n' > "$work/out/old.pfx"
outs() { (cd "$work/out" && find . | sort && find . -type f | sort | xargs md5sum); }
out_before=$(outs)
for f in old.pem new.pem old.pfx new.pfx; do
  pw=() && [[ $f == *.pfx ]] && pw=(password=secret)
  limited "cert export to ${f%%.*} ${f#*.} file" "$netsh" "$sb" cert export certhash=$H file="$work/out/$f" "${pw[@]}"
  if [ "$(outs)" = "$out_before" ]; then ok "... the file as it was, nothing new beside it"
  else ko "... the file as it was, nothing new beside it"; diff <(echo "$out_before") <(outs) | sed 's/^/  | /'; fi
done
# An export that made its directory and then waited in vain for the lock another export took
# meanwhile (review 33 F6) leaves that export's lock file and directory alone. strace holds the
# first one back between the two.
if strace -qq -e inject=openat:delay_enter=1000:when=1 -o /dev/null true 2> /dev/null; then
  D=$work/race/farm
  SSLBIND_LOCK_WAIT=1 strace -f -qq -o /dev/null -P "$D/applicationHost.config.lock" \
    -e inject=openat:delay_enter=1500000:when=1 "$sb" iis sharedconfig export path="$D" > "$work/race.out" 2>&1 &
  b=$!
  for _ in $(seq 100); do [ -d "$D" ] && break; sleep 0.02; done
  flock "$D/applicationHost.config.lock" sleep 4 &
  a=$!
  wait "$b"
  rc=$?
  if [ "$rc" = 1 ] && [ -e "$D/applicationHost.config.lock" ] && kill -0 "$a" 2> /dev/null; then
    ok "an export that waited in vain for the lock: the holder's lock file and directory kept"
  else
    ko "an export that waited in vain for the lock: the holder's lock file and directory kept (exit $rc)"
    sed 's/^/  | /' "$work/race.out"
  fi
  kill "$a" 2> /dev/null
  wait "$a" 2> /dev/null
else
  echo "(no strace that can delay a system call: the racing export is not checked)"
fi

# the limit lifted, the export replaces the file (a FIFO and standard output are written as they
# are: no rename can stand for those; standard output to a file, >>, gets the certificate and then
# the message, where a rename would have sent the message to the file replaced)
mkfifo "$work/out/fifo"
cat "$work/out/fifo" > "$work/out/from-fifo" &
cat_pid=$!
if "$sb" cert export certhash=$H file="$work/out/old.pem" > /dev/null &&
   "$sb" cert export certhash=$H file="$work/out/fifo" > /dev/null && wait "$cat_pid" &&
   [ "$("$sb" cert export certhash=$H file=/dev/stdout | grep -c 'BEGIN CERTIFICATE')" = 1 ] &&
   "$sb" cert export certhash=$H file=/dev/stdout >> "$work/out/redirected" &&
   grep -q 'BEGIN CERTIFICATE' "$work/out/old.pem" && grep -q 'BEGIN CERTIFICATE' "$work/out/from-fifo" &&
   grep -q 'BEGIN CERTIFICATE' "$work/out/redirected" && grep -q 'successfully exported' "$work/out/redirected" &&
   [ "$(stat -c %a "$work/out/old.pem")" = 644 ] &&
   [ "$(ls "$work/out" | tr '\n' ' ')" = "fifo from-fifo old.pem old.pfx redirected " ]; then
  ok "the limit lifted: export replaces the file, writes into a FIFO and standard output"
else
  ko "the limit lifted: export replaces the file, writes into a FIFO and standard output"
  ls -l "$work/out" | sed 's/^/  | /'
fi

# a file name of 250 bytes (NAME_MAX is 255; given relative: file= takes a path of 255 at most):
# the temporary file beside it takes a name that fits (review 35 F10: "<name>.tmp.<pid>.<hex>"
# was too long, "File name too long" for a name the system accepts). Under the limit nothing is
# left; lifted, the export is written, reads back, and nothing else is beside it.
mkdir "$work/long"
long=$(printf 'y%.0s' $(seq 1 246))
before=$(machine) # (the exports above took the IIS lock: its pid)
for ext in pem pfx; do
  pw=() imp=(store=Root) # the certificate alone: a CA store takes it
  [ $ext = pfx ] && pw=(password=secret) imp=(password=secret)
  limited "cert export $ext to a 250-byte name" "$netsh" \
    env -C "$work/long" "$sb" cert export certhash=$H file="$long.$ext" "${pw[@]}"
  [ -z "$(ls -A "$work/long")" ] && ok "... nothing left beside it" ||
    { ko "... nothing left beside it"; ls -A "$work/long" | sed 's/^/  | /'; }
  out=$(cd "$work/long" && "$sb" cert export certhash=$H file="$long.$ext" "${pw[@]}" 2>&1)
  back=$(cd "$work/long" && "$sb" --state "$work/back-$ext" cert import file="$long.$ext" "${imp[@]}" 2>&1)
  if [[ $out == *'successfully exported'* && $back == *" Certificate "*": $H"* ]] &&
    [ "$(ls -A "$work/long")" = "$long.$ext" ]; then
    ok "the limit lifted: cert export $ext to a 250-byte name, read back, nothing beside it"
  else
    ko "the limit lifted: cert export $ext to a 250-byte name, read back, nothing beside it"
    echo "$out" "$back" | sed 's/^/  | /'
    ls -A "$work/long" | sed 's/^/  | /'
  fi
  rm -f "$work/long/$long.$ext"
done

# the limit lifted: the machine works as before
"$sb" http add sslcert ipport=10.9.9.9:443 certhash=$H appid=$A > /dev/null &&
  "$ac" stop site x > /dev/null && "$sb" iis sharedconfig export path="$work/farm/config" > /dev/null
if [ $? = 0 ] && [ "$("$sb" http show sslcert | grep -c 'IP:port')" = 51 ] &&
   "$ac" list site x | grep -q 'state:Stopped' && [ -f "$work/farm/config/applicationHost.config" ]; then
  ok "the limit lifted: the same commands work"
else
  ko "the limit lifted: the same commands work"
fi
summary
