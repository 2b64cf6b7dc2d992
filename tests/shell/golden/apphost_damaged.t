$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="Default Web Site" id="1">
>                 <bindings>
>                     <binding protocol="http" bindingInformation="*:80:" />
>                 </bindings>
>             </sit>
>         </sites>
>     </system.applicationHost>
> </configuration>
$ @md5 applicationHost.config
0d4c7bc4214940cc8fa74858179eda47
$ appcmd list sites
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 9
Description: Configuration file is not well-formed XML

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:9: Configuration file is not well-formed XML: Opening and ending tag mismatch: site line 5 and sit; the file is left as it is
[exit 1]
$ appcmd add site /name:x /id:5
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 9
Description: Configuration file is not well-formed XML

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:9: Configuration file is not well-formed XML: Opening and ending tag mismatch: site line 5 and sit; the file is left as it is
[exit 1]
$ appcmd set site "Default Web Site" /serverAutoStart:false
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 9
Description: Configuration file is not well-formed XML

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:9: Configuration file is not well-formed XML: Opening and ending tag mismatch: site line 5 and sit; the file is left as it is
[exit 1]
$ iis binding show

The file or directory is corrupted and unreadable.

! sslbind: STATE/applicationHost.config:9: Configuration file is not well-formed XML: Opening and ending tag mismatch: site line 5 and sit; the file is left as it is
[exit 1]
$ @md5 applicationHost.config
0d4c7bc4214940cc8fa74858179eda47
$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="A" id="1" />
>             <site name="B" id="1" />
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd list sites
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 6
Description: Cannot add duplicate collection entry of type 'site' with unique key attributes 'name, id' respectively set to 'B, 1'

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:6: Cannot add duplicate collection entry of type 'site' with unique key attributes 'name, id' respectively set to 'B, 1'; the file is left as it is
[exit 1]
$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="A" id="1">
>                 <bindings>
>                     <binding protocol="https" />
>                 </bindings>
>             </site>
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd list sites
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 7
Description: Missing required attribute 'bindingInformation'

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:7: Missing required attribute 'bindingInformation'; the file is left as it is
[exit 1]
$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="A" id="x" serverAutoStart="maybe" />
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd list sites
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 5
Description: Invalid unsigned integer 'x' for attribute 'id'

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:5: Invalid unsigned integer 'x' for attribute 'id'; the file is left as it is
[exit 1]
$ @file redirection.config
> <configuration><configurationRedirection enabled="true" path="relative/dir" /></configuration>
$ appcmd list sites
ERROR ( message:The file or directory is corrupted and unreadable. )
! sslbind: STATE/redirection.config: configurationRedirection needs enabled="true|false" and an absolute path
[exit 1]
$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : (redirection.config cannot be read)
    Configuration File           : (cannot be read)

! sslbind: warning: STATE/redirection.config: configurationRedirection needs enabled="true|false" and an absolute path; this command goes on without it
$ @file redirection.config
> <configuration><configurationRedirection enabled="true" path="/nonexistent/farm" /></configuration>
$ appcmd list sites
ERROR ( message:The system cannot find the file specified. )
! sslbind: /nonexistent/farm/applicationHost.config does not exist
[exit 1]
$ @file sites.state
> 1 Running
$ @file redirection.config
> <configuration><configurationRedirection enabled="false" /></configuration>
$ appcmd list sites
ERROR ( message:The file or directory is corrupted and unreadable. )
! sslbind: STATE/sites.state:1: expected '<site id> Started|Stopped'
[exit 1]
$ @file sites.state
> 1 Started
$ @file addresses
> 10.0.0.300
$ appcmd list sites
ERROR ( message:The file or directory is corrupted and unreadable. )
! sslbind: STATE/addresses:1: '10.0.0.300' is not a valid IPv4 address (expected four decimal numbers 0-255, like 10.0.0.1)
[exit 1]
$ iis address show

The file or directory is corrupted and unreadable.

! sslbind: STATE/addresses:1: '10.0.0.300' is not a valid IPv4 address (expected four decimal numbers 0-255, like 10.0.0.1)
[exit 1]
