$ appcmd add site /name:S /id:2 /bindings:http/*:82:
SITE object "S" added
$ appcmd stop site S
"S" successfully stopped
$ appcmd set site S /id:9 /apphostconfig:$state/applicationHost.config
SITE object "S" changed
$ appcmd list site S
SITE "S" (id:9,bindings:http/*:82:,state:Stopped)
$ appcmd start site S /apphostconfig:$state/./applicationHost.config
"S" successfully started.
$ appcmd list site S /apphostconfig:$state/applicationHost.config
SITE "S" (id:9,bindings:http/*:82:,state:Started)
