#!/usr/bin/env bash
# flags.sh SSLBIND SSLBIND-TLS — a binding's DefaultFlags at the handshake, as http.sys applies
# them, checked with openssl s_client on 127.0.0.1: disabletls13 (TLS 1.2 negotiated, a TLS 1.3-only
# client refused with protocol_version), disabletls12 (the reverse), both (every client refused,
# said in the log), clientcertnegotiation (a CertificateRequest; a client certificate taken), and
# a binding without flags beside them unchanged; sessions resuming under their own binding only;
# the update of a flag served at the next handshake.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

C=$("$sb" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
need_server 1
for b in "plain" "tls12 disabletls13=enable" "tls13 disabletls12=enable" "none disabletls12=enable disabletls13=enable" \
         "client clientcertnegotiation=enable"; do
  set -- $b
  name=$1; shift
  "$sb" http add sslcert hostnameport=$name.contoso.com:$P certhash=$C appid=$A "$@" > /dev/null || ko "add $name"
done

# hello NAME [s_client options…]: the handshake's outcome: the version, or "refused: ALERT"
hello() {
  local name=$1 out; shift
  out=$(printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername $name.contoso.com \
        -ign_eof "$@" 2>&1)
  if grep -q "HTTP/1.1 200 OK" <<< "$out"; then
    grep -m1 -oE "Protocol *: *TLSv1\.[23]" <<< "$out" | grep -oE "TLSv1\.[23]"
  else
    echo "refused: $(grep -oE 'alert [a-z ]+' <<< "$out" | head -1)"
  fi
}
expect() { # expect DESCRIPTION WANT NAME [options…]
  local what=$1 want=$2 got; shift 2
  got=$(hello "$@")
  if [ "$got" = "$want" ]; then ok "$what"; else ko "$what: got '$got', want '$want'"; fi
}
expect "no flags: TLS 1.3 by default" TLSv1.3 plain
expect "no flags: TLS 1.2 when the client asks" TLSv1.2 plain -tls1_2
expect "disabletls13: TLS 1.2 negotiated with a client offering both" TLSv1.2 tls12
expect "disabletls13: a TLS 1.3-only client refused (protocol_version)" "refused: alert protocol version" tls12 -tls1_3
expect "disabletls12: TLS 1.3 negotiated" TLSv1.3 tls13
expect "disabletls12: a TLS 1.2-only client refused" "refused: alert protocol version" tls13 -tls1_2
expect "both disabled: refused" "refused: alert protocol version" none
if grep -qF "sni=none.contoso.com -> Hostname:port none.contoso.com:$P cert $C [NO_PROTOCOL]: the binding disables both TLS 1.2 and TLS 1.3" "$work/log"; then
  ok "both disabled: the log says why"; else ko "both disabled: the log says why"; fi
for _ in $(seq 50); do grep -q "tls12.contoso.com.*unsupported protocol (the binding disables TLS 1.3)" "$work/log" && break; sleep 0.1; done
if grep -q "sni=tls12.contoso.com.*then the handshake failed: .*unsupported protocol (the binding disables TLS 1.3)" "$work/log"; then
  ok "a version refused: the log names the flag"; else ko "a version refused: the log names the flag"; fi

creq() { echo | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername $1.contoso.com -msg "${@:2}" 2>&1 | grep -c "CertificateRequest"; }
if [ "$(creq client)" -ge 1 ] && [ "$(creq client -tls1_2)" -ge 1 ] && [ "$(creq plain)" = 0 ]; then
  ok "clientcertnegotiation: a CertificateRequest in TLS 1.3 and 1.2, none without the flag"
else ko "clientcertnegotiation: a CertificateRequest"; fi
expect "clientcertnegotiation: a client that sends none is served" TLSv1.3 client
expect "clientcertnegotiation: a client certificate is taken" TLSv1.3 client -cert "$data/fabrikam.pem" -key "$data/fabrikam.pem"

# Resumption: a session resumes under the binding that made it (a client certificate asked for
# or not: OpenSSL refused to resume without a session context then, with internal_error), never
# under another binding (its certificate would be skipped).
# resume NAME FROM TLS: the second connection's outcome with NAME, offering the session a
# connection to FROM got ("Reused" or "New"), or "failed"
resume() {
  local req='GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' out
  rm -f "$work/sess"
  printf "$req" | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername $2.contoso.com -$3 -sess_out "$work/sess" \
    -ign_eof > /dev/null 2>&1
  out=$(printf "$req" | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername $1.contoso.com -$3 -sess_in "$work/sess" \
        -ign_eof 2>&1)
  if grep -q "HTTP/1.1 200 OK" <<< "$out"; then grep -m1 -oE "^(Reused|New)" <<< "$out"; else echo failed; fi
}
for v in tls1_3 tls1_2; do
  for pair in "client client Reused" "plain plain Reused" "client plain New" "plain client New"; do
    set -- $pair
    got=$(resume $1 $2 $v)
    if [ "$got" = "$3" ]; then ok "$v: a session from $2 offered to $1: $3"; else ko "$v: a session from $2 offered to $1: got $got, want $3"; fi
  done
done

# update: the flag goes, the next handshake sees it
"$sb" http update sslcert hostnameport=tls12.contoso.com:$P certhash=$C appid=$A disabletls13=disable > /dev/null
expect "update disabletls13=disable: TLS 1.3 at the next handshake" TLSv1.3 tls12

stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
