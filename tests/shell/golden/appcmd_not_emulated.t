$ @md5 applicationHost.config
(no file)
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ @pipe
> appcmd.exe set config -section:system.applicationHost/sites /siteDefaults.limits.connectionTimeout:"00:02:00" /commit:apphost
> appcmd.exe set config -section:system.applicationHost/sites /siteDefaults.bindings.[protocol='http',bindingInformation='*:8080:contoso.com'].bindingInformation:"127.0.0.1:8080:" /commit:apphost
> appcmd set site "Default Web Site" /limits.maxBandwidth:100
> appcmd set site "Default Web Site" /logFile.directory:C:\logs
> appcmd set config -section:sites "/[name='Default Web Site'].limits.maxBandwidth:100"
> appcmd set config -section:sites /applicationDefaults.applicationPool:P
> appcmd add site /name:Q /bindings:http/*:81: /traceFailedRequestsLogging.enabled:true
> appcmd set site "Default Web Site" /ftpServer.security.ssl.controlChannelPolicy:SslRequire
> appcmd set site "Default Web Site" /hsts.enabled:true
> appcmd set site "Default Web Site" /limitsx.maxBandwidth:100
> appcmd set site "Default Web Site" /bogus:1
ERROR ( message:Unknown attribute "siteDefaults.limits.connectionTimeout".  Replace with -? for help. )
ERROR ( message:Unknown attribute "siteDefaults.bindings.[protocol='http',bindingInformation='*:8080:contoso.com'].bindingInformation".  Replace with -? for help. )
ERROR ( message:Unknown attribute "limits.maxBandwidth".  Replace with -? for help. )
ERROR ( message:Unknown attribute "logFile.directory".  Replace with -? for help. )
ERROR ( message:Unknown attribute "[name='Default Web Site'].limits.maxBandwidth".  Replace with -? for help. )
ERROR ( message:Unknown attribute "applicationDefaults.applicationPool".  Replace with -? for help. )
ERROR ( message:Unknown attribute "traceFailedRequestsLogging.enabled".  Replace with -? for help. )
ERROR ( message:Unknown attribute "ftpServer.security.ssl.controlChannelPolicy".  Replace with -? for help. )
ERROR ( message:Unknown attribute "hsts.enabled".  Replace with -? for help. )
ERROR ( message:Unknown attribute "limitsx.maxBandwidth".  Replace with -? for help. )
ERROR ( message:Unknown attribute "bogus".  Replace with -? for help. )
! sslbind: standard input:1: appcmd exits 87 on Windows: sslbind does not emulate <siteDefaults>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:2: appcmd exits 87 on Windows: sslbind does not emulate <siteDefaults>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:3: appcmd exits 87 on Windows: sslbind does not emulate <limits>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:4: appcmd exits 87 on Windows: sslbind does not emulate <logFile>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:5: appcmd exits 87 on Windows: sslbind does not emulate <limits>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:6: appcmd exits 87 on Windows: sslbind emulates a site's own <applicationDefaults> (set site or add site /applicationDefaults.applicationPool:P, set config /[name='S'].applicationDefaults.applicationPool:P), not this one, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:7: appcmd exits 87 on Windows: sslbind does not emulate <traceFailedRequestsLogging>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:8: appcmd exits 87 on Windows: sslbind does not emulate <ftpServer>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:9: appcmd exits 87 on Windows: sslbind does not emulate <hsts>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:10: appcmd exits 87 on Windows: that parameter means nothing to this command
! sslbind: standard input:11: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ appcmd list apppool
Object 'APPPOOL' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd on Windows has the APPPOOL object and runs this command; sslbind does not emulate it (only SITE, CONFIG and BACKUP)
[exit 1]
$ appcmd list app /xml
Object 'APP' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd on Windows has the APP object and runs this command; sslbind does not emulate it (only SITE, CONFIG and BACKUP)
[exit 1]
$ appcmd recycle apppool DefaultAppPool
Object 'APPPOOL' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd on Windows has the APPPOOL object; sslbind does not emulate it (only SITE, CONFIG and BACKUP)
[exit 1]
$ appcmd list config
ERROR ( message:Must specify the -section parameter. )
! sslbind: appcmd on Windows lists every section of the configuration; sslbind does not emulate that: add -section:system.applicationHost/sites, the one it emulates
[exit 1]
$ appcmd list config -section:system.webServer/defaultDocument
ERROR ( message:Unknown config section "system.webServer/defaultDocument".  Replace with ? for help. )
! sslbind: appcmd on Windows runs this on IIS's section system.webServer/defaultDocument (when spelt as IIS's schema spells it); sslbind does not emulate it (only system.applicationHost/sites)
[exit 1]
$ appcmd list config -section:bogus
ERROR ( message:Unknown config section "bogus".  Replace with ? for help. )
! sslbind: appcmd exits 87 on Windows: sslbind emulates the section system.applicationHost/sites only
[exit 1]
$ appcmd list foo
Object 'FOO' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd exits 87 on Windows: sslbind emulates the SITE, CONFIG and BACKUP objects
[exit 1]
$ appcmd list site /apphostconfig:
ERROR ( message:Cannot read configuration file )
! sslbind: appcmd exits 87 on Windows: /apphostconfig: needs the path of an applicationHost.config file, e.g. /apphostconfig:/srv/farm/applicationHost.config
[exit 1]
$ iis address add address=

The parameter is incorrect.

! sslbind: address: expected a value, found nothing
[exit 1]
