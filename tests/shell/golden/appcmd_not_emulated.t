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
! sslbind: standard input:6: appcmd exits 87 on Windows: sslbind does not emulate <applicationDefaults>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:7: appcmd exits 87 on Windows: sslbind does not emulate <traceFailedRequestsLogging>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:8: appcmd exits 87 on Windows: sslbind does not emulate <ftpServer>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:9: appcmd exits 87 on Windows: sslbind does not emulate <hsts>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:10: appcmd exits 87 on Windows: that parameter means nothing to this command
! sslbind: standard input:11: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
