#!/usr/bin/env bash
# interactive.sh SSLBIND — drives the interactive shell through a real terminal (tmux) and checks
# the banner, the prompts, context changes, tab completion of contexts, commands, objects, tags
# and values from the machine's state (after abbreviations too), Ctrl-C, pushd/popd, and history
# kept across runs.
set -u
bin=$1
export TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && export TERM=xterm
state=$(mktemp -d)
sock="sslbind-test-$$"
fail=0
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$state"' EXIT

# The session's command is a shell's line: the paths quoted (a build or TMPDIR may hold a space),
# and that shell this bash (tmux runs it with SHELL, which may be an account's nologin).
start() {
  for _ in 1 2 3; do
    SHELL=$BASH tmux -L "$sock" new-session -d -s t -x 250 -y 40 \
      "$(printf '%q --state %q' "$bin" "$state"); echo SESSION-ENDED; sleep 30" && return 0
    sleep 1
  done
  echo "FAIL: tmux would not start a session" >&2
  fail=1
}
keys() { tmux -L "$sock" send-keys -t t "$@"; }
screen() { tmux -L "$sock" capture-pane -t t -p; }

# ended: the program has left (or tmux is gone): a wait for anything else fails at once, not
# after its 30 s. Asked before each look at the screen, never after it: the screen may change
# between the look and the question (SESSION-ENDED appearing is the end a wait for it expects).
ended() { ! tmux -L "$sock" has-session -t t 2>/dev/null || screen | grep -qx SESSION-ENDED; }

# wait_for TEXT: the screen shows TEXT within 30 s (capture-pane drops trailing blanks; a loaded
# machine may take seconds to start tmux and the shell)
wait_for() {
  for _ in $(seq 300); do
    e=0
    ended && e=1 # ended before this look: the look is the last (the screen no longer changes)
    screen | grep -qF -- "$1" && return 0
    [ $e = 1 ] && break
    sleep 0.1
  done
  echo "FAIL: screen never showed: $1" >&2
  screen | sed 's/^/  | /' >&2
  fail=1
  return 1
}

# last_line_is TEXT: the screen's last line reads TEXT within 30 s (an emptied line's prompt)
last_line_is() {
  for _ in $(seq 300); do
    e=0
    ended && e=1
    [ "$(screen | grep -v '^$' | tail -n 1)" = "$1" ] && return 0
    [ $e = 1 ] && break
    sleep 0.1
  done
  echo "FAIL: the last line never read: $1" >&2
  screen | sed 's/^/  | /' >&2
  fail=1
  return 1
}

# prompt_is TEXT: after clearing the screen (Ctrl-L), the prompt line reads TEXT within 30 s
prompt_is() {
  keys C-l
  for _ in $(seq 300); do
    e=0
    ended && e=1
    [ "$(screen | grep -v '^$' | tail -n 1)" = "$1" ] && return 0
    [ $e = 1 ] && break
    sleep 0.1
  done
  echo "FAIL: the prompt never read: $1" >&2
  screen | sed 's/^/  | /' >&2
  fail=1
  return 1
}

check() { # check NAME: the last wait_for passed
  if [ "$fail" = 0 ]; then echo "[PASS] $1"; passed=$((passed + 1)); else echo "[FAIL] $1"; failed=$((failed + 1)); fail=0; fi
}
passed=0 failed=0

# the certificate the session binds must be in the machine's store (netsh's 1312 check)
"$bin" --state "$state" cert import file="$(dirname "$0")/../data/certs/contoso.pem" > /dev/null || exit 1
# a bound host name, for value completion of hostnameport=
"$bin" --state "$state" http add sslcert hostnameport=www.contoso.com:443 \
  certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' > /dev/null || exit 1

start
wait_for "Type ? for help" && wait_for "sslbind>"
check "banner and prompt"

keys 'htt' Tab
wait_for "sslbind> http"
check "completes a context"

keys Enter
wait_for "sslbind http>"
check "entering a context changes the prompt"

keys 'sh' Tab
wait_for "sslbind http> show"
keys 'ssl' Tab
wait_for "sslbind http> show sslcert"
check "completes a command and its object"

keys C-u 'add sslcert ip' Tab
wait_for "add sslcert ipport="
keys '0.0.0.0:443 certh' Tab
wait_for "ipport=0.0.0.0:443 certhash="
keys '2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} rej' Tab
wait_for "reject="
keys 'e' Tab
wait_for "reject=enable"
check "completes tags and enable|disable"

keys Enter
wait_for "SSL Certificate successfully added"
check "runs a command"

keys 'sh sslc ip' Tab
wait_for "sslbind http> sh sslc ipport="
check "completes a tag after abbreviated words (sh sslc ip<Tab>)"

keys Tab
wait_for "sslbind http> sh sslc ipport=0.0.0.0:443"
check "ipport=<Tab> on show lists the bound keys"

keys C-u 'del sslcert hostnameport=' Tab
wait_for "sslbind http> del sslcert hostnameport=www.contoso.com:443"
check "hostnameport=<Tab> on delete lists the bound host names"

keys C-u 'upd sslc ipport=0.0.0.0:443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certhash=' Tab
wait_for "certhash=2006557039ef547eb88124f0ef5d7e7d1639adff"
check "certhash=<Tab> lists the store's thumbprints"

keys C-u 'add sslcert ipport=10.0.0.9:443 certstorename=W' Tab
wait_for "certstorename=WebHosting"
check "certstorename=<Tab> lists store names"

# Ctrl-C gives up the line, runs nothing, and the shell goes on
keys C-u 'delete sslcert ipport=0.0.0.0:443'
wait_for "sslbind http> delete sslcert ipport=0.0.0.0:443"
keys C-c
last_line_is "sslbind http>" # the signal handled before the next keys: they must not be cleared
keys 'show sslcert ipport=0.0.0.0:443' Enter
wait_for "Reject Connections           : Enabled"
check "Ctrl-C clears the line without running it or leaving"

keys C-l
last_line_is "sslbind http>"
keys C-c
last_line_is "sslbind http>"
keys C-c
for _ in $(seq 300); do [ "$(screen | grep -c '^sslbind http>$')" -ge 2 ] && break; ended && break; sleep 0.1; done
[ "$(screen | grep -c '^sslbind http>$')" -ge 2 ] || { echo "FAIL: no fresh prompt after Ctrl-C" >&2; screen >&2; fail=1; }
check "Ctrl-C on an empty line gives a fresh prompt"

keys '..' Enter
prompt_is "sslbind>"
keys 'pushd cert' Enter
prompt_is "sslbind cert>"
keys 'sh store=' Tab
wait_for "sslbind cert> sh store=MY"
check "pushd CONTEXT enters it; store=<Tab> lists the stores"
keys C-u 'popd' Enter
prompt_is "sslbind>"
keys 'http' Enter
prompt_is "sslbind http>"
keys 'pushd' Enter
prompt_is "sslbind http>"
keys '..' Enter
prompt_is "sslbind>"
keys 'popd' Enter
prompt_is "sslbind http>"
check "popd returns to the context pushd remembered"

keys 'popd' Enter
prompt_is "sslbind http>"
check "popd with an empty stack stays where it is"
keys '..' Enter
prompt_is "sslbind>"

keys '..' Enter
sleep 0.3
keys '?' Enter
wait_for "The following sub-contexts are available:"
check ".. goes back to the top level"

keys "appcmd add site /name:tty /id:7 /bindings:https/*:443:tty.contoso.com" Enter
wait_for 'SITE object "tty" added'
keys "appcmd set site /site.name:\"tty\" /+bindings.[protocol='http',bindingInformation='*:80:tty']" Enter
wait_for 'SITE object "tty" changed'
check "an appcmd line runs interactively, quotes as cmd.exe leaves them"

keys 'ii' Tab
wait_for "sslbind> iis"
keys Enter
wait_for "sslbind iis>"
keys 'bi' Tab
wait_for "sslbind iis> binding"
keys 'sh' Tab
wait_for "sslbind iis> binding show"
keys Enter
wait_for "Binding                      : http/*:80:tty"
check "the iis context: prompt, completion, binding show"

keys '..' Enter
sleep 0.3
keys 'exit' Enter
wait_for "SESSION-ENDED"
check "exit leaves"
tmux -L "$sock" kill-server 2>/dev/null
# the next run on a socket of its own: a new session on the killed server's socket can reach the
# server while it is still exiting ("server exited unexpectedly", seen on a loaded machine)
sock="$sock-2"

grep -qF "reject=enable" "$state/history" 2>/dev/null
if [ $? = 0 ]; then echo "[PASS] history is saved"; passed=$((passed + 1)); else echo "[FAIL] history is saved"; failed=$((failed + 1)); fi

start
wait_for "sslbind>"
keys Up Up Up Up Up
wait_for "sslbind> appcmd set site /site.name:"
check "history is recalled in the next run"

keys C-u C-d
wait_for "SESSION-ENDED"
check "Ctrl-D on an empty line leaves"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
