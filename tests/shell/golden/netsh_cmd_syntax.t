# cmd.exe's and PowerShell's syntax in a pasted netsh line, which netsh.exe never sees (review40 F1):
# a redirection is ignored with a note and the command runs as without it, its output here;
# what joins commands refuses the line, nothing run. appcmd lines alike: appcmd_cmd_syntax.t.
$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
# review40 N31: a .cmd script deletes before it adds, >nul 2>&1 (find_string id 60085470401)
$ @pipe
> netsh http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> netsh http delete sslcert ipport=0.0.0.0:443 >nul 2>&1
> netsh http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added


SSL Certificate successfully deleted


SSL Certificate successfully added

! sslbind: standard input:2: note: '>nul' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '2>&1' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
# review40 N52: show into a file (the shape of find_string id 34096182835); the text comes here
$ @pipe
> netsh http show sslcert > c:\sslcert.txt

SSL Certificate bindings:
-------------------------

    IP:port                      : 0.0.0.0:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : (null)
    Verify Client Certificate Revocation : Enabled
    Verify Revocation Using Cached Client Certificate Only : Disabled
    Use Revocation Freshness Time : Disabled
    Verify Revocation Using Cached URLs Only : Disabled
    Disable Authority Info Access : Disabled
    Usage Check                  : Enabled
    Revocation Freshness Time    : 0
    URL Retrieval Timeout        : 0
    Ctl Identifier               : (null)
    Ctl Store Name               : (null)
    DS Mapper Usage              : Disabled
    Negotiate Client Certificate : Disabled
    Reject Connections           : Disabled
    Disable HTTP2                : Not Set
    Disable QUIC                 : Not Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Not Set
    Enable Session Ticket        : Not Set
    Disable Session ID           : Not Set
    Enable Caching Client Hello  : Not Set
 Extended Properties:
    PropertyId                   : 0
    Receive Window               : 1048576
 Extended Properties:
    PropertyId                   : 1
    Max Settings Per Frame       : 2796202
    Max Settings Per Minute      : 4294967295

! sslbind: standard input:1: note: '> c:\sslcert.txt' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
# review40 N21: > NUL in a .cmd script (find_string id 16122743598)
$ @pipe
> netsh http add sslcert ipport=0.0.0.0:55555 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> netsh http delete sslcert ipport=0.0.0.0:55555 > NUL

SSL Certificate successfully added


SSL Certificate successfully deleted

! sslbind: standard input:2: note: '> NUL' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
# review40 N08: PowerShell's 2>$null in a .ps1 test set-up (find_string id 53453464933)
$ @pipe
> netsh http add sslcert hostnameport="test.local:443" certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00000000-0000-0000-0000-000000000000} certstorename=MY 2>$null
> netsh http delete sslcert hostnameport=test.local:443 *>$null

SSL Certificate successfully added


SSL Certificate successfully deleted

! sslbind: standard input:1: note: '2>$null' is PowerShell's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '*>$null' is PowerShell's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
# a redirection before the words it follows, and an unknown command: netsh's text echoes what netsh receives
$ @pipe
> netsh 2>nul http  frob  sslcert  1>>log.txt  ipport=0.0.0.0:443

The following command was not found: http  frob  sslcert  ipport=0.0.0.0:443.

! sslbind: standard input:1: note: '2>nul' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:1: note: '1>>log.txt' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:1: unknown command 'frob'; type ? for the list
[exit 1]
# review40 N32: a .ps1's 2>&1 | Out-Null (find_string id 68745204877): | Out-Null only discards the output, so the delete runs (noted); the other joiners are refused whole
$ @pipe
> netsh http add sslcert ipport=[::]:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> netsh http delete sslcert ipport=[::]:443 2>&1 | Out-Null
> netsh http show sslcert ipport=[::]:443 | find "Certificate Hash"
> netsh http delete sslcert ipport=[::]:443 && echo done
> netsh http delete sslcert ipport=[::]:443 || echo failed
> netsh http delete sslcert ipport=[::]:443 & netsh http show sslcert

SSL Certificate successfully added


SSL Certificate successfully deleted

! sslbind: standard input:2: note: '2>&1' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '| Out-Null' is PowerShell's, not netsh's: it only discards the output: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:3: '|' joins commands in cmd.exe and PowerShell, which sslbind does not run: give each netsh command on its own line; nothing changed
! sslbind: standard input:4: '&&' joins commands in cmd.exe, which sslbind does not run: give each netsh command on its own line; nothing changed
! sslbind: standard input:5: '||' joins commands in cmd.exe, which sslbind does not run: give each netsh command on its own line; nothing changed
! sslbind: standard input:6: '&' joins commands in cmd.exe, which sslbind does not run: give each netsh command on its own line; nothing changed
[exit 1]
$ http show sslcert ipport=[::]:443 json=enable
{
  "SslCertificateBindings": [],
  "message": "The system cannot find the file specified.",
  "status": 2
}
! sslbind: no binding has the key [::]:443
[exit 1]
# the same words on sslbind's command line (one-shot mode)
$ netsh http add sslcert ipport=[::]:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ netsh http delete sslcert ipport=[::]:443 '>nul' '2>&1'

SSL Certificate successfully deleted

! sslbind: note: '>nul' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: note: '2>&1' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
$ netsh http add sslcert ipport=[::]:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} '|' more
! sslbind: '|' joins commands in cmd.exe and PowerShell, which sslbind does not run: give each netsh command on its own line; nothing changed
[exit 1]
# netsh's own shell (no netsh word in front): the words reach netsh, which refuses them
$ @pipe
> http
> delete sslcert ipport=0.0.0.0:443 >nul

The parameter is incorrect.

! sslbind: standard input:2: '>nul': expected tag=value (a redirection, which cmd.exe or PowerShell reads before netsh starts; netsh's own shell takes it for a parameter: start the line with netsh, as a script does, or drop it)
[exit 1]
# | Out-Null glued to its pipe, and | Out-Null with more after it (another command's words: refused whole)
$ @pipe
> netsh http show sslcert ipport=[::]:443 |out-null
> netsh http show sslcert ipport=[::]:443 | Out-Null | more

SSL Certificate bindings:
-------------------------

The system cannot find the file specified.

! sslbind: standard input:1: note: '| Out-Null' is PowerShell's, not netsh's: it only discards the output: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:1: no binding has the key [::]:443
! sslbind: standard input:2: '|' joins commands in cmd.exe and PowerShell, which sslbind does not run: give each netsh command on its own line; nothing changed
[exit 1]
# review41 F1: a redirection or a pipe in double quotes is the program's word (cmd.exe passes it on): refused, nothing changed
$ @pipe
> netsh http add sslcert ipport=[::]:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> netsh http delete sslcert ipport=[::]:443 ">nul"
> netsh http delete sslcert ipport=[::]:443 "2>&1" "|Out-Null"
> appcmd add backup ">old"
> appcmd list backup
> appcmd list site "| Out-Null"

SSL Certificate successfully added


The parameter is incorrect.


The parameter is incorrect.

ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: standard input:2: '>nul': expected tag=value (in double quotes, so cmd.exe passes it to netsh as a word, not as a redirection: drop the quotes, or the word)
! sslbind: standard input:3: '2>&1': expected tag=value (in double quotes, so cmd.exe passes it to netsh as a word, not as a redirection: drop the quotes, or the word)
! sslbind: standard input:4: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '>' (none of \ / : * ? " < > |); nothing changed
! sslbind: standard input:6: appcmd exits 1 on Windows: no site matches | Out-Null
[exit 1]
# review41 F3: a redirection ending the line names no file: cmd.exe refuses the line, nothing runs
$ @pipe
> netsh http delete sslcert ipport=[::]:443 2>
> appcmd add backup B1 >
> appcmd list backup
> netsh http show sslcert ipport=[::]:443

SSL Certificate bindings:
-------------------------

    IP:port                      : [::]:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : (null)
    Verify Client Certificate Revocation : Enabled
    Verify Revocation Using Cached Client Certificate Only : Disabled
    Use Revocation Freshness Time : Disabled
    Verify Revocation Using Cached URLs Only : Disabled
    Disable Authority Info Access : Disabled
    Usage Check                  : Enabled
    Revocation Freshness Time    : 0
    URL Retrieval Timeout        : 0
    Ctl Identifier               : (null)
    Ctl Store Name               : (null)
    DS Mapper Usage              : Disabled
    Negotiate Client Certificate : Disabled
    Reject Connections           : Disabled
    Disable HTTP2                : Not Set
    Disable QUIC                 : Not Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Not Set
    Enable Session Ticket        : Not Set
    Disable Session ID           : Not Set
    Enable Caching Client Hello  : Not Set
 Extended Properties:
    PropertyId                   : 0
    Receive Window               : 1048576
 Extended Properties:
    PropertyId                   : 1
    Max Settings Per Frame       : 2796202
    Max Settings Per Minute      : 4294967295

! sslbind: standard input:1: '2>' redirects to no file: cmd.exe refuses the line ("The syntax of the command is incorrect.") and runs nothing; nothing changed
! sslbind: standard input:2: '>' redirects to no file: cmd.exe refuses the line ("The syntax of the command is incorrect.") and runs nothing; nothing changed
[exit 1]
