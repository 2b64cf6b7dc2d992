#!/usr/bin/env bash
# was_note.sh SSLBIND — an appcmd edit that gives a Started site an invalid binding: WAS stops
# the site, and standard error says so ("WAS has stopped it") only once sites.state records it.
# When recording fails (strace makes the rename of sites.state fail, EROFS: a state directory
# that cannot be written; the edit's second rename), the note says what is true instead — the site is still recorded
# Started, and WAS stops it at the next command that can record the state — and the next command
# does. Needs strace.
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"
if ! strace -qq -o /dev/null -e inject=rename:error=EROFS:when=1000 true 2> /dev/null; then
  echo "SKIPPED: no usable strace"
  exit 0
fi
S=$work/s
mkdir -m 700 "$S"
run() { "$sb" --state "$S" "$@"; }
stopped='note: site "edit" was Started: WAS has stopped it'
set_bad="/bindings.[protocol='http',bindingInformation='*:8012:'].bindingInformation:*:80x12:"

run appcmd add site /name:edit /id:12 /bindings:http/*:8012: > /dev/null
if run appcmd list site edit | grep -q 'state:Started'; then ok "the site is Started"; else ko "the site is Started"; fi
cp "$S/sites.state" "$work/state.before"
# the edit's renames: applicationHost.config's, then sites.state's (checked below: the first made,
# the second not)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o /dev/null -e trace=rename \
  -e inject=rename:error=EROFS:when=2 "$sb" --state "$S" appcmd set site edit "$set_bad" > "$work/out" 2> "$work/err"
rc=$?
if [ "$rc" = 0 ] && grep -q 'SITE object "edit" changed' "$work/out" && grep -q '80x12' "$S/applicationHost.config" &&
  cmp -s "$S/sites.state" "$work/state.before" &&
  grep -q "WAS could not record the sites' state: .*Read-only file system" "$work/err"; then
  ok "the edit made, the state not recorded (said)"
else
  ko "the edit made, the state not recorded (said) (exit $rc)"
  cat "$work/out" "$work/err" | sed 's/^/  | /'
fi
if ! grep -q "$stopped" "$work/err" &&
  grep -q 'note: site "edit" is Started with an invalid binding: WAS stops it at the next command that can record the sites'"'"' state' "$work/err"; then
  ok "... and no note claims the stop: it says what is true"
else
  ko "... and no note claims the stop: it says what is true"
  sed 's/^/  | /' "$work/err"
fi
if run appcmd list site edit | grep -q 'state:Stopped'; then ok "the next command stops it"
else ko "the next command stops it"; run appcmd list site edit; fi

# recorded: the note says it stopped the site, after the state is written
run appcmd set site edit /bindings:http/*:8012: > /dev/null
run appcmd start site edit > /dev/null
run appcmd set site edit "$set_bad" > "$work/out" 2> "$work/err"
if grep -q "$stopped" "$work/err" && run appcmd list site edit | grep -q 'state:Stopped'; then
  ok "recorded: the note says WAS has stopped it"
else
  ko "recorded: the note says WAS has stopped it"
  cat "$work/out" "$work/err" | sed 's/^/  | /'
fi
summary
