# lib.sh — what the endpoint's tests share: pass/fail counting and starting sslbind-tls on free
# loopback ports, and the set-up every one of them starts with. Sourced with the test's arguments
# (SSLBIND SSLBIND-TLS); sets sb, tlsd, data (the test certificates), work (a scratch directory the
# test removes), SSLBIND_STATE (a machine inside it) and A (an AppId).
sb=${1:?usage: TEST.sh SSLBIND SSLBIND-TLS}
tlsd=${2:?usage: TEST.sh SSLBIND SSLBIND-TLS}
data=$(cd "$(dirname "$0")/../data/certs" && pwd)
work=$(mktemp -d)
export SSLBIND_STATE="$work/state"
A='{00112233-4455-6677-8899-aabbccddeeff}'
passed=0 failed=0
server=""

ok() { echo "[PASS] $1"; passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); [ -f "$work/err" ] && sed 's/^/  | /' "$work/err" | tail -5; }
# check NAME CONDITION: ok NAME when the shell condition (eval'd) holds, else ko NAME.
check() { if eval "$2"; then ok "$1"; else ko "$1"; fi; }

# start_server N [ARGS…]: sslbind-tls ARGS… on N consecutive free ports of 127.0.0.1 from $P
# ($server, $P set).
start_server() {
  local n=$1 args last
  shift
  for try in 1 2 3 4 5; do
    P=$((20000 + RANDOM % 20000))
    args=() last=$((P + n - 1))
    for p in $(seq "$P" "$last"); do args+=(--listen "127.0.0.1:$p"); done
    "$tlsd" "${args[@]}" "$@" > "$work/out" 2> "$work/log" &
    server=$!
    for _ in $(seq 50); do grep -q "listening on 127.0.0.1:$last" "$work/out" 2>/dev/null && break; sleep 0.1; done
    grep -q "listening on 127.0.0.1:$last" "$work/out" && return 0
    kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""
  done
  return 1
}
# stop_server: SIGTERM to $server, which must exit 0 with no sanitizer report in its log.
stop_server() {
  local status
  kill -TERM "$server"
  wait "$server"
  status=$?
  server=""
  if [ $status = 0 ] && ! grep -q "Sanitizer" "$work/log"; then ok "stops cleanly on SIGTERM"; else ko "stops cleanly on SIGTERM (status $status)"; fi
}
# need_server N: start_server N, else the test ends here, failed.
need_server() { start_server "$1" || { echo "[FAIL] no $1 free consecutive port(s)"; echo "0 passed, 1 failed"; exit 1; }; }
# hash_of FILE [STORE]: imports FILE (into STORE, default MY) and prints its SHA-1 thumbprint.
hash_of() { "$sb" cert import file="$1" ${2:+store=$2} | awk '/Certificate Hash/ {print $NF}'; }
# served_cert HOST: the SHA-1 thumbprint of the certificate a handshake with SNI HOST gets on
# 127.0.0.1:$P ("" when the handshake fails)
served_cert() {
  echo | timeout 10 openssl s_client -connect "127.0.0.1:$P" -servername "$1" 2> /dev/null |
    openssl x509 -noout -fingerprint -sha1 2> /dev/null | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}
