#!/usr/bin/env bash
# explained.sh SSLBIND — standard error's explanation always follows netsh's text, whichever the
# error: (1) in every golden transcript, a command that fails has at least one "! sslbind:" line;
# (2) with both streams on one pipe, every "sslbind:" line of a failing command comes after all of
# its standard output, and in a script each line's explanation follows that line's output and
# names the line.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }

# (1) the transcripts: a block from "$ " to the next "$ " that ends in [exit N] has a "! " line
for t in "$here"/golden/*.t; do
  awk -v f="$(basename "$t")" '
    function done() { if (cmd != "" && failed && !explained) { print f ": " cmd; bad = 1 } }
    /^\$ / { done(); cmd = $0; failed = 0; explained = 0; next }
    /^! sslbind: / { explained = 1 }
    /^\[exit [1-9]/ { failed = 1 }
    END { done(); exit bad }' "$t" > "$tmp/unexplained" || { ko "unexplained failures: $(cat "$tmp/unexplained")"; continue; }
  ok
done

# (2) the order on one stream
state="$tmp/state"
"$bin" --state "$state" cert import file="$data/../../data/certs/contoso.pem" > /dev/null || exit 1
order() { # order NAME: reads the merged output on standard input
  awk -v name="$1" '
    /^sslbind: / { err = NR; if (!first) first = NR; next }
    /./ { out = NR }
    END {
      if (!err) { print name ": no explanation"; exit 1 }
      if (!out) { print name ": no netsh text"; exit 1 }
      if (first < out) { print name ": an explanation comes before netsh text (line " first " < " out ")"; exit 1 }
    }' > "$tmp/why" && ok || ko "$(cat "$tmp/why")"
}
run() { # run NAME ARGS…: one failing command, both streams merged
  local name=$1; shift
  if "$bin" --state "$state" "$@" > "$tmp/merged" 2>&1; then ko "$name: did not fail"; return; fi
  order "$name" < "$tmp/merged"
}
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
run "malformed value" http add sslcert ipport=10.0.0.1:99999 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid=$appid
run "missing essential tag" http add sslcert ipport=10.0.0.1:443
run "unknown tag" http show sslcert bogus=1
run "ambiguous prefix" h
run "unknown command" http sho sslcrt
run "1312" http add sslcert ipport=10.0.0.1:443 certhash=0123456789012345678901234567890123456789 appid=$appid
run "missing binding" http delete sslcert ipport=10.0.0.1:443
run "missing certificate file" cert import file=$tmp/nonexistent.pem
run "bad store name" cert show store=../etc
run "bad handshake" sim handshake ipport=10.0.0.1:0
run "missing site" iis binding cert site=nosuch binding=https/*:443:
run "appcmd error" appcmd list site /bogus:1
run "popd with an argument" popd now
run "missing script" -f "$tmp/nonexistent.netsh"
mkdir -p "$tmp/damaged"
cp "$data/damaged.reg" "$tmp/damaged/bindings.reg"
chmod 700 "$tmp/damaged"
if "$bin" --state "$tmp/damaged" http show sslcert > "$tmp/merged" 2>&1; then ko "damaged store: did not fail"
else order "damaged store" < "$tmp/merged"; fi

# a script: each line's explanation right after its own output, with its line number
printf 'bogus1\n\nhttp show sslcert ipport=1.2.3.4:1\nhttp add sslcert\n' | "$bin" --state "$state" > "$tmp/merged" 2>&1
at() { grep -n -m1 -F -- "$1" "$tmp/merged" | cut -d: -f1; }
a=$(at "not found: bogus1.") b=$(at "standard input:1: unknown command") c=$(at "SSL Certificate bindings:")
d=$(at "cannot find the file specified") e=$(at "standard input:3: no binding") f=$(at "One or more essential")
g=$(at "standard input:4: ") n=$(wc -l < "$tmp/merged")
if [ -n "$a$b$c$d$e$f$g" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] && [ "$d" -lt "$e" ] && [ "$e" -lt "$f" ] &&
   [ "$g" -ge $((n - 1)) ]; then ok; else ko "script order: $(cat "$tmp/merged")"; fi

# (3) an explanation is never cut short, however long what it quotes (it was at 2 048 bytes)
long=$(printf 'x%.0s' $(seq 3000))
"$bin" --state "$tmp/long" appcmd add site /name:L /id:7 "/bindings:http/*:80:$long.example" '/physicalPath:C:\l' \
  > /dev/null 2> "$tmp/long.err"
if grep -q "binding http/\*:80:$long.example is invalid: .* the site cannot start until it is fixed\$" "$tmp/long.err"; then ok
else ko "a long explanation was cut: $(wc -c < "$tmp/long.err") bytes"; fi

# (4) an empty --state names the option, not an empty directory ("cannot create state directory :")
for form in "--state=" "--state ''"; do
  eval "\"\$bin\" $form http show sslcert" > /dev/null 2> "$tmp/empty.err"
  rc=$?
  if [ $rc = 1 ] && [ "$(cat "$tmp/empty.err")" = "sslbind: --state needs a value" ]; then ok
  else ko "$form: rc $rc, $(cat "$tmp/empty.err")"; fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
