#!/usr/bin/env bash
# scenarios.sh SSLBIND [--show | --update] — runs docs/tutorial.md as a reader would, so the
# tutorial cannot drift from the programs.
#
# Every line "$ CMD" inside a ``` block of the tutorial is a command; the lines under it, up to the
# next "$ " line or the end of the block, are the output printed for it. (A block with no "$ " line,
# such as the PATH setup, is not run.) The commands run in order, in one bash process, in a fresh
# scratch directory that is also HOME, with standard input from /dev/null, SSLBIND_STATE unset and
# the directory of SSLBIND first on PATH (appcmd and sslbind-tls are beside it). Each command's
# standard output and standard error, as one stream (what a terminal shows), must equal the printed
# output EXACTLY once, on both sides, every run of 40 hexadecimal digits (a certificate hash: each
# run makes new keys) is replaced by <hash> and every date by <date> (the scratch directory's path,
# should an output show it, reads ~). One check per command; a
# mismatch prints a diff. Then the story checks at the end assert each lab's key results (the Result
# of a handshake, an error code) on what really ran.
#
# Lab 3 runs a real TLS endpoint: the tutorial says port 4443; the test uses a free port instead,
# writing it for 4443 in the commands and back as 4443 in their output.
#
#   --show     print the transcript as it ran (each command and its real output)
#   --update   (or SSLB_TUTORIAL_UPDATE=1) write the real outputs into docs/tutorial.md wherever
#              they differ after normalisation; then read `git diff docs/tutorial.md` line by line:
#              an output that looks wrong is a bug to report, not a text to keep.
set -u
bin=${1:?usage: scenarios.sh SSLBIND [--show|--update]}
mode=${2:-}
[ "${SSLB_TUTORIAL_UPDATE:-0}" = 1 ] && mode=--update
here=$(cd "$(dirname "$0")" && pwd)
doc="$here/../../docs/tutorial.md"
bindir=$(cd "$(dirname "$bin")" && pwd)
for p in sslbind appcmd; do
  [ -x "$bindir/$p" ] || { echo "scenarios.sh: no $bindir/$p"; echo "0 passed, 1 failed"; exit 1; }
done
[ "$(basename "$bin")" = sslbind ] || { echo "scenarios.sh: $bin is not named sslbind"; echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d)
mkdir "$work/home" "$work/exp" "$work/out"
runner_pid=""
cleanup() {
  # the runner is the leader of its own process group: this ends it and anything it left running
  # (the endpoint of lab 3), and nothing else
  [ -n "$runner_pid" ] && kill -- -"$runner_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A port of 127.0.0.1 that nothing listens on, for lab 3 (the doc's 4443).
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo 4443
}
port=$(free_port)

# 1. The commands and their printed outputs.
n=0 cur=0 in_block=0
declare -a cmd
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '```'*) in_block=$((1 - in_block)); cur=0; continue ;;
  esac
  [ "$in_block" = 1 ] || continue
  case "$line" in
    '$ '*) n=$((n + 1)); cmd[n]=${line#\$ }; cur=$n; : > "$work/exp/$n" ;;
    *) [ "$cur" -gt 0 ] && printf '%s\n' "$line" >> "$work/exp/$cur" ;;
  esac
done < "$doc"
[ "$n" -gt 0 ] || { echo "scenarios.sh: no command in $doc"; echo "0 passed, 1 failed"; exit 1; }

# 2. One bash script with every command, each one's output in out/N.
{
  echo 'cd "$1" || exit 99'
  for i in $(seq "$n"); do
    printf '{ %s\n} > "$2/%d" 2>&1\n' "${cmd[i]//4443/$port}" "$i"
  done
} > "$work/runner.sh"
env -u SSLBIND_STATE HOME="$work/home" PATH="$bindir:$PATH" LC_ALL=C \
  setsid bash "$work/runner.sh" "$work/home" "$work/out" < /dev/null > "$work/runner.log" 2>&1 &
runner_pid=$!
for _ in $(seq 1200); do kill -0 "$runner_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$runner_pid" 2>/dev/null; then echo "scenarios.sh: the commands ran for more than 120 s: stopped"; fi
kill -- -"$runner_pid" 2>/dev/null
wait "$runner_pid" 2>/dev/null
runner_pid=""
for i in $(seq "$n"); do
  [ -f "$work/out/$i" ] || continue
  sed -i "s|$work/home|~|g; s/\b$port\b/4443/g" "$work/out/$i"
  [ -z "$(tail -c1 "$work/out/$i")" ] || echo >> "$work/out/$i" # the doc can only show whole lines
done

normalize() {
  perl -pe 's/(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])/<hash>/g;
            s/\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d( UTC)?/<date>/g' "$1"
}

if [ "$mode" = --show ]; then
  for i in $(seq "$n"); do
    printf '$ %s\n' "${cmd[i]}"
    [ -f "$work/out/$i" ] && cat "$work/out/$i" || echo "(did not run)"
  done
  exit 0
fi

# 3. One check per command.
passed=0 failed=0
for i in $(seq "$n"); do
  if [ ! -f "$work/out/$i" ]; then
    failed=$((failed + 1)); echo "[FAIL] command $i did not run: ${cmd[i]}"
    [ -s "$work/runner.log" ] && sed 's/^/  | /' "$work/runner.log" && : > "$work/runner.log"
    continue
  fi
  if [ "$(normalize "$work/exp/$i")" = "$(normalize "$work/out/$i")" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    [ "$mode" = --update ] && continue
    echo "[FAIL] command $i: ${cmd[i]}"
    diff -u --label "docs/tutorial.md" --label "what ran" <(normalize "$work/exp/$i") <(normalize "$work/out/$i") |
      sed 's/^/  /'
  fi
done

[ "$mode" = --update ] || [ "$failed" != 0 ] || echo "[PASS] all $n commands of docs/tutorial.md print what it shows"

if [ "$mode" = --update ]; then
  i=0 in_block=0 skipping=0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      '```'*) in_block=$((1 - in_block)); skipping=0; printf '%s\n' "$line"; continue ;;
    esac
    if [ "$in_block" = 1 ] && [ "${line#\$ }" != "$line" ]; then
      i=$((i + 1)); skipping=1
      printf '%s\n' "$line"
      if [ ! -f "$work/out/$i" ] || [ "$(normalize "$work/exp/$i")" = "$(normalize "$work/out/$i")" ]; then cat "$work/exp/$i"
      else cat "$work/out/$i"; fi
      continue
    fi
    [ "$skipping" = 1 ] || printf '%s\n' "$line"
  done < "$doc" > "$work/doc.new"
  cp "$work/doc.new" "$doc"
  echo "updated $doc: $failed outputs rewritten; review them with git diff"
  if grep -n '^\$ \|^```' "$work"/out/* | grep -v ':0$' | head -3 | grep -q .; then
    echo "warning: an output line starts with \"\$ \" or \`\`\`: the doc cannot show it"
  fi
  exit 0
fi

# 4. The story: what each lab is about, asserted on what really ran. Each check finds the next
# command (after the previous check's) whose text contains COMMAND, and greps its output for RESULT.
at=1
story() { # story COMMAND RESULT WHAT
  local i=$at
  while [ "$i" -le "$n" ] && [[ "${cmd[i]}" != *"$1"* ]]; do i=$((i + 1)); done
  if [ "$i" -gt "$n" ]; then
    failed=$((failed + 1)); echo "[FAIL] $3: no command containing '$1' after command $at"; return
  fi
  at=$((i + 1))
  if [ -f "$work/out/$i" ] && grep -qE -- "$2" "$work/out/$i"; then passed=$((passed + 1)); echo "[PASS] $3"
  else failed=$((failed + 1)); echo "[FAIL] $3: command $i printed no '$2'"; fi
}
result() { echo "^    Result +: $1\$"; }

# Lab 1: the IIS 7 article
story "appcmd set site /site.name:\"shop\" \"/+bindings" 'SITE object "shop" changed' \
  "lab 1: the article's appcmd line, restored, adds shop's host-header binding"
story "sslbind http show sslcert" '^-+$' "lab 1: appcmd wrote no SSL binding"
story "iis binding cert site=shop" 'Are you sure that you want to reuse this HTTPS binding' \
  "lab 1: IIS Manager asks to reassign 0.0.0.0:443, the one key both sites share"
story "http add sslcert ipport=0.0.0.0:443" 'Error: 183' "lab 1: netsh cannot add a second certificate there"
story "host=www.contoso.com sni=disable" "$(result OK)" "lab 1: www gets its own certificate"
story "host=shop.contoso.com sni=disable" "$(result NAME_MISMATCH)" "lab 1: shop gets www's certificate (the trap)"
story "ipport=10.0.0.1:8443 host=shop.contoso.com sni=disable" "$(result OK)" "lab 1, fix 1: shop on its own port"
story "ipport=10.0.0.2:443 host=shop.contoso.com sni=disable" "$(result OK)" "lab 1, fix 2: shop on its own address"
story "ipport=10.0.0.1:443 host=www.contoso.com sni=disable" "$(result OK)" "lab 1, fix 2: www keeps 0.0.0.0:443"
story "certhash=\$STAR" 'Are you sure that you want to reuse this HTTPS binding' \
  "lab 1, fix 3: the wildcard certificate replaces www's: IIS Manager asks first"
story "certhash=\$STAR reassign=yes" 'SSL Certificate successfully updated' "lab 1, fix 3: reassigned for every site"
story "host=www.contoso.com sni=disable" "$(result OK)" "lab 1, fix 3: www under *.contoso.com"
story "host=shop.contoso.com sni=disable" "$(result OK)" "lab 1, fix 3: shop under *.contoso.com"
story "host=contoso.com sni=disable" "$(result NAME_MISMATCH)" "lab 1, fix 3: not the bare domain"
story "iis binding cert site=shop" 'No default SSL site has been created' "lab 1, IIS 8: SNI binding, and the warning"
story "host=shop.contoso.com" "$(result OK)" "lab 1, IIS 8: shop with SNI gets its own certificate"
story "host=shop.contoso.com sni=disable" "$(result NO_BINDING)" "lab 1, IIS 8: a client without SNI finds no binding"
story "host=shop.contoso.com sni=disable" "$(result OK)" "lab 1, IIS 8: a default SSL site catches it"
# Lab 2: KB 2548832
story "appcmd --state A list sites" 'https/10.10.10.1:443:,https/10.10.10.3:443:' "lab 2: A sees B's binding"
story "appcmd --state B list sites" 'https/10.10.10.1:443:,https/10.10.10.3:443:' "lab 2: B sees the same sites"
story "--state A iis binding show" 'foreign: 10.10.10.3 is not one of this server' "lab 2: on A, B's address is foreign"
story "10.10.10.1:www.contoso.com" 'the port is missing' "lab 2: the KB's typo is accepted, with a note"
story "start site Site1" 'hresult:80070057' "lab 2: and the site cannot start"
story "--state A start site Site1" 'successfully started' "lab 2: fixed (:80:), it starts on A"
story "--state B start site Site1" 'successfully started' "lab 2: and on B"
story "--state A sim handshake ipport=10.10.10.1:443" "$(result OK)" "lab 2: A serves Site1"
story "--state B sim handshake ipport=10.10.10.3:443" "$(result NO_BINDING)" "lab 2: B has no SSL binding"
story "--state B iis binding cert" 'Error: 1312' "lab 2: B does not have the certificate"
story "--state B cert import" 'Certificate Hash' "lab 2: the .pfx from A imports on B"
story "--state B iis binding cert" 'SSL Certificate successfully added' "lab 2: now B can bind it"
story "--state B sim handshake ipport=10.10.10.3:443" "$(result OK)" "lab 2: B serves Site1"
story "appcmd --state A delete site Site1" 'SITE object "Site1" deleted' "lab 2: Site1 deleted"
story "--state A http show sslcert" '10.10.10.1:443' "lab 2: A's SSL binding stays"
story "--state B http show sslcert" '10.10.10.3:443' "lab 2: B's SSL binding stays"
# Lab 3: a real client
story "https://www.contoso.com:4443/" '^site: www \(id 2\)$' "lab 3: curl gets www, under www's certificate"
story "https://shop.contoso.com:4443/" '^curl: exit 60$' "lab 3: curl refuses shop's certificate (it is www's)"
story "--insecure" '^site: shop \(id 3\)$' "lab 3: behind it, shop's page"
at=$((at - 1)) # the same command again
story "--insecure" '^binding used: IP:port 0.0.0.0:4443$' "lab 3: the handshake used 0.0.0.0:4443 for shop"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
