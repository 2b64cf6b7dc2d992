#!/usr/bin/env bash
# long_lines.sh SSLBIND — a script's line is refused whole however long it is, without being held:
# `sslbind < /dev/zero` grew getline's buffer until the machine ran out of memory, and under a
# memory limit the failed allocation read as the script's end (the rest not run, exit 0). A
# blank or comment line of any length is skipped as a short one is; a UTF-16 script, converted
# whole, is refused past its cap rather than held.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
export SSLBIND_STATE="$tmp/state"
passed=0 failed=0 pid=""

ok() { passed=$((passed + 1)); }
bad() { echo "[FAIL] $*"; failed=$((failed + 1)); }

# 1. A line of 150 MB, then a command: the line is refused with its length, the command runs,
#    and sslbind never held the line (its resident memory, read while the line is being sent).
mkfifo "$tmp/fifo"
"$bin" < "$tmp/fifo" > "$tmp/out" 2> "$tmp/err" &
pid=$!
exec 3> "$tmp/fifo"
head -c 150000000 /dev/zero | tr '\0' a >&3
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
printf '\nhttp show sslcert ipport=1.2.3.4:443\n' >&3
exec 3>&-
rc=0
wait "$pid" || rc=$?
pid=""
if [ -n "$rss" ] && [ "$rss" -lt 65536 ]; then ok; else bad "resident memory while reading a 150 MB line: ${rss:-?} kB (at most 64 MiB)"; fi
grep -qx 'sslbind: standard input:1: the line is 150000000 bytes long: at most 8192 allowed' "$tmp/err" && ok ||
  bad "the long line's refusal: $(head -c 300 "$tmp/err")"
grep -qx 'sslbind: standard input:2: no binding has the key 1.2.3.4:443' "$tmp/err" && ok ||
  bad "the line after it did not run: $(head -c 300 "$tmp/err")"
[ "$rc" -eq 1 ] && ok || bad "exit $rc for a script with a refused line (1 expected)"

# 2. A NUL past what is held still names the NUL, as a short line's does.
{ head -c 20000 /dev/zero | tr '\0' a; printf '\0\n'; } | "$bin" > /dev/null 2> "$tmp/err"
grep -qx 'sslbind: standard input:1: the line holds a NUL byte' "$tmp/err" && ok || bad "NUL: $(head -c 300 "$tmp/err")"

# 3. Comment and blank lines of any length are skipped (a UTF-8 byte-order mark first).
{ printf '\xef\xbb\xbf   #'; head -c 20000 /dev/zero | tr '\0' x; printf '\n'; head -c 20000 /dev/zero | tr '\0' ' ';
  printf '\r\nhttp show sslcert ipport=1.2.3.4:443\n'; } | "$bin" > /dev/null 2> "$tmp/err"
[ "$(cat "$tmp/err")" = 'sslbind: standard input:3: no binding has the key 1.2.3.4:443' ] && ok ||
  bad "long comment and blank lines: $(head -c 300 "$tmp/err")"

# 4. A line of exactly 8192 bytes before 20 CRs and its LF (more than is held) runs as the
#    shorter one does: only CRs are past what is held.
{ printf 'http show sslcert ipport=1.2.3.4:443 %08155d' 0; head -c 20 /dev/zero | tr '\0' '\r'; printf '\n'; } |
  "$bin" > /dev/null 2> "$tmp/err"
grep -q "'00000000.*': expected tag=value" "$tmp/err" && ! grep -q 'bytes long' "$tmp/err" && ok ||
  bad "8192 bytes and 20 CRs: $(head -c 300 "$tmp/err")"

# 5. A UTF-16 script past its cap (256 MiB) is refused, nothing run.
rc=0
{ printf '\xff\xfe'; head -c 270000000 /dev/zero; } | "$bin" > "$tmp/out" 2> "$tmp/err" || rc=$?
grep -q 'standard input: a UTF-16 script of more than 256 MiB' "$tmp/err" && [ "$rc" -eq 1 ] && ok ||
  bad "UTF-16 past the cap: exit $rc, $(head -c 300 "$tmp/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
