$ appcmd set config -section:sites "/+[@start,name='W4',id='41']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd set config -section:sites "/+[@0,name='W3',id='40']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd set config -section:sites "/+[@2,name='W5',id='42']" "/+[@end,name='W9',id='49']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list sites
SITE "W3" (id:40,bindings:,state:Stopped)
SITE "W4" (id:41,bindings:,state:Stopped)
SITE "W5" (id:42,bindings:,state:Stopped)
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "W9" (id:49,bindings:,state:Stopped)
$ appcmd set config -section:sites "/+[@99,name='W6',id='43']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: position 99 is past the end of the sites collection, which holds 5
[exit 1]
$ appcmd set config -section:sites "/+[@6,name='W6',id='43']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: position 6 is past the end of the sites collection, which holds 5
[exit 1]
$ appcmd set config -section:sites "/+[@5,name='W6',id='43']" "/-[name='W4']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list sites
SITE "W3" (id:40,bindings:,state:Stopped)
SITE "W5" (id:42,bindings:,state:Stopped)
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "W9" (id:49,bindings:,state:Stopped)
SITE "W6" (id:43,bindings:,state:Stopped)
$ appcmd set config -section:sites "/+[@start,name='Front',id='5']" "/+[name='Front'].bindings.[protocol='http',bindingInformation='*:80:']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
! sslbind: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix http://*:80/ for site 5. The site has been disabled.
$ appcmd list sites /state:Started
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
$ appcmd set config -section:sites "/+[@end,name='P',id='60']" "/+[name='P'].bindings.[protocol='http',bindingInformation='*:90:']" "/+[@start,name='Q',id='61']" "/+[name='Q'].bindings.[protocol='http',bindingInformation='*:90:']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
! sslbind: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix http://*:90/ for site 60. The site has been disabled.
$ appcmd list sites
SITE "Q" (id:61,bindings:http/*:90:,state:Started)
SITE "Front" (id:5,bindings:http/*:80:,state:Stopped)
SITE "W3" (id:40,bindings:,state:Stopped)
SITE "W5" (id:42,bindings:,state:Stopped)
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "W9" (id:49,bindings:,state:Stopped)
SITE "W6" (id:43,bindings:,state:Stopped)
SITE "P" (id:60,bindings:http/*:90:,state:Stopped)
$ appcmd stop site Q
"Q" successfully stopped
$ appcmd set config -section:sites "/+[@start,name='R',id='80']" "/[name='Q'].id:71" "/[name='P'].id:61"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list sites /state:Stopped
SITE "R" (id:80,bindings:,state:Stopped)
SITE "Q" (id:71,bindings:http/*:90:,state:Stopped)
SITE "Front" (id:5,bindings:http/*:80:,state:Stopped)
SITE "W3" (id:40,bindings:,state:Stopped)
SITE "W5" (id:42,bindings:,state:Stopped)
SITE "W9" (id:49,bindings:,state:Stopped)
SITE "W6" (id:43,bindings:,state:Stopped)
SITE "P" (id:61,bindings:http/*:90:,state:Stopped)
$ appcmd list config -section:sites
<sites>
    <site name="R" id="80" />
    <site name="Q" id="71">
        <bindings>
            <binding protocol="http" bindingInformation="*:90:" />
        </bindings>
    </site>
    <site name="Front" id="5">
        <bindings>
            <binding protocol="http" bindingInformation="*:80:" />
        </bindings>
    </site>
    <site name="W3" id="40" />
    <site name="W5" id="42" />
    <site name="Default Web Site" id="1">
        <application path="/">
            <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:80:" />
        </bindings>
    </site>
    <site name="W9" id="49" />
    <site name="W6" id="43" />
    <site name="P" id="61">
        <bindings>
            <binding protocol="http" bindingInformation="*:90:" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
