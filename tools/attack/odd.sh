#!/bin/bash
# odd.sh: state files replaced by a directory, a symlink (to a decoy), a dangling symlink, a FIFO.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; mkdir -p $W; cd $W
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
mkbase() {
  rm -rf $W/s; mkdir -m 700 $W/s; export SSLBIND_STATE=$W/s
  H=$($B/sslbind cert create subject=www.contoso.com json=enable | jq -r '.certificates[0].certhash')
  $B/sslbind http add sslcert ipport=0.0.0.0:443 certhash=$H appid=$APP >/dev/null
  $B/appcmd add site /name:S1 "/bindings:https/*:443:" >/dev/null
  $B/sslbind iis address add address=10.1.1.1 >/dev/null
  $B/sslbind cert import file=$ROOT/tests/data/certs/fabrikam.pfx password=secret store=ccs >/dev/null
}
mkbase; cp -a $W/s $W/base
files="bindings.reg applicationHost.config sites.state addresses redirection.config bindings.lock applicationHost.config.lock iis.lock certs certs/.lock certs/my certs/my/HASH.crt certs/my/HASH.key certs/my/.name certs/ccs/www.fabrikam.com.pfx"
cmds=("sslbind http show sslcert" "sslbind http add sslcert ipport=0.0.0.0:444 certhash=HASH appid=$APP" "sslbind http delete sslcert ipport=0.0.0.0:443"
      "appcmd list sites" "appcmd add site /name:S2" "appcmd stop site S1" "sslbind iis binding show" "sslbind iis address add address=10.2.2.2"
      "sslbind cert show" "sslbind cert create subject=x.example" "sslbind cert delete certhash=HASH" "sslbind cert import file=$ROOT/tests/data/certs/shop.pem"
      "sslbind cert import file=$ROOT/tests/data/certs/fabrikam.pfx password=secret store=ccs"
      "sslbind sim handshake ipport=10.1.1.1:443 host=www.fabrikam.com")
for f in $files; do
  for kind in dir symlink dangling fifo; do
    for c in "${cmds[@]}"; do
      rm -rf $W/s; cp -a $W/base $W/s
      H=$(ls $W/s/certs/my/*.crt | sed 's|.*/||; s|\.crt||')
      ff=${f//HASH/$H}; cc=${c//HASH/$H}
      echo "decoy" > $W/decoy; chmod 600 $W/decoy
      p=$W/s/$ff
      [ -e $p ] || [ $f = redirection.config ] || { echo "no $p"; continue; }
      rm -rf $p
      case $kind in dir) mkdir $p ;; symlink) ln -s $W/decoy $p ;; dangling) ln -s $W/nowhere $p ;; fifo) mkfifo $p ;; esac
      out=$(timeout 20 $B/$cc 2>&1 </dev/null); rc=$?
      res=""
      [ $rc = 124 ] && res="HANG"
      [ $rc -ge 128 ] && [ $rc != 124 ] && res="CRASH($rc)"
      echo "$out" | grep -q "AddressSanitizer\|runtime error" && res="$res ASAN"
      [ "$(cat $W/decoy)" != decoy ] && res="$res DECOY-WRITTEN"
      [ -e $W/nowhere ] && res="$res DANGLING-CREATED"
      [ $rc != 0 ] && ! echo "$out" | grep -q "^sslbind: " && res="$res UNEXPLAINED"
      echo "$out" | grep -q "' failed$" && res="$res GENERIC"
      [ -n "$res" ] && { echo "$f/$kind :: $cc -> rc=$rc $res"; echo "$out" | grep -v "^$\|^    [A-Z]" | head -3 | sed 's/^/     /'; }
      rm -f $W/nowhere
    done
  done
done
echo finished
