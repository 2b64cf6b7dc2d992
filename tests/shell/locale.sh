#!/usr/bin/env bash
# locale.sh SSLBIND CASE.t — replays a golden transcript (golden.sh) under a Turkish locale, where
# tolower('I') is not 'i' and strcasecmp("DISABLE", "disable") != 0: netsh's words typed in
# capitals must mean the same as under C (the same transcript runs under C as golden_<case>).
# Where no Turkish locale is installed the test says so and is skipped (ctest: "SKIPPED").
set -u
here=$(cd "$(dirname "$0")" && pwd)
for loc in tr_TR.UTF-8 tr_TR.utf8; do
  if [ -z "$(LC_ALL=$loc locale 2>&1 >/dev/null)" ]; then
    LC_ALL=$loc LANG=$loc exec bash "$here/golden.sh" "$@"
  fi
done
echo "SKIPPED: no Turkish locale on this machine (apt-get install locales-all, or locale-gen tr_TR.UTF-8)"
exit 0
