#!/usr/bin/env bash
# hrr.sh SSLBIND SSLBIND-TLS HRR-CLIENT — a TLS 1.3 HelloRetryRequest whose second ClientHello
# names another binding than the first (RFC 8446 4.1.2 forbids the change; a client may still
# send it). sslbind-tls's ClientHello callback runs again for the second ClientHello and serves
# the binding it names: nothing of the first binding may carry over. hrr-client (hrr_client.c)
# forces the retry with a key share for a group the server does not know, changes its SNI when
# the HelloRetryRequest arrives, and reports what each ClientHello carried (read from the bytes it
# wrote), whether a CertificateRequest came, the certificate presented and how the handshake ended.
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"
client=${3:?usage: hrr.sh SSLBIND SSLBIND-TLS HRR-CLIENT}

C=$("$sb" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
F=$("$sb" cert import file="$data/fabrikam.pem" | awk '/Certificate Hash/ {print $NF}')
# r: an RSA certificate (the others are EC: OpenSSL keeps one certificate per key type)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/r.key" -out "$work/r.crt" -subj /CN=r.contoso.com -days 30 \
  2> /dev/null && cat "$work/r.crt" "$work/r.key" > "$work/r.pem"
R=$("$sb" cert import file="$work/r.pem" | awk '/Certificate Hash/ {print $NF}')
need_server 1
# A asks for a client certificate, B does not (another certificate)
"$sb" http add sslcert hostnameport=a.contoso.com:$P certhash=$C appid=$A clientcertnegotiation=enable > /dev/null || ko "add a"
"$sb" http add sslcert hostnameport=b.contoso.com:$P certhash=$F appid=$A > /dev/null || ko "add b"
"$sb" http add sslcert hostnameport=r.contoso.com:$P certhash=$R appid=$A > /dev/null || ko "add r"
"$sb" http add sslcert hostnameport=v12.contoso.com:$P certhash=$C appid=$A disabletls13=enable > /dev/null || ko "add v12"
"$sb" http add sslcert hostnameport=v13.contoso.com:$P certhash=$C appid=$A disabletls12=enable > /dev/null || ko "add v13"
for e in "be $F" "ce $C"; do # encrypted tickets, another certificate each
  set -- $e
  "$sb" http add sslcert hostnameport=$1.contoso.com:$P certhash=$2 appid=$A enablesessionticket=enable > /dev/null || ko "add $1"
done

# hrr NAME1 NAME2|- [GROUPS]: hrr-client's report, in $work/report
hrr() { "$client" 127.0.0.1 "$P" "$@" > "$work/report" 2> "$work/err" || echo "exit: $?" >> "$work/report"; }
has() { grep -qxF "$1" "$work/report"; }
check() { # check DESCRIPTION LINE…: every LINE is in the report
  local what=$1 line; shift
  for line in "$@"; do
    if ! has "$line"; then ko "$what: no '$line' in:"; sed 's/^/  | /' "$work/report"; return; fi
  done
  ok "$what"
}
logged() { # logged DESCRIPTION FIXED-STRING: the log has the line (written by the log thread)
  for _ in $(seq 50); do grep -qF "$2" "$work/log" && break; sleep 0.1; done
  if grep -qF "$2" "$work/log"; then ok "$1"; else ko "$1: no '$2' in the log"; fi
}
sha1() { openssl x509 -in "$1" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g' | tr A-F a-f; }
Csha=$(sha1 "$data/contoso.pem") Fsha=$(sha1 "$data/fabrikam.pem")

# the client's own check: without the private group, one ClientHello and no retry
hrr a.contoso.com - X25519
check "X25519 first: no HelloRetryRequest, one ClientHello" "hrr: no" "clienthello 1: sni=a.contoso.com key_share=0x001d" \
  "certificate request: yes" "result: served TLSv1.3"
if grep -q "^clienthello 2" "$work/report"; then ko "X25519 first: a second ClientHello"; fi

# the same name twice: each binding as it is without a retry
hrr a.contoso.com -
check "retry, a then a: a CertificateRequest, a's certificate" "hrr: yes" \
  "clienthello 1: sni=a.contoso.com key_share=0xfe00" "clienthello 2: sni=a.contoso.com key_share=0x001d" \
  "certificate request: yes" "certificate: sha1=$Csha subject=/CN=www.contoso.com" "result: served TLSv1.3"
hrr b.contoso.com -
check "retry, b then b: no CertificateRequest, b's certificate" "hrr: yes" "certificate request: no" \
  "certificate: sha1=$Fsha subject=/CN=www.fabrikam.com" "result: served TLSv1.3"

# another name in the second ClientHello: its binding is served, the first's client-certificate
# request not kept (SSL_set_verify is set off as well as on)
hrr a.contoso.com b.contoso.com
check "retry, a then b: no CertificateRequest, b's certificate and binding" "hrr: yes" \
  "clienthello 1: sni=a.contoso.com key_share=0xfe00" "clienthello 2: sni=b.contoso.com key_share=0x001d" \
  "certificate request: no" "certificate: sha1=$Fsha subject=/CN=www.fabrikam.com" "result: served TLSv1.3" \
  "answer: binding used: Hostname:port b.contoso.com:$P" "answer: certificate: $F"
logged "retry, a then b: the log names b" "sni=b.contoso.com -> Hostname:port b.contoso.com:$P cert $F [SERVED]"
logged "retry, a then b: the log says the first name" \
  "sni=b.contoso.com: a ClientHello after a HelloRetryRequest; the first named a.contoso.com (RFC 8446 4.1.2 forbids the change): resolved again"
hrr b.contoso.com a.contoso.com
check "retry, b then a: a CertificateRequest, a's certificate and binding" "hrr: yes" \
  "clienthello 1: sni=b.contoso.com key_share=0xfe00" "clienthello 2: sni=a.contoso.com key_share=0x001d" \
  "certificate request: yes" "certificate: sha1=$Csha subject=/CN=www.contoso.com" "result: served TLSv1.3" \
  "answer: binding used: Hostname:port a.contoso.com:$P" "answer: certificate: $C"

# the first binding's certificate gone, whatever its key type: a's is EC, r's RSA (before,
# a then r was served a's EC certificate, which the client prefers, under r's binding)
hrr a.contoso.com r.contoso.com
check "retry, a (EC) then r (RSA): r's certificate" "hrr: yes" "clienthello 2: sni=r.contoso.com key_share=0x001d" \
  "certificate request: no" "certificate: sha1=$R subject=/CN=r.contoso.com" "result: served TLSv1.3" \
  "answer: binding used: Hostname:port r.contoso.com:$P" "answer: certificate: $R"
hrr r.contoso.com a.contoso.com
check "retry, r (RSA) then a (EC): a's certificate" "hrr: yes" "certificate request: yes" \
  "certificate: sha1=$Csha subject=/CN=www.contoso.com" "result: served TLSv1.3"

# the version: a retry is TLS 1.3 (chosen at the first ClientHello), which a second binding with
# disabletls13 refuses, as it refuses a TLS 1.3-only client (before, it was served TLS 1.3:
# OpenSSL ignores the bounds set once the version is fixed)
hrr b.contoso.com v12.contoso.com
check "retry, b then disabletls13: protocol_version" "hrr: yes" "clienthello 2: sni=v12.contoso.com key_share=0x001d" \
  "certificate: none" "result: alert received: protocol version"
logged "retry, b then disabletls13: the log says why" \
  "sni=v12.contoso.com -> Hostname:port v12.contoso.com:$P cert $C [NO_PROTOCOL]: the binding disables TLS 1.3, chosen at the first ClientHello (a retry)"
hrr v13.contoso.com b.contoso.com
check "retry, disabletls12 then b: b served" "hrr: yes" "certificate: sha1=$Fsha subject=/CN=www.fabrikam.com" \
  "result: served TLSv1.3"
hrr b.contoso.com v13.contoso.com
check "retry, b then disabletls12: served" "hrr: yes" "certificate: sha1=$Csha subject=/CN=www.contoso.com" \
  "result: served TLSv1.3"

# sessions: the PSK is offered in both ClientHellos; it resumes under the binding the second
# names only if that binding made it (the session context is set again at each ClientHello)
"$client" -sess_out "$work/sess.be" 127.0.0.1 "$P" be.contoso.com - X25519 > /dev/null 2>&1
"$client" -sess_out "$work/sess.b" 127.0.0.1 "$P" b.contoso.com - X25519 > /dev/null 2>&1
# resume SESSION NAME2: the session saved from SESSION offered, SESSION's name then NAME2
resume() {
  "$client" -sess_in "$work/sess.$1" 127.0.0.1 "$P" "$1.contoso.com" "$2.contoso.com" > "$work/report" 2> "$work/err" \
    || echo "exit: $?" >> "$work/report"
}
resume be be
check "retry, be's ticket, be then be: resumed" "hrr: yes" "result: served TLSv1.3" "resumed: yes" \
  "answer: binding used: Hostname:port be.contoso.com:$P"
resume be ce
check "retry, be's ticket, be then ce: not resumed, ce's certificate" "hrr: yes" "resumed: no" \
  "certificate: sha1=$Csha subject=/CN=www.contoso.com" "answer: binding used: Hostname:port ce.contoso.com:$P"
resume be a
check "retry, be's ticket, be then a: not resumed, a CertificateRequest" "hrr: yes" "resumed: no" \
  "certificate request: yes" "certificate: sha1=$Csha subject=/CN=www.contoso.com"
resume b v13
check "retry, b's stateful ticket, b then v13: not resumed, v13's certificate" "hrr: yes" "resumed: no" \
  "certificate: sha1=$Csha subject=/CN=www.contoso.com" "answer: binding used: Hostname:port v13.contoso.com:$P"
# a stateful ticket is used once: the cache unlinks it when the first ClientHello takes it, and
# keeps it on that connection for the second (before, it was spent: a full handshake followed)
"$client" -sess_out "$work/sess.b" 127.0.0.1 "$P" b.contoso.com - X25519 > /dev/null 2>&1
resume b b
check "retry, b's stateful ticket, b then b: resumed" "hrr: yes" "resumed: yes" \
  "result: served TLSv1.3" "answer: binding used: Hostname:port b.contoso.com:$P"
resume b b
check "retry, b's stateful ticket offered again on another connection: not resumed (used once)" "hrr: yes" \
  "resumed: no" "result: served TLSv1.3"

# a second ClientHello naming no binding: reset as a first one would be (no alert)
hrr a.contoso.com nobody.contoso.com
check "retry, a then no binding: the connection is reset" "hrr: yes" "clienthello 2: sni=nobody.contoso.com key_share=0x001d" \
  "certificate: none" "result: failed: Connection reset by peer"
logged "retry, a then no binding: the log says NO_BINDING" "sni=nobody.contoso.com -> no binding [NO_BINDING]"

stop_server
# the same name twice (a then a, b then b, …): no such line
if grep -E "sni=([a-z0-9]+)\.contoso\.com: a ClientHello after a HelloRetryRequest; the first named \1\.contoso\.com " "$work/log"; then
  ko "the same name twice: a line about the first name"; else ok "the same name twice: no line about the first name"; fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
