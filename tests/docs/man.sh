#!/usr/bin/env bash
# man.sh BINDIR — the manual pages render (man -l) and cannot drift from the programs: every
# command of sslbind's command table (as its own help lists them, context by context), the
# commands every context has (exit, pushd, popd …), every appcmd verb and general parameter, and
# every option of each program's --help (appcmd's too) appear in the page of that program.
set -u
bindir=$1
man=$(cd "$(dirname "$0")/../../docs/man" && pwd)
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { echo "[FAIL] $1"; failed=$((failed + 1)); }

render() { MANWIDTH=200 man -l "$man/$1" 2> "$tmp/err" | sed 's/\x08.//g; s/‐/-/g'; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for page in sslbind.1 appcmd.1 sslbind-tls.1 sslbind-bench.1 sslbind-tlsbench.1; do
  if render "$page" > "$tmp/$page.txt" && [ -s "$tmp/$page.txt" ] && [ ! -s "$tmp/err" ]; then ok
  else ko "$page does not render: $(cat "$tmp/err")"; fi
done
# squeeze the rendering's blanks so "iis  address add" reads as one phrase
for f in "$tmp"/*.txt; do tr -s ' \n' ' ' < "$f" > "$f.flat"; done
has() { grep -qF -- "$2" "$tmp/$1.txt.flat"; }

# sslbind: contexts from the top-level help, verbs per context, objects per verb
sb="$bindir/sslbind"
state="$tmp/state"
contexts=$("$sb" --state "$state" ? | sed -n '/sub-contexts are available/{n;p}')
# the commands of every context (exit, pushd …): the top level's list less its contexts
globals=$("$sb" --state "$state" ? | awk '/^Commands in this context/ {on=1; next} on && /^[a-z]/ {print $1}' |
          grep -vxF -f <(printf '%s\n' $contexts))
for g in $globals; do
  if has sslbind.1 "$g"; then ok; else ko "sslbind.1 lacks the command '$g'"; fi
done
for ctx in $contexts; do
  verbs=$("$sb" --state "$state" "$ctx" ? | awk '/^Commands in this context/ {on=1; next} on && /^[a-z]/ {print $1}' |
          grep -vxF -f <(printf '%s\n' $globals))
  for v in $verbs; do
    objs=$("$sb" --state "$state" "$ctx" "$v" ? 2>/dev/null | awk -v v="$v" '$1 == v && $3 == "-" {print $2}')
    if [ -z "$objs" ]; then
      if has sslbind.1 "$ctx $v"; then ok; else ko "sslbind.1 lacks '$ctx $v'"; fi
    fi
    for o in $objs; do
      if has sslbind.1 "$ctx $v $o"; then ok; else ko "sslbind.1 lacks '$ctx $v $o'"; fi
    done
  done
done

# options of --help, per program and page
opts() { "$1" --help 2>&1 | grep -oE '(^|[ [])--?[a-z][a-z-]*' | sed 's/^[ []//' | sort -u; }
for pair in "sslbind:sslbind.1" "appcmd:appcmd.1" "sslbind-tls:sslbind-tls.1" "sslbind-bench:sslbind-bench.1" "sslbind-tlsbench:sslbind-tlsbench.1"; do
  prog=${pair%%:*} page=${pair#*:}
  for o in $(opts "$bindir/$prog"); do
    if has "$page" "$o"; then ok; else ko "$page lacks option $o"; fi
  done
done

# appcmd: verbs of each object and the general parameters, from appcmd's own help
ac="$bindir/appcmd"
for obj in site config; do
  for v in $("$ac" --state "$state" "$obj" /? 2>/dev/null | awk '/^Supported commands/ {on=1; next} on && /^  [a-z]/ {print $1}'); do
    if has appcmd.1 "$v $obj"; then ok; else ko "appcmd.1 lacks '$v $obj'"; fi
  done
done
for p in $("$ac" --state "$state" /? 2>/dev/null | grep -oE '^  /[a-z?]+' | sed 's/^  //'); do
  if has appcmd.1 "$p"; then ok; else ko "appcmd.1 lacks '$p'"; fi
done

# independent optional parts are sibling brackets: "[key [json=enable]]" reads as json= only with
# a key (only the synopsis's "[context ... command [tag=value ...]]" nests, rightly); and no
# stray blank after a backslash ("\ appcmd.exe" for \appcmd.exe)
for page in sslbind.1 appcmd.1; do
  nested=$(grep -E '\[[^]]*\[' "$tmp/$page.txt" | grep -vF 'command [tag=value ...]]')
  if [ -z "$nested" ]; then ok; else ko "$page nests independent options: $nested"; fi
  if grep -qF '\ ' "$tmp/$page.txt"; then ko "$page has a backslash and a blank: $(grep -F '\ ' "$tmp/$page.txt")"
  else ok; fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
