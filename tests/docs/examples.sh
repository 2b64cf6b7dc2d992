#!/usr/bin/env bash
# examples.sh SSLBIND DOC.md [--show | --update] — runs a document's examples as a reader would,
# so the document cannot drift from the programs (README.md, docs/*.md; docs/tutorial.md through
# tests/tutorial/scenarios.sh, which adds its story checks).
#
# Every line "$ CMD" inside a ``` block is a command; the lines under it, up to the next "$ " line
# or the end of the block, are the output printed for it. (A block with no "$ " line is not run.)
# The commands run in order, in one bash process, in a fresh scratch directory that is also HOME,
# with standard input from /dev/null, SSLBIND_STATE unset and the directory of SSLBIND first on PATH
# (appcmd, sslbind-tls and sslbind-bench are beside it): as a reader who installed sslbind. Each
# command's standard output and standard error, as one stream (what a terminal shows), must equal
# the printed output once, on both sides, every run of 40 hexadecimal digits (a certificate hash:
# each run makes new keys) is replaced by <hash> and every date by <date> (the scratch directory's
# path reads ~). A printed line that is only "…" (indented or not) stands for any number of lines.
# One check per command; a mismatch prints a diff.
#
# A document that starts a server on port 4443 gets a free port instead: the commands run with it
# and their outputs read it back as 4443.
#
#   --show     print the transcript as it ran (each command and its real output)
#   --update   (or SSLB_DOC_UPDATE=1) write the real outputs into the document wherever they differ
#              (outputs with a "…" line are left alone); then read `git diff` line by line: an
#              output that looks wrong is a bug to report, not a text to keep.
# SSLB_DOC_KEEP=DIR keeps each command (DIR/cmd/N) and its output (DIR/out/N) for a caller's checks.
set -u
bin=${1:?usage: examples.sh SSLBIND DOC.md [--show|--update]}
doc=${2:?usage: examples.sh SSLBIND DOC.md [--show|--update]}
mode=${3:-}
[ "${SSLB_DOC_UPDATE:-0}" = 1 ] && mode=--update
name=$(basename "$doc")
bindir=$(cd "$(dirname "$bin")" && pwd)
for p in sslbind appcmd; do
  [ -x "$bindir/$p" ] || { echo "examples.sh: no $bindir/$p"; echo "0 passed, 1 failed"; exit 1; }
done
[ -f "$doc" ] || { echo "examples.sh: no $doc"; echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d)
mkdir "$work/home" "$work/exp" "$work/out"
runner_pid=""
cleanup() {
  # the runner is the leader of its own process group: this ends it and anything it left running
  # (an endpoint started in the background), and nothing else
  [ -n "$runner_pid" ] && kill -- -"$runner_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A port of 127.0.0.1 that nothing listens on, for the documents' 4443.
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo 4443
}
port=$(free_port)

# 1. The commands and their printed outputs.
n=0 cur=0 in_block=0
declare -a cmd
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '```'*) in_block=$((1 - in_block)); cur=0; continue ;;
  esac
  [ "$in_block" = 1 ] || continue
  case "$line" in
    '$ '*) n=$((n + 1)); cmd[n]=${line#\$ }; cur=$n; : > "$work/exp/$n" ;;
    *) [ "$cur" -gt 0 ] && printf '%s\n' "$line" >> "$work/exp/$cur" ;;
  esac
done < "$doc"
[ "$n" -gt 0 ] || { echo "examples.sh: no command in $doc"; echo "0 passed, 1 failed"; exit 1; }

# 2. One bash script with every command, each one's output in out/N.
{
  echo 'cd "$1" || exit 99'
  for i in $(seq "$n"); do
    printf '{ %s\n} > "$2/%d" 2>&1\n' "${cmd[i]//4443/$port}" "$i"
  done
} > "$work/runner.sh"
env -u SSLBIND_STATE HOME="$work/home" PATH="$bindir:$PATH" LC_ALL=C \
  setsid bash "$work/runner.sh" "$work/home" "$work/out" < /dev/null > "$work/runner.log" 2>&1 &
runner_pid=$!
for _ in $(seq 1800); do kill -0 "$runner_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$runner_pid" 2>/dev/null; then echo "examples.sh: the commands ran for more than 180 s: stopped"; fi
kill -- -"$runner_pid" 2>/dev/null
wait "$runner_pid" 2>/dev/null
runner_pid=""
for i in $(seq "$n"); do
  [ -f "$work/out/$i" ] || continue
  sed -i "s|$work/home|~|g; s/\b$port\b/4443/g" "$work/out/$i"
  [ -z "$(tail -c1 "$work/out/$i")" ] || echo >> "$work/out/$i" # the doc can only show whole lines
done

normalize() {
  perl -pe 's/(?<![0-9A-Fa-f])[0-9A-Fa-f]{40}(?![0-9A-Fa-f])/<hash>/g;
            s/\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d( UTC)?/<date>/g' "$1"
}

# matches EXPECTED ACTUAL — the normalised texts are equal, a "…" line of EXPECTED standing for
# any number of lines of ACTUAL.
matches() {
  perl -e '
    my ($e, $a) = @ARGV;
    open(my $fe, "<", $e) or die; my @e = <$fe>; open(my $fa, "<", $a) or die; my @a = <$fa>;
    my %memo;
    sub m_ { my ($i, $j) = @_; my $k = "$i,$j"; return $memo{$k} if exists $memo{$k};
      my $r;
      if ($i == @e) { $r = ($j == @a) }
      elsif ($e[$i] =~ /^\s*\x{e2}\x{80}\x{a6}\s*$/) { $r = m_($i + 1, $j) || ($j < @a && m_($i, $j + 1)) }
      else { $r = $j < @a && $e[$i] eq $a[$j] && m_($i + 1, $j + 1) }
      return $memo{$k} = $r ? 1 : 0; }
    exit(m_(0, 0) ? 0 : 1);' "$1" "$2"
}

if [ "$mode" = --show ]; then
  for i in $(seq "$n"); do
    printf '$ %s\n' "${cmd[i]}"
    [ -f "$work/out/$i" ] && cat "$work/out/$i" || echo "(did not run)"
  done
  exit 0
fi

# 3. One check per command.
passed=0 failed=0
for i in $(seq "$n"); do
  if [ ! -f "$work/out/$i" ]; then
    failed=$((failed + 1)); echo "[FAIL] $name: command $i did not run: ${cmd[i]}"
    [ -s "$work/runner.log" ] && sed 's/^/  | /' "$work/runner.log" && : > "$work/runner.log"
    continue
  fi
  if matches <(normalize "$work/exp/$i") <(normalize "$work/out/$i"); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    [ "$mode" = --update ] && continue
    echo "[FAIL] $name: command $i: ${cmd[i]}"
    diff -u --label "$name" --label "what ran" <(normalize "$work/exp/$i") <(normalize "$work/out/$i") |
      sed 's/^/  /'
  fi
done

if [ -n "${SSLB_DOC_KEEP:-}" ]; then
  mkdir -p "$SSLB_DOC_KEEP/cmd" "$SSLB_DOC_KEEP/out"
  for i in $(seq "$n"); do printf '%s\n' "${cmd[i]}" > "$SSLB_DOC_KEEP/cmd/$i"; done
  cp "$work"/out/* "$SSLB_DOC_KEEP/out/" 2>/dev/null
fi

if [ "$mode" = --update ]; then
  i=0 in_block=0 skipping=0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
      '```'*) in_block=$((1 - in_block)); skipping=0; printf '%s\n' "$line"; continue ;;
    esac
    if [ "$in_block" = 1 ] && [ "${line#\$ }" != "$line" ]; then
      i=$((i + 1)); skipping=1
      printf '%s\n' "$line"
      if [ ! -f "$work/out/$i" ] || grep -q '^[[:space:]]*…[[:space:]]*$' "$work/exp/$i" ||
         matches <(normalize "$work/exp/$i") <(normalize "$work/out/$i"); then cat "$work/exp/$i"
      else cat "$work/out/$i"; fi
      continue
    fi
    [ "$skipping" = 1 ] || printf '%s\n' "$line"
  done < "$doc" > "$work/doc.new"
  cp "$work/doc.new" "$doc"
  echo "updated $doc: $failed outputs rewritten; review them with git diff"
  if grep -n '^\$ \|^```' "$work"/out/* | grep -v ':0$' | head -3 | grep -q .; then
    echo "warning: an output line starts with \"\$ \" or \`\`\`: the doc cannot show it"
  fi
  exit 0
fi

[ "$failed" != 0 ] || echo "[PASS] all $n commands of $name print what it shows"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
