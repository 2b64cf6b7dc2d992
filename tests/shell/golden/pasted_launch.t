# Launch words in front of netsh's or appcmd's word (review40 F4): PowerShell's call operator &,
# cmd /c (a command line of its own), call, and PowerShell's stop-parsing --% after the program
# word run the command that follows, as Windows does; what Windows would not run is refused.
$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
# review40 A74: PowerShell's call operator, the path quoted (10 hits of this text, e.g. find_string ids 42783718172, 26626004986)
$ @pipe
> & "C:\Windows\System32\inetsrv\appcmd.exe" list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
# review40 A91: each word quoted (find_string id 10713814881)
$ @pipe
> & "C:\windows\system32\inetsrv\appcmd.exe" "list" "site" "/xml"
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started" />
</appcmd>
# review40 A73: no blank after & (the shape of ProGet's install docs, find_string id 23703052196); & before netsh
$ @pipe
> &"C:\Windows\System32\inetsrv\appcmd.exe" list site
> &appcmd list site /text:name
> & netsh http add sslcert ccs=443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
Default Web Site

SSL Certificate successfully added

# PowerShell's single quotes around the path after & (find_string ids 19448024029, 60231202974: its | Out-File refused)
$ @pipe
> & 'C:\Windows\System32\inetsrv\appcmd.exe' list site
> & 'C:\Windows\System32\inetsrv\appcmd.exe' list site /config /xml | Out-File -LiteralPath 'F:\iis.xml'
> & 'C:\Tools\appcmd.cmd' list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)

The following command was not found: & 'C:\Tools\appcmd.cmd' list site.

! sslbind: standard input:2: '|' joins commands in cmd.exe and PowerShell, which sslbind does not run: give each appcmd command on its own line (appcmd /in is not emulated); nothing changed
! sslbind: standard input:3: ''C:\Tools\appcmd.cmd'' after & is neither netsh nor appcmd, the programs sslbind runs
[exit 1]
# review40 N62: cmd /c netsh (find_string id 35057619738)
$ @pipe
> cmd /c netsh http delete sslcert ccs=443

SSL Certificate successfully deleted

# a .ps1's cmd /c "…" with PowerShell's variables expanded (find_string id 55021221724), and cmd.exe's redirection inside it (id 254259361)
$ @pipe
> cmd /c "netsh http add sslcert ipport=0.0.0.0:8443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={6f1b4b7e-7d1b-4b8e-9a51-0d3f2c1e9a10}"
> cmd /c "netsh http delete sslcert ipport=0.0.0.0:8443 > nul 2>&1"

SSL Certificate successfully added


SSL Certificate successfully deleted

! sslbind: standard input:2: note: '> nul' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '2>&1' is cmd.exe's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
# the outer shell's redirection and pipe after cmd /c "…" (a .ps1, find_string id 61347438435): outside the quotes, not cmd /c's
$ @pipe
> cmd /c "netsh http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={2147E514-1234-5678-90AB-CDEF12345678} certstorename=MY" 2>$null
> cmd /c "netsh http delete sslcert ipport=0.0.0.0:443" 2>$null | Out-Null
> cmd /c "netsh http show sslcert ipport=0.0.0.0:443" | find "Application ID"
> netsh http show sslcert ipport=0.0.0.0:443

SSL Certificate successfully added


SSL Certificate successfully deleted


SSL Certificate bindings:
-------------------------

The system cannot find the file specified.

! sslbind: standard input:1: note: '2>$null' is PowerShell's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '2>$null' is PowerShell's redirection, not netsh's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '| Out-Null' is PowerShell's, not netsh's: it only discards the output: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:3: '|' joins commands in cmd.exe and PowerShell, which sslbind does not run: give each netsh command on its own line; nothing changed
! sslbind: standard input:4: no binding has the key 0.0.0.0:443
[exit 1]
# review40 A57: a C# installer's cmd /c APPCMD add site (find_string id 24434334503; its /applicationDefaults.applicationPool: left out, review40 F5)
$ @pipe
> cmd /c %systemroot%\system32\inetsrv\APPCMD add site /name:"CDS.Web.DataService" /bindings:"http/*:8090:" /physicalPath:"C:\inetpub\CDS.Web.DataService"
SITE object "CDS.Web.DataService" added
APP object "CDS.Web.DataService/" added
VDIR object "CDS.Web.DataService/" added
# cmd.exe's quote rule after /c: two quotes around a program's path with a blank stay; else the first and the last go (always with /s)
$ @pipe
> cmd.exe /c "C:\Program Files\IIS Express\appcmd.exe" list site
> cmd.exe /c "C:\Program Files\IIS Express\appcmd.exe" list site "Default Web Site"
> cmd.exe /Q /V:OFF /C appcmd list site "Default Web Site" <nul
> C:\Windows\System32\cmd.exe /d /s /c ""%windir%\system32\inetsrv\appcmd.exe" list site "Default Web Site""
> %ComSpec% /c "appcmd set site /site.name:"CDS.Web.DataService" /id:7"
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "CDS.Web.DataService" (id:2,bindings:http/*:8090:,state:Started)

The following command was not found: cmd.exe /c "C:\Program Files\IIS Express\appcmd.exe" list site "Default Web Site".

SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE object "CDS.Web.DataService" changed
! sslbind: standard input:2: 'C:\Program' after cmd /c is neither netsh nor appcmd, the programs sslbind runs (cmd /c takes away the first and the last double quote of the line after it, unless there are exactly two, around a program's path: quote the whole command once more, cmd /c ""C:\…\appcmd.exe" …")
! sslbind: standard input:3: note: '<nul' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
[exit 1]
# review40 A90: call in a .bat (find_string id 49009959310)
$ @pipe
> appcmd add site /name:Web1 /bindings:http/*:80:web1.example.com /physicalPath:C:\inetpub\web1
> call APPCMD set site /site.name:Web1 /+bindings.[protocol='https',bindingInformation='*:443:web1.example.com']
SITE object "Web1" added
APP object "Web1/" added
VDIR object "Web1/" added
SITE object "Web1" changed
# review40 N33, A04: PowerShell's stop-parsing token (find_string id 39508230193)
$ @pipe
> netsh --% http add sslcert hostnameport=www.contoso.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={01010101-0101-0101-0101-010101010101} certstorename=MY
> appcmd add site /name:Test /bindings:https/102.101.2.4:443: /physicalPath:C:\inetpub\test
> .\appcmd.exe set site --% /site.name:Test /bindings.[protocol='https',bindingInformation='102.101.2.4:443:'].bindingInformation:102.101.2.4:443:Test
> & appcmd list site Test --%

SSL Certificate successfully added

SITE object "Test" added
APP object "Test/" added
VDIR object "Test/" added
SITE object "Test" changed
SITE "Test" (id:9,bindings:https/102.101.2.4:443:Test,state:Started)
! sslbind: standard input:2: note: binding https/102.101.2.4:443: is on 102.101.2.4, which is not one of this server's addresses: this server ignores it (in a farm, the server that owns it serves it; iis address show lists this server's)
! sslbind: standard input:3: note: binding https/102.101.2.4:443:Test is on 102.101.2.4, which is not one of this server's addresses: this server ignores it (in a farm, the server that owns it serves it; iis address show lists this server's)
# the same on sslbind's command line: cmd /c's command line as one word, or as words
$ cmd /c 'appcmd list site "Default Web Site"'
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
$ cmd /c appcmd list site Web1
SITE "Web1" (id:8,bindings:http/*:80:web1.example.com,https/*:443:web1.example.com,state:Started)
# refused: nothing to run, a program sslbind does not run, cmd /k (which stays at cmd.exe's prompt), cmd alone
$ @pipe
> cmd /c
> cmd /c ""
> &
> call :label
> cmd /c dir
> & "C:\Tools\openssl.exe" version
> cmd /k netsh http show sslcert
> cmd netsh http show sslcert

The following command was not found: cmd /c.


The following command was not found: cmd /c "".


The following command was not found: &.


The following command was not found: call :label.


The following command was not found: cmd /c dir.


The following command was not found: & "C:\Tools\openssl.exe" version.


The following command was not found: cmd /k netsh http show sslcert.


The following command was not found: cmd netsh http show sslcert.

! sslbind: standard input:1: cmd /c: no command follows: write cmd /c netsh … or cmd /c appcmd …
! sslbind: standard input:2: cmd /c: no command follows: write cmd /c netsh … or cmd /c appcmd …
! sslbind: standard input:3: &: no command follows: write & netsh … or & appcmd …
! sslbind: standard input:4: ':label' after call is neither netsh nor appcmd, the programs sslbind runs
! sslbind: standard input:5: 'dir' after cmd /c is neither netsh nor appcmd, the programs sslbind runs
! sslbind: standard input:6: 'C:\Tools\openssl.exe' after & is neither netsh nor appcmd, the programs sslbind runs
! sslbind: standard input:7: cmd /k runs the command, then waits at cmd.exe's prompt, which sslbind does not emulate: write cmd /c, or the command alone
! sslbind: standard input:8: cmd without /c starts cmd.exe's own prompt, which sslbind does not emulate: write cmd /c netsh … or cmd /c appcmd …, or the command alone
[exit 1]
