$ appcmd add site /name:F /id:2 /bindings:https/10.9.9.9:443:,https/*:443:f.contoso.com
SITE object "F" added
! sslbind: note: binding https/10.9.9.9:443: is on 10.9.9.9, which is not one of this server's addresses: this server ignores it (in a farm, the server that owns it serves it; iis address show lists this server's)
$ appcmd set site F "/bindings.[protocol='https',bindingInformation='*:443:f.contoso.com'].sslFlags:1"
SITE object "F" changed
$ appcmd set site F "/bindings.[protocol='https',bindingInformation='*:443:f.contoso.com'].bindingInformation:10.9.9.8:443:f.contoso.com"
SITE object "F" changed
! sslbind: note: binding https/10.9.9.8:443:f.contoso.com is on 10.9.9.8, which is not one of this server's addresses: this server ignores it (in a farm, the server that owns it serves it; iis address show lists this server's)
$ appcmd set site F "/+bindings.[protocol='http',bindingInformation='*:80:f.contoso.com']"
SITE object "F" changed
$ appcmd stop site F
"F" successfully stopped
$ appcmd set site F /id:3
SITE object "F" changed
$ appcmd list site F
SITE "F" (id:3,bindings:https/10.9.9.9:443:,https/10.9.9.8:443:f.contoso.com,http/*:80:f.contoso.com,state:Stopped)
$ appcmd set config -section:sites "/[name='F'].id:4"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site F
SITE "F" (id:4,bindings:https/10.9.9.9:443:,https/10.9.9.8:443:f.contoso.com,http/*:80:f.contoso.com,state:Stopped)
$ appcmd start site F
"F" successfully started.
$ appcmd set site F /id:5
SITE object "F" changed
$ appcmd list site F
SITE "F" (id:5,bindings:https/10.9.9.9:443:,https/10.9.9.8:443:f.contoso.com,http/*:80:f.contoso.com,state:Started)
$ appcmd add site /name:Top /id:4294967295
SITE object "Top" added
$ appcmd add site /name:Next
SITE object "Next" added
$ appcmd add site /name:Next2
SITE object "Next2" added
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "F" (id:5,bindings:https/10.9.9.9:443:,https/10.9.9.8:443:f.contoso.com,http/*:80:f.contoso.com,state:Started)
SITE "Top" (id:4294967295,bindings:,state:Stopped)
SITE "Next" (id:2,bindings:,state:Stopped)
SITE "Next2" (id:3,bindings:,state:Stopped)
