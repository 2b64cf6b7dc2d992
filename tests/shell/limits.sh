#!/usr/bin/env bash
# limits.sh BINDIR — process limits a user or a container sets, against sslbind and appcmd
# (review 35):
# - no thread can be made (a stack limit larger than the address space, as RLIMIT_NPROC or a
#   pids cgroup would do): liburcu's deferred frees want a thread of their own and abort()ed
#   when none could be made, after the change was on disk; every command works, and says so;
# - a file-size limit with SIGXFSZ left as it is (`ulimit -f 0` alone kills a process at its
#   first write past it): reads go on (WAS's state not recorded, said), writes fail as the
#   write_fails.sh ones do, with Windows' error 29, nothing changed (`iis binding cert
#   certhash=none` named no file and no reason);
# - files of 1 KiB at most (`ulimit -f 1`): a small file of a change written, a larger one
#   refused — each command either does all of its change or none of it (an `appcmd delete
#   site` left its sites.state.next behind);
# - a file name near NAME_MAX, whose temporary's name must fit too.
set -u
bin=$(cd "$1" && pwd)
sb=$bin/sslbind ac=$bin/appcmd
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
export SSLBIND_STATE=$work/s
A='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
# every name in the machine's directory and every file's digest (a lock file's content is its last
# holder's pid: left out)
machine() { (cd "$SSLBIND_STATE" && find . | sort && find . -type f ! -name '*.lock' | sort | xargs md5sum); }

H=$("$sb" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
for i in $(seq 1 30); do echo "http add sslcert ipport=10.0.0.$i:443 certhash=$H appid=$A"; done > "$work/adds"
"$sb" -f "$work/adds" > /dev/null
for s in x y z; do "$ac" add site /name:$s /bindings:https/*:443:$s.contoso.com /physicalPath:/srv/$s > /dev/null; done

# --- no thread can be made
nothreads() { (ulimit -S -s 4000000000000000 && "$@" 2>&1; echo "exit $?"); }
out=$(nothreads "$sb" http update sslcert ipport=10.0.0.1:443 certhash=$H appid=$A clientcertnegotiation=enable)
check_out() { # NAME WANT: $out holds WANT and ends "exit 0"
  if [[ $out == *"$2"* && $out == *"exit 0" ]]; then ok "$1"; else ko "$1"; echo "$out" | sed 's/^/  | /'; fi
}
check_out "no thread can be made: http update sslcert" "SSL Certificate successfully updated"
out=$(nothreads "$sb" http delete sslcert ipport=10.0.0.2:443)
check_out "no thread can be made: http delete sslcert" "SSL Certificate successfully deleted"
out=$(nothreads "$sb" iis binding cert site=x binding=https/*:443:x.contoso.com certhash=$H)
check_out "no thread can be made: iis binding cert" "SSL Certificate successfully added"
out=$(nothreads "$sb" iis binding cert site=x binding=https/*:443:x.contoso.com certhash=none)
check_out "no thread can be made: iis binding cert certhash=none" "SSL Certificate successfully deleted"
out=$(nothreads "$ac" delete site z)
check_out "no thread can be made: appcmd delete site" 'SITE object "z" deleted'
if [ "$("$sb" http show sslcert | grep -c 'IP:port')" = 29 ] &&
   "$sb" http show sslcert ipport=10.0.0.1:443 | grep -q 'Negotiate Client Certificate *: Enabled'; then
  ok "... and the table holds each change"
else
  ko "... and the table holds each change"
fi

# --- ulimit -f 0, SIGXFSZ as it is
"$sb" iis binding cert site=x binding=https/*:443:x.contoso.com certhash=$H > /dev/null
before=$(machine)
out=$( (ulimit -f 0; "$sb" iis binding show 2>&1; echo "exit $?") )
if [[ $out == *"https/*:443:x.contoso.com"* && $out == *"exit 0" ]] && [ "$(machine)" = "$before" ]; then
  ok "ulimit -f 0, SIGXFSZ not ignored: a read lists, nothing changed"
else
  ko "ulimit -f 0, SIGXFSZ not ignored: a read lists, nothing changed"
  echo "$out" | sed 's/^/  | /'
fi
out=$( (ulimit -f 0; "$sb" http add sslcert ipport=10.9.9.9:443 certhash=$H appid=$A 2>&1; echo "exit $?") )
if [[ $out == *"Error: 29"* && $out == *"File too large"* && $out == *"exit 1" ]] && [ "$(machine)" = "$before" ]; then
  ok "... a write refused with error 29, nothing changed"
else
  ko "... a write refused with error 29, nothing changed"
  echo "$out" | sed 's/^/  | /'
fi
# iis binding cert certhash=none said no reason (review 35 F3)
out=$( (ulimit -f 0; "$sb" iis binding cert site=x binding=https/*:443:x.contoso.com certhash=none 2>&1; echo "exit $?") )
if [[ $out == *"Error: 29"* && $out == *"bindings.reg: cannot write: File too large"* && $out == *"exit 1" ]] &&
   [ "$(machine)" = "$before" ]; then
  ok "... iis binding cert certhash=none refused, the file and the reason said, nothing changed"
else
  ko "... iis binding cert certhash=none refused, the file and the reason said, nothing changed"
  echo "$out" | sed 's/^/  | /'
fi

# --- files of 1 KiB at most: all of a change or none of it
allornone() { # NAME COMMAND…: exit 0 and the machine changed, or exit 1 and it is as it was
  local name=$1 out rc
  shift
  before=$(machine)
  out=$( (ulimit -f 1; trap '' XFSZ; "$@" 2>&1) )
  rc=$?
  if { [ $rc = 0 ] && [ "$(machine)" != "$before" ]; } || { [ $rc = 1 ] && [ "$(machine)" = "$before" ]; }; then
    ok "files of 1 KiB at most: $name: all or nothing (exit $rc)"
  else
    ko "files of 1 KiB at most: $name: all or nothing (exit $rc)"
    echo "$out" | sed 's/^/  | /'
    diff <(echo "$before") <(machine) | sed 's/^/  | /'
  fi
}
allornone "appcmd delete site" "$ac" delete site y
allornone "appcmd add site" "$ac" add site /name:w /bindings:https/*:443:w.contoso.com /physicalPath:/srv/w
allornone "appcmd set site" "$ac" set site x /bindings:https/*:8443:x.contoso.com
allornone "appcmd stop site" "$ac" stop site x
allornone "http add sslcert" "$sb" http add sslcert ipport=10.9.9.9:443 certhash=$H appid=$A
allornone "http delete sslcert" "$sb" http delete sslcert ipport=10.0.0.3:443
allornone "iis binding cert" "$sb" iis binding cert site=x binding=https/*:443:x.contoso.com certhash=$H
allornone "iis stop" "$sb" iis stop site=x

# --- a file name of 250 bytes (NAME_MAX is 255): written through a temporary name that fits
# (review 35 F10: "<name>.tmp.<pid>" was too long, the write refused)
long=$work/cfg/$(printf 'z%.0s' $(seq 1 250))
mkdir -p "$work/cfg"
cp "$SSLBIND_STATE/applicationHost.config" "$long"
out=$("$ac" add site /name:q /bindings:http/*:85: /physicalPath:/srv/q /apphostconfig:"$long" 2>&1)
if [[ $out == *'SITE object "q" added'* ]] && grep -q 'name="q"' "$long" && [ "$(ls "$work/cfg" | wc -l)" = 2 ]; then
  ok "a configuration whose name is 250 bytes: written, no temporary left (the file and its lock)"
else
  ko "a configuration whose name is 250 bytes: written, no temporary left (the file and its lock)"
  echo "$out" | sed 's/^/  | /'
  ls "$work/cfg" | sed 's/^/  | /'
fi
summary
