#!/bin/bash
# killpoints.sh [REGEX]: for each command (those matching REGEX), kill it (strace inject SIGKILL) at
# the Nth call of each writing syscall; afterwards the state must be exactly the before- or
# after-state, and the next commands must work (TORN lines: a file neither its old nor its new
# content; STATES: the sites and their states, as each server lists them, neither the before- nor
# the after-state's; "partial": files of a multi-file change, each whole, from a change cut between them: on
# disk; the files of a cut certificate import are listed in certs/.writing and hidden from every
# reader, and the next writer removes them — tests/shell/killed_chain.sh checks what readers see).
# Every run happens in one place, $W/run: a/ is a standalone server's state, farm/ a shared
# configuration, b/ a server of that farm (its redirection.config names $W/run/farm), other.config
# a file for /apphostconfig; the snapshot covers all of them. A command prefixed "b:" runs as
# server b. Takes about forty minutes on a loaded two-CPU machine: REGEX picks a part.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
ONLY=${1:-.}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; R=$W/run; mkdir -p $R/a $R/b; chmod 700 $R/a $R/b
export SSLBIND_STATE=$R/a
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
H=$($B/sslbind cert create subject=k.example json=enable | jq -r '.certificates[0].certhash')
CA=$($B/sslbind cert create subject=ca.k.example ca=enable json=enable | jq -r '.certificates[0].certhash')
$B/sslbind http add sslcert ipport=10.9.0.1:443 certhash=$H appid=$APP >/dev/null
$B/appcmd add site /name:K /bindings:https/*:443: /physicalPath:/srv/k >/dev/null
# S, stopped: a renumbering that lost its state would show it started (a new site, serverAutoStart)
$B/appcmd add site /name:S /bindings:http/*:85: /physicalPath:/srv/s >/dev/null
$B/appcmd stop site S >/dev/null
$B/sslbind iis address add address=10.9.0.4 >/dev/null
cp $R/a/applicationHost.config $R/other.config
$B/sslbind iis sharedconfig export path=$R/farm >/dev/null
# farm3: S under id 12, so that joining it moves S's state (sites.state.next); b's own file has
# K stopped under id 7, so that b's join moved it to K's id in the farm, and its disable moves it back
$B/sslbind iis sharedconfig export path=$R/farm3 >/dev/null
$B/appcmd set site S /id:12 /apphostconfig:$R/farm3/applicationHost.config >/dev/null
SSLBIND_STATE=$R/b $B/appcmd add site /name:K /id:7 /bindings:https/*:443: /physicalPath:/srv/k >/dev/null
SSLBIND_STATE=$R/b $B/appcmd stop site K >/dev/null
SSLBIND_STATE=$R/b $B/sslbind iis sharedconfig enable path=$R/farm >/dev/null 2>&1 || echo "enable failed"
SSLBIND_STATE=$R/b $B/appcmd list sites >/dev/null
mv $R $W/base
openssl req -x509 -newkey rsa:2048 -nodes -keyout $W/imp.key -out $W/imp.crt -subj /CN=imp.example -days 30 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout $W/ca.key -out $W/ca.crt -subj /CN=ca.example -days 30 2>/dev/null
cat $W/imp.crt $W/imp.key $W/ca.crt > $W/imp.pem
openssl pkcs12 -export -in $W/imp.crt -inkey $W/imp.key -certfile $W/ca.crt -out $W/imp.pfx -passout pass:x 2>/dev/null
# certs/.generation is a counter for live readers (a seqlock) that a killed writer leaves odd and
# the next one bumps: neither old nor new by design, as are .prev backups (certstore.c)
# sites.state.next is a change's journal, left by design for the next command to finish or drop:
# not a file of either state, but what the sites' states are is (lists() below)
snap() { (cd $1 && find . -type f ! -name '*.lock' ! -name '.lock' ! -name '*.tmp.*' ! -name .writing ! -name .touching ! -name '.generation*' ! -name '*.prev' ! -name sites.state.next -print0 | sort -z | xargs -0 sha1sum) }
# the sites and their states as each server reads them (no lock: a journal left is not finished)
lists() { for s in a b; do SSLBIND_STATE=$R/$s timeout 60 $B/appcmd list sites 2>&1; done; }
fresh() { rm -rf $R; cp -a $W/base $R; }
cmds=(
 "sslbind http add sslcert ipport=10.9.0.2:443 certhash=$H appid=$APP"
 "sslbind http update sslcert ipport=10.9.0.1:443 certhash=$H appid=$APP clientcertnegotiation=enable"
 "sslbind http delete sslcert ipport=10.9.0.1:443"
 "appcmd add site /name:N1"
 "appcmd set site K /+bindings.[protocol='https',bindingInformation='10.9.0.3:443:']"
 "appcmd delete site K"
 "appcmd stop site K"
 "appcmd set site K /[path='/'].applicationPool:P1"
 "appcmd set site K /[path='/'].[path='/'].physicalPath:/srv/k2 /[path='/'].[path='/'].userName:u /[path='/'].[path='/'].password:pw"
 "appcmd set site K /applicationDefaults.applicationPool:P2"
 "appcmd set config -section:sites /+[name='N2',id='7'] /+[name='N2',id='7'].[path='/']"
 "appcmd set config -section:sites /-[name='K']"
 "appcmd set config -section:sites /[name='K'].[path='/'].applicationPool:P3"
 "appcmd add site /name:X /bindings:http/*:81: /apphostconfig:$R/other.config"
 "appcmd set site K /[path='/'].applicationPool:P4 /apphostconfig:$R/other.config"
 "sslbind cert import file=$W/imp.pem store=WebHosting"
 "sslbind cert import file=$W/imp.pfx password=x"
 "~sslbind cert import file=$W/imp.pfx password=x store=ccs"
 "~sslbind cert create subject=new.example"
 "~sslbind cert create subject=leaf.example issuer=$CA"
 "~sslbind cert create subject=ca2.example ca=enable"
 "sslbind cert delete store=MY certhash=$H"
 "sslbind iis binding cert site=K binding=https/*:443: certhash=$H reassign=yes"
 "sslbind iis address add address=10.9.0.3"
 "sslbind iis address delete address=10.9.0.4"
 "sslbind iis sharedconfig export path=$R/farm2"
 "sslbind iis sharedconfig enable path=$R/farm"
 "sslbind iis sharedconfig enable path=$R/farm3"
 "appcmd set site S /id:9"
 "appcmd set config -section:sites /[name='S'].id:9"
 "b:appcmd set site K /id:8"
 "b:sslbind iis sharedconfig disable"
 "b:appcmd add site /name:F1"
 "b:appcmd stop site K"
 "b:appcmd set site K /[path='/'].applicationPool:P5"
 "b:appcmd set config -section:sites /-[name='K']"
)
# "~": the command writes new random bytes at each run (a new key, a .pfx's salt): no old-or-new
# comparison; only the checks after the next commands (no temporary file, no key without its
# certificate).
pre=$(snap $W/base)
for c in "${cmds[@]}"; do
  echo "$c" | grep -q -- "$ONLY" || continue
  nd=0; [ "${c:0:1}" = "~" ] && { nd=1; c=${c:1}; }
  S=$R/a; [ "${c:0:2}" = "b:" ] && { S=$R/b; c=${c:2}; }
  fresh
  prel=$(lists)
  SSLBIND_STATE=$S $B/$c >/dev/null 2>&1 || echo "baseline failed: $c"
  post=$(snap $R)
  postl=$(lists)
  [ "$post" = "$pre" ] && echo "no change: $c"
  tried=0; bad=0; partial=0; example=""
  # the calls before the first one naming $W (the loader's, the locale's) touch no state: start
  # each syscall's kill points at its first call from there on
  fresh
  SSLBIND_STATE=$S strace -f -o $W/trace -e trace=openat,write,fsync,fdatasync,rename,unlink,mkdir,close $B/$c >/dev/null 2>&1
  declare -A first=()
  eval "$(awk -v w="$W" '/^[0-9]+ +(\+\+\+|---)/ { next } { sc=$0; sub(/^[0-9]+ +/, "", sc); sub(/\(.*/, "", sc); n[sc]++
      if (!on && index($0, w)) on=1
      if (on && !(sc in f)) f[sc]=n[sc] }
    END { for (k in n) printf "first[%s]=%d\n", k, (k in f) ? f[k] : n[k] + 1 }' $W/trace)"
  for sc in openat write fsync fdatasync rename unlink mkdir close; do
    for n in $(seq ${first[$sc]:-1} ${KP_MAX:-120}); do
      fresh
      rc=$( (SSLBIND_STATE=$S strace -f -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$n $B/$c >/dev/null 2>&1; echo $?) 2>/dev/null)
      [ $rc != 137 ] && break   # fewer than n calls: done with this syscall
      tried=$((tried+1))
      s=$(snap $R)
      if [ $nd = 0 ] && [ "$s" != "$pre" ] && [ "$s" != "$post" ]; then
        # per file: each must be its before or after content, or absent where it was absent
        torn=$(join -1 2 -2 2 -a 1 -e none -o 0,1.1,2.1 <(echo "$s" | sort -k2) <(echo "$pre" | sort -k2) | join -1 1 -2 2 -a 1 -e none -o 0,1.2,1.3,2.1 - <(echo "$post" | sort -k2) | awk '$2!=$3 && $2!=$4 {print}')
        gone=$(join -1 2 -2 2 -v 2 <(echo "$s" | sort -k2) <(echo "$pre" | sort -k2) | awk '{print $1}')
        gone2=$(for g in $gone; do echo "$post" | grep -q " $g\$" && echo $g; done)
        if [ -n "$torn$gone2" ]; then bad=$((bad+1)); echo "TORN: $c killed at $sc #$n: $torn / lost: $gone2"
        else partial=$((partial+1)); [ -z "$example" ] && example="$sc #$n: $(diff <(echo "$pre") <(echo "$s") | grep '^[<>]' | awk '{print $1, $3}' | tr '\n' ' ')"; fi
      fi
      l=$(lists)
      [ $nd = 0 ] && [ "$l" != "$prel" ] && [ "$l" != "$postl" ] && { echo "STATES neither old nor new: $c killed at $sc #$n:"; diff <(echo "$prel") <(echo "$l"); diff <(echo "$postl") <(echo "$l"); }
      out=$(SSLBIND_STATE=$S timeout 60 $B/sslbind http show sslcert 2>&1 >/dev/null) || echo "show failed after $c at $sc #$n: $out"
      [ -n "$out" ] && echo "show said after $c at $sc #$n: $out"
      out=$(SSLBIND_STATE=$S timeout 60 $B/appcmd list sites 2>&1 >/dev/null) || echo "list failed after $c at $sc #$n: $out"
      out=$(SSLBIND_STATE=$S timeout 60 $B/sslbind cert show 2>&1 >/dev/null) || echo "cert show failed after $c at $sc #$n: $out"
      out=$(SSLBIND_STATE=$S timeout 60 $B/sslbind iis sharedconfig show 2>&1 >/dev/null) || echo "sharedconfig show failed after $c at $sc #$n: $out"
      # the command again must work and give the post state (idempotent commands) or a clear verdict
      out=$(SSLBIND_STATE=$S timeout 60 $B/$c 2>&1); rc=$?
      [ $rc = 124 ] && echo "HANG rerun after $c at $sc #$n"
      left=$(find $R -name '*.tmp.*' -o -name '*.prev' -o -name .generation.tmp -o -name .writing -o -name .touching)
      [ -n "$left" ] && echo "left after rerun of $c at $sc #$n: $left"
      for k in "$R"/*/certs/*/*.key; do [ -f "$k" ] && [ ! -f "${k%.key}.crt" ] && echo "ORPHAN KEY after rerun of $c at $sc #$n: $k"; done
    done
  done
  echo "== ${S##*/}: $c: $tried kill points, $bad torn, $partial partial (each file whole, the change cut between files)${example:+; e.g. at $example}"
done
