$ @put spec-sample.reg
$ @file bindings.lock/planted
$ http delete sslcert ipport=0.0.0.0:7048

SSL Certificate deletion failed, Error: 33
The process cannot access the file because another process has locked a portion of the file.

! sslbind: STATE/bindings.lock: cannot lock: Is a directory
[exit 1]
$ http add sslcert ccs=8443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 33
The process cannot access the file because another process has locked a portion of the file.

! sslbind: STATE/bindings.lock: cannot lock: Is a directory
[exit 1]
$ @reg
c84697aba088185035e1f98cbbe4e094
