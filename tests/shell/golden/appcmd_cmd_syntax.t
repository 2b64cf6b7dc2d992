$ @pipe
> appcmd list site /config /xml > c:\sites.xml
> appcmd add site /name:X /id:5 /bindings:http/*:81: >nul
> appcmd stop site X >nul 2>&1
> appcmd list sites 2>nul
> appcmd.exe list site /xml | appcmd delete site /in
> appcmd list sites && appcmd delete site X
> appcmd delete site X & appcmd list sites
> appcmd list sites
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started">
        <site name="Default Web Site" id="1">
            <application path="/">
                <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
            </application>
            <bindings>
                <binding protocol="http" bindingInformation="*:80:" />
            </bindings>
        </site>
    </SITE>
</appcmd>
SITE object "X" added
"X" successfully stopped
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "X" (id:5,bindings:http/*:81:,state:Stopped)
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "X" (id:5,bindings:http/*:81:,state:Stopped)
! sslbind: standard input:1: note: '> c:\sites.xml' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:2: note: '>nul' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:3: note: '>nul' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:3: note: '2>&1' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:4: note: '2>nul' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:5: '|' joins commands in cmd.exe and PowerShell, which sslbind does not run: give each appcmd command on its own line (appcmd /in is not emulated); nothing changed
! sslbind: standard input:6: '&&' joins commands in cmd.exe, which sslbind does not run: give each appcmd command on its own line (appcmd /in is not emulated); nothing changed
! sslbind: standard input:7: '&' joins commands in cmd.exe, which sslbind does not run: give each appcmd command on its own line (appcmd /in is not emulated); nothing changed
[exit 1]
