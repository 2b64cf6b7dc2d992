#!/usr/bin/env bash
# switch.sh SSLBIND — sites.state follows the sites by name at `iis sharedconfig disable` even
# when this server's own applicationHost.config is gone: it is made again (a fresh install) and
# the states follow the sites into it, never given by id to an unrelated site (review 24 F1: the
# farm's stopped site 1 gave its state to the new Default Web Site, id 1 too).
set -u
sb=$1
. "$(dirname "$0")/../checks.sh"
S=$work/s
mkdir -m 700 "$S"
run() { "$sb" --state "$S" "$@"; }
{ run iis sharedconfig export path="$work/farm" && run iis sharedconfig enable path="$work/farm" &&
  run appcmd delete site "Default Web Site" && run appcmd add site /name:FarmOne /id:1 /bindings:http/*:81: &&
  run appcmd stop site FarmOne; } > /dev/null
if grep -qx '1 Stopped' "$S/sites.state"; then ok "in the farm, FarmOne (id 1) is stopped"
else ko "set-up: sites.state is not '1 Stopped'"; cat "$S/sites.state"; fi
rm "$S/applicationHost.config"
run iis sharedconfig disable > "$work/out" 2>&1
if [ -f "$S/applicationHost.config" ] && run appcmd list site > "$work/out" 2>&1 &&
   grep -q '"Default Web Site" (id:1,bindings:http/\*:80:,state:Started)' "$work/out"; then
  ok "back to a fresh own configuration: Default Web Site is a new site (started), not FarmOne's state"
else
  ko "the own configuration's site took the farm's state by id"; cat "$work/out"
fi
summary
