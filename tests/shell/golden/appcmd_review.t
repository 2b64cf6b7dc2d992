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
