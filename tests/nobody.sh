# nobody.sh — sourced by the tests that run sslbind or sslbind-tls as the user nobody (setpriv).
# nobody_possible: 0 when commands can be run as nobody here (root, setpriv, a user nobody).
nobody_possible() { [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null && id nobody > /dev/null 2>&1; }
# nobody_bin DIR prints a directory nobody can run the programs from: DIR itself, or, when a
# directory on the way is closed to other users (a CI checkout in a mode-700 temporary directory),
# a copy of the programs found in DIR (sslbind, appcmd, sslbind-tls) in $work/nobody-bin, $work
# opened to others for search (mode 711). The programs hold the project's libraries (static).
nobody_bin() {
  local dir=$1 p
  if [ -x "$work/nobody-bin/sslbind" ] || [ -x "$work/nobody-bin/sslbind-tls" ]; then # copied already
    echo "$work/nobody-bin"
    return
  fi
  if setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$dir/sslbind" -o -x "$dir/sslbind-tls" 2> /dev/null; then
    echo "$dir"
    return
  fi
  chmod 711 "$work"
  mkdir -p "$work/nobody-bin"
  for p in sslbind appcmd sslbind-tls; do
    [ -f "$dir/$p" ] && cp "$dir/$p" "$work/nobody-bin/$p" && chmod 755 "$work/nobody-bin/$p"
  done
  chmod 755 "$work/nobody-bin"
  echo "$work/nobody-bin"
}
# nobody_data DIR prints a directory holding DIR's files that nobody can read: DIR itself, or a
# copy in $work/nobody-data (the test data in a checkout closed to other users); DIR itself where
# there is no setpriv to ask with.
nobody_data() {
  local dir=$1
  if ! command -v setpriv > /dev/null || [ -d "$work/nobody-data" ] ||
     setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$dir/contoso.pem" 2> /dev/null; then
    [ -d "$work/nobody-data" ] && echo "$work/nobody-data" || echo "$dir"
    return
  fi
  chmod 711 "$work"
  cp -r "$dir" "$work/nobody-data"
  chmod -R a+rX "$work/nobody-data"
  echo "$work/nobody-data"
}
# nobody_sanitizer_env: a sanitizer's suppressions file named in TSAN_OPTIONS, ASAN_OPTIONS or
# LSAN_OPTIONS that nobody cannot read (in a closed checkout: the sanitizer then refuses to start
# the program) is copied into $work and the variable made to name the copy.
nobody_sanitizer_env() {
  local v opts path
  command -v setpriv > /dev/null || return 0
  for v in TSAN_OPTIONS ASAN_OPTIONS LSAN_OPTIONS; do
    opts=${!v:-}
    [[ $opts =~ suppressions=([^ :]+) ]] || continue
    path=${BASH_REMATCH[1]}
    setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$path" 2> /dev/null && continue
    chmod 711 "$work"
    cp "$path" "$work/$v.supp" && chmod 644 "$work/$v.supp"
    export "$v=${opts/suppressions=$path/suppressions=$work/$v.supp}"
  done
}
