#!/usr/bin/env bash
# golden.sh SSLBIND CASE.t — replays a transcript against sslbind and compares byte for byte.
#
# A case is a cram-style transcript. Lines starting with "$ " are commands, run in order against
# one fresh state directory; every other line is expected output, regenerated on each run:
#   $ ARGS…           sslbind --state DIR ARGS…   (ARGS split with shell quoting)
#   $ @pipe [NAME]    sslbind --state DIR (DIR/NAME with a NAME: another emulated server),
#                     standard input = the following "> " lines (">" alone: an empty line),
#                     which sslbind splits itself, as cmd.exe would: lines are run as typed
#   $ @printf FMT…    sslbind --state DIR, standard input = printf FMT… (NUL bytes, long lines)
#   $ @raw ARGS…      sslbind ARGS… with no --state (SSLBIND_STATE=DIR instead; options tests)
#   $ @env NAME=VALUE ARGS…   sslbind --state DIR ARGS… with NAME=VALUE in its environment
#   $ @reg            the MD5 of DIR/bindings.reg, or "(no file)"
#   $ @put NAME       copies tests/shell/data/NAME to DIR/bindings.reg
#   $ @file NAME      writes the following "> " lines to DIR/NAME (a file an emulated server has)
#   $ @md5 NAME       the MD5 of DIR/NAME, or "(no file)"
#   # TEXT            a comment (where a line comes from), kept as it is; it ends the "> " lines
#                     of the command before it, so it goes before a "$ " line, never among them
# Commands are split with shell quoting after expanding $DATA (the fixtures) and $state (DIR),
# which cases write unquoted and the runner quotes (either path may hold a space):
# "--state $state/B" after the implied --state names a second server (a farm).
# Output of a command (the state directory's path shown as STATE, the fixtures' as $DATA): its standard output as is, then each standard-error line prefixed "! ",
# then "[exit N]" when the status is not 0.
# SSLB_GOLDEN_UPDATE=1 rewrites the case from what ran (review the diff before committing!).
set -u
bin=$1
case_file=$2
here=$(cd "$(dirname "$0")" && pwd)
export DATA="$here/../data" # test fixtures: commands may name $DATA/certs/contoso.pem
state=$(mktemp -d)
actual=$(mktemp)
input=$(mktemp)
trap 'rm -rf "$state" "$actual" "$input" "$input.out" "$input.err"' EXIT

pending=""
run_pending() {
  [ -n "$pending" ] || return 0
  local rc=0
  pending=${pending//\$state/\"\$state\"}
  pending=${pending//\$DATA/\"\$DATA\"}
  case "$pending" in
    @reg)
      if [ -f "$state/bindings.reg" ]; then md5sum < "$state/bindings.reg" | cut -c1-32 >> "$actual"
      else echo "(no file)" >> "$actual"; fi
      pending=""; return 0 ;;
    @put\ *)
      cp "$here/data/${pending#@put }" "$state/bindings.reg"; pending=""; return 0 ;;
    @file\ *)
      mkdir -p "$(dirname "$state/${pending#@file }")"
      cp "$input" "$state/${pending#@file }"; pending=""; : > "$input"; return 0 ;;
    @md5\ *)
      if [ -f "$state/${pending#@md5 }" ]; then md5sum < "$state/${pending#@md5 }" | cut -c1-32 >> "$actual"
      else echo "(no file)" >> "$actual"; fi
      pending=""; return 0 ;;
    @env\ *)
      eval "set -- ${pending#@env }"
      env "$1" "$bin" --state "$state" "${@:2}" < /dev/null > "$input.out" 2> "$input.err" || rc=$? ;;
    @raw\ *)
      eval "set -- ${pending#@raw }"
      SSLBIND_STATE="$state" "$bin" "$@" < /dev/null > "$input.out" 2> "$input.err" || rc=$? ;;
    @pipe|@pipe\ *)
      local server=${pending#@pipe}
      server=${server# }
      "$bin" --state "$state${server:+/$server}" < "$input" > "$input.out" 2> "$input.err" || rc=$? ;;
    @printf\ *)
      eval "printf ${pending#@printf }" | "$bin" --state "$state" > "$input.out" 2> "$input.err" || rc=$? ;;
    *)
      eval "set -- $pending"
      "$bin" --state "$state" "$@" < /dev/null > "$input.out" 2> "$input.err" || rc=$? ;;
  esac
  sed "s|$state|STATE|g; s|$DATA|\$DATA|g" "$input.out" >> "$actual"
  sed "s|$state|STATE|g; s|$DATA|\$DATA|g; s/^/! /" "$input.err" >> "$actual"
  [ "$rc" -eq 0 ] || echo "[exit $rc]" >> "$actual"
  pending=""
  : > "$input"
}

while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '$ '*) run_pending; printf '%s\n' "$line" >> "$actual"; pending=${line#\$ } ;;
    '#'|'# '*) run_pending; printf '%s\n' "$line" >> "$actual" ;;
    '>'|'> '*) printf '%s\n' "$line" >> "$actual"; printf '%s\n' "${line#>}" | sed 's/^ //' >> "$input" ;;
  esac
done < "$case_file"
run_pending

if [ "${SSLB_GOLDEN_UPDATE:-0}" = 1 ]; then
  cp "$actual" "$case_file"
  exit 0
fi
if ! cmp -s "$case_file" "$actual"; then
  diff -u "$case_file" "$actual" | cat -A | head -80
  echo "golden transcript differs: $case_file" >&2
  exit 1
fi
echo "1 passed, 0 failed"
