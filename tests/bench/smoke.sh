#!/usr/bin/env bash
# smoke.sh SSLBIND-BENCH — runs the harness on tiny sizes and checks what it reports: every
# JSON row has its fields and sane numbers, every implementation and workload is there, the
# plot is drawn, and a wrong answer is caught (the harness verifies every resolve answer).
set -u
bench=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
ok() { echo "[PASS] $1"; passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }

if "$bench" --sizes 16,300 --quick --json "$out/b.json" --plot "$out/b.svg" > "$out/stdout" 2> "$out/stderr"; then
  ok "runs on tiny sizes"
else
  ko "runs on tiny sizes"; cat "$out/stderr"
fi

# Each check is a jq expression over the array of rows that must be true.
check() {
  if jq -e "$2" "$out/b.json" > /dev/null 2>&1; then ok "$1"; else ko "$1"; fi
}
check "rows are objects with every field" \
  'length > 0 and all(.[]; has("workload") and has("impl") and has("bindings") and has("threads")
     and has("p50_ns") and has("p99_ns") and has("p999_ns") and has("mops") and has("bytes_per_binding"))'
check "every workload for every implementation" \
  '[.[] | select(.threads == 1 and (.workload | IN("sni-hit","ip-hit","fallback","miss","mixed")))] | group_by(.impl)
   | (length >= 4 and all(.[]; [.[].workload] | unique | length == 5)
      and (map(.[0].impl) | index("sslbind-batch") != null))'
check "every read row carries its batch mean (batch_ns)" \
  'all(.[] | select(.workload | IN("sni-hit","ip-hit","fallback","miss","mixed")); .batch_ns > 0)'
check "sizes and threads are the ones asked for" \
  'all(.[]; (.bindings | IN(16, 300)) and (.threads | IN(1, 2)))'
check "memory-latency baseline present at each size" \
  '[.[] | select(.impl == "memory-latency") | .bindings] | unique == [16, 300]'
check "latencies are positive, ordered and below 10 ms" \
  'all(.[] | select(.workload | IN("sni-hit","ip-hit","fallback","miss","mixed")); .p50_ns > 0 and .p50_ns <= .p99_ns and .p99_ns <= .p999_ns and .p999_ns < 1e7)'
check "throughput rows with 1 and 2 threads" \
  '[.[] | select(.workload == "mixed-throughput" and .impl == "sslbind") | .threads] | sort == [1, 1, 2, 2] or
   ([.[] | select(.workload == "mixed-throughput" and .impl == "sslbind") | .threads] | unique == [1, 2])'
check "throughput is positive" 'all(.[] | select(.workload | startswith("mixed")); .mops > 0)'
check "sslbind reports its memory per binding" \
  'all(.[] | select(.impl == "sslbind" and .workload == "ip-hit"); .bytes_per_binding > 0)'
check "write path and load measured" \
  '[.[] | select(.impl == "sslbind") | .workload] | (index("update") != null and index("add") != null and index("delete") != null and index("load") != null)'
check "writer rows report updates per second" \
  'all(.[] | select(.workload == "writer-max" or .workload == "mixed+writer"); .extra > 0)'

if grep -q "<svg" "$out/b.svg" 2>/dev/null; then ok "plot drawn"; else ko "plot drawn"; fi
if grep -q "== targets ==" "$out/stdout" && grep -q "memory-latency p50" "$out/stdout"; then ok "readable table"; else ko "readable table"; fi

if "$bench" --sizes 16 --quick --no-load --inject-fault > /dev/null 2> "$out/fault"; then
  ko "a wrong answer fails the run"
elif grep -q "wrong answer" "$out/fault"; then
  ok "a wrong answer fails the run"
else
  ko "a wrong answer fails the run (no message)"; cat "$out/fault"
fi

# Only some implementations at the size where targets compare against uthash: no crash, targets
# printed for what ran.
if "$bench" --sizes 1000000 --impls sslbind --quick --no-load > "$out/only" 2>&1 && grep -q "1M sni-hit" "$out/only" &&
   ! grep -q "faster than uthash" "$out/only"; then
  ok "--impls sslbind alone: targets only for what ran"
else
  ko "--impls sslbind alone"; tail -5 "$out/only"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
