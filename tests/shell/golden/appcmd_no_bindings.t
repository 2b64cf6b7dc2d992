$ appcmd add site /name:Empty /id:4
SITE object "Empty" added
$ appcmd list site Empty
SITE "Empty" (id:4,bindings:,state:Stopped)
$ appcmd start site Empty
ERROR ( hresult:800710d8, message:Command execution failed.
The object identifier does not represent a valid object.
 )
! sslbind: appcmd exits 4312 on Windows: site 4 has no http or https binding, so W3SVC does not know it (add one with /+bindings.[protocol='http',bindingInformation='*:80:'])
[exit 1]
$ appcmd stop site Empty
ERROR ( hresult:800710d8, message:Command execution failed.
The object identifier does not represent a valid object.
 )
! sslbind: appcmd exits 4312 on Windows: site 4 has no http or https binding, so W3SVC does not know it (add one with /+bindings.[protocol='http',bindingInformation='*:80:'])
[exit 1]
$ appcmd list site Empty /text:state
Stopped
$ @md5 sites.state
c47c232fd40a5d8aafe8e6592e70d504
$ iis start
    Default Web Site             : Started
    Empty                        : Stopped (800710d8)
! sslbind: Empty: site 4 has no http or https binding, so W3SVC does not know it (add one with /+bindings.[protocol='http',bindingInformation='*:80:'])
[exit 1]
$ iis stop
    Default Web Site             : Stopped
    Empty                        : Stopped
$ appcmd set site Empty /+bindings.[protocol='http',bindingInformation='*:8080:']
SITE object "Empty" changed
$ appcmd list site Empty
SITE "Empty" (id:4,bindings:http/*:8080:,state:Started)
$ appcmd set site Empty /-bindings.[protocol='http',bindingInformation='*:8080:']
SITE object "Empty" changed
$ appcmd list site Empty
SITE "Empty" (id:4,bindings:,state:Stopped)
$ appcmd start site Empty
ERROR ( hresult:800710d8, message:Command execution failed.
The object identifier does not represent a valid object.
 )
! sslbind: appcmd exits 4312 on Windows: site 4 has no http or https binding, so W3SVC does not know it (add one with /+bindings.[protocol='http',bindingInformation='*:80:'])
[exit 1]
$ appcmd add site /name:Manual /id:5 /serverAutoStart:false
SITE object "Manual" added
$ appcmd set site Manual /bindings:http/*:8081:
SITE object "Manual" changed
$ appcmd list site Manual
SITE "Manual" (id:5,bindings:http/*:8081:,state:Stopped)
$ appcmd start site Manual
"Manual" successfully started.
$ appcmd add site /name:Tcp /id:6 /bindings:net.tcp/808:*
SITE object "Tcp" added
$ appcmd start site Tcp
ERROR ( hresult:800710d8, message:Command execution failed.
The object identifier does not represent a valid object.
 )
! sslbind: appcmd exits 4312 on Windows: site 6 has no http or https binding, so W3SVC does not know it (add one with /+bindings.[protocol='http',bindingInformation='*:80:'])
[exit 1]
$ appcmd list site Tcp
SITE "Tcp" (id:6,bindings:net.tcp/808:*,state:Stopped)
$ appcmd add site /name:Far /id:7 /bindings:https/10.9.9.9:443:
SITE object "Far" added
! sslbind: note: binding https/10.9.9.9:443: is on 10.9.9.9, which is not one of this server's addresses: this server ignores it (in a farm, the server that owns it serves it; iis address show lists this server's)
$ appcmd list site Far
SITE "Far" (id:7,bindings:https/10.9.9.9:443:,state:Started)
$ appcmd stop site Far
"Far" successfully stopped
$ appcmd start site Far
"Far" successfully started.
$ iis binding show site=Far

IIS site bindings:
------------------

    Site                         : Far (id:7, Started)
    Binding                      : https/10.9.9.9:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : foreign: 10.9.9.9 is not one of this server's addresses
    SSL Binding                  : ipport=10.9.9.9:443 - missing

