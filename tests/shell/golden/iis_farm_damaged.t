$ iis sharedconfig export path=$state/farm

Ok.

$ iis sharedconfig enable path=$state/farm

Ok.

$ @file farm/applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="Default Web Site" id="1" />
>         </sitez>
>     </system.applicationHost>
> </configuration>
$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : Yes
    Path                         : STATE/farm
    Configuration File           : STATE/farm/applicationHost.config

! sslbind: warning: STATE/farm/applicationHost.config:6: Configuration file is not well-formed XML: Opening and ending tag mismatch: sites line 4 and sitez; this command goes on without it
$ iis binding show

The file or directory is corrupted and unreadable.

! sslbind: STATE/farm/applicationHost.config:6: Configuration file is not well-formed XML: Opening and ending tag mismatch: sites line 4 and sitez; the file is left as it is
[exit 1]
$ iis address add address=10.0.0.5

Ok.

! sslbind: warning: STATE/farm/applicationHost.config:6: Configuration file is not well-formed XML: Opening and ending tag mismatch: sites line 4 and sitez; this command goes on without it
$ iis address show

Server addresses:
-----------------

    Address                      : 127.0.0.1 (loopback, always)
    Address                      : ::1 (loopback, always)
    Address                      : 10.0.0.5

! sslbind: warning: STATE/farm/applicationHost.config:6: Configuration file is not well-formed XML: Opening and ending tag mismatch: sites line 4 and sitez; this command goes on without it
$ iis address delete address=10.0.0.5

Ok.

! sslbind: warning: STATE/farm/applicationHost.config:6: Configuration file is not well-formed XML: Opening and ending tag mismatch: sites line 4 and sitez; this command goes on without it
$ iis sharedconfig disable

Ok.

! sslbind: warning: STATE/farm/applicationHost.config:6: Configuration file is not well-formed XML: Opening and ending tag mismatch: sites line 4 and sitez; this command goes on without it
$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : No
    Configuration File           : STATE/applicationHost.config

$ iis binding show

IIS site bindings:
------------------

    Site                         : Default Web Site (id:1, Started)
    Binding                      : http/*:80:
    On This Server               : live

$ @file redirection.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <configurationRedirection enabled="true" path="/nonexistent-sslbind-farm" />
> </configuration>
$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : Yes
    Path                         : /nonexistent-sslbind-farm
    Configuration File           : /nonexistent-sslbind-farm/applicationHost.config (cannot be read)

! sslbind: warning: /nonexistent-sslbind-farm/applicationHost.config does not exist; this command goes on without it
$ iis address show

Server addresses:
-----------------

    Address                      : 127.0.0.1 (loopback, always)
    Address                      : ::1 (loopback, always)

! sslbind: warning: /nonexistent-sslbind-farm/applicationHost.config does not exist; this command goes on without it
$ iis binding show

The system cannot find the file specified.

! sslbind: /nonexistent-sslbind-farm/applicationHost.config does not exist
[exit 1]
$ iis sharedconfig disable

Ok.

! sslbind: warning: /nonexistent-sslbind-farm/applicationHost.config does not exist; this command goes on without it
$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : No
    Configuration File           : STATE/applicationHost.config

