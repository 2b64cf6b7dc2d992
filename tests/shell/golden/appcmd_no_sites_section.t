$ @file applicationHost.config
> <configuration><system.applicationHost><applicationPools /></system.applicationHost></configuration>
$ appcmd list sites
$ appcmd list sites /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
</appcmd>
$ appcmd list site nosuch /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
</appcmd>
! sslbind: appcmd exits 1 on Windows: no site matches nosuch
[exit 1]
$ appcmd list config -section:sites
$ appcmd set config -section:sites "/+[@1,name='X',id='9']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: position 1 is past the end of the sites collection, which holds 0
[exit 1]
$ appcmd set config -section:sites "/+[name='Nobody'].bindings.[protocol='http',bindingInformation='*:80:']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: no site matches +[name='Nobody'].bindings.[protocol='http',bindingInformation='*:80:']
[exit 1]
$ @md5 applicationHost.config
4a1d8ad427e4ec3dbcfc0572293aa861
$ appcmd add site /name:N /bindings:http/*:80:
SITE object "N" added
$ appcmd list sites
SITE "N" (id:1,bindings:http/*:80:,state:Started)
$ appcmd list config -section:sites
<sites>
    <site name="N" id="1">
        <bindings>
            <binding protocol="http" bindingInformation="*:80:" />
        </bindings>
    </site>
</sites>
$ @file other.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <configSections />
> </configuration>
$ appcmd set config -section:sites "/+[@start,name='S',id='3',serverAutoStart='false']" "/+[name='S'].bindings.[protocol='https',bindingInformation='*:443:']" /apphostconfig:$state/other.config
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list sites /apphostconfig:$state/other.config
SITE "S" (id:3,bindings:https/*:443:,state:Stopped)
$ appcmd list config -section:sites /apphostconfig:$state/other.config
<sites>
    <site name="S" id="3" serverAutoStart="false">
        <bindings>
            <binding protocol="https" bindingInformation="*:443:" />
        </bindings>
    </site>
</sites>
$ @file applicationHost.config
> <configuration><system.applicationHost><sites /></system.applicationHost></configuration>
$ appcmd list sites
$ appcmd list sites /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
</appcmd>
$ appcmd list sites /xml /name:nomatch
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
</appcmd>
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
