$ appcmd add site /name:Contoso /id:2 /bindings:http://contoso.com:8080 /physicalPath:C:\\contoso
SITE object "Contoso" added
APP object "Contoso/" added
VDIR object "Contoso/" added
$ appcmd add site /name:Shop /id:3 /bindings:https://shop.contoso.com,http://*:81/,http/*:82:
SITE object "Shop" added
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Contoso" (id:2,bindings:http/*:8080:contoso.com,state:Started)
SITE "Shop" (id:3,bindings:https/*:443:shop.contoso.com,http/*:81:,http/*:82:,state:Started)
$ appcmd set site Shop /bindings:http://shop.contoso.com:8081
SITE object "Shop" changed
$ appcmd list site Shop
SITE "Shop" (id:3,bindings:http/*:8081:shop.contoso.com,state:Started)
$ appcmd add site /name:Bad /bindings:http://contoso.com:8080/app
ERROR ( message:Invalid value "http://contoso.com:8080/app" for attribute "bindings". )
! sslbind: appcmd exits 13 on Windows: expected protocol://host:port (e.g. http://contoso.com:8080) or protocol/bindingInformation (e.g. https/*:443:)
[exit 1]
$ appcmd add site /name:Bad /bindings:net.tcp://contoso.com
ERROR ( message:Invalid value "net.tcp://contoso.com" for attribute "bindings". )
! sslbind: appcmd exits 13 on Windows: expected protocol://host:port (e.g. http://contoso.com:8080) or protocol/bindingInformation (e.g. https/*:443:)
[exit 1]
$ appcmd add site /name:Bad /bindings:https://[::1]:443
ERROR ( message:Invalid value "https://[::1]:443" for attribute "bindings". )
! sslbind: appcmd exits 13 on Windows: expected protocol://host:port (e.g. http://contoso.com:8080) or protocol/bindingInformation (e.g. https/*:443:)
[exit 1]
$ appcmd add site /name:Bad /bindings:http:/contoso.com
ERROR ( message:Invalid value "http:/contoso.com" for attribute "bindings". )
! sslbind: appcmd exits 13 on Windows: a protocol cannot hold ':' or '/' (http, https, net.tcp …)
[exit 1]
$ appcmd set site Shop "/+bindings.[protocol='http:',bindingInformation='//contoso.com:80']"
ERROR ( message:Invalid value "http:" for attribute "protocol". )
! sslbind: appcmd exits 13 on Windows: a protocol cannot hold ':' or '/'
[exit 1]
$ appcmd set site Shop "/bindings.[protocol='http',bindingInformation='*:8081:shop.contoso.com'].protocol:http:"
ERROR ( message:Invalid value "http:" for attribute "protocol". )
! sslbind: appcmd exits 13 on Windows: protocol 'http:' cannot hold ':' or '/' (http, https …)
[exit 1]
$ appcmd set config -section:sites "/+[name='Shop'].bindings.[protocol='ht/tp',bindingInformation='*:80:']"
ERROR ( message:Invalid value "ht/tp" for attribute "protocol". )
! sslbind: appcmd exits 13 on Windows: a protocol cannot hold ':' or '/'
[exit 1]
$ appcmd list config -section:sites
<sites>
    <site name="Default Web Site" id="1">
        <application path="/">
            <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:80:" />
        </bindings>
    </site>
    <site name="Contoso" id="2">
        <application path="/">
            <virtualDirectory path="/" physicalPath="C:\contoso" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:8080:contoso.com" />
        </bindings>
    </site>
    <site name="Shop" id="3">
        <bindings>
            <binding protocol="http" bindingInformation="*:8081:shop.contoso.com" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
