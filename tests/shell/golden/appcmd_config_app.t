$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2',serverAutoStart='True']" /commit:apphost
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2'].bindings.[protocol='http',bindingInformation='*:80:www.contoso.com']" /commit:apphost
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2'].[path='/']" /commit:apphost
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2'].[path='/'].[path='/',physicalPath='C:\\Inetpub\\www.contoso.com\\wwwroot']" /commit:apphost
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list config -section:system.applicationHost/sites
<sites>
    <site name="Default Web Site" id="1">
        <application path="/">
            <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:80:" />
        </bindings>
    </site>
    <site name="Contoso" id="2" serverAutoStart="true">
        <application path="/">
            <virtualDirectory path="/" physicalPath="C:\Inetpub\www.contoso.com\wwwroot" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:80:www.contoso.com" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
$ appcmd list site Contoso /text:*
SITE
  SITE.NAME: Contoso
  SITE.ID: 2
  bindings: http/*:80:www.contoso.com
  state: Started
  [site]
    name:"Contoso"
    id:"2"
    serverAutoStart:"true"
    [application]
      path:"/"
      [virtualDirectory]
        path:"/"
        physicalPath:"C:\Inetpub\www.contoso.com\wwwroot"
    [bindings]
      [binding]
        protocol:"http"
        bindingInformation:"*:80:www.contoso.com"
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2'].[path='/']" /commit:apphost
ERROR ( message:New application object missing required attributes. Cannot add duplicate collection entry of type 'application' with unique key attribute 'path' set to '/'

. )
! sslbind: appcmd exits 183 on Windows: site "Contoso" already has the application /
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso'].[path='/'].[path='/']"
ERROR ( message:New virtualDirectory object missing required attributes. Cannot add duplicate collection entry of type 'virtualDirectory' with unique key attribute 'path' set to '/'

. )
! sslbind: appcmd exits 183 on Windows: application / of site "Contoso" already has the virtual directory /
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso'].[path='/app1'].[path='/',physicalPath='C:\\app1']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: site "Contoso" has no application /app1
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso'].[path='app1']"
ERROR ( message:Invalid value "app1" for attribute "path". )
! sslbind: appcmd exits 13 on Windows: an application path must start with '/' (got 'app1')
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso'].[path='/app1',colour='red']"
ERROR ( message:Unknown attribute "colour".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='3'].bindings.[protocol='https',bindingInformation='*:443:']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: no site matches +[name='Contoso',id='3'].bindings.[protocol='https',bindingInformation='*:443:']
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/[name='Contoso',id='3'].serverAutoStart:false"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: no site matches [name='Contoso',id='3'].serverAutoStart
[exit 1]
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2'].bindings.[protocol='https',bindingInformation='*:443:']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',colour='red'].bindings.[protocol='https',bindingInformation='*:444:']"
ERROR ( message:Unknown attribute "colour".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ @md5 applicationHost.config
ef282799c7da4085c83882d92d57668c
$ appcmd.exe set config -section:system.applicationHost/sites "/+[name='Contoso',id='2'].[path='/app1']" "/+[name='Contoso'].[path='/app1'].[path='/',physicalPath='C:\\app1']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
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
    <site name="Contoso" id="2" serverAutoStart="true">
        <application path="/">
            <virtualDirectory path="/" physicalPath="C:\Inetpub\www.contoso.com\wwwroot" />
        </application>
        <application path="/app1">
            <virtualDirectory path="/" physicalPath="C:\app1" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:80:www.contoso.com" />
            <binding protocol="https" bindingInformation="*:443:" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
$ appcmd.exe set config -section:system.applicationHost/sites "/-[name='Contoso'].[path='/app1'].[path='/']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd.exe set config -section:system.applicationHost/sites "/-[name='Contoso'].[path='/app1']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd.exe set config -section:system.applicationHost/sites "/-[name='Contoso'].[path='/app1']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: site "Contoso" has no application /app1
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
    <site name="Contoso" id="2" serverAutoStart="true">
        <application path="/">
            <virtualDirectory path="/" physicalPath="C:\Inetpub\www.contoso.com\wwwroot" />
        </application>
        <bindings>
            <binding protocol="http" bindingInformation="*:80:www.contoso.com" />
            <binding protocol="https" bindingInformation="*:443:" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
