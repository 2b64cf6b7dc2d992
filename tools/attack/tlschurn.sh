#!/bin/bash
# tlschurn.sh SECONDS: sslbind-tls serving while 2 writers churn bindings, certificates and the
# central store; probes check every served certificate was bound at some moment.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
T=${1:-40}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; mkdir -p $W/s; chmod 700 $W/s; cd $W
export SSLBIND_STATE=$W/s
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
A=$($B/sslbind cert create subject=www.contoso.com json=enable | jq -r '.certificates[0].certhash')
Bc=$($B/sslbind cert create subject=www.contoso.com json=enable | jq -r '.certificates[0].certhash')
S=$($B/sslbind cert create subject=shop.contoso.com store=WebHosting json=enable | jq -r '.certificates[0].certhash')
$B/sslbind cert export certhash=$S store=WebHosting file=$W/shop.pfx password=x >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout ccs.key -out ccs.crt -subj /CN=ccs.contoso.com -addext subjectAltName=DNS:ccs.contoso.com -days 30 2>/dev/null
openssl pkcs12 -export -in ccs.crt -inkey ccs.key -out ccs.pfx -passout pass: 2>/dev/null
$B/sslbind cert import file=ccs.pfx password= store=ccs >/dev/null
C=$(openssl x509 -in ccs.crt -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr A-F a-f)
echo "A=$A B=$Bc S=$S C=$C"
$B/sslbind-tls --listen 127.0.0.1:0 --workers 2 > out 2> log &
SRV=$!
until grep -q listening out; do sleep 0.1; done
PORT=$(sed -n 's/^sslbind-tls: listening on 127\.0\.0\.1://p' out)
$B/sslbind http add sslcert ipport=0.0.0.0:$PORT certhash=$A appid=$APP >/dev/null
$B/sslbind http add sslcert ccs=$PORT appid=$APP >/dev/null 2>&1
echo "port $PORT; fds at start: $(ls /proc/$SRV/fd | wc -l)"
end=$((SECONDS+T))
w1() { while [ $SECONDS -lt $end ]; do
  $B/sslbind http update sslcert ipport=0.0.0.0:$PORT certhash=$Bc appid=$APP >/dev/null
  $B/sslbind http update sslcert ipport=0.0.0.0:$PORT certhash=$A appid=$APP >/dev/null
  $B/sslbind http add sslcert hostnameport=shop.contoso.com:$PORT certhash=$S certstorename=WebHosting appid=$APP >/dev/null
  $B/sslbind http delete sslcert hostnameport=shop.contoso.com:$PORT >/dev/null
done; }
w2() { while [ $SECONDS -lt $end ]; do
  $B/sslbind cert delete store=WebHosting certhash=$S >/dev/null
  $B/sslbind cert import file=$W/shop.pfx password=x store=WebHosting >/dev/null
  $B/sslbind cert delete store=ccs certhash=$C >/dev/null
  $B/sslbind cert import file=ccs.pfx password= store=ccs >/dev/null
  cp ccs.pfx s/certs/ccs/ccs.contoso.com.pfx.new; mv s/certs/ccs/ccs.contoso.com.pfx.new s/certs/ccs/ccs.contoso.com.pfx
done; }
probe() { local n=0 bad=0 refused=0; while [ $SECONDS -lt $end ]; do
  for sni in www.contoso.com shop.contoso.com ccs.contoso.com; do
    fp=$(timeout 10 openssl s_client -connect 127.0.0.1:$PORT -servername $sni </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha1 2>/dev/null | sed 's/.*=//; s/://g' | tr A-F a-f)
    n=$((n+1))
    case "$sni:$fp" in
      *:) refused=$((refused+1)) ;;
      www*:$A|www*:$Bc|shop*:$S|shop*:$A|shop*:$Bc|ccs*:$C|ccs*:$A|ccs*:$Bc) ;;
      *) bad=$((bad+1)); echo "BAD: $sni got $fp" ;;
    esac
  done
done; echo "probe: $n handshakes, $refused refused, $bad bad"; }
nice -n 19 bash -c "$(declare -f w1); $(declare -p B PORT Bc A S APP end); w1" & P1=$!
nice -n 19 bash -c "$(declare -f w2); $(declare -p B W C S end); cd $W; w2" & P2=$!
probe & P3=$!
for i in $(seq $((T/5))); do sleep 5; echo "t=$((i*5)) fds=$(ls /proc/$SRV/fd 2>/dev/null | wc -l) alive=$(kill -0 $SRV 2>/dev/null && echo y || echo n)"; done
wait $P1 $P2 $P3
sleep 1
# final: it still notices changes
$B/sslbind http update sslcert ipport=0.0.0.0:$PORT certhash=$Bc appid=$APP >/dev/null
fp=$(openssl s_client -connect 127.0.0.1:$PORT -servername www.contoso.com </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr A-F a-f)
[ "$fp" = "$Bc" ] && echo "final change noticed" || echo "FINAL: got $fp, expected $Bc"
$B/sslbind http update sslcert ipport=0.0.0.0:$PORT certhash=$A appid=$APP >/dev/null
fp=$(openssl s_client -connect 127.0.0.1:$PORT -servername www.contoso.com </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr A-F a-f)
[ "$fp" = "$A" ] && echo "final change 2 noticed" || echo "FINAL2: got $fp, expected $A"
echo "fds at end: $(ls /proc/$SRV/fd | wc -l)"
kill -TERM $SRV; wait $SRV; echo "server exit $?"
grep -v "SERVED\|request" log | sed "s/[0-9a-f]\{40\}/H/g" | sort | uniq -c | sort -rn | head -20
