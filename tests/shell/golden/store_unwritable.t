$ @put spec-sample.reg
$ @file bindings.lock/planted
$ http delete sslcert ipport=0.0.0.0:7048

SSL Certificate deletion failed, Error: 29
The system cannot write to the specified device.

! sslbind: STATE/bindings.lock: cannot lock: Is a directory
[exit 1]
$ http add sslcert ccs=8443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 29
The system cannot write to the specified device.

! sslbind: STATE/bindings.lock: cannot lock: Is a directory
[exit 1]
$ @reg
c84697aba088185035e1f98cbbe4e094
$ @file iis.lock/planted
$ appcmd stop site "Default Web Site"
ERROR ( message:The system cannot write to the specified device. )
! sslbind: warning: WAS could not record the sites' state: STATE/iis.lock: cannot lock: Is a directory
! sslbind: appcmd exits 29 on Windows: STATE/iis.lock: cannot lock: Is a directory
[exit 1]
$ iis binding show

IIS site bindings:
------------------

    Site                         : Default Web Site (id:1, Stopped)
    Binding                      : http/*:80:
    On This Server               : live

! sslbind: warning: WAS could not record the sites' state: STATE/iis.lock: cannot lock: Is a directory
$ @file B/applicationHost.config.lock/planted
$ --state $state/B appcmd add site /name:Shop /bindings:http/*:8080:
ERROR ( message:The system cannot write to the specified device. )
! sslbind: STATE/B/applicationHost.config.lock: cannot lock: Is a directory
[exit 1]
$ --state $state/B appcmd list site
ERROR ( message:The system cannot write to the specified device. )
! sslbind: STATE/B/applicationHost.config.lock: cannot lock: Is a directory
[exit 1]
