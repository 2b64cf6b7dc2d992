#!/bin/bash
# conc.sh [W [SECONDS]]: W concurrent workers (default 3, at most 4 on a shared machine), each
# running sslbind and appcmd writers (set site's root applicationPool, set config's site adds and
# deletes among them) on its own keys and sites of one state directory for SECONDS
# (default 30), checking every exit status against its own model; then every binding and site a
# worker's last successful command left must be there (LOST / PHANTOM / STATE / POOL / MISMATCH lines),
# and applicationHost.config must parse.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
W=${1:-3}; T=${2:-30}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
D=$TMP/s; mkdir -m 700 "$D"
export SSLBIND_STATE=$D
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
H=$($B/sslbind cert create subject=x.example json=enable | jq -r '.certificates[0].certhash')
CA=$($B/sslbind cert create subject=ca.example ca=enable store=CAS json=enable | jq -r '.certificates[0].certhash')
worker() {
  local w=$1 end=$((SECONDS+T)) log=$TMP/log.$w
  declare -A have site st pool cfg
  : > $log
  while [ $SECONDS -lt $end ]; do
    i=$((RANDOM%8)); port=$((2000+w*100+i)); r=$((RANDOM%15))
    case $r in
      0|1) out=$($B/sslbind http add sslcert ipport=10.0.$w.1:$port certhash=$H appid=$APP 2>&1); rc=$?
         exp=$([ -n "${have[$i]}" ] && echo 1 || echo 0)
         [ $rc = 0 ] && have[$i]=1
         echo "add $port rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w add $port rc=$rc exp=$exp: $out" ;;
      2) out=$($B/sslbind http update sslcert ipport=10.0.$w.1:$port certhash=$H appid=$APP clientcertnegotiation=enable 2>&1); rc=$?
         exp=$([ -n "${have[$i]}" ] && echo 0 || echo 1)
         echo "upd $port rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w upd $port rc=$rc exp=$exp: $out" ;;
      3|4) out=$($B/sslbind http delete sslcert ipport=10.0.$w.1:$port 2>&1); rc=$?
         exp=$([ -n "${have[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && unset have[$i]
         echo "del $port rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w del $port rc=$rc exp=$exp: $out" ;;
      5) out=$($B/appcmd add site /name:W${w}_$i /id:$((1000+w*100+i)) /bindings:https/*:$port: /physicalPath:/srv/w$w$i 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 1 || echo 0)
         [ $rc = 0 ] && { site[$i]=1; st[$i]=Started; pool[$i]=""; }
         echo "addsite $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w addsite $i rc=$rc exp=$exp: $out" ;;
      6) out=$($B/appcmd delete site W${w}_$i 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && unset site[$i]
         echo "delsite $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w delsite $i rc=$rc exp=$exp: $out" ;;
      7) out=$($B/appcmd set site W${w}_$i "/+bindings.[protocol='https',bindingInformation='10.$w.$i.$((RANDOM%200)):443:']" 2>&1); rc=$?
         echo "setsite $i rc=$rc" >>$log; [ -z "${site[$i]}" ] && [ $rc = 0 ] && echo "MISMATCH w$w setsite on absent $i: $out" ;;
      8) iss=$([ $((RANDOM%2)) = 0 ] && echo "issuer=$CA issuerstore=CAS")   # signed by the shared CA, or not
         out=$($B/sslbind cert create subject=w$w.example store=S$w $iss json=enable 2>&1); rc=$?
         [ $rc != 0 ] && echo "FAIL w$w cert create: $out"
         h=$(echo "$out" | jq -r '.certificates[0].certhash'); echo "cert+ $h rc=$rc" >>$log ;;
      9) h=$($B/sslbind cert show store=S$w json=enable 2>/dev/null | jq -r '.certificates[0].certhash // empty')
         if [ -n "$h" ]; then out=$($B/sslbind cert delete store=S$w certhash=$h 2>&1); rc=$?; echo "cert- $h rc=$rc" >>$log
           [ $rc != 0 ] && echo "FAIL w$w cert delete $h: $out"; fi ;;
      10|11) v=$([ $r = 10 ] && echo stop || echo start); out=$($B/appcmd $v site W${w}_$i 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && st[$i]=$([ $v = stop ] && echo Stopped || echo Started)
         echo "$v $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w $v $i rc=$rc exp=$exp: $out" ;;
      12) p=P$w$RANDOM; out=$($B/appcmd set site W${w}_$i "/[path='/'].applicationPool:$p" 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && pool[$i]=$p
         echo "pool $i $p rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w pool $i rc=$rc exp=$exp: $out" ;;
      13) out=$($B/appcmd set config -section:sites "/+[name='C${w}_$i',id='$((5000+w*100+i))']" 2>&1); rc=$?
         exp=$([ -n "${cfg[$i]}" ] && echo 1 || echo 0)
         [ $rc = 0 ] && cfg[$i]=1
         echo "cfg+ $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w cfg+ $i rc=$rc exp=$exp: $out" ;;
      14) out=$($B/appcmd set config -section:sites "/-[name='C${w}_$i']" 2>&1); rc=$?
         exp=$([ -n "${cfg[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && unset cfg[$i]
         echo "cfg- $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w cfg- $i rc=$rc exp=$exp: $out" ;;
    esac
  done
  # final check
  for i in $(seq 0 7); do port=$((2000+w*100+i))
    $B/sslbind http show sslcert ipport=10.0.$w.1:$port >/dev/null 2>&1; rc=$?
    if [ -n "${have[$i]}" ]; then [ $rc = 0 ] || echo "LOST w$w binding $port"; else [ $rc != 0 ] || echo "PHANTOM w$w binding $port"; fi
    $B/appcmd list site W${w}_$i >/dev/null 2>&1; rc=$?
    if [ -n "${site[$i]}" ]; then [ $rc = 0 ] || echo "LOST w$w site $i"; else [ $rc != 0 ] || echo "PHANTOM w$w site $i"; fi
    if [ -n "${site[$i]}" ]; then g=$($B/appcmd list site W${w}_$i /text:state 2>&1); [ "$g" = "${st[$i]}" ] || echo "STATE w$w site $i: $g, expected ${st[$i]}"; fi
    if [ -n "${site[$i]}" ]; then g=$(xmllint --xpath "string(//site[@name='W${w}_$i']/application[@path='/']/@applicationPool)" $D/applicationHost.config 2>&1)
      [ "$g" = "${pool[$i]}" ] || echo "POOL w$w site $i: '$g', expected '${pool[$i]}'"; fi
    $B/appcmd list site C${w}_$i >/dev/null 2>&1; rc=$?
    if [ -n "${cfg[$i]}" ]; then [ $rc = 0 ] || echo "LOST w$w config site $i"; else [ $rc != 0 ] || echo "PHANTOM w$w config site $i"; fi
  done
}
for w in $(seq 1 $W); do worker $w & done
wait
xmllint --noout $D/applicationHost.config && echo xml-ok
$B/sslbind http show sslcert json=enable | jq '.SslCertificateBindings|length'
wc -l $TMP/log.* | tail -1
# per kind of command: successes/runs (each kind ran, and some of it succeeded)
awk '{ n[$1]++; ok[$1] += ($0 ~ / rc=0/) } END { for (k in n) printf "%s %d/%d  ", k, ok[k], n[k]; print "" }' $TMP/log.*
