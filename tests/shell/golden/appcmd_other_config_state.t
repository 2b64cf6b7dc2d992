$ iis sharedconfig export path=$state/other

Ok.

$ appcmd add site /name:Other /id:2 /bindings:http/*:82: /apphostconfig:$state/other/applicationHost.config
SITE object "Other" added
$ appcmd add site /name:NoHttp /id:3 /bindings:net.tcp/808:* /apphostconfig:$state/other/applicationHost.config
SITE object "NoHttp" added
$ appcmd add site /name:Local /id:2 /bindings:http/*:81:
SITE object "Local" added
$ appcmd add site /name:Local3 /id:3 /bindings:http/*:83:
SITE object "Local3" added
$ appcmd list site /apphostconfig:$state/other/applicationHost.config
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Stopped)
SITE "Other" (id:2,bindings:http/*:82:,state:Stopped)
SITE "NoHttp" (id:3,bindings:net.tcp/808:*,state:Stopped)
$ appcmd list site /state:Started /apphostconfig:$state/other/applicationHost.config
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ appcmd stop site Other /apphostconfig:$state/other/applicationHost.config
ERROR ( message:The parameter is incorrect. )
! sslbind: sslbind refuses this (87): start and stop act on the sites of this server's configuration; /apphostconfig names another file, whose sites WAS does not run here (its ids are not this server's sites)
[exit 1]
$ appcmd list site Local
SITE "Local" (id:2,bindings:http/*:81:,state:Started)
$ appcmd stop site Local
"Local" successfully stopped
$ appcmd start site Other /apphostconfig:$state/other/applicationHost.config
ERROR ( message:The parameter is incorrect. )
! sslbind: sslbind refuses this (87): start and stop act on the sites of this server's configuration; /apphostconfig names another file, whose sites WAS does not run here (its ids are not this server's sites)
[exit 1]
$ appcmd list site Local
SITE "Local" (id:2,bindings:http/*:81:,state:Stopped)
$ iis sharedconfig export path=$state/farm

Ok.

$ appcmd add site /name:FarmSite /id:5 /bindings:http/*:85: /apphostconfig:$state/farm/applicationHost.config
SITE object "FarmSite" added
$ --state $state/B appcmd add site /name:LocalOld /id:5 /bindings:http/*:86:
SITE object "LocalOld" added
$ --state $state/B appcmd stop site LocalOld
"LocalOld" successfully stopped
$ --state $state/B appcmd add site /name:Kept /id:6 /bindings:http/*:87:
SITE object "Kept" added
$ --state $state/B appcmd stop site Kept
"Kept" successfully stopped
$ appcmd add site /name:Kept /id:7 /bindings:http/*:87: /apphostconfig:$state/farm/applicationHost.config
SITE object "Kept" added
$ --state $state/B iis sharedconfig enable path=$state/farm

Ok.

$ --state $state/B appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Local" (id:2,bindings:http/*:81:,state:Started)
SITE "Local3" (id:3,bindings:http/*:83:,state:Started)
SITE "FarmSite" (id:5,bindings:http/*:85:,state:Started)
SITE "Kept" (id:7,bindings:http/*:87:,state:Stopped)
$ --state $state/B iis sharedconfig disable

Ok.

$ --state $state/B appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "LocalOld" (id:5,bindings:http/*:86:,state:Started)
SITE "Kept" (id:6,bindings:http/*:87:,state:Stopped)
$ --state $state/C appcmd add site /name:L /id:5 /bindings:http/*:86:
SITE object "L" added
$ --state $state/C appcmd stop site L
"L" successfully stopped
$ --state $state/C iis sharedconfig export path=$state/farm2

Ok.

$ --state $state/C iis sharedconfig enable path=$state/farm2

Ok.

$ --state $state/C appcmd list site L
SITE "L" (id:5,bindings:http/*:86:,state:Stopped)
$ @file farm2/applicationHost.config
> <configuration>
$ --state $state/C iis sharedconfig disable

Ok.

! sslbind: warning: STATE/farm2/applicationHost.config:2: Configuration file is not well-formed XML: Premature end of data in tag configuration line 1; this command goes on without it
$ --state $state/C appcmd list site L
SITE "L" (id:5,bindings:http/*:86:,state:Stopped)
