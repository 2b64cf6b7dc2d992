$ appcmd add site /name:T /id:2 /bindings:http/*:81: /serverAutoStart:false
SITE object "T" added
$ appcmd start site T
"T" successfully started.
$ appcmd set site T /id:3
SITE object "T" changed
$ appcmd list site T
SITE "T" (id:3,bindings:http/*:81:,state:Started)
$ appcmd set config -section:sites "/[name='T'].id:4"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site T
SITE "T" (id:4,bindings:http/*:81:,state:Started)
$ appcmd add site /name:U /id:20 /bindings:http/*:82:
SITE object "U" added
$ appcmd set site U /serverAutoStart:false /id:21
SITE object "U" changed
$ appcmd list site U
SITE "U" (id:21,bindings:http/*:82:,state:Started)
$ appcmd stop site U
"U" successfully stopped
$ appcmd set site U /id:22 /serverAutoStart:true
SITE object "U" changed
$ appcmd list site U
SITE "U" (id:22,bindings:http/*:82:,state:Stopped)
$ appcmd add site /name:A /id:30 /bindings:http/*:83:
SITE object "A" added
$ appcmd add site /name:B /id:31 /bindings:http/*:84:
SITE object "B" added
$ appcmd stop site B
"B" successfully stopped
$ appcmd set config -section:sites "/[name='B'].id:1000" "/[name='A'].id:31"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site A
SITE "A" (id:31,bindings:http/*:83:,state:Started)
$ appcmd list site B
SITE "B" (id:1000,bindings:http/*:84:,state:Stopped)
$ appcmd set config -section:sites "/[name='A'].id:32" "/[name='A'].id:33"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site A
SITE "A" (id:33,bindings:http/*:83:,state:Started)
$ appcmd add site /name:S /id:40 /bindings:http/*:85:
SITE object "S" added
$ appcmd stop site S
"S" successfully stopped
$ appcmd set config -section:sites "/-[name='S']" "/+[name='N',id='40']" "/+[name='N'].bindings.[protocol='http',bindingInformation='*:86:']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site N
SITE "N" (id:40,bindings:http/*:86:,state:Started)
$ appcmd add site /name:S2 /id:41 /bindings:http/*:87:
SITE object "S2" added
$ appcmd stop site S2
"S2" successfully stopped
$ appcmd delete site S2
SITE object "S2" deleted
$ appcmd add site /name:N2 /id:41 /bindings:http/*:88:
SITE object "N2" added
$ appcmd list site N2
SITE "N2" (id:41,bindings:http/*:88:,state:Started)
