#!/bin/bash
# odd.sh [FILE-REGEX [COMMAND-REGEX]]: state files replaced by a directory, a symlink (to a decoy), a
# dangling symlink, a FIFO, under every command (or those matching the regexes). Paths are under
# $W: s/ is a standalone server (with a CA in WebHosting), farm/ a shared configuration exported
# from it, b/ a server of that farm, other.config a file for /apphostconfig; a command prefixed
# "b:" runs as server b. All files under all commands take about an hour on a loaded machine.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
FRE=${1:-.}; CRE=${2:-.}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; mkdir -p $W; cd $W
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
mkbase() {
  rm -rf $W/s $W/b $W/farm; mkdir -m 700 $W/s $W/b; export SSLBIND_STATE=$W/s
  H=$($B/sslbind cert create subject=www.contoso.com json=enable | jq -r '.certificates[0].certhash')
  $B/sslbind cert create subject=ca.contoso.com ca=enable store=WebHosting >/dev/null
  $B/sslbind http add sslcert ipport=0.0.0.0:443 certhash=$H appid=$APP >/dev/null
  $B/appcmd add site /name:S1 "/bindings:https/*:443:" /physicalPath:/srv/s1 >/dev/null
  $B/sslbind iis address add address=10.1.1.1 >/dev/null
  $B/sslbind cert import file=$ROOT/tests/data/certs/fabrikam.pfx password=secret store=ccs >/dev/null
  cp $W/s/applicationHost.config $W/other.config
  $B/sslbind iis sharedconfig export path=$W/farm >/dev/null
  SSLBIND_STATE=$W/b $B/sslbind iis sharedconfig enable path=$W/farm >/dev/null 2>&1
  SSLBIND_STATE=$W/b $B/appcmd list sites >/dev/null
}
mkbase; mkdir $W/base; cp -a $W/s $W/b $W/farm $W/other.config $W/base/
files="s/bindings.reg s/applicationHost.config s/sites.state s/addresses s/redirection.config s/bindings.lock
  s/applicationHost.config.lock s/iis.lock s/certs s/certs/.lock s/certs/my s/certs/my/HASH.crt s/certs/my/HASH.key
  s/certs/my/.name s/certs/ccs/www.fabrikam.com.pfx s/certs/webhosting/CA.crt s/certs/webhosting/CA.key
  farm/applicationHost.config farm/applicationHost.config.lock other.config b/redirection.config b/sites.state
  b/iis.lock s/sites.state.next b/sites.state.next"
cmds=("sslbind http show sslcert" "sslbind http add sslcert ipport=0.0.0.0:444 certhash=HASH appid=$APP" "sslbind http delete sslcert ipport=0.0.0.0:443"
      "appcmd list sites" "appcmd add site /name:S2" "appcmd stop site S1" "sslbind iis binding show" "sslbind iis address add address=10.2.2.2"
      "sslbind cert show" "sslbind cert create subject=x.example" "sslbind cert delete certhash=HASH" "sslbind cert import file=$ROOT/tests/data/certs/shop.pem"
      "sslbind cert import file=$ROOT/tests/data/certs/fabrikam.pfx password=secret store=ccs"
      "sslbind sim handshake ipport=10.1.1.1:443 host=www.fabrikam.com"
      "appcmd set site S1 /[path='/'].applicationPool:P1"
      "appcmd set site S1 /[path='/'].[path='/'].physicalPath:/srv/x /[path='/'].[path='/'].password:pw"
      "appcmd set site S1 /applicationDefaults.applicationPool:P2"
      "appcmd set config -section:sites /+[name='N2',id='7'] /+[name='N2',id='7'].[path='/']"
      "appcmd set config -section:sites /-[name='S1']"
      "appcmd list sites /apphostconfig:$W/other.config"
      "appcmd add site /name:Z /apphostconfig:$W/other.config"
      "appcmd set site S1 /[path='/'].applicationPool:P3 /apphostconfig:$W/other.config"
      "sslbind cert create subject=leaf.example issuer=CA issuerstore=WebHosting"
      "sslbind iis sharedconfig export path=$W/farm2"
      "sslbind iis sharedconfig export path=$W/farm"
      "sslbind iis sharedconfig enable path=$W/farm"
      "b:sslbind iis sharedconfig show"
      "b:sslbind iis sharedconfig disable"
      "b:appcmd add site /name:F1"
      "b:appcmd stop site S1"
      "b:appcmd set site S1 /[path='/'].applicationPool:P4"
      "b:appcmd set config -section:sites /-[name='S1']")
for f in $files; do
  echo "$f" | grep -q -- "$FRE" || continue
  for kind in dir symlink dangling fifo; do
    for c in "${cmds[@]}"; do
      echo "$c" | grep -q -- "$CRE" || continue
      rm -rf $W/s $W/b $W/farm $W/farm2 $W/other.config; cp -a $W/base/. $W/
      H=$(ls $W/s/certs/my/*.crt | sed 's|.*/||; s|\.crt||')
      CA=$(ls $W/s/certs/webhosting/*.crt | sed 's|.*/||; s|\.crt||')
      ff=${f//HASH/$H}; ff=${ff//CA/$CA}; cc=${c//HASH/$H}; cc=${cc//issuer=CA/issuer=$CA}
      S=$W/s; [ "${cc:0:2}" = "b:" ] && { S=$W/b; cc=${cc:2}; }
      echo "decoy" > $W/decoy; chmod 600 $W/decoy
      p=$W/$ff
      [ -e $p ] || [ ${f#*/} = redirection.config ] || [ ${f#*/} = sites.state.next ] || { echo "no $p"; continue; }
      rm -rf $p
      case $kind in dir) mkdir $p ;; symlink) ln -s $W/decoy $p ;; dangling) ln -s $W/nowhere $p ;; fifo) mkfifo $p ;; esac
      out=$(SSLBIND_STATE=$S timeout 20 $B/$cc 2>&1 </dev/null); rc=$?
      res=""
      [ $rc = 124 ] && res="HANG"
      [ $rc -ge 128 ] && [ $rc != 124 ] && res="CRASH($rc)"
      echo "$out" | grep -q "AddressSanitizer\|runtime error" && res="$res ASAN"
      [ "$(cat $W/decoy)" != decoy ] && res="$res DECOY-WRITTEN"
      [ -e $W/nowhere ] && res="$res DANGLING-CREATED"
      [ $rc != 0 ] && ! echo "$out" | grep -q "^sslbind: " && res="$res UNEXPLAINED"
      echo "$out" | grep -q "' failed$" && res="$res GENERIC"
      [ -n "$res" ] && { echo "$f/$kind :: ${S##*/}: $cc -> rc=$rc $res"; echo "$out" | grep -v "^$\|^    [A-Z]" | head -3 | sed 's/^/     /'; }
      rm -f $W/nowhere
    done
  done
done
echo finished
