#!/usr/bin/env bash
# json.sh SSLBIND — every JSON output a script reads is valid JSON of the documented shape, checked
# with jq: cert create|import|show json=enable, http show sslcert json=enable in Windows' shape
# (docs/shell.md), sim handshake json=enable; and sim's exit=result codes, one per Result.
set -u
sb=$1
data=$(cd "$(dirname "$0")/../data" && pwd)
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }
run() { "$sb" --state "$state" "$@" 2> "$state/err"; }
# check NAME JQ-FILTER < JSON: the filter must print true
check() {
  local out
  if out=$(jq -e "$2" 2>&1) && [ "$out" = true ]; then ok; else ko "$1: jq '$2' gave: $out"; fi
}
# b64 HEX: the base64 of the bytes the hex digits spell
b64() { printf "$(printf '%s' "$1" | sed 's/../\\x&/g')" | base64; }
appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'

# cert create: the thumbprint without parsing text
json=$(run cert create subject=www.contoso.com json=enable)
check "cert create" '(.certificates | length == 1) and (.certificates[0].certhash | test("^[0-9a-f]{40}$"))
  and .certificates[0].store == "MY" and .certificates[0].dnsnames == ["www.contoso.com"]
  and .certificates[0].ipaddresses == [] and .certificates[0].privatekey == true
  and .certificates[0].file == null and .certificates[0].subject == "CN=www.contoso.com"' <<< "$json"
H=$(jq -r '.certificates[0].certhash' <<< "$json")
if run cert show certhash="$H" | grep -q "Certificate Hash *: $H"; then ok; else ko "cert show does not know $H"; fi

json=$(run cert create subject=shop.contoso.com dnsnames=shop.contoso.com,contoso.com,192.0.2.7 store=WebHosting json=enable)
check "cert create dnsnames" '.certificates[0].dnsnames == ["shop.contoso.com", "contoso.com"]
  and .certificates[0].ipaddresses == ["192.0.2.7"] and .certificates[0].store == "WebHosting"' <<< "$json"
W=$(jq -r '.certificates[0].certhash' <<< "$json")

json=$(run cert import file="$data/certs/fabrikam.pfx" password=secret store=ccs json=enable)
check "cert import" '.certificates == [.certificates[0]] and .certificates[0].certhash == "e5729401b92e64261e2df399f92c370bb00ece17"
  and .certificates[0].file == "www.fabrikam.com.pfx" and .certificates[0].dnsnames == ["www.fabrikam.com", "fabrikam.com"]' <<< "$json"

json=$(run cert show json=enable)
check "cert show" '(.certificates | length == 3) and ([.certificates[].store] | sort == ["MY", "WebHosting", "ccs"])' <<< "$json"
json=$(run cert show store=WEBHOSTING json=enable)
check "cert show store=" '[.certificates[].store] == ["WEBHOSTING"]' <<< "$json"
json=$(run cert show certhash=0000000000000000000000000000000000000000 json=enable); rc=$?
check "cert show, no such certificate" '.certificates == []' <<< "$json"
[ "$rc" = 1 ] && ok || ko "cert show of a missing certificate exits $rc, not 1"

# show sslcert json=enable, Windows' shape
run http add sslcert ipport=0.0.0.0:443 certhash="$H" appid="$appid" > /dev/null
run http add sslcert hostnameport=shop.contoso.com:443 certhash="$W" appid="$appid" certstorename=WebHosting \
  clientcertnegotiation=enable revocationfreshnesstime=60 > /dev/null
run http add sslcert ccs=8443 appid="$appid" > /dev/null
run http add sslcert scopedccs=www.fabrikam.com:8443 appid="$appid" > /dev/null
json=$(run http show sslcert json=enable)
check "show sslcert: the object" '(keys == ["SslCertificateBindings", "message", "status"]) and .status == 0
  and (.SslCertificateBindings | length == 4)' <<< "$json"
check "show sslcert: keys and ConfigType" '[.SslCertificateBindings[] | [(.IpPort // .HostnamePort // .Ccs // .ScopedCcs), .ConfigType]]
  == [["0.0.0.0:443", 1], ["shop.contoso.com:443", 5], ["8443", 6], ["www.fabrikam.com:8443", 11]]' <<< "$json"
check "show sslcert: AppId and GuidString" 'all(.SslCertificateBindings[]; .AppId == "4dc3e181-e14b-4a21-b022-59fc669b0914"
  and .GuidString == "{" + .AppId + "}")' <<< "$json"
check "show sslcert: SslHash" "[.SslCertificateBindings[] | .SslHash] == [\"$(b64 "$H")\", \"$(b64 "$W")\", null, null]" <<< "$json"
check "show sslcert: the parameter block" '.SslCertificateBindings[1] | .SslHashLength == 20 and .SslCertStoreName == "WebHosting"
  and .DefaultFlags == 2 and .DefaultCertCheckMode == 4 and .DefaultRevocationFreshnessTime == 60
  and .DefaultRevocationUrlRetrievalTimeout == 0 and .DefaultSslCtlIdentifier == null and .DefaultSslCtlStoreName == null' <<< "$json"
check "show sslcert: no store name given" '.SslCertificateBindings[0].SslCertStoreName == null and .SslCertificateBindings[2].SslHashLength == 0' <<< "$json"
json=$(run http show sslcert ipport=10.9.9.9:443 json=enable); rc=$?
check "show sslcert, no such key" '.SslCertificateBindings == [] and .status == 2 and .message == "The system cannot find the file specified."' <<< "$json"
[ "$rc" = 1 ] && ok || ko "show sslcert json of a missing key exits $rc, not 1"

# sim handshake json=enable and exit=result
json=$(run sim handshake ipport=10.0.0.1:443 host=shop.contoso.com json=enable)
check "sim json" '.result == "OK" and .certificate.dnsnames == ["shop.contoso.com", "contoso.com"]
  and .certificate.ipaddresses == ["192.0.2.7"] and .certificate.store == "WebHosting" and .trailingdotdropped == false
  and (.probes | map(.outcome) == ["skipped", "hit"])' <<< "$json"
json=$(run sim handshake ipport=10.0.0.1:443 host=www.contoso.com. sni=disable json=enable)
check "sim json, trailing dot" '.trailingdotdropped == true and .host == "www.contoso.com." and .sni == null and .namecheck.passed' <<< "$json"
run http add sslcert ipport=10.0.0.3:443 certhash="$H" appid="$appid" reject=enable > /dev/null
run http add sslcert ipport=10.0.0.4:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid="$appid" > /dev/null 2>&1
run cert import file="$data/certs/contoso.pem" store=Gone > /dev/null
run http add sslcert ipport=10.0.0.4:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid="$appid" certstorename=Gone > /dev/null
run cert delete certhash=2006557039ef547eb88124f0ef5d7e7d1639adff store=Gone > /dev/null
for c in "OK 0 ipport=10.0.0.1:443 host=www.contoso.com" "NAME_MISMATCH 2 ipport=10.0.0.1:443 host=nope.contoso.com" \
         "NO_BINDING 3 ipport=10.0.0.1:444 host=www.contoso.com" "CERT_NOT_FOUND 4 ipport=10.0.0.4:443 host=www.contoso.com" \
         "REJECTED 5 ipport=10.0.0.3:443 host=www.contoso.com"; do
  set -- $c
  res=$1 code=$2; shift 2
  run sim handshake "$@" exit=result > "$state/out"; rc=$?
  [ "$rc" = "$code" ] && grep -q "Result *: $res\$" "$state/out" && ok || ko "sim $* exit=result: exit $rc, want $code ($res)"
  json=$(run sim handshake "$@" json=enable exit=result); rc=$?
  [ "$rc" = "$code" ] && ok || ko "sim $* json=enable exit=result: exit $rc, want $code"
  check "sim json $res" ".result == \"$res\"" <<< "$json"
  run sim handshake "$@" > /dev/null; rc=$?
  [ "$rc" = 0 ] && ok || ko "sim $* without exit=result: exit $rc, want 0"
done
run http add sslcert ipport=10.0.1.0:443 certhash="$H" appid="$appid" > /dev/null
run http show sslcert ipport=10.0.1.0:443 | sed -n 's/^    \([^:]*[^ ]\) *: \(Enabled\|Disabled\|Set\|Not Set\)$/\1 : \2/p' > "$state/default"
[ "$(wc -l < "$state/default")" -ge 20 ] && ok || ko "a default binding's show has $(wc -l < "$state/default") Enabled/Set lines"
# each parameter alone sets exactly its bit of Windows' parameter block (the spec's table: a swap of
# two bits that change no behaviour here would still break a `reg export` round trip) and its one
# line of `show`: TAG=VALUE FIELD BIT "LABEL : VALUE"
n=0
while read -r tv field bit line; do
  n=$((n + 1))
  key=10.0.1.$n:443
  run http add sslcert ipport=$key certhash="$H" appid="$appid" "$tv" > /dev/null || { ko "add $tv: $(cat "$state/err")"; continue; }
  json=$(run http show sslcert ipport=$key json=enable)
  if [ "$field" = DefaultCertCheckMode ]; then other=DefaultFlags; else other=DefaultCertCheckMode; fi
  check "$tv sets $field $bit" ".SslCertificateBindings[0].$field == $bit and .SslCertificateBindings[0].$other == 0" <<< "$json"
  # the text: that line shows the change; every other Enabled/Disabled/Set line as with no parameter
  run http show sslcert ipport=$key | sed -n 's/^    \([^:]*[^ ]\) *: \(Enabled\|Disabled\|Set\|Not Set\)$/\1 : \2/p' > "$state/lines"
  changed=$(diff "$state/default" "$state/lines" | sed -n 's/^> //p')
  [ "$changed" = "${line//_/ }" ] && ok || ko "$tv: show changed [$changed], want [${line//_/ }]"
done <<'TAGS'
verifyclientcertrevocation=disable DefaultCertCheckMode 1 Verify_Client_Certificate_Revocation_:_Disabled
verifyrevocationwithcachedclientcertonly=enable DefaultCertCheckMode 2 Verify_Revocation_Using_Cached_Client_Certificate_Only_:_Enabled
revocationfreshnesstime=3600 DefaultCertCheckMode 4 Use_Revocation_Freshness_Time_:_Enabled
usagecheck=disable DefaultCertCheckMode 65536 Usage_Check_:_Disabled
dsmapperusage=enable DefaultFlags 1 DS_Mapper_Usage_:_Enabled
clientcertnegotiation=enable DefaultFlags 2 Negotiate_Client_Certificate_:_Enabled
reject=enable DefaultFlags 8 Reject_Connections_:_Enabled
disablehttp2=enable DefaultFlags 16 Disable_HTTP2_:_Set
disablequic=enable DefaultFlags 32 Disable_QUIC_:_Set
disabletls13=enable DefaultFlags 64 Disable_TLS1.3_:_Set
disableocspstapling=enable DefaultFlags 128 Disable_OCSP_Stapling_:_Set
enabletokenbinding=enable DefaultFlags 256 Enable_Token_Binding_:_Set
logextendedevents=enable DefaultFlags 512 Log_Extended_Events_:_Set
disablelegacytls=enable DefaultFlags 1024 Disable_Legacy_TLS_Versions_:_Set
enablesessionticket=enable DefaultFlags 2048 Enable_Session_Ticket_:_Set
disabletls12=enable DefaultFlags 4096 Disable_TLS1.2_:_Set
disablesessionid=enable DefaultFlags 16384 Disable_Session_ID_:_Set
TAGS
# in a script, a Result other than OK with exit=result is a failed command, explained; the script exits 1
printf '%s\n' 'sim handshake ipport=10.0.0.1:444 host=www.contoso.com exit=result' \
  'sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=result' | "$sb" --state "$state" > /dev/null 2> "$state/err"; rc=$?
[ "$rc" = 1 ] && grep -q 'exit=result: the Result is NO_BINDING, exit status 3$' "$state/err" && [ "$(wc -l < "$state/err")" = 1 ] &&
  ok || ko "a script with a failed exit=result: exit $rc, standard error: $(cat "$state/err")"
run sim handshake ipport=10.0.0.1:443 host=www.contoso.com.. exit=result > /dev/null; rc=$?
[ "$rc" = 1 ] && ok || ko "sim with bad input and exit=result: exit $rc, want 1"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
