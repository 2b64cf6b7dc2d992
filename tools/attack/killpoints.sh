#!/bin/bash
# killpoints.sh: for each command, kill it (strace inject SIGKILL) at the Nth call of each
# writing syscall; afterwards the state must be exactly the before- or after-state, and the
# next commands must work (TORN lines: a file neither its old nor its new content; "partial": files
# of a multi-file change, each whole, from a change cut between them: on disk; the files of a cut
# certificate import are listed in certs/.writing and hidden from every reader, and the next writer
# removes them — tests/shell/killed_chain.sh checks what readers see). Takes about two minutes.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${SSLB_BIN:-$ROOT/build/bin}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT; mkdir -p $W/base; chmod 700 $W/base
export SSLBIND_STATE=$W/base
APP={4dc3e181-e14b-4a21-b022-59fc669b0914}
H=$($B/sslbind cert create subject=k.example json=enable | jq -r '.certificates[0].certhash')
$B/sslbind http add sslcert ipport=10.9.0.1:443 certhash=$H appid=$APP >/dev/null
$B/appcmd add site /name:K /bindings:https/*:443: >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout $W/imp.key -out $W/imp.crt -subj /CN=imp.example -days 30 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout $W/ca.key -out $W/ca.crt -subj /CN=ca.example -days 30 2>/dev/null
cat $W/imp.crt $W/imp.key $W/ca.crt > $W/imp.pem
openssl pkcs12 -export -in $W/imp.crt -inkey $W/imp.key -certfile $W/ca.crt -out $W/imp.pfx -passout pass:x 2>/dev/null
snap() { (cd $1 && find . -type f ! -name '*.lock' ! -name '.lock' ! -name '*.tmp.*' ! -name .writing ! -name .touching -print0 | sort -z | xargs -0 sha1sum) }
cmds=(
 "sslbind http add sslcert ipport=10.9.0.2:443 certhash=$H appid=$APP"
 "sslbind http update sslcert ipport=10.9.0.1:443 certhash=$H appid=$APP clientcertnegotiation=enable"
 "sslbind http delete sslcert ipport=10.9.0.1:443"
 "appcmd add site /name:N1"
 "appcmd set site K /+bindings.[protocol='https',bindingInformation='10.9.0.3:443:']"
 "appcmd delete site K"
 "appcmd stop site K"
 "sslbind cert import file=$W/imp.pem store=WebHosting"
 "sslbind cert import file=$W/imp.pfx password=x"
 "~sslbind cert import file=$W/imp.pfx password=x store=ccs"
 "~sslbind cert create subject=new.example"
 "sslbind cert delete store=MY certhash=$H"
 "sslbind iis binding cert site=K binding=https/*:443: certhash=$H reassign=yes"
 "sslbind iis address add address=10.9.0.3"
 "sslbind iis sharedconfig export path=$W/farm"
)
# "~": the command writes new random bytes at each run (a new key, a .pfx's salt): no old-or-new
# comparison; only the checks after the next commands (no temporary file, no key without its
# certificate).
for c in "${cmds[@]}"; do
  nd=0; [ "${c:0:1}" = "~" ] && { nd=1; c=${c:1}; }
  rm -rf $W/post $W/farm; cp -a $W/base $W/post
  SSLBIND_STATE=$W/post $B/$c >/dev/null 2>&1 || echo "baseline failed: $c"
  post=$(snap $W/post); pre=$(snap $W/base)
  [ "$post" = "$pre" ] && echo "no change: $c"
  tried=0; bad=0; partial=0; example=""
  for sc in openat write fsync rename unlink mkdir close; do
    for n in $(seq 1 40); do
      rm -rf $W/run $W/farm; cp -a $W/base $W/run
      rc=$( (SSLBIND_STATE=$W/run strace -f -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$n $B/$c >/dev/null 2>&1; echo $?) 2>/dev/null)
      [ $rc != 137 ] && break   # fewer than n calls: done with this syscall
      tried=$((tried+1))
      s=$(snap $W/run)
      if [ $nd = 0 ] && [ "$s" != "$pre" ] && [ "$s" != "$post" ]; then
        # per file: each must be its before or after content, or absent where it was absent
        torn=$(join -1 2 -2 2 -a 1 -e none -o 0,1.1,2.1 <(echo "$s" | sort -k2) <(echo "$pre" | sort -k2) | join -1 1 -2 2 -a 1 -e none -o 0,1.2,1.3,2.1 - <(echo "$post" | sort -k2) | awk '$2!=$3 && $2!=$4 {print}')
        gone=$(join -1 2 -2 2 -v 2 <(echo "$s" | sort -k2) <(echo "$pre" | sort -k2) | awk '{print $1}')
        gone2=$(for g in $gone; do echo "$post" | grep -q " $g\$" && echo $g; done)
        if [ -n "$torn$gone2" ]; then bad=$((bad+1)); echo "TORN: $c killed at $sc #$n: $torn / lost: $gone2"
        else partial=$((partial+1)); [ -z "$example" ] && example="$sc #$n: $(diff <(echo "$pre") <(echo "$s") | grep '^[<>]' | awk '{print $1, $3}' | tr '\n' ' ')"; fi
      fi
      out=$(SSLBIND_STATE=$W/run timeout 60 $B/sslbind http show sslcert 2>&1 >/dev/null) || echo "show failed after $c at $sc #$n: $out"
      [ -n "$out" ] && echo "show said after $c at $sc #$n: $out"
      out=$(SSLBIND_STATE=$W/run timeout 60 $B/appcmd list sites 2>&1 >/dev/null) || echo "list failed after $c at $sc #$n: $out"
      out=$(SSLBIND_STATE=$W/run timeout 60 $B/sslbind cert show 2>&1 >/dev/null) || echo "cert show failed after $c at $sc #$n: $out"
      # the command again must work and give the post state (idempotent commands) or a clear verdict
      out=$(SSLBIND_STATE=$W/run timeout 60 $B/$c 2>&1); rc=$?
      [ $rc = 124 ] && echo "HANG rerun after $c at $sc #$n"
      left=$(find $W/run -name '*.tmp.*' -o -name .writing -o -name .touching)
      [ -n "$left" ] && echo "left after rerun of $c at $sc #$n: $left"
      for k in "$W"/run/certs/*/*.key; do [ -f "$k" ] && [ ! -f "${k%.key}.crt" ] && echo "ORPHAN KEY after rerun of $c at $sc #$n: $k"; done
    done
  done
  echo "== $c: $tried kill points, $bad torn, $partial partial (each file whole, the change cut between files)${example:+; e.g. at $example}"
done
