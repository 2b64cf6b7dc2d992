$ appcmd add site /name:N /id:05 /bindings:http/*:81: /serverAutoStart:false
SITE object "N" added
$ appcmd list site /id:05
SITE "N" (id:5,bindings:http/*:81:,state:Stopped)
$ appcmd list site /SITE.ID:0005
SITE "N" (id:5,bindings:http/*:81:,state:Stopped)
$ appcmd list site /id:5x
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ appcmd list site /id:
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ appcmd list site /serverAutoStart:FALSE
SITE "N" (id:5,bindings:http/*:81:,state:Stopped)
$ appcmd list site /serverAutoStart:no
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ appcmd list site /id:1 /serverAutoStart:True
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
