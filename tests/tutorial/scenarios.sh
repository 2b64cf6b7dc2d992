#!/usr/bin/env bash
# scenarios.sh SSLBIND [--show | --update] — runs docs/tutorial.md as a reader would, so the
# tutorial cannot drift from the programs.
#
# Every "$ " command of the tutorial runs, and prints what the tutorial shows under it, by the rules
# of tests/docs/examples.sh (one bash process, a scratch HOME, hashes and dates normalised, lab 3's
# port 4443 replaced by a free one). Then the story checks at the end assert each lab's key results
# (the Result of a handshake, an error code) on what really ran.
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

keep=$(mktemp -d)
trap 'rm -rf "$keep"' EXIT
# 1-3. Every command, and its output as printed (tests/docs/examples.sh: the rules above).
SSLB_DOC_KEEP=$keep bash "$here/../docs/examples.sh" "$bin" "$doc" $mode | tee "$keep/log" | grep -v '^[0-9]* passed, [0-9]* failed$'
[ "$mode" = --update ] || [ "$mode" = --show ] && exit 0
read -r passed failed < <(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$keep/log")
[ -n "${passed:-}" ] || { echo "scenarios.sh: examples.sh did not finish"; echo "0 passed, 1 failed"; exit 1; }
n=$(ls "$keep/cmd" | wc -l)
declare -a cmd
for i in $(seq "$n"); do cmd[i]=$(cat "$keep/cmd/$i"); done

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
  if [ -f "$keep/out/$i" ] && grep -qE -- "$2" "$keep/out/$i"; then passed=$((passed + 1)); echo "[PASS] $3"
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
at=$((at - 1)) # the same command: the refusal is the name, not trust (www's certificate is trusted)
story "https://shop.contoso.com:4443/" "no alternative certificate subject name matches target host name 'shop.contoso.com'" \
  "lab 3: curl's reason is the name mismatch"
story "--insecure" '^site: shop \(id 3\)$' "lab 3: behind it, shop's page"
at=$((at - 1)) # the same command again
story "--insecure" '^binding used: IP:port 0.0.0.0:4443$' "lab 3: the handshake used 0.0.0.0:4443 for shop"

# Lab 3's wait, as printed, with port 4443 already taken (an endpoint of an earlier run still
# listening): the endpoint exits at once, and the wait must end and show why, never spin.
held() { # held PORT: its two lines ran, on PORT, while another endpoint held it
  local i=1 w
  while [ "$i" -le "$n" ] && [[ "${cmd[i]}" != "sslbind-tls --listen"* ]]; do i=$((i + 1)); done
  [ "$i" -lt "$n" ] || { echo "no sslbind-tls line"; return 1; }
  w=$(mktemp -d)
  SSLBIND_STATE=$w/state "$bindir/sslbind-tls" --listen "127.0.0.1:$1" > "$w/first.log" 2>&1 &
  local first=$!
  for _ in $(seq 100); do grep -qs listening "$w/first.log" && break; sleep 0.1; done
  (cd "$w" && SSLBIND_STATE=$w/state PATH="$bindir:$PATH" timeout 20 bash -c "${cmd[i]//4443/$1}
${cmd[i + 1]//4443/$1}" < /dev/null 2>&1)
  echo "wait: exit $?"
  kill "$first"
  wait "$first" 2>/dev/null
  rm -rf "$w"
}
port=$((20000 + RANDOM % 20000))
out=$(held "$port")
if grep -q "Address already in use" <<< "$out" && grep -q '^wait: exit 0$' <<< "$out"; then
  passed=$((passed + 1)); echo "[PASS] lab 3: with port 4443 taken, the wait ends and shows why"
else
  failed=$((failed + 1)); echo "[FAIL] lab 3: with port 4443 taken, the wait did not end with the reason:"; echo "$out"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
