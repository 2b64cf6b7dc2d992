#!/usr/bin/env bash
# tests/install/install.sh SRC [BUILD] — sslbind installed as a user installs it, then used from
# outside the project.
#
#   1. `cmake --install BUILD --prefix P` into a temporary prefix (BUILD is configured and built
#      first when not given or not configured);
#   2. every file in its GNUInstallDirs place: programs (appcmd a symbolic link to sslbind),
#      manual pages, public headers, static and shared libraries with their SONAME, pkg-config
#      files, the CMake package, the bash completion;
#   3. the table library links no OpenSSL and no libxml2 (readelf -d; nm of the archive);
#   4. each shared library exports exactly the functions its public headers declare — the list
#      taken from the compiler (gcc -aux-info) where it can, else from the headers' text;
#   5. the umbrella header sslb/sslb.h compiles as C (every header alone too) and as C++
#      (g++ -fsyntax-only; skipped visibly without g++);
#   6. tests/install/outside.c built against P only — with `pkg-config --cflags --libs sslb`
#      (shared), with pkg-config --static against libsslb.a, and with find_package(sslb) in a
#      tiny CMake project (sslb::sslb and sslb::sslb_static) — and run: it makes a table, adds a
#      binding and resolves it;
#   7. `man -l` renders every installed page without a warning;
#   8. the installed programs run from P/bin through PATH: `sslbind --version`, `appcmd`.
# Prints "PASS: …" lines; exits non-zero at the first failure.
set -uo pipefail
src=$(cd "${1:?usage: install.sh SRC [BUILD]}" && pwd)
build=${2:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/sslb-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "PASS: $*"; }
note() { echo "NOTE: $*"; }

# ---- 1. build and install -------------------------------------------------------------------
if [ -z "$build" ] || [ ! -f "$build/CMakeCache.txt" ]; then
  build=${build:-$work/build}
  cmake -S "$src" -B "$build" -DSSLB_TESTS=OFF >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; fail "configure"; }
  cmake --build "$build" -j "$(nproc)" >"$work/build.log" 2>&1 || { tail -50 "$work/build.log"; fail "build"; }
fi
build=$(cd "$build" && pwd)
grep -q '^SSLB_SANITIZE:STRING=$' "$build/CMakeCache.txt" ||
  fail "$build is a sanitizer build: install a plain one"
P=$work/prefix
cmake --install "$build" --prefix "$P" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
pass "cmake --install --prefix $P"

version=$(sed -n 's/^project(sslbind VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || fail "no project(VERSION) in CMakeLists.txt"
major=${version%%.*}
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
libdir=${libdir:-lib}
L=$P/$libdir

# ---- 2. the files ---------------------------------------------------------------------------
for prog in sslbind sslbind-tls sslbind-bench sslbind-tlsbench; do
  [ -x "$P/bin/$prog" ] && [ ! -L "$P/bin/$prog" ] || fail "bin/$prog missing"
done
[ -L "$P/bin/appcmd" ] && [ "$(readlink "$P/bin/appcmd")" = sslbind ] || fail "bin/appcmd is not a link to sslbind"
pass "bin/: sslbind, appcmd -> sslbind, sslbind-tls, sslbind-bench, sslbind-tlsbench"

npages=0
for page in "$src"/docs/man/*.1; do
  [ -f "$P/share/man/man1/${page##*/}" ] || fail "share/man/man1/${page##*/} missing"
  npages=$((npages + 1))
done
[ "$npages" -ge 3 ] || fail "only $npages manual pages in docs/man"
pass "share/man/man1: $npages pages"

for h in "$src"/core/include/sslb/*.h; do
  cmp -s "$h" "$P/include/sslb/${h##*/}" || fail "include/sslb/${h##*/} missing or different"
done
grep -q "SSLB_VERSION_STRING \"$version\"" "$P/include/sslb/version.h" || fail "include/sslb/version.h is not $version"
pass "include/sslb: the public headers and the generated version.h"

for lib in sslb sslb-cert sslb-iis; do
  [ -f "$L/lib$lib.a" ] || fail "$libdir/lib$lib.a missing"
  [ -f "$L/lib$lib.so.$version" ] || fail "$libdir/lib$lib.so.$version missing"
  [ "$(readlink "$L/lib$lib.so.$major")" = "lib$lib.so.$version" ] || fail "lib$lib.so.$major link"
  [ "$(readlink "$L/lib$lib.so")" = "lib$lib.so.$major" ] || fail "lib$lib.so link"
  soname=$(readelf -d "$L/lib$lib.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [ "$soname" = "lib$lib.so.$major" ] || fail "lib$lib.so's SONAME is '$soname', not lib$lib.so.$major"
  [ -f "$L/pkgconfig/$lib.pc" ] || fail "$libdir/pkgconfig/$lib.pc missing"
done
[ -f "$L/cmake/sslb/sslbConfig.cmake" ] && [ -f "$L/cmake/sslb/sslbConfigVersion.cmake" ] ||
  fail "the CMake package is missing"
pass "$libdir: libsslb, libsslb-cert, libsslb-iis static and shared (SONAME .so.$major), .pc files, CMake package"

for name in sslbind appcmd; do
  cmp -s "$src/shell/completion/sslbind.bash" "$P/share/bash-completion/completions/$name" ||
    fail "share/bash-completion/completions/$name missing"
done
# the installed script, with the installed sslbind on PATH, completes a context
got=$(PATH="$P/bin:$PATH" LD_LIBRARY_PATH="$L" bash -c '
  source "$1/share/bash-completion/completions/sslbind" || exit 1
  COMP_WORDS=(sslbind ht); COMP_CWORD=1; COMP_LINE="sslbind ht"; COMP_POINT=${#COMP_LINE}
  f=$(complete -p sslbind | sed -nE "s/.*-F ([^ ]+) .*/\1/p"); "$f" sslbind ht sslbind
  echo "${COMPREPLY[*]}"' _ "$P") || fail "the installed completion script does not load"
[ "$got" = http ] || fail "the installed completion completes 'sslbind ht' to '$got', not 'http'"
pass "share/bash-completion/completions: sslbind, appcmd; 'sslbind ht<Tab>' gives http"

# ---- 3. the table library does not link OpenSSL or libxml2 ----------------------------------
needed=$(readelf -d "$L/libsslb.so.$version" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
case "$needed" in *libssl* | *libcrypto* | *libxml2*) fail "libsslb.so needs $needed" ;; esac
undef=$(nm -u "$L/libsslb.a" 2>/dev/null | grep -E ' (SSL|EVP|X509|OPENSSL|ERR|BIO|PEM|PKCS12|xml)[A-Za-z_]' | sort -u)
[ -z "$undef" ] || fail "libsslb.a uses OpenSSL or libxml2: $undef"
PKG_CONFIG_PATH=$L/pkgconfig pkg-config --static --libs sslb | grep -qE -- '-l(ssl|crypto|xml2)\b' &&
  fail "pkg-config --static --libs sslb pulls OpenSSL or libxml2"
readelf -d "$L/libsslb-cert.so.$version" | grep -q 'NEEDED.*libcrypto' || fail "libsslb-cert.so does not need libcrypto?"
readelf -d "$L/libsslb-iis.so.$version" | grep -q 'NEEDED.*libxml2' || fail "libsslb-iis.so does not need libxml2?"
if [ -x "$P/bin/sslbind-bench" ]; then
  readelf -d "$P/bin/sslbind-bench" | grep -qE 'NEEDED.*(libssl|libcrypto|libxml2)' &&
    fail "sslbind-bench links OpenSSL or libxml2"
fi
pass "libsslb needs only: $needed(no OpenSSL, no libxml2; nor does sslbind-bench)"

# ---- 4. exported symbols = the functions the public headers declare --------------------------
# declared functions, per header: from the compiler where it can say, else from the text
declared() { # -> "header function" lines
  if gcc --version >/dev/null 2>&1; then
    echo '#include <sslb/sslb.h>' >"$work/all.c"
    gcc -std=c11 -fsyntax-only -aux-info "$work/aux.txt" -I"$P/include" "$work/all.c" || return 1
    # /* /prefix/include/sslb/table.h:48:NC */ extern sslb_rc sslb_table_add (sslb_table *, …);
    # (the name is the identifier just before the first parenthesis: a parameter may be a
    # function pointer)
    sed -n 's|^/\* .*/include/sslb/\([a-z_]*\.h\):[0-9]*:[A-Z]* \*/ \(.*\)$|\1 \2|p' "$work/aux.txt" |
      sed 's/^\([a-z_]*\.h\) \([^(]*[ *]\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\) *(.*/\1 \3/'
  else
    for h in "$P"/include/sslb/*.h; do
      sed -n 's/^SSLB_API .*[ *]\([a-z_][a-z0-9_]*\)(.*/\1/p' "$h" | sed "s|^|${h##*/} |"
    done
  fi
}
declared | sort -u >"$work/declared.txt" || fail "could not list the declared functions"
[ -s "$work/declared.txt" ] || fail "no declared function found"
for lib in sslb sslb-cert sslb-iis; do
  case $lib in
    sslb-cert) want=$(awk '$1 == "certstore.h" {print $2}' "$work/declared.txt") ;;
    sslb-iis) want=$(awk '$1 == "apphost.h" {print $2}' "$work/declared.txt") ;;
    *) want=$(awk '$1 != "certstore.h" && $1 != "apphost.h" {print $2}' "$work/declared.txt") ;;
  esac
  echo "$want" | sort -u >"$work/want.$lib"
  # every defined dynamic symbol, whatever its type: only functions may be there
  nm -D --defined-only "$L/lib$lib.so.$version" | awk '{print $2, $3}' >"$work/nm.$lib"
  awk '$1 != "T" && $1 != "i" {print}' "$work/nm.$lib" | grep -v ' _\(init\|fini\)$' >"$work/notfn.$lib"
  [ -s "$work/notfn.$lib" ] && fail "lib$lib.so exports non-functions: $(tr '\n' ' ' <"$work/notfn.$lib")"
  awk '$1 == "T" || $1 == "i" {print $2}' "$work/nm.$lib" | grep -v '^_\(init\|fini\)$' | sort -u >"$work/got.$lib"
  if ! cmp -s "$work/want.$lib" "$work/got.$lib"; then
    echo "declared but not exported (<) / exported but not declared (>):" >&2
    diff "$work/want.$lib" "$work/got.$lib" >&2
    fail "lib$lib.so's exports differ from its public headers"
  fi
  pass "lib$lib.so exports exactly the $(wc -l <"$work/got.$lib") functions its headers declare"
done

# ---- 5. the headers as C and as C++ ------------------------------------------------------------
cc=${CC:-cc}
for h in "$P"/include/sslb/*.h; do
  printf "#include <sslb/%s>\ntypedef int sslb_one_header;\n" "${h##*/}" >"$work/one.c"
  "$cc" -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only -I"$P/include" "$work/one.c" ||
    fail "sslb/${h##*/} does not compile alone"
done
for h in "$P"/include/sslb/*.h; do
  case ${h##*/} in export.h | sslb.h) continue ;; esac # (they declare nothing)
  grep -q 'extern "C"' "$h" || fail "sslb/${h##*/} has no extern \"C\" guard"
done
for h in "$P"/include/sslb/*.h; do
  case ${h##*/} in sslb.h) continue ;; esac
  grep -q "#include \"sslb/${h##*/}\"" "$P/include/sslb/sslb.h" || fail "sslb/sslb.h does not include ${h##*/}"
done
pass "every header compiles alone as C11; sslb/sslb.h includes them all; extern \"C\" guards"
if command -v g++ >/dev/null 2>&1; then
  printf '#include <sslb/sslb.h>\nint main() { return sslb_win32(SSLB_EINVAL) == 87 ? 0 : 1; }\n' >"$work/all.cc"
  g++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -I"$P/include" "$work/all.cc" ||
    fail "sslb/sslb.h does not compile as C++"
  pass "sslb/sslb.h compiles as C++ (g++ -fsyntax-only)"
else
  note "SKIPPED the C++ check: no g++ on this machine"
fi

# ---- 6. an outside program ----------------------------------------------------------------------
export PKG_CONFIG_PATH=$L/pkgconfig
# pkg-config writes a space in a path (TMPDIR's) as "\ ", for make or a shell's eval: the flags
# are read here with eval; the README's plain $(pkg-config …) is step 9's
flags() { eval "set -- $(pkg-config "$@")" && printf '%s\0' "$@"; }
# shared, with the README's pkg-config line
mapfile -d '' f < <(flags --cflags --libs sslb)
"$cc" -std=c11 -Wall -Wextra -Werror -o "$work/outside" "$src/tests/install/outside.c" \
  "${f[@]}" || fail "outside.c does not build with pkg-config --cflags --libs sslb"
readelf -d "$work/outside" | grep -q "NEEDED.*libsslb.so.$major" || fail "outside is not linked to libsslb.so.$major"
LD_LIBRARY_PATH=$L "$work/outside" || fail "outside (shared, pkg-config) failed"
pass "outside.c with pkg-config --cflags --libs sslb, against libsslb.so.$major"
# static: only libsslb.a in the directory pkg-config names, so that -lsslb is the archive
mkdir "$work/static"
cp "$L/libsslb.a" "$work/static/"
mapfile -d '' f < <(flags --define-variable=libdir="${work// /\\ }/static" --cflags --static --libs sslb)
"$cc" -std=c11 -Wall -Wextra -Werror -o "$work/outside-static" "$src/tests/install/outside.c" "${f[@]}" ||
  fail "outside.c does not build with pkg-config --static --libs sslb"
readelf -d "$work/outside-static" | grep -q 'NEEDED.*libsslb' && fail "outside-static needs libsslb.so"
"$work/outside-static" || fail "outside (static, pkg-config --static) failed"
pass "outside.c with pkg-config --static --libs sslb, against libsslb.a"
# the other two modules give a working link line too
printf '#include <sslb/sslb.h>\nint main(void) { return sslb_store_name_check("MY", NULL) == SSLB_OK && sslb_site_name_check("Default Web Site", NULL) == SSLB_OK ? 0 : 1; }\n' >"$work/both.c"
mapfile -d '' f < <(flags --cflags --libs sslb-cert sslb-iis)
"$cc" -std=c11 -o "$work/both" "$work/both.c" "${f[@]}" ||
  fail "a program does not build with pkg-config --libs sslb-cert sslb-iis"
LD_LIBRARY_PATH=$L "$work/both" || fail "the sslb-cert/sslb-iis program failed"
pass "pkg-config --cflags --libs sslb-cert sslb-iis"
# find_package
mkdir "$work/cmk"
cat >"$work/cmk/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(outside C)
find_package(sslb $version REQUIRED)
add_executable(outside "$src/tests/install/outside.c")
target_link_libraries(outside PRIVATE sslb::sslb)
add_executable(outside_static "$src/tests/install/outside.c")
target_link_libraries(outside_static PRIVATE sslb::sslb_static)
add_executable(both "$work/both.c")
target_link_libraries(both PRIVATE sslb::cert sslb::iis)
add_executable(both_static "$work/both.c")
target_link_libraries(both_static PRIVATE sslb::cert_static sslb::iis_static)
EOF
cmake -S "$work/cmk" -B "$work/cmk/b" -DCMAKE_PREFIX_PATH="$P" >"$work/cmk.log" 2>&1 ||
  { cat "$work/cmk.log"; fail "find_package(sslb) project does not configure"; }
cmake --build "$work/cmk/b" >>"$work/cmk.log" 2>&1 || { cat "$work/cmk.log"; fail "find_package(sslb) project does not build"; }
"$work/cmk/b/outside" || fail "outside (find_package, sslb::sslb) failed"
"$work/cmk/b/outside_static" || fail "outside (find_package, sslb::sslb_static) failed"
readelf -d "$work/cmk/b/outside_static" | grep -q 'NEEDED.*libsslb' && fail "outside_static needs libsslb.so"
# (libsslb-cert.so finds libsslb.so.0 as the system finds libraries: a non-system prefix needs
# LD_LIBRARY_PATH, as the README says; the program's own RUNPATH covers only its direct needs)
LD_LIBRARY_PATH=$L "$work/cmk/b/both" || fail "a program with sslb::cert and sslb::iis failed"
"$work/cmk/b/both_static" || fail "a program with sslb::cert_static and sslb::iis_static failed"
readelf -d "$work/cmk/b/both_static" | grep -q 'NEEDED.*libsslb' && fail "both_static needs a libsslb*.so"
pass "outside.c with find_package(sslb): sslb::sslb, sslb::sslb_static; sslb::cert, sslb::iis and their _static"

# ---- 7. the manual pages render ------------------------------------------------------------------
if command -v man >/dev/null 2>&1; then
  for page in "$P"/share/man/man1/*.1; do
    out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >"$work/page.txt")
    [ -z "$out" ] || fail "man -l ${page##*/} warns: $out"
    [ -s "$work/page.txt" ] || fail "man -l ${page##*/} rendered nothing"
  done
  pass "man -l renders every installed page without a warning"
else
  fail "man is not installed (tools/deps installs man-db)"
fi

# ---- 8. the installed programs, from PATH -----------------------------------------------------------
PATH0=$PATH
export PATH=$P/bin:$PATH
hash -r
[ "$(command -v sslbind)" = "$P/bin/sslbind" ] || fail "sslbind is not found on PATH"
out=$(sslbind --version) || fail "sslbind --version failed"
case "$out" in *"$version"*) ;; *) fail "sslbind --version says '$out', not $version" ;; esac
pass "sslbind --version from PATH: $out"
state=$work/state
mkdir -m 700 "$state"
out=$(appcmd --state "$state" list site) || fail "appcmd list site failed"
case "$out" in 'SITE "Default Web Site" (id:1,'*) ;; *) fail "appcmd list site says '$out'" ;; esac
pass "appcmd from PATH: $out"
out=$(sslbind --state "$state" http show sslcert) || fail "sslbind http show sslcert failed"
for prog in sslbind-tls sslbind-bench sslbind-tlsbench; do
  out=$("$prog" --version) || fail "$prog --version failed"
  case "$out" in "$prog $version" | "$prog $version "*) pass "$prog --version: $out" ;; *) fail "$prog --version says '$out'" ;; esac
done

# ---- 9. the README's Install section, as printed, in a temporary home ---------------------------------
# as a fresh account's login runs it: Debian's skeleton dot files, a login shell's PATH (from
# /etc/profile; no ~/.local/bin, which Debian's ~/.profile adds only if it exists at login), cwd
# with `build`, the build tree, and tests/install/outside.c, as a checkout has. The home is made
# where no space is: the block's $(pkg-config …) is a shell's word splitting, which cuts any
# package's path with a space (pkg-config writes it "\ ", for make).
if [ "$libdir" != lib ]; then
  note "SKIPPED the README's Install lines: this build's libdir is $libdir, the README's is lib (the default)"
  echo "install: all checks passed"
  exit 0
fi
case "$work" in *' '*) home=$(mktemp -d /tmp/sslb-home.XXXXXX) ;; *) home=$work/home ;; esac
trap 'rm -rf "$work" "$home"' EXIT
mkdir -p "$work/readme" "$home"
for f in .profile .bashrc; do [ ! -f "/etc/skel/$f" ] || cp "/etc/skel/$f" "$home/"; done
ln -s "$build" "$work/readme/build"
mkdir -p "$work/readme/tests/install"
cp "$src/tests/install/outside.c" "$work/readme/tests/install/"
sed -n '/^## Install$/,/^## [A-Z]/p' "$src/README.md" | sed -n '/^```sh$/,/^```$/p' | grep -v '^```' >"$work/readme.sh"
[ "$(wc -l <"$work/readme.sh")" -ge 4 ] || fail "no Install example in README.md"
(cd "$work/readme" && env -i HOME="$home" TERM=dumb LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin \
   bash -l -c 'set -euo pipefail; . "$1"' _ "$work/readme.sh") >"$work/readme.log" 2>&1 ||
  { cat "$work/readme.log"; fail "README's Install section does not work as printed"; }
grep -q "^sslbind $version" "$work/readme.log" || { cat "$work/readme.log"; fail "README: sslbind --version did not answer"; }
grep -q '^outside: ' "$work/readme.log" || { cat "$work/readme.log"; fail "README: prog did not run"; }
pass "README's Install section, line by line, in a fresh login ($(wc -l <"$work/readme.sh") lines)"
echo "install: all checks passed"
