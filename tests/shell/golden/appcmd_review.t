$ %systemroot%\\system32\\inetsrv\\APPCMD add site /name:MySite /id:12 /bindings:http/*:81: /physicalPath:C:\\inetpub\\mysite
SITE object "MySite" added
APP object "MySite/" added
VDIR object "MySite/" added
$ %windir%\\system32\\inetsrv\\appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "MySite" (id:12,bindings:http/*:81:,state:Started)
$ C:/Windows/System32/inetsrv/AppCmd.EXE list site MySite
SITE "MySite" (id:12,bindings:http/*:81:,state:Started)
$ appcmdx list sites

The following command was not found: appcmdx list sites.

! sslbind: unknown command 'appcmdx'; type ? for the list
[exit 1]
$ notappcmd list sites

The following command was not found: notappcmd list sites.

! sslbind: unknown command 'notappcmd'; type ? for the list
[exit 1]
$ netsh.exe http show sslcert

SSL Certificate bindings:
-------------------------

$ C:\\Windows\\system32\\netsh.exe http show sslcert

SSL Certificate bindings:
-------------------------

$ @pipe
> C:\Windows\System32\NETSH http show sslcert
> %windir%\system32\inetsrv\appcmd.exe list site MySite
> xnetsh http show sslcert

SSL Certificate bindings:
-------------------------

SITE "MySite" (id:12,bindings:http/*:81:,state:Started)

The following command was not found: xnetsh http show sslcert.

! sslbind: standard input:3: unknown command 'xnetsh'; type ? for the list
[exit 1]
$ appcmd list config -section:sites /text:*
CONFIG
  CONFIG.SECTION: system.applicationHost/sites
  path: MACHINE/WEBROOT/APPHOST
  overrideMode: Inherit
  locked: false
  [system.applicationHost/sites]
    [site]
      name:"Default Web Site"
      id:"1"
      [application]
        path:"/"
        [virtualDirectory]
          path:"/"
          physicalPath:"%SystemDrive%\inetpub\wwwroot"
      [bindings]
        [binding]
          protocol:"http"
          bindingInformation:"*:80:"
    [site]
      name:"MySite"
      id:"12"
      [application]
        path:"/"
        [virtualDirectory]
          path:"/"
          physicalPath:"C:\inetpub\mysite"
      [bindings]
        [binding]
          protocol:"http"
          bindingInformation:"*:81:"
    [siteDefaults]
      [logFile]
        logFormat:"W3C"
        directory:"%SystemDrive%\inetpub\logs\LogFiles"
      [traceFailedRequestsLogging]
        directory:"%SystemDrive%\inetpub\logs\FailedReqLogFiles"
    [applicationDefaults]
      applicationPool:"DefaultAppPool"
    [virtualDirectoryDefaults]
      allowSubDirConfig:"true"
$ appcmd list config -section:sites /text:CONFIG.SECTION
system.applicationHost/sites
$ appcmd list config -section:sites /text:colour
ERROR ( message:Unknown attribute "colour".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ @pipe
> appcmd add site /name:Q1 /id:20 "/physicalPath:C:\inetpub\q1\\" /bindings:http/*:8020:
> appcmd set site Q1 /+bindings.[protocol='http',bindingInformation='*:8021:q\"1']
> appcmd list site Q1 /config
> appcmd set site Q1 "/physicalPath:C:\inetpub\q1\"
> appcmd list site "q1
> appcmd add site /name:"a""b" /id:21
SITE object "Q1" added
APP object "Q1/" added
VDIR object "Q1/" added
SITE object "Q1" changed
<site name="Q1" id="20">
    <application path="/">
        <virtualDirectory path="/" physicalPath="C:\inetpub\q1\" />
    </application>
    <bindings>
        <binding protocol="http" bindingInformation="*:8020:" />
        <binding protocol="http" bindingInformation="*:8021:q&quot;1" />
    </bindings>
</site>
ERROR ( message:Unknown attribute "physicalPath".  Replace with -? for help. )
SITE "Q1" (id:20,bindings:http/*:8020:,http/*:8021:q"1,state:Stopped)
ERROR ( message:Invalid site name. )
! sslbind: standard input:2: note: the value *:8021:q"1 holds double quotes, which cmd.exe would have removed: did the shell keep them? (in bash, put the whole parameter in double quotes and the values in single quotes)
! sslbind: standard input:2: note: binding http/*:8021:q"1 is invalid: the host name 'q"1' is not valid: host name has the character '"' (0x22): only letters, digits, '-' and '_' are allowed; the site cannot start until it is fixed
! sslbind: standard input:2: note: site "Q1" was Started: WAS has stopped it, and it stays Stopped until the binding is fixed and the site started again
! sslbind: standard input:4: a double quote is not closed: read as closed at the end of the line, as Windows' runtime does for appcmd.exe (a backslash before a double quote made it a literal quote: "C:\x\" is C:\x"; write "C:\x\\" for C:\x\)
! sslbind: standard input:4: appcmd exits 87 on Windows: that parameter means nothing to this command
! sslbind: standard input:5: a double quote is not closed: read as closed at the end of the line, as Windows' runtime does for appcmd.exe
! sslbind: standard input:6: appcmd exits 13 on Windows: a site name cannot hold '"' (none of \ / ? ; : @ & = + $ , | " < >)
[exit 1]
