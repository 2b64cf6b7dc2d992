$ appcmd add site /name:Café /bindings:http/*:81:
SITE object "Café" added
$ appcmd add site /name:CAFÉ /bindings:http/*:82:
SITE object "CAFÉ" added
$ appcmd add site /name:café /bindings:http/*:83:
ERROR ( message:Failed to add duplicate collection element "café". )
! sslbind: appcmd exits 183 on Windows: a site is named "café"
[exit 1]
$ appcmd list site cafÉ
SITE "CAFÉ" (id:3,bindings:http/*:82:,state:Started)
$ appcmd list site CAFé
SITE "Café" (id:2,bindings:http/*:81:,state:Started)
