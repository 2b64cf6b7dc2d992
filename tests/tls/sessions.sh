#!/usr/bin/env bash
# sessions.sh SSLBIND SSLBIND-TLS — session resumption per binding, as http.sys does it (the
# evidence: docs/tls.md, "Sessions"), checked with openssl s_client -sess_out/-sess_in on
# 127.0.0.1, in TLS 1.2 and 1.3, for the four combinations of enablesessionticket and
# disablesessionid: whether a ticket is sent (and which kind: TLS 1.3's stateful ticket names a
# cache entry, 32 bytes; an encrypted one carries the session), and whether the session resumes,
# by ticket or by session ID. A session resumes under its own binding only, never under another
# with the same certificate and flags. --session-cache 0 turns the cache off, as Schannel's
# MaximumCacheSize 0 does. A cache of 8 filled with 1000 sessions evicts the oldest, keeps
# serving, and its resident memory does not grow with them (one without the bound does).
set -u
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/lib.sh"

C=$("$sb" cert import file="$data/contoso.pem" | awk '/Certificate Hash/ {print $NF}')
need_server 1
for b in "plain" "plain2" "ticket enablesessionticket=enable" "ticket2 enablesessionticket=enable" \
         "noid disablesessionid=enable" "both enablesessionticket=enable disablesessionid=enable"; do
  set -- $b
  name=$1; shift
  "$sb" http add sslcert hostnameport=$name.contoso.com:$P certhash=$C appid=$A "$@" > /dev/null || ko "add $name"
done

req='GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
# first NAME VERSION [s_client options…]: a full handshake with NAME, its session saved in
# $work/sess; prints what the server sent: "no ticket", "stateful ticket" (32 bytes: a cache
# entry's name) or "encrypted ticket"; "failed" when the handshake failed.
first() {
  local name=$1 v=$2 out lines; shift 2
  rm -f "$work/sess"
  out=$(printf "$req" | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername $name.contoso.com -$v \
        -sess_out "$work/sess" -ign_eof "$@" 2>&1)
  if ! grep -q "HTTP/1.1 200 OK" <<< "$out"; then echo failed; return; fi
  lines=$(sed -n '/TLS session ticket:/,/^$/p' <<< "$out" | grep -cE '^ *[0-9a-f]{4} - ')
  if [ "$lines" = 0 ]; then echo "no ticket"; elif [ "$lines" -le 2 ]; then echo "stateful ticket"; else echo "encrypted ticket"; fi
}
# again NAME VERSION [s_client options…]: a second connection to NAME offering the saved session:
# "Reused", "New", "nothing to offer" (the first handshake left no session) or "failed".
again() {
  local name=$1 v=$2 out; shift 2
  [ -s "$work/sess" ] || { echo "nothing to offer"; return; }
  out=$(printf "$req" | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername $name.contoso.com -$v \
        -sess_in "$work/sess" -ign_eof "$@" 2>&1)
  if grep -q "HTTP/1.1 200 OK" <<< "$out"; then grep -m1 -oE "^(Reused|New)" <<< "$out"; else echo failed; fi
}
# expect NAME VERSION SENT RESUMED [s_client options…]
expect() {
  local name=$1 v=$2 want_sent=$3 want_res=$4 sent res; shift 4
  sent=$(first $name $v "$@")
  res=$(again $name $v "$@")
  if [ "$sent" = "$want_sent" ] && [ "$res" = "$want_res" ]; then ok "$v $name ${*:-}: $sent, $res"
  else ko "$v $name ${*:-}: got '$sent', '$res'; want '$want_sent', '$want_res'"; fi
}

# TLS 1.2: session IDs from the cache by default; tickets only with enablesessionticket. A client
# without ticket support (-no_ticket) resumes by session ID unless disablesessionid.
expect plain   tls1_2 "no ticket"        Reused
expect plain   tls1_2 "no ticket"        Reused -no_ticket
expect ticket  tls1_2 "encrypted ticket" Reused
expect ticket  tls1_2 "no ticket"        Reused -no_ticket
expect noid    tls1_2 "no ticket"        "nothing to offer"
expect noid    tls1_2 "no ticket"        "nothing to offer" -no_ticket
expect both    tls1_2 "encrypted ticket" Reused
expect both    tls1_2 "no ticket"        New -no_ticket
# TLS 1.3 has no session IDs: the default ticket is stateful (a cache entry), enablesessionticket
# makes it encrypted, disablesessionid alone leaves nothing to resume with.
expect plain   tls1_3 "stateful ticket"  Reused
expect ticket  tls1_3 "encrypted ticket" Reused
expect noid    tls1_3 "no ticket"        "nothing to offer"
expect both    tls1_3 "encrypted ticket" Reused

# A session never resumes under another binding, even one with the same certificate and flags:
# by session ID, by stateful ticket, by encrypted ticket. The second handshake is a full one,
# served under the binding the client reached.
for v in tls1_2 tls1_3; do
  for pair in "plain plain2" "ticket ticket2" "plain2 plain"; do
    set -- $pair
    first $1 $v > /dev/null
    line="sni=$2.contoso.com -> Hostname:port $2.contoso.com:$P cert $C [SERVED]"
    before=$(grep -cF "$line" "$work/log")
    got=$(again $2 $v)
    for _ in $(seq 50); do [ "$(grep -cF "$line" "$work/log")" -gt "$before" ] && break; sleep 0.1; done
    if [ "$got" = New ] && [ "$(grep -cF "$line" "$work/log")" -gt "$before" ]; then
      ok "$v: a session from $1 offered to $2: New, served under $2's binding"
    else ko "$v: a session from $1 offered to $2: got $got (or not served under $2's binding)"; fi
  done
done
# A TLS 1.3 stateful ticket is used once (RFC 8446 4.6.1; each resumption gets a new one): offered
# again, it is a full handshake; else one client could resume one ticket for ever and, each
# resumption adding a cache entry, push every other client's sessions out cheaply.
first plain tls1_3 > /dev/null
r1=$(again plain tls1_3) r2=$(again plain tls1_3)
if [ "$r1" = Reused ] && [ "$r2" = New ]; then ok "tls1_3: a stateful ticket resumes once"
else ko "tls1_3: a stateful ticket offered twice: $r1, $r2"; fi
# TLS 1.2 session IDs stay reusable, as Schannel's are
first plain tls1_2 > /dev/null
r1=$(again plain tls1_2) r2=$(again plain tls1_2)
if [ "$r1" = Reused ] && [ "$r2" = Reused ]; then ok "tls1_2: a session ID resumes again"
else ko "tls1_2: a session ID offered twice: $r1, $r2"; fi
# a flag changed by http update: the sessions made before it do not resume
first plain tls1_2 > /dev/null
"$sb" http update sslcert hostnameport=plain.contoso.com:$P certhash=$C appid=$A enablesessionticket=enable > /dev/null
got=$(again plain tls1_2)
if [ "$got" = New ]; then ok "http update of a flag: an older session is not resumed"; else ko "http update of a flag: got $got"; fi
"$sb" http update sslcert hostnameport=plain.contoso.com:$P certhash=$C appid=$A enablesessionticket=disable > /dev/null

stop_server

# --session-cache 0: no cache, as MaximumCacheSize 0: no session ID (the ServerHello's is empty), no stateful
# ticket; encrypted tickets still resume.
for bad in -1 x 1000001; do
  if "$tlsd" --listen 127.0.0.1:0 --session-cache $bad > /dev/null 2> "$work/err"; then ko "--session-cache $bad refused"
  elif grep -q "session-cache: '$bad' is not a number from 0 to 1000000" "$work/err"; then ok "--session-cache $bad refused, said why"
  else ko "--session-cache $bad: $(cat "$work/err")"; fi
done
start_server 1 --session-cache 0 || ko "no free port"
for b in "plain" "ticket enablesessionticket=enable"; do
  set -- $b
  name=$1; shift
  "$sb" http add sslcert hostnameport=$name.contoso.com:$P certhash=$C appid=$A "$@" > /dev/null || ko "add $name"
done
expect plain  tls1_2 "no ticket"        "nothing to offer" -no_ticket
expect plain  tls1_3 "no ticket"        "nothing to offer"
expect ticket tls1_2 "encrypted ticket" Reused
expect ticket tls1_3 "encrypted ticket" Reused
stop_server

# Ticket keys rotate (--ticket-key-life L: a key encrypts for L/2, then only decrypts, renewing
# the ticket under the current key, for L/2, then it is wiped). With L = 6 s, a ticket offered
# again and again resumes as it is, then resumes with a ticket of another key (renewed), then no
# longer resumes (a full handshake): its key retired. The renewed ticket still resumes then. In
# TLS 1.2 and 1.3 (enablesessionticket: encrypted tickets; TLS 1.3's stateful ones do not use
# the keys; s_client saves no TLS 1.2 session it resumed, renewed or not: the renewed ticket is
# offered again in TLS 1.3 only). The phases are told apart by the key name that starts each ticket, so the test
# waits for them instead of sleeping for a set time.
for bad in 1 x 604801; do
  if "$tlsd" --listen 127.0.0.1:0 --ticket-key-life $bad > /dev/null 2> "$work/err"; then ko "--ticket-key-life $bad refused"
  elif grep -q "ticket-key-life: '$bad' is not a number from 2 to 604800" "$work/err"; then ok "--ticket-key-life $bad refused, said why"
  else ko "--ticket-key-life $bad: $(cat "$work/err")"; fi
done
# tconn VERSION SESS_IN|- SESS_OUT: one connection to ticket.contoso.com offering SESS_IN; prints
# "Reused|New|failed NAME", NAME the key name (16 bytes, hex) of the last ticket the server sent
# (TLS 1.2: the one the resumed session holds, when none was sent)
tconn() {
  local v=$1 in=$2 out=$3 o
  o=$(printf "$req" | timeout 5 openssl s_client -connect 127.0.0.1:$P -servername ticket.contoso.com -$v \
      ${in:+$( [ "$in" != - ] && echo -sess_in "$in")} -sess_out "$out" -ign_eof 2>&1)
  grep -q "HTTP/1.1 200 OK" <<< "$o" || { echo failed; return; }
  echo "$(grep -m1 -oE "^(Reused|New)" <<< "$o") $(grep -A1 'TLS session ticket:$' <<< "$o" | grep -E '^ *0000 - ' |
    tail -1 | cut -c12-58 | tr -d ' -')"
}
start_server 1 --ticket-key-life 6 --quiet || ko "no free port"
"$sb" http add sslcert hostnameport=ticket.contoso.com:$P certhash=$C appid=$A enablesessionticket=enable > /dev/null
for v in tls1_2 tls1_3; do
  set -- $(tconn $v - "$work/t1")
  first=$1 a=${2:-}
  phases="" last="" renewed=""
  rm -f "$work/renewed"
  for _ in $(seq 120); do # at most ~60 s; 6 to 9 s is what it takes
    rm -f "$work/t2"
    set -- $(tconn $v "$work/t1" "$work/t2")
    case "$1:${2:-}" in
      Reused:"$a") ph=same ;;
      Reused:*)
        ph=renewed
        if [ -z "$renewed" ]; then renewed=${2:-}; [ -s "$work/t2" ] && cp "$work/t2" "$work/renewed"; fi ;;
      New:*) ph=full ;;
      *) ph=failed ;;
    esac
    [ "$ph" != "$last" ] && phases="$phases $ph" && last=$ph
    [ "$ph" = full ] || [ "$ph" = failed ] && break
    sleep 0.25
  done
  # the renewed ticket, made under the key that was current then, resumes after the first key retired
  if [ -s "$work/renewed" ]; then set -- $(tconn $v "$work/renewed" "$work/t3"); after="$1 ${2:-}"
  else after="not saved"; fi
  if [ "$first" = New ] && [ -n "$a" ] && { [ "$phases" = " same renewed full" ] || [ "$phases" = " renewed full" ]; } &&
     [ -n "$renewed" ] && [ "$renewed" != "$a" ] &&
     { [ "${after%% *}" = Reused ] || { [ $v = tls1_2 ] && [ "$after" = "not saved" ]; }; }; then
    ok "$v: a ticket resumes, is renewed under the next key once its own only decrypts, and is refused once that key retired; the renewed one offered then: $after"
  else
    ko "$v: ticket key rotation: first '$first $a', phases '$phases' (renewed under '$renewed'), the renewed ticket then: '$after'"
  fi
done
stop_server

# A bounded cache: 8 sessions at most, filled with 1000 (TLS 1.2, one worker, a client
# certificate asked for and sent: each session kept holds it, ~0.6 kB serialized). The first
# session is evicted, the server serves every connection, and its resident memory after the 1000
# is what it was after a warm-up of 200, within 250 kB (a cache of 100 000 grew by ~580 kB here).
fill() { # fill N: N full handshakes, then the first session offered again: "OK_COUNT reused|new"
  python3 - "$P" "$1" "$data/fabrikam.pem" <<'EOF'
import socket, ssl, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ctx.load_cert_chain(sys.argv[3])
def get(session=None):
    with socket.create_connection(("127.0.0.1", port)) as raw:
        with ctx.wrap_socket(raw, server_hostname="www.contoso.com", session=session) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                d = s.recv(4096)
                if not d:
                    break
                data += d
            return data.startswith(b"HTTP/1.1 200"), s.session, s.session_reused
ok, first, _ = get()
count = int(ok)
for _ in range(n - 1):
    count += get()[0]
print(count, "reused" if get(first)[2] else "new")
EOF
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
start_server 1 --session-cache 8 --workers 1 --quiet || ko "no free port"
"$sb" http add sslcert ipport=0.0.0.0:$P certhash=$C appid=$A clientcertnegotiation=enable > /dev/null
warm=$(fill 200)
before=$(rss)
got=$(fill 1000)
after=$(rss)
if [ "$warm" = "200 new" ] && [ "$got" = "1000 new" ]; then ok "a cache of 8 filled with 1000 sessions: every one served, the first evicted"
else ko "a cache of 8 filled with 1000 sessions: got '$warm', '$got'"; fi
if grep -qaE "__(asan|tsan)_init" "$tlsd"; then
  echo "[SKIP] resident memory: not measured under a sanitizer (its allocator holds freed memory back)"
elif [ -n "$before" ] && [ -n "$after" ] && [ $((after - before)) -lt 250 ]; then ok "resident memory bounded: $before kB, then $after kB"
else ko "resident memory bounded: $before kB, then $after kB"; fi
got=$(fill 2)
if [ "$got" = "2 reused" ]; then ok "a session still in the cache resumes"; else ko "a session still in the cache resumes: got '$got'"; fi
stop_server
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
