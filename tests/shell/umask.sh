#!/usr/bin/env bash
# umask.sh BINDIR — commands run under a umask that takes the owner's own bits (0777, 0477: a
# typo, or a script that meant 0077): each change is made and every file and directory of the
# state it makes stays its owner's to read and write, so the next command works (review 35
# F13: bindings.reg, applicationHost.config, sites.state and new stores were left mode 000, and
# every later command failed with "Permission denied"; so were a certificate created or imported,
# its key, the stores' .generation and .writing, and a new store's directory). The rest of the umask is kept: nothing
# is readable by others that was not. Run as nobody (root reads whatever the mode): needs root
# and setpriv, else SKIPPED.
set -u
. "$(dirname "$0")/../nobody.sh"
nobody_possible || { echo "SKIPPED: needs root, setpriv and a user nobody"; exit 0; }
bin=$(cd "$1" && pwd)
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
. "$(dirname "$0")/../checks.sh"
bin=$(nobody_bin "$bin")
A='{4dc3e181-e14b-4a21-b022-59fc669b0914}'
S=$work/s
chmod 711 "$work"
mkdir -m 700 "$S"
chown nobody "$S"
cp "$data/contoso.pem" "$work/c.pem"
chmod 644 "$work/c.pem"
# as nobody, with a umask, on the machine $S (or $ST when set): N UMASK COMMAND…
N() {
  local m=$1
  shift
  setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp SSLBIND_STATE="${ST:-$S}" \
    sh -c 'umask "$0"; exec "$@"' "$m" "$@"
}
H=$(N 077 "$bin/sslbind" cert import file="$work/c.pem" | awk '/Certificate Hash/ {print $NF}')

for m in 0777 0477; do
  out=$(N $m "$bin/sslbind" http add sslcert ipport=10.0.0.1:443 certhash=$H appid=$A 2>&1 &&
    N $m "$bin/appcmd" add site /name:u /bindings:https/*:443:u.contoso.com /physicalPath:/srv/u 2>&1 &&
    N $m "$bin/appcmd" stop site u 2>&1)
  rc=$?
  if [ $rc = 0 ] && N 022 "$bin/sslbind" http show sslcert ipport=10.0.0.1:443 | grep -q "$H" &&
     N 022 "$bin/appcmd" list site u | grep -q 'state:Stopped'; then
    ok "umask $m: the changes made, and read by the next commands"
  else
    ko "umask $m: the changes made, and read by the next commands (exit $rc)"
    echo "$out" | sed 's/^/  | /'
    (cd "$S" && stat -c '%a %n' * | sed 's/^/  | /')
  fi
  if [ -f "$S/bindings.reg" ] && [ -z "$(cd "$S" && find . -perm /077 -o ! -perm -600)" ]; then
    ok "umask $m: every file its owner's to read and write, no one else's"
  else
    ko "umask $m: every file its owner's to read and write, no one else's"
    (cd "$S" && find . -perm /077 -o ! -perm -600) | sed 's/^/  | /'
  fi
  N 022 "$bin/sslbind" http delete sslcert ipport=10.0.0.1:443 > /dev/null
  N 022 "$bin/appcmd" delete site u > /dev/null

  # the stores' half: a machine without stores yet, a certificate created (certs/, the store
  # MY, .generation, the lock and the mark made under the umask) and one imported into a new store
  C=$work/c$m
  mkdir -m 700 "$C"
  chown nobody "$C"
  hc=$(ST=$C N $m "$bin/sslbind" cert create subject=u.contoso.com 2>&1)
  rc=$?
  hi=$(ST=$C N $m "$bin/sslbind" cert import file="$work/c.pem" store=Web 2>&1)
  rc=$((rc + $?))
  hc=$(echo "$hc" | awk '/Certificate Hash/ {print $NF}')
  hi=$(echo "$hi" | awk '/Certificate Hash/ {print $NF}')
  if [ $rc = 0 ] && [ -n "$hc" ] && [ -n "$hi" ] &&
    ST=$C N 022 "$bin/sslbind" cert show store=MY | grep -q "$hc" &&
    ST=$C N 022 "$bin/sslbind" cert show store=Web | grep -q "$hi" &&
    ST=$C N 022 "$bin/sslbind" http add sslcert ipport=10.0.0.2:443 certhash=$hc appid=$A > /dev/null 2>&1; then
    ok "umask $m: cert create into a new machine, cert import into a new store, then shown and bound"
  else
    ko "umask $m: cert create into a new machine, cert import into a new store, then shown and bound"
    ST=$C N 022 "$bin/sslbind" cert show store=MY 2>&1 | sed 's/^/  | /'
    (cd "$C" && find . -exec stat -c '%a %n' {} + | sed 's/^/  | /')
  fi
  if [ -d "$C/certs" ] && [ -z "$(cd "$C" && find . -mindepth 1 \( -perm /077 -o ! -perm -600 -o -type d ! -perm -700 \))" ]; then
    ok "umask $m: every file and directory of the stores its owner's, no one else's"
  else
    ko "umask $m: every file and directory of the stores its owner's, no one else's"
    (cd "$C" && find . -mindepth 1 \( -perm /077 -o ! -perm -600 -o -type d ! -perm -700 \) -exec stat -c '%a %n' {} +) | sed 's/^/  | /'
  fi
done
summary
