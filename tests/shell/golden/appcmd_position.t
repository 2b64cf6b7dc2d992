$ appcmd set site "Default Web Site" "/+bindings.[@start,protocol='http',bindingInformation='*:99:']"
SITE object "Default Web Site" changed
$ appcmd list site "Default Web Site"
SITE "Default Web Site" (id:1,bindings:http/*:99:,http/*:80:,state:Started)
$ appcmd set site "Default Web Site" "/+bindings.[@end,protocol='http',bindingInformation='*:98:']"
SITE object "Default Web Site" changed
$ appcmd set site "Default Web Site" "/+bindings.[@1,protocol='https',bindingInformation='*:443:']"
SITE object "Default Web Site" changed
$ appcmd list site "Default Web Site"
SITE "Default Web Site" (id:1,bindings:http/*:99:,https/*:443:,http/*:80:,http/*:98:,state:Started)
$ appcmd set site "Default Web Site" "/+bindings.[@9,protocol='https',bindingInformation='*:444:']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: position 9 is past the end of the site's 4 bindings
[exit 1]
$ appcmd set config -section:sites "/+[name='Default Web Site'].bindings.[@0,protocol='http',bindingInformation='*:97:']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site "Default Web Site"
SITE "Default Web Site" (id:1,bindings:http/*:97:,http/*:99:,https/*:443:,http/*:80:,http/*:98:,state:Started)
$ appcmd list config -section:sites
<sites>
    <site name="Default Web Site" id="1">
        <application path="/">
            <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:97:" />
            <binding protocol="http" bindingInformation="*:99:" />
            <binding protocol="https" bindingInformation="*:443:" />
            <binding protocol="http" bindingInformation="*:80:" />
            <binding protocol="http" bindingInformation="*:98:" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
