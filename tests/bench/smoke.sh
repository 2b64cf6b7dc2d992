#!/usr/bin/env bash
# smoke.sh SSLBIND-BENCH — runs the harness on tiny sizes and checks what it reports: every
# JSON row has its fields and sane numbers, every implementation (sslbind and its peers uthash,
# urcu-lfht, ck-ht, linear) and workload is there with every answer checked, the concurrent
# ones ran beside a writer, the plot is drawn, the header names the machine and the timer's
# measured resolution, --help and --version follow the conventions, it runs under valgrind
# (performance.md's instruction count), and a wrong answer is
# caught (the harness verifies every resolve answer) whichever implementation gives it, and so
# is a wrong probe order.
set -u
bench=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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
lat='(.workload | IN("sni-hit","ip-hit","fallback","miss","mixed"))'
check "rows are objects with every field" \
  'length > 0 and all(.[]; has("workload") and has("impl") and has("bindings") and has("threads")
     and has("p50_ns") and has("p99_ns") and has("p999_ns") and has("batch_ns") and has("mops")
     and has("bytes_per_binding") and has("fixed_bytes") and has("checked"))'
check "every workload for every implementation at every size" \
  "[.[] | select(.threads == 1 and $lat)] as \$r | (\$r | map(.impl) | unique) as \$impls |
   all(\$impls[]; . as \$i | [\$r[] | select(.impl == \$i) | .workload + \"/\" + (.bindings | tostring)] | unique | length == 10)"
check "sslbind, its peers and linear are all there" \
  "[\"ck-ht\",\"linear\",\"sslbind\",\"sslbind-batch\",\"sslbind-lean\",\"urcu-lfht\",\"uthash\"] - [.[] | select($lat) | .impl] == []"
check "every answer checked: all 5 workloads' queries before timing, for every implementation" \
  "all(.[] | select($lat and .threads == 1); .checked >= 5 * 4096)"
check "sizes and threads are the ones asked for" \
  'all(.[]; (.bindings | IN(16, 300)) and (.threads | IN(1, 2)))'
check "memory-latency baseline present at each size" \
  '[.[] | select(.impl == "memory-latency") | .bindings] | unique == [16, 300]'
check "latencies are positive, ordered and below 10 ms" \
  "all(.[] | select($lat); .p50_ns > 0 and .p50_ns <= .p99_ns and .p99_ns <= .p999_ns and .p999_ns < 1e7)"
check "every row of bracketed samples says what bracket was subtracted (bracket_ns)" \
  "all(.[] | select($lat or (.workload | IN(\"mixed-throughput\", \"mixed+writer\", \"writer-max\", \"pointer-chase\")));
       (.bracket_ns | type) == \"number\" and .bracket_ns > 0)"
check "every latency row carries its batch mean (batch_ns)" \
  "all(.[] | select($lat); (.batch_ns | type) == \"number\" and .batch_ns > 0 and .batch_ns < 1e7)"
check "throughput rows with 1 and 2 threads for sslbind and each peer" \
  '["ck-ht/1","ck-ht/2","sslbind/1","sslbind/2","urcu-lfht/1","urcu-lfht/2","uthash/1","uthash/2"] -
   [.[] | select(.workload == "mixed-throughput") | .impl + "/" + (.threads | tostring)] == []'
check "throughput is positive and every reader answer was checked" \
  'all(.[] | select(.workload | startswith("mixed-") or . == "mixed+writer" or . == "writer-max"); .mops > 0 and .checked > 0)'
check "sslbind, urcu-lfht and ck-ht ran beside a writer, at each size" \
  '[.[] | select(.workload == "mixed+writer" or .workload == "writer-max" or .workload == "update-under-readers")
     | .impl + "/" + .workload + "/" + (.bindings | tostring)] as $w |
   all(("sslbind","urcu-lfht","ck-ht") as $i | ("mixed+writer","writer-max","update-under-readers") as $k |
       (16, 300) as $n | $i + "/" + $k + "/" + ($n | tostring); IN($w[]))'
check "the concurrency rows ran in rounds (--quick: 2); 2 readers carry the median of the rounds' ratios" \
  '[.[] | select(.workload == "mixed-throughput" or .workload == "mixed+writer")] as $r |
   ($r | length) > 0 and all($r[]; .rounds == 2) and
   all($r[] | select(.threads == 2); (.round_ratio | type) == "number" and .round_ratio > 0) and
   all($r[] | select(.threads == 1); .round_ratio == null)'
check "writer rows report updates per second" \
  'all(.[] | select(.workload == "writer-max" or .workload == "mixed+writer"); .extra > 0)'
check "every implementation reports its memory per binding and its fixed cost" \
  'all(.[] | select(.workload == "ip-hit" and .impl != "linear"); .bytes_per_binding > 0 and .fixed_bytes >= 0)'
check "write path and load measured" \
  '[.[] | select(.impl == "sslbind") | .workload] | (index("update") != null and index("add") != null and index("delete") != null and index("load") != null)'

# memory-latency's batch mean is the chase alone: a dependent load's mean cost, not above its
# bracketed p50 plus the bracket (the raw cost of one timed load) by more than a factor. Until
# review 16 it timed sorting the samples too, 3-10x that; 100 000 samples make the sort plain.
# Three tries: a batch of 100 000 loads can be preempted on a busy machine.
for try in 1 2 3; do
  "$bench" --sizes 16 --impls memory-latency --no-load --samples 100000 --json "$out/m.json" > /dev/null 2>&1
  if jq -e '[.[] | select(.workload == "pointer-chase")] | length == 1 and
            all(.[]; .batch_ns > 0 and .batch_ns <= 1.5 * (.p50_ns + .bracket_ns))' "$out/m.json" > /dev/null; then
    break
  fi
done
if [ "$try" -le 3 ] && jq -e '.[0].batch_ns <= 1.5 * (.[0].p50_ns + .[0].bracket_ns)' "$out/m.json" > /dev/null 2>&1; then
  ok "memory-latency's batch mean times the chase alone (try $try)"
else
  ko "memory-latency's batch mean times the chase alone"; jq -c '.[0] | {p50_ns, bracket_ns, batch_ns}' "$out/m.json"
fi

if grep -q "<svg" "$out/b.svg" 2>/dev/null && grep -q "urcu-lfht" "$out/b.svg" && grep -q "ck-ht" "$out/b.svg"; then
  ok "plot drawn, with the peers"
else
  ko "plot drawn, with the peers"
fi
if grep -q "== targets" "$out/stdout" && grep -q "memory-latency p50" "$out/stdout"; then ok "readable table"; else ko "readable table"; fi

# Every target line names the implementation it judged, and the latency targets judge the
# handshake's path (sslbind-lean) when it ran, as performance.md says (review 16, finding 6).
if [ "$(grep -Ec '^(met|MISS) ' "$out/stdout")" -gt 0 ] &&
   ! grep -E '^(met|MISS) ' "$out/stdout" | grep -Evq ' sslbind(-lean|-batch)? '; then
  ok "every target line names the implementation it judged"
else
  ko "every target line names the implementation it judged"; grep -E '^(met|MISS) ' "$out/stdout"
fi
if grep -Eq '^(met|MISS) +16 (sni-hit|ip-hit|fallback|miss|mixed) +sslbind-lean [0-9.]+ ns, .*peer' "$out/stdout" &&
   ! grep -Eq '^(met|MISS) +16 [a-z-]+ +sslbind [0-9.]+ ns' "$out/stdout"; then
  ok "the peer targets judge sslbind-lean when it ran"
else
  ko "the peer targets judge sslbind-lean when it ran"; grep -E '^(met|MISS) +16 ' "$out/stdout"
fi

# linear is not one of the issue's peers: a 16-binding target line names it (informational)
# exactly when it was faster than the row judged, by p50 or by batch mean at no higher p50, as
# the JSON shows (review 16, finding 2; at 16 ip-hit, a scan of 16 keys often is). Equal p50s in
# the JSON's two decimals may differ in the report's unrounded figures (each row subtracts its own
# bracket): either answer is right then.
bad=""
for w in sni-hit ip-hit fallback miss mixed; do
  want=$(jq -r --arg w "$w" '[.[] | select(.bindings == 16 and .threads == 1 and .workload == $w)] |
    (map(select(.impl == "sslbind-lean"))[0]) as $s | (map(select(.impl == "linear"))[0]) as $l |
    if ((($l.p50_ns - $s.p50_ns) | fabs) < 0.01 or
        ($l.p50_ns <= $s.p50_ns and (($l.batch_ns - $s.batch_ns) | fabs) < 0.05)) then "either"
    elif ($l.p50_ns < $s.p50_ns or ($l.p50_ns <= $s.p50_ns and $l.batch_ns < $s.batch_ns)) then "yes" else "no" end' "$out/b.json")
  line=$(grep -E "^(met|MISS) +16 $w +sslbind-lean " "$out/stdout")
  case "$want/$(grep -q '; faster: linear [0-9.]* ns, batch means' <<< "$line" && echo yes || echo no)" in
    yes/yes | no/no | either/*) ;;
    *) bad="$bad $w($want)" ;;
  esac
done
if [ -z "$bad" ]; then ok "16-binding target lines name linear exactly when it was faster"
else ko "16-binding target lines name linear exactly when it was faster:$bad"; grep -E '^(met|MISS) +16 ' "$out/stdout"; fi

# The report's header: the version, the machine (CPU model, CPUs, load at start and end), the
# timer's measured resolution.
hdr() { if grep -Eq "$2" "$out/stdout"; then ok "header: $1"; else ko "header: $1"; head -8 "$out/stdout"; fi; }
hdr "version" '^sslbind-bench [0-9]+\.[0-9]+\.[0-9]+$'
hdr "CPU model and CPUs" "^machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1 | sed 's/[][\.*^$()+?{}|]/\\&/g'); [0-9]+ CPUs online"
hdr "load average at start and end" '^load average \(1, 5, 15 min\): [0-9.]+ [0-9.]+ [0-9.]+ at start, [0-9.]+ [0-9.]+ [0-9.]+ at end$'
hdr "timer's measured resolution" '^timer: TSC at [0-9.]+ GHz .*measured resolution [0-9.]+ ns'
hdr "CLOCK_MONOTONIC's measured step" 'CLOCK_MONOTONIC.*steps by at least [0-9]+ ns'
hdr "fixed overhead named at small sizes" '^\* fixed overhead: at 16 bindings'
hdr "load rate in readable units" '^load bindings\.reg: [0-9.]+ ms \([0-9.]+ (k |M |G )?bindings/s\)$'
hdr "writer rates in readable units" 'unthrottled writer [0-9.]+ (k |M |G )?updates/s'

# --help and --version: standard output, exit 0; --help names every implementation and option.
if "$bench" --help > "$out/help" 2> "$out/help.err" && [ ! -s "$out/help.err" ]; then
  missing=""
  for word in --sizes --impls --json --plot --duration --rounds --samples --batch --writer-rate --seed --no-load --quick \
              --inject-fault --help --version sslbind sslbind-lean sslbind-batch uthash urcu-lfht ck-ht linear \
              memory-latency; do
    grep -qF -- "$word" "$out/help" || missing="$missing $word"
  done
  if [ -z "$missing" ]; then ok "--help on stdout, exit 0, every option and implementation"
  else ko "--help lacks:$missing"; fi
else
  ko "--help on stdout, exit 0"
fi
if v=$("$bench" --version 2>&1) && [ "$v" = "$(head -1 "$out/stdout")" ]; then ok "--version: $v"
else ko "--version ($v)"; fi
if "$bench" --bogus > "$out/o" 2> "$out/e"; then ko "an unknown option fails"
elif [ ! -s "$out/o" ] && grep -q "unknown option '--bogus'" "$out/e" && grep -q "^usage:" "$out/e"; then
  ok "an unknown option fails, on stderr"
else ko "an unknown option fails, on stderr"; fi
if "$bench" --impls sslbind,nosuch > /dev/null 2> "$out/e"; then ko "--impls rejects an unknown name"
elif grep -q "unknown implementation 'nosuch'; known: sslbind .*urcu-lfht.*ck-ht" "$out/e"; then
  ok "--impls rejects an unknown name and lists the known ones"
else ko "--impls rejects an unknown name"; cat "$out/e"; fi
for bad in 16, ,16 16,,300 " 16" -16 3 16000001 ""; do # every malformed list alike, before anything runs
  if "$bench" --sizes "$bad" --help > /dev/null 2> "$out/e"; then ko "--sizes '$bad' accepted"
  elif grep -q "^sslbind-bench: --sizes: '.*' is not a size: the sizes are numbers from 4 to 16000000, separated by commas$" "$out/e"; then
    ok "--sizes '$bad' refused"
  else ko "--sizes '$bad': $(cat "$out/e")"; fi
done
# the refusal names the item that is wrong, and an unknown fault names itself and the choices
if "$bench" --sizes 1000,abc,16 --help > /dev/null 2> "$out/e"; then ko "--sizes 1000,abc,16 accepted"
elif grep -q "^sslbind-bench: --sizes: 'abc' is not a size" "$out/e"; then ok "--sizes names the wrong item"
else ko "--sizes 1000,abc,16: $(cat "$out/e")"; fi
if "$bench" --inject-fault=zzz --help > /dev/null 2> "$out/e"; then ko "--inject-fault=zzz accepted"
elif grep -q "^sslbind-bench: --inject-fault: unknown fault 'zzz': answer or sni-first$" "$out/e"; then
  ok "--inject-fault names an unknown fault and the choices"
else ko "--inject-fault=zzz: $(cat "$out/e")"; fi

# An output that cannot be written is an error before anything runs (not after the run).
if "$bench" --sizes 16 --quick --json "$out/no/such/dir/b.json" > "$out/o" 2> "$out/e"; then
  ko "an unwritable --json fails at once"
elif [ ! -s "$out/o" ] && grep -q -- "--json $out/no/such/dir/b.json: No such file or directory" "$out/e"; then
  ok "an unwritable --json fails at once"
else ko "an unwritable --json fails at once"; cat "$out/e"; fi

# Only the peers: their rows and the floor, nothing else (a name is not a prefix match).
if "$bench" --sizes 16 --quick --no-load --impls urcu-lfht,ck-ht --json "$out/p.json" > /dev/null 2> "$out/e" &&
   jq -e '[.[].impl] | unique == ["ck-ht","memory-latency","urcu-lfht"]' "$out/p.json" > /dev/null; then
  ok "--impls urcu-lfht,ck-ht runs those alone"
else
  ko "--impls urcu-lfht,ck-ht runs those alone"; cat "$out/e"
fi

# A wrong answer stops the run, whichever implementation gives it; sslbind-batch's through its
# batched check (the plant goes there). And an implementation that probed the SNI before the
# exact IP:port (review 16's plant, applied to each) is caught by the checked-only queries whose
# answer the order decides.
for impl in sslbind sslbind-lean sslbind-batch uthash urcu-lfht ck-ht linear; do
  how=$([ "$impl" = sslbind-batch ] && echo " (batched)")
  if "$bench" --sizes 16 --quick --no-load --impls "$impl" --inject-fault > /dev/null 2> "$out/fault"; then
    ko "a wrong answer from $impl fails the run"
  elif grep -qF "wrong answer: $impl$how, " "$out/fault"; then
    ok "a wrong answer from $impl$how fails the run"
  else
    ko "a wrong answer from $impl$how fails the run (no message)"; cat "$out/fault"
  fi
  if "$bench" --sizes 16 --quick --no-load --impls "$impl" --inject-fault=sni-first > /dev/null 2> "$out/fault"; then
    ko "$impl probing SNI first fails the run"
  elif grep -qF "wrong answer: $impl$how, 16 bindings, workload order-checks, " "$out/fault"; then
    ok "$impl$how probing SNI first fails the run (order-checks)"
  else
    ko "$impl$how probing SNI first fails the run (no message)"; cat "$out/fault"
  fi
done
# The checked-only queries are checked at every size, for every implementation: what they add
# to each row's count of checked answers (5 workloads of 4096 queries with --quick).
check "the order-deciding queries are checked too" \
  "all(.[] | select($lat and .threads == 1); .checked > 5 * 4096)"

# The manual page's examples, exactly as printed (in a scratch directory: they write files).
page=$(cd "$(dirname "$0")/../../docs/man" && pwd)/sslbind-bench.1
mkdir "$out/ex"
n=0
while read -r cmd; do
  n=$((n + 1))
  if (cd "$out/ex" && eval "\"\$bench\" ${cmd#sslbind-bench }") > "$out/ex.out" 2>&1; then ok "man example: $cmd"
  else ko "man example: $cmd"; tail -3 "$out/ex.out"; fi
done < <(sed -n 's/^\.Dl \(sslbind-bench .*\)$/\1/p' "$page")
if [ "$n" -ge 2 ] && [ -s "$out/ex/bench.png" ] && jq -e 'length > 0' "$out/ex/peers.json" > /dev/null; then
  ok "man examples wrote their files"
else ko "man examples wrote their files ($n run)"; fi

# Only some implementations at the size where targets compare against the peers: no crash,
# targets printed for what ran.
if "$bench" --sizes 1000000 --impls sslbind --quick --no-load > "$out/only" 2>&1 && grep -q "1M sni-hit" "$out/only" &&
   ! grep -q "fastest peer" "$out/only"; then
  ok "--impls sslbind alone: targets only for what ran"
else
  ko "--impls sslbind alone"; tail -5 "$out/only"
fi

# performance.md counts a resolve's instructions with callgrind, which cannot run rdtscp (the
# timer's bracket): its command, exactly as printed there, must run (the harness notices and
# still checks every answer) and give one profile per stage, the timed loops in parts 4 to 8.
# A sanitizer's build cannot run under valgrind (both own the shadow of memory): the plain
# build's run of this test checks the command.
if [ -n "${SSLB_SANITIZE:-}" ]; then
  echo "(valgrind checks skipped: a build with -DSSLB_SANITIZE=$SSLB_SANITIZE cannot run under valgrind)"
elif command -v valgrind > /dev/null; then
  perf=$(cd "$(dirname "$0")/../../docs" && pwd)/performance.md
  cmd=$(awk '/^```sh$/ {getline l; if (l ~ /^valgrind --tool=callgrind/) {c = l; while ((getline l) > 0 && l != "```") c = c "\n" l; print c; exit}}' "$perf")
  cmd=${cmd//build\/bin\/sslbind-bench/\"\$bench\"}
  mkdir "$out/cg"
  if [ -n "$cmd" ] && (cd "$out/cg" && eval "$cmd") > "$out/vg" 2>&1 && grep -q "^sni-hit  *sslbind-lean" "$out/vg"; then
    ok "performance.md's callgrind command runs"
  else
    ko "performance.md's callgrind command runs"
    grep -v '^==' "$out/vg" | tail -10
  fi
  per=()
  for part in 4 5 6 7 8; do
    f=$(ls "$out/cg"/callgrind.out.*."$part" 2> /dev/null | head -1)
    per+=("$([ -n "$f" ] && sed -n 's/^summary: //p' "$f" | awk '{printf "%d", $1 / 22000}')")
  done
  # SNI hit, IP hit, fallback, miss, mixed: a resolve is some hundreds of instructions, an IP hit the fewest
  if [ "${#per[@]}" = 5 ] && [ "${per[1]:-0}" -ge 50 ] && [ "${per[0]:-0}" -gt "${per[1]}" ] && [ "${per[2]:-0}" -lt 2000 ]; then
    ok "callgrind counts the lean resolve per workload (${per[*]})"
  else ko "callgrind counts per workload: '${per[*]}'"; fi
else ko "valgrind is not installed (tools/deps installs it)"; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
