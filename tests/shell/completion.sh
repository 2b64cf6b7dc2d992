#!/usr/bin/env bash
# completion.sh BINDIR — bash completion of the non-interactive command line
# (shell/completion/sslbind.bash over `sslbind --complete`): the function is registered for sslbind
# and appcmd, and called as bash calls it (COMP_LINE, COMP_POINT, COMP_WORDS split at bash's
# COMP_WORDBREAKS, COMP_CWORD), and again with COMP_WORDS/COMP_CWORD alone; COMPREPLY is checked
# for contexts, commands, tags, abbreviations, values from the machine's state, options and appcmd;
# then a real interactive bash in tmux completes a few lines with Tab (bash's own word splitting).
set -u
bindir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
export PATH="$bindir:$PATH"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SSLBIND_STATE="$tmp/state"
passed=0 failed=0
source "$here/../../shell/completion/sslbind.bash"

appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
hash=2006557039ef547eb88124f0ef5d7e7d1639adff
{
  sslbind cert import file="$here/../data/certs/contoso.pem"
  sslbind http add sslcert ipport=0.0.0.0:443 certhash=$hash appid=$appid
  sslbind http add sslcert ipport=[2001:db8::1]:8443 certhash=$hash appid=$appid
  sslbind http add sslcert hostnameport=www.contoso.com:443 certhash=$hash appid=$appid
  sslbind http add sslcert ccs=9443 appid=$appid
  sslbind http add sslcert scopedccs=shop.contoso.com:443 appid=$appid
  sslbind cert create subject=shop.contoso.com store=WebHosting
  appcmd add site /name:web1 /bindings:http/*:80:web1
  appcmd add backup MyBackup
  sslbind --state "$tmp/other" http add sslcert ipport=10.9.9.9:443 certhash=$hash appid=$appid
} > "$tmp/setup.log" 2>&1
sslbind --state "$tmp/other" cert import file="$here/../data/certs/contoso.pem" > /dev/null
sslbind --state "$tmp/other" http add sslcert ipport=10.9.9.9:443 certhash=$hash appid=$appid > /dev/null ||
  { echo "setup failed"; cat "$tmp/setup.log"; exit 1; }
webhosting=$(sslbind cert show store=WebHosting | sed -n 's/.*Certificate Hash *: //p')

# words LINE: COMP_WORDS as bash makes them: blanks separate words; runs of COMP_WORDBREAKS
# characters other than blanks (= and : here) are words of their own
words() {
  local w rest
  COMP_WORDS=()
  set -f
  for w in $1; do
    rest=$w
    while [[ $rest =~ ^([^=:]*)([=:]+)(.*)$ ]]; do
      [[ -n ${BASH_REMATCH[1]} ]] && COMP_WORDS+=("${BASH_REMATCH[1]}")
      COMP_WORDS+=("${BASH_REMATCH[2]}")
      rest=${BASH_REMATCH[3]}
    done
    [[ -n $rest ]] && COMP_WORDS+=("$rest")
  done
  set +f
  [[ -z $1 || $1 == *' ' ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
}

# expect LINE WANTED: completing at the end of LINE offers WANTED (words joined by one blank)
expect() {
  local line=$1 want=$2 got mode cmd
  cmd=${line%% *}
  for mode in line words; do
    words "$line"
    if [ $mode = line ]; then COMP_LINE=$line COMP_POINT=${#line}; else unset COMP_LINE COMP_POINT; fi
    COMPREPLY=()
    _sslbind "$cmd" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]-}"
    got="${COMPREPLY[*]}"
    if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
      echo "[FAIL] ($mode) '$line': expected '$want', got '$got'"; failed=$((failed + 1)); fi
  done
}

if complete -p sslbind | grep -q -- '-F _sslbind' && complete -p appcmd | grep -q -- '-F _sslbind'; then
  passed=$((passed + 1)); else echo "[FAIL] complete -p: not registered for sslbind and appcmd"; failed=$((failed + 1)); fi

# contexts and the commands of every context
expect "sslbind " "? bye cert exit help http iis popd pushd quit sim"
expect "sslbind ht" "http"
expect "sslbind netsh ht" "http"
expect "sslbind http " ".. ? add bye delete exit help popd pushd quit show update"
expect "sslbind http sh" "show"
expect "sslbind cert " ".. ? bye create delete exit export help import popd pushd quit show"
expect "sslbind pushd h" "help http"
# objects and tags, after abbreviations as dispatch takes them
expect "sslbind http show " "sslcert"
expect "sslbind htt sh sslc ip" "ipport="
expect "sslbind http sh sslcert " "ipport= hostnameport= ccs= scopedccs= json="
expect "sslbind http add sslcert ipport=10.0.0.1:443 cert" "certhash= certstorename="
# a command takes one key: after one, no other key tag is offered
expect "sslbind http delete sslcert ipport=0.0.0.0:443 " ""
expect "sslbind http show sslcert hostnameport=www.contoso.com:443 " "json="
expect "sslbind http add sslcert ccs=9444 c" "certhash= certstorename= clientcertnegotiation="
expect "sslbind http update sslcert scopedccs=shop.contoso.com:443 s" "sslctlidentifier= sslctlstorename="
expect "sslbind sim handshake " "ipport= host= sni= json= exit="
expect "sslbind h sh" ""                # h is ambiguous: help, http
expect "sslbind http bogus " ""
# values: enable|disable, bound keys, thumbprints, stores
expect "sslbind http add sslcert reject=" "enable disable"
expect "sslbind http add sslcert reject=e" "enable"
expect "sslbind http sh sslcert ipport=" "0.0.0.0:443 [2001:db8::1]:8443"
expect "sslbind http sh sslcert ipport=0.0.0.0:" "443"
expect "sslbind http delete sslcert hostnameport=" "www.contoso.com:443"
expect "sslbind http update sslcert ccs=" "9443"
expect "sslbind http show sslcert scopedccs=sh" "shop.contoso.com:443"
expect "sslbind http add sslcert ipport=" ""   # a key to add is new: nothing to offer
expect "sslbind http add sslcert certhash=" "$hash"
expect "sslbind http add sslcert certstorename=WebHosting certhash=" "$webhosting"
expect "sslbind cert delete store=webhosting certhash=" "$webhosting"
expect "sslbind cert show certhash=" "$hash $webhosting"
expect "sslbind cert show store=" "MY WebHosting"
expect "sslbind http add sslcert certstorename=" "MY WebHosting"
# the state named on the line (relative: the line is split at blanks, so a TMPDIR with a space
# would cut an absolute path; a path typed with a quoted space is not completed from)
cd "$tmp" || exit 1
expect "sslbind --state other http sh sslcert ipport=" "10.9.9.9:443"
expect "sslbind --state=other http sh sslcert ipport=" "10.9.9.9:443"
cd - > /dev/null || exit 1
# no state directory yet (a new user's first Tab): no values from the state, exit 0, none created
for line in "http show sslcert ccs=" "http delete sslcert ipport=" "http update sslcert hostnameport=" \
  "http delete sslcert scopedccs=" "http add sslcert certhash=" "http add sslcert certstorename=" \
  "cert show store=" "cert delete certhash=" "cert show certhash=" "appcmd start site w"; do
  set -- $line
  rc=0
  got=$(SSLBIND_STATE="$tmp/none" sslbind --complete $# sslbind "$@" 2>&1) || rc=$?
  want=""
  [ "${line##* }" = certstorename= ] && want=$'certstorename=MY\ncertstorename=WebHosting' # the usual two
  if [ "$rc" -eq 0 ] && [ "$got" = "$want" ] && [ ! -e "$tmp/none" ]; then passed=$((passed + 1))
  else echo "[FAIL] no state: sslbind --complete $# sslbind $line: exit $rc, '$got'"; failed=$((failed + 1)); fi
done
# a word index before the first word or past the last: nothing offered, exit 0, the --state copy
# freed (review 34 R3: leaked; the ASan build's leak check sees it)
for cword in 0 3; do
  rc=0
  got=$(sslbind --state "$tmp/other" --complete $cword sslbind http 2>&1) || rc=$?
  if [ "$rc" -eq 0 ] && [ -z "$got" ]; then passed=$((passed + 1))
  else echo "[FAIL] --state DIR --complete $cword sslbind http: exit $rc, '$got'"; failed=$((failed + 1)); fi
done
# options, and what follows -f and --state
expect "sslbind --st" "--state"
expect "sslbind --" "--state --help --version --"
(cd "$tmp" && touch script.netsh && expect "sslbind -f scr" "script.netsh" && exit $failed) || failed=$((failed + 1))
# appcmd, as its own program and as a line of sslbind
expect "appcmd " "list add set delete start stop restore"
expect "appcmd restore " "backup"
expect "appcmd list b" "backup backups"
expect "appcmd restore backup " "MyBackup"
expect "appcmd delete backup m" "MyBackup"
expect "appcmd list s" "site sites"
expect "appcmd set c" "config"
expect "appcmd start site w" "web1"
# a name with blanks is one word: offered quoted, whether its quote is typed yet or not
expect "appcmd start site " '"Default Web Site" web1'
expect "appcmd stop site de" '"Default Web Site"'
expect "appcmd list site /n" "/name:"
expect "appcmd set config -s" "-section:system.applicationHost/sites"
expect "sslbind appcmd list si" "site sites"
# after launch words, as the line runs (cmd /c, call, PowerShell's &)
expect "sslbind cmd /c appcmd list si" "site sites"
expect "sslbind call netsh http sh" "show"
# appcmd's options, -- among them: appcmd accepts it as sslbind does, and its verbs follow it
expect "appcmd -" "--state --help --version --"
expect "appcmd -- li" "list"
out=$(appcmd -- list sites 2>&1)
if [ $? = 0 ] && grep -q 'SITE "web1"' <<< "$out"; then passed=$((passed + 1))
else echo "[FAIL] appcmd -- list sites: $out"; failed=$((failed + 1)); fi
# and its --help lists every option its completion offers
out=$(appcmd --help 2>&1)
for o in --state --help --version --; do
  if grep -q -- "^  $o " <<< "$out"; then passed=$((passed + 1))
  else echo "[FAIL] appcmd --help does not list $o"; failed=$((failed + 1)); fi
done

# and in a real interactive bash, through a terminal (tmux): bash's own word splitting
if command -v tmux > /dev/null; then
  export TERM=${TERM:-xterm}
  [ "$TERM" = dumb ] && export TERM=xterm
  sock="sslbind-bash-$$"
  cat > "$tmp/rc" <<RC
PS1='PROMPT\$ '
export PATH="$bindir:\$PATH" SSLBIND_STATE="$SSLBIND_STATE"
source "$here/../../shell/completion/sslbind.bash"
RC
  # the rc file's path quoted (TMPDIR may hold a space), and the line run by this bash (tmux runs
  # it with SHELL, which may be an account's nologin)
  SHELL=$BASH tmux -L "$sock" new-session -d -s t -x 200 -y 20 "$(printf '%q --noprofile --rcfile %q -i' "$BASH" "$tmp/rc")"
  line_is() { # line_is TEXT: the prompt's line reads TEXT within 15 s (at once: bash has left)
    local last
    for _ in $(seq 150); do
      last=$(tmux -L "$sock" capture-pane -t t -p | grep -v '^$' | tail -n 1)
      [ "$last" = "$1" ] && { passed=$((passed + 1)); return 0; }
      tmux -L "$sock" has-session -t t 2>/dev/null || { last="(bash has left: no session)"; break; }
      sleep 0.1
    done
    echo "[FAIL] real bash: expected '$1', the screen shows '$last'"; failed=$((failed + 1))
  }
  line_is 'PROMPT$' # bash is ready: keys typed before its prompt would be echoed before it
  tmux -L "$sock" send-keys -t t 'sslbind htt sh sslc cc' Tab
  line_is 'PROMPT$ sslbind htt sh sslc ccs='
  tmux -L "$sock" send-keys -t t Tab
  line_is 'PROMPT$ sslbind htt sh sslc ccs=9443'
  tmux -L "$sock" send-keys -t t C-u
  line_is 'PROMPT$'
  tmux -L "$sock" send-keys -t t 'sslbind http sh sslcert ipport=[2' Tab
  line_is 'PROMPT$ sslbind http sh sslcert ipport=[2001:db8::1]:8443'
  tmux -L "$sock" send-keys -t t C-u
  line_is 'PROMPT$'
  tmux -L "$sock" send-keys -t t 'appcmd sta' Tab
  line_is 'PROMPT$ appcmd start'
  tmux -L "$sock" send-keys -t t C-u
  line_is 'PROMPT$'
  tmux -L "$sock" send-keys -t t 'appcmd list site "De' Tab
  line_is 'PROMPT$ appcmd list site "Default Web Site"'
  tmux -L "$sock" kill-server
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
