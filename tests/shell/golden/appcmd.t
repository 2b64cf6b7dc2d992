$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
$ appcmd add site /name:www /id:2 /bindings:https/*:443:www.contoso.com /physicalPath:C:\\sites\\www
SITE object "www" added
APP object "www/" added
VDIR object "www/" added
$ appcmd add site /name:shop /id:3 /physicalPath:C:\\sites\\shop
SITE object "shop" added
APP object "shop/" added
VDIR object "shop/" added
$ appcmd set site /site.name:shop "/+bindings.[protocol='https',bindingInformation='*:443:shop.contoso.com']"
SITE object "shop" changed
$ appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "www" (id:2,bindings:https/*:443:www.contoso.com,state:Started)
SITE "shop" (id:3,bindings:https/*:443:shop.contoso.com,state:Started)
$ appcmd list site www
SITE "www" (id:2,bindings:https/*:443:www.contoso.com,state:Started)
$ appcmd list site /site.name:SHOP
SITE "shop" (id:3,bindings:https/*:443:shop.contoso.com,state:Started)
$ appcmd list sites /state:Started /id:3
SITE "shop" (id:3,bindings:https/*:443:shop.contoso.com,state:Started)
$ appcmd list sites /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started" />
    <SITE SITE.NAME="www" SITE.ID="2" bindings="https/*:443:www.contoso.com" state="Started" />
    <SITE SITE.NAME="shop" SITE.ID="3" bindings="https/*:443:shop.contoso.com" state="Started" />
</appcmd>
$ appcmd list site shop /xml /config
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="shop" SITE.ID="3" bindings="https/*:443:shop.contoso.com" state="Started">
        <site name="shop" id="3">
            <application path="/">
                <virtualDirectory path="/" physicalPath="C:\sites\shop" />
            </application>
            <bindings>
                <binding protocol="https" bindingInformation="*:443:shop.contoso.com" />
            </bindings>
        </site>
    </SITE>
</appcmd>
$ appcmd list site shop /config
<site name="shop" id="3">
    <application path="/">
        <virtualDirectory path="/" physicalPath="C:\sites\shop" />
    </application>
    <bindings>
        <binding protocol="https" bindingInformation="*:443:shop.contoso.com" />
    </bindings>
</site>
$ appcmd list site www /text:*
SITE
  SITE.NAME: www
  SITE.ID: 2
  bindings: https/*:443:www.contoso.com
  state: Started
  [site]
    name:"www"
    id:"2"
    [application]
      path:"/"
      [virtualDirectory]
        path:"/"
        physicalPath:"C:\sites\www"
    [bindings]
      [binding]
        protocol:"https"
        bindingInformation:"*:443:www.contoso.com"
$ appcmd list sites /text:name
Default Web Site
www
shop
$ appcmd list sites /text:SITE.ID
1
2
3
$ appcmd add site /name:Empty /serverAutoStart:false
SITE object "Empty" added
$ appcmd list site Empty
SITE "Empty" (id:4,bindings:,state:Stopped)
$ APPCMD.EXE LIST SITES /serverAutoStart:false
SITE "Empty" (id:4,bindings:,state:Stopped)
$ appcmd set site Empty /bindings:http/*:8080:,https/*:8443:
SITE object "Empty" changed
$ appcmd set site Empty "/bindings.[protocol='https',bindingInformation='*:8443:'].sslFlags:1"
SITE object "Empty" changed
$ appcmd set site Empty "/-bindings.[protocol='http',bindingInformation='*:8080:']"
SITE object "Empty" changed
$ appcmd set site Empty /name:Renamed /serverAutoStart:true
SITE object "Renamed" changed
$ appcmd stop site Renamed
"Renamed" successfully stopped
$ appcmd list site Renamed
SITE "Renamed" (id:4,bindings:https/*:8443:,state:Stopped)
$ appcmd start site Renamed
"Renamed" successfully started.
$ appcmd start site Renamed
"Renamed" successfully started.
$ appcmd stop site /site.name:Renamed
"Renamed" successfully stopped
$ appcmd stop site Renamed
"Renamed" successfully stopped
$ appcmd delete site Renamed
SITE object "Renamed" deleted
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
    <site name="www" id="2">
        <application path="/">
            <virtualDirectory path="/" physicalPath="C:\sites\www" />
        </application>
        <bindings>
            <binding protocol="https" bindingInformation="*:443:www.contoso.com" />
        </bindings>
    </site>
    <site name="shop" id="3">
        <application path="/">
            <virtualDirectory path="/" physicalPath="C:\sites\shop" />
        </application>
        <bindings>
            <binding protocol="https" bindingInformation="*:443:shop.contoso.com" />
        </bindings>
    </site>
    <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
        <traceFailedRequestsLogging directory="%SystemDrive%\inetpub\logs\FailedReqLogFiles" />
    </siteDefaults>
    <applicationDefaults applicationPool="DefaultAppPool" />
    <virtualDirectoryDefaults allowSubDirConfig="true" />
</sites>
$ appcmd set config -section:system.applicationHost/sites "/+[name='Contoso',id='7',serverAutoStart='True']" /commit:apphost
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd set config -section:sites "/+[name='Contoso'].bindings.[protocol='https',bindingInformation='*:443:contoso.com']" /commit:apphost
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd set config -section:system.applicationHost/sites "/[name='Contoso'].bindings.[protocol='https',bindingInformation='*:443:contoso.com'].sslFlags:1"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd set config -section:system.applicationHost/sites "/-[name='Contoso'].bindings.[protocol='https',bindingInformation='*:443:contoso.com']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd set config -section:system.applicationHost/sites "/-[name='Contoso']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd add site /name:Auto /bindings:http/*:81:
SITE object "Auto" added
$ appcmd list site Auto
SITE "Auto" (id:4,bindings:http/*:81:,state:Started)
$ appcmd list site "Default Web Site" /text:bindings
http/*:80:
$ C:\\Windows\\system32\\inetsrv\\appcmd.exe list site shop
SITE "shop" (id:3,bindings:https/*:443:shop.contoso.com,state:Started)
$ /usr/local/bin/AppCmd.EXE list site www
SITE "www" (id:2,bindings:https/*:443:www.contoso.com,state:Started)
$ appcmd stop site "default web site"
"Default Web Site" successfully stopped
$ appcmd start site "DEFAULT WEB SITE"
"Default Web Site" successfully started.
$ appcmd set site "default WEB site" /serverAutoStart:true
SITE object "Default Web Site" changed
$ appcmd add site /name:Case /id:9
SITE object "Case" added
$ appcmd delete site CASE
SITE object "Case" deleted
$ appcmd /xml list sites
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started" />
    <SITE SITE.NAME="www" SITE.ID="2" bindings="https/*:443:www.contoso.com" state="Started" />
    <SITE SITE.NAME="shop" SITE.ID="3" bindings="https/*:443:shop.contoso.com" state="Started" />
    <SITE SITE.NAME="Auto" SITE.ID="4" bindings="http/*:81:" state="Started" />
</appcmd>
$ appcmd -text:name list sites
Default Web Site
www
shop
Auto
$ @file other.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="Other" id="4">
>                 <bindings>
>                     <binding protocol="http" bindingInformation="*:8088:" />
>                 </bindings>
>             </site>
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd /apphostconfig:$state/other.config list sites
SITE "Other" (id:4,bindings:http/*:8088:,state:Stopped)
$ appcmd /text:name /apphostconfig:$state/other.config list site other
Other
