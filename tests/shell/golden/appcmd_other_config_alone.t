$ @file other.config
> <configuration><system.applicationHost><sites><site name="O" id="7"><bindings><binding protocol="https" bindingInformation="*:443:" /></bindings></site></sites></system.applicationHost></configuration>
$ appcmd list sites /apphostconfig:$state/other.config
SITE "O" (id:7,bindings:https/*:443:,state:Stopped)
$ @md5 applicationHost.config
(no file)
$ @file applicationHost.config
> <configuration><bad
$ appcmd set site O /serverAutoStart:false /apphostconfig:$state/other.config
SITE object "O" changed
$ appcmd list site O /text:serverAutoStart /apphostconfig:$state/other.config
false
$ appcmd list sites
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 2
Description: Configuration file is not well-formed XML

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:2: Configuration file is not well-formed XML: Couldn't find end of Start Tag bad line 1; the file is left as it is
[exit 1]
