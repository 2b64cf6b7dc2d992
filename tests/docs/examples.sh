#!/usr/bin/env bash
# examples.sh BINDIR DOC… — runs the ```console blocks of the given Markdown files as a reader
# would: every "$ CMD" line is a command and the lines under it, up to the next "$ " line or the
# end of the block, are what it prints (standard output and standard error as one stream, what a
# terminal shows). The commands of one file run in order, each in bash, in one fresh scratch
# directory that is also HOME and SSLBIND_STATE's parent (SSLBIND_STATE=$HOME/state), with
# BINDIR first on PATH and standard input from /dev/null. The output must match exactly.
set -u
bindir=$(cd "$1" && pwd)
shift
passed=0 failed=0
for doc in "$@"; do
  work=$(mktemp -d)
  n=0 in_block=0
  cmds=() outs=()
  while IFS= read -r line || [ -n "$line" ]; do
    if [ $in_block = 0 ]; then
      [ "$line" = '```console' ] && in_block=1
      continue
    fi
    if [ "$line" = '```' ]; then in_block=0; continue; fi
    case "$line" in
      '$ '*) cmds[n]=${line#\$ }; outs[n]=""; n=$((n + 1)) ;;
      *) [ $n -gt 0 ] && outs[n - 1]+="$line"$'\n' ;;
    esac
  done < "$doc"
  for ((i = 0; i < n; i++)); do
    got=$(cd "$work" && HOME="$work" SSLBIND_STATE="$work/state" PATH="$bindir:$PATH" \
          bash -c "${cmds[i]}" < /dev/null 2>&1; echo x)
    got=${got%x}
    if [ "$got" = "${outs[i]}" ]; then passed=$((passed + 1)); else
      failed=$((failed + 1))
      echo "[FAIL] $(basename "$doc"): \$ ${cmds[i]}"
      diff <(printf '%s' "${outs[i]}") <(printf '%s' "$got") | sed 's/^/  /'
    fi
  done
  [ $n -gt 0 ] || { echo "[FAIL] $(basename "$doc"): no \`\`\`console block"; failed=$((failed + 1)); }
  rm -rf "$work"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
