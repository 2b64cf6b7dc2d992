#!/usr/bin/env bash
# stores_unreadable.sh BINDIR — a certificate store that cannot be read is not an empty store
# (review 35 F2): a store directory whose open fails for another reason than "not there"
# (EACCES: another user's, or mode 000; EMFILE under `ulimit -n`) makes `cert show` fail with
# the directory and the reason, Win32 5 for a permission and 30 else, as the binding table's
# reads do; `http add sslcert` says so instead of 1312 "no certificate"; `cert delete` instead of
# "no certificate"; `sim handshake` gives no answer rather than CERT_NOT_FOUND ("import the
# certificate"), `iis binding show` "unknown" rather than "NOT in store"; and nothing changes. strace's fault injection stands for the failures root
# cannot meet otherwise; a real EACCES runs as nobody (setpriv) when the test runs as root.
set -u
bin=$(cd "$1" && pwd)
sb=$bin/sslbind
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
. "$(dirname "$0")/../nobody.sh"
S=$work/s
A='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
H=$("$sb" --state "$S" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
"$sb" --state "$S" http add sslcert ipport=0.0.0.0:443 certhash=$H appid=$A > /dev/null
SSLBIND_STATE=$S "$bin/appcmd" add site /name:x /bindings:https/*:443: /physicalPath:/srv/x > /dev/null
SSLBIND_STATE=$S "$sb" iis binding show > /dev/null # WAS's first record of the site's state
machine() { (cd "$S" && find . | sort && find . -type f ! -name '*lock' | sort | xargs md5sum); }
before=$(machine)

# each NAME TEXT REASON-REGEX: the last run ($rc, $work/out, $work/err) failed: exit 1,
# the line TEXT on standard output (Windows' message), REASON on standard error, nothing changed
each() {
  local name=$1 text=$2 reason=$3
  if [ "$rc" = 1 ] && grep -Fqx "$text" "$work/out" && grep -Eq "$reason" "$work/err" && ! grep -q 'Certificate Hash' "$work/out" &&
     [ "$(machine)" = "$before" ]; then
    ok "$name"
  else
    ko "$name (exit $rc)"
    cat "$work/out" "$work/err" | sed 's/^/  | /'
    diff <(echo "$before") <(machine) | sed 's/^/  | /'
  fi
}
read_denied='The system cannot read from the specified device.'
access_denied='Access is denied.'

# injected ERRNO PATH ARGS…: sslbind ARGS… with every open of PATH failing with ERRNO
injected() {
  local e=$1 p=$2
  shift 2
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -P "$p" \
    -e trace=open,openat -e inject=open,openat:error="$e" "$sb" --state "$S" "$@" > "$work/out" 2> "$work/err"
  rc=$?
}
if strace -qq -o /dev/null -e inject=openat:error=EACCES:when=1000 true 2> /dev/null; then
  for e in EACCES EMFILE ENOMEM; do
    case $e in
      EACCES) text=$access_denied reason='Permission denied' ;;
      EMFILE) text=$read_denied reason='Too many open files' ;;
      ENOMEM) text=$read_denied reason='Cannot allocate memory' ;;
    esac
    injected $e "$S/certs/my" cert show
    each "cert show, certs/my $e: fails, says why" "$text" "certs/my: $reason\$"
    injected $e "$S/certs/my" cert show json=enable
    each "cert show json=enable, certs/my $e: an empty list, fails, says why" '  "certificates": []' "certs/my: $reason\$"
    injected $e "$S/certs" cert show
    each "cert show, certs $e: fails, says why" "$text" "certs: $reason\$"
    injected $e "$S/certs/my/$H.crt" http add sslcert ipport=0.0.0.0:8443 certhash=$H appid=$A
    each "http add sslcert, the certificate $e: not 1312" "$text" "$H.crt: $reason\$"
    injected $e "$S/certs/my/$H.key" cert show
    each "cert show, the key $e: not 'Private Key: No'" "$text" "$H.key: $reason\$"
    injected $e "$S/certs/.writing" cert delete certhash=$H
    each "cert delete, the mark $e: not 'no certificate'" "$text" "\\.writing: $reason\$"
    injected $e "$S/certs/my/$H.crt" iis binding show
    if [ "$rc" = 0 ] && grep -q "in store MY - unknown: .*$H.crt: $reason\$" "$work/out" &&
       ! grep -q "NOT in store" "$work/out" && [ "$(machine)" = "$before" ]; then
      ok "iis binding show, the certificate $e: 'unknown' and why, not 'NOT in store'"
    else
      ko "iis binding show, the certificate $e: 'unknown' and why, not 'NOT in store' (exit $rc)"
      cat "$work/out" "$work/err" | sed 's/^/  | /'
    fi
    injected $e "$S/certs/my/$H.crt" sim handshake ipport=0.0.0.0:443
    each "sim handshake, the certificate $e: no answer, not CERT_NOT_FOUND" "$text" \
      "store MY cannot be read \\($reason\\): whether it holds certificate $H is not known\$"
  done
else
  echo "(no strace that can inject an error: the injected failures are not checked)"
fi

# ulimit -n N for N from 4 up: each run lists the certificate, or fails saying "Too many open
# files" (at the first open that fails: which one depends on the build and on the descriptors
# the test inherits), never an empty listing; at least one run fails so
bad=0 refused=0
for n in $(seq 4 24); do
  out=$( (ulimit -n "$n"; "$sb" --state "$S" cert show 2>&1; echo "exit $?") )
  [[ $out == *"loading shared libraries"* ]] && continue # not sslbind's yet
  if [[ $out == *"Certificate Hash"*"$H"* && $out == *"exit 0" ]]; then :
  elif [[ $out == *"Too many open files"* && $out == *"exit 1" && $out != *"Certificate Hash"* ]]; then
    refused=$((refused + 1))
  else
    bad=1
    echo "$out" | sed "s/^/  | ulimit -n $n: /"
  fi
done
if [ "$bad" = 0 ] && [ "$refused" -gt 0 ] && [ "$(machine)" = "$before" ]; then
  ok "cert show under ulimit -n 4..24: the certificate, or a failure that says why ($refused)"
else
  ko "cert show under ulimit -n 4..24: the certificate, or a failure that says why ($refused)"
fi

# A real EACCES: the machine is nobody's, its store directory mode 000, the commands run as nobody
if [ "$(id -u)" != 0 ]; then
  echo "(not root: the store nobody cannot read is not checked)"
elif ! command -v setpriv > /dev/null || ! id nobody > /dev/null 2>&1; then
  echo "(no setpriv or no user nobody: the store nobody cannot read is not checked)"
else
  chmod 711 "$work"
  chown -R nobody "$S"
  chmod 000 "$S/certs/my"
  before=$(machine)
  nb=$(nobody_bin "$bin")
  N() {
    setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp "$nb/sslbind" --state "$S" "$@" > "$work/out" \
      2> "$work/err"
    rc=$?
  }
  N cert show
  each "cert show as nobody, certs/my mode 000: 5" "$access_denied" "certs/my: Permission denied\$"
  N http add sslcert ipport=0.0.0.0:8443 certhash=$H appid=$A
  each "http add sslcert as nobody, certs/my mode 000: 5, not 1312" "$access_denied" \
    "$H.crt: Permission denied\$"
  N cert delete certhash=$H
  each "cert delete as nobody, certs/my mode 000: 5" "$access_denied" "$H.crt: Permission denied\$"
  N cert export certhash=$H file="$work/x.pem"
  each "cert export as nobody, certs/my mode 000: 5" "$access_denied" "$H.crt: Permission denied\$"
  N sim handshake ipport=0.0.0.0:443
  each "sim handshake as nobody, certs/my mode 000: 5, not CERT_NOT_FOUND" "$access_denied" \
    "store MY cannot be read \\(Permission denied\\)"
  chmod 700 "$S/certs/my"
  N cert show
  [ "$rc" = 0 ] && grep -q "Certificate Hash.*$H" "$work/out" && ok "the mode put back: listed" ||
    ko "the mode put back: listed (exit $rc)"
fi
summary
