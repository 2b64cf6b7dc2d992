#!/usr/bin/env bash
# concurrent.sh SSLBIND — servers A and B of a farm change the shared applicationHost.config at
# the same moment, each through its own appcmd processes: every change is kept (the lock beside
# the shared file), the file stays well-formed, and a reader never sees a torn file.
set -u
sb=$1
n=${SSLB_CONCURRENT_N:-50}
. "$(dirname "$0")/../checks.sh"

"$sb" --state "$work/A" iis sharedconfig export path="$work/farm" > /dev/null
"$sb" --state "$work/A" iis sharedconfig enable path="$work/farm" > /dev/null
"$sb" --state "$work/B" iis sharedconfig enable path="$work/farm" > /dev/null
"$sb" --state "$work/A" appcmd add site /name:Site1 /id:2 > /dev/null

adds() { # adds SERVER PORT0: n bindings, one appcmd process each
  for i in $(seq "$n"); do
    "$sb" --state "$work/$1" appcmd set site Site1 "/+bindings.[protocol='https',bindingInformation='*:$(($2 + i)):']" \
      > /dev/null 2>> "$work/$1.err" || echo "$1 $i failed" >> "$work/failures"
  done
}
reads() { # a reader listing the sites meanwhile
  while [ ! -f "$work/done" ]; do
    "$sb" --state "$work/B" appcmd list site Site1 > /dev/null 2>> "$work/reader.err" || echo "reader failed" >> "$work/failures"
  done
}
reads &
reader=$!
adds A 10000 &
a=$!
adds B 20000 &
b=$!
wait $a $b
touch "$work/done"
wait $reader

count=$("$sb" --state "$work/A" appcmd list site Site1 /text:bindings | tr ',' '\n' | grep -c https)
if [ "$count" = $((2 * n)) ] && [ ! -s "$work/failures" ]; then ok "$((2 * n)) bindings added by two servers at once, none lost"
else ko "expected $((2 * n)) bindings, found $count"; cat "$work/failures" "$work"/*.err 2>/dev/null | head; fi
if "$sb" --state "$work/B" appcmd list config -section:system.applicationHost/sites > "$work/sites.xml" 2>&1 &&
   [ "$(grep -c '<binding ' "$work/sites.xml")" = $((2 * n + 1)) ]; then
  ok "the shared file parses, with every binding in it"; else ko "the shared file parses"; head "$work/sites.xml"; fi
if [ ! -s "$work/reader.err" ]; then ok "a reader never saw a torn or damaged file"; else ko "reader errors"; head "$work/reader.err"; fi
left=$(find "$work/farm" -name '*.tmp.*' | wc -l)
if [ "$left" = 0 ]; then ok "no temporary file left behind"; else ko "$left temporary files left"; fi

summary
