#!/bin/bash
# conc.sh [W [SECONDS]]: W concurrent workers (default 3, at most 4 on a shared machine), each
# running sslbind and appcmd writers on its own keys and sites of one state directory for SECONDS
# (default 30), checking every exit status against its own model; then every binding and site a
# worker's last successful command left must be there (LOST / PHANTOM / STATE / MISMATCH lines),
# and applicationHost.config must parse.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
W=${1:-3}; T=${2:-30}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
D=$TMP/s; mkdir -m 700 "$D"
export SSLBIND_STATE=$D
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
H=$($B/sslbind cert create subject=x.example json=enable | jq -r '.certificates[0].certhash')
worker() {
  local w=$1 end=$((SECONDS+T)) log=$TMP/log.$w
  declare -A have site st
  : > $log
  while [ $SECONDS -lt $end ]; do
    i=$((RANDOM%8)); port=$((2000+w*100+i)); r=$((RANDOM%12))
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
      5) out=$($B/appcmd add site /name:W${w}_$i /bindings:https/*:$port: 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 1 || echo 0)
         [ $rc = 0 ] && { site[$i]=1; st[$i]=Started; }
         echo "addsite $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w addsite $i rc=$rc exp=$exp: $out" ;;
      6) out=$($B/appcmd delete site W${w}_$i 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && unset site[$i]
         echo "delsite $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w delsite $i rc=$rc exp=$exp: $out" ;;
      7) out=$($B/appcmd set site W${w}_$i "/+bindings.[protocol='https',bindingInformation='10.$w.$i.$((RANDOM%200)):443:']" 2>&1); rc=$?
         echo "setsite $i rc=$rc" >>$log; [ -z "${site[$i]}" ] && [ $rc = 0 ] && echo "MISMATCH w$w setsite on absent $i: $out" ;;
      8) out=$($B/sslbind cert create subject=w$w.example store=S$w json=enable 2>&1); rc=$?
         [ $rc != 0 ] && echo "FAIL w$w cert create: $out"
         h=$(echo "$out" | jq -r '.certificates[0].certhash'); echo "cert+ $h" >>$log ;;
      9) h=$($B/sslbind cert show store=S$w json=enable 2>/dev/null | jq -r '.certificates[0].certhash // empty')
         if [ -n "$h" ]; then out=$($B/sslbind cert delete store=S$w certhash=$h 2>&1); rc=$?; echo "cert- $h rc=$rc" >>$log
           [ $rc != 0 ] && echo "FAIL w$w cert delete $h: $out"; fi ;;
      10|11) v=$([ $r = 10 ] && echo stop || echo start); out=$($B/appcmd $v site W${w}_$i 2>&1); rc=$?
         exp=$([ -n "${site[$i]}" ] && echo 0 || echo 1)
         [ $rc = 0 ] && st[$i]=$([ $v = stop ] && echo Stopped || echo Started)
         echo "$v $i rc=$rc exp=$exp" >>$log; [ $rc != $exp ] && echo "MISMATCH w$w $v $i rc=$rc exp=$exp: $out" ;;
    esac
  done
  # final check
  for i in $(seq 0 7); do port=$((2000+w*100+i))
    $B/sslbind http show sslcert ipport=10.0.$w.1:$port >/dev/null 2>&1; rc=$?
    if [ -n "${have[$i]}" ]; then [ $rc = 0 ] || echo "LOST w$w binding $port"; else [ $rc != 0 ] || echo "PHANTOM w$w binding $port"; fi
    $B/appcmd list site W${w}_$i >/dev/null 2>&1; rc=$?
    if [ -n "${site[$i]}" ]; then [ $rc = 0 ] || echo "LOST w$w site $i"; else [ $rc != 0 ] || echo "PHANTOM w$w site $i"; fi
    if [ -n "${site[$i]}" ]; then g=$($B/appcmd list site W${w}_$i /text:state 2>&1); [ "$g" = "${st[$i]}" ] || echo "STATE w$w site $i: $g, expected ${st[$i]}"; fi
  done
}
for w in $(seq 1 $W); do worker $w & done
wait
xmllint --noout $D/applicationHost.config && echo xml-ok
$B/sslbind http show sslcert json=enable | jq '.SslCertificateBindings|length'
wc -l $TMP/log.* | tail -1
