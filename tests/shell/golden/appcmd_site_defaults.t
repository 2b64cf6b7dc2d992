$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="Default Web Site" id="1">
>                 <bindings>
>                     <binding protocol="http" bindingInformation="*:80:" />
>                 </bindings>
>             </site>
>             <site name="Plain" id="2">
>                 <application path="/">
>                     <virtualDirectory path="/" physicalPath="C:\plain" />
>                 </application>
>             </site>
>             <site name="Own" id="3">
>                 <bindings>
>                     <binding protocol="https" bindingInformation="*:443:own.contoso.com" />
>                 </bindings>
>             </site>
>             <site name="Cleared" id="4">
>                 <bindings>
>                     <clear />
>                     <binding protocol="http" bindingInformation="*:8080:" />
>                 </bindings>
>             </site>
>             <siteDefaults>
>                 <bindings>
>                     <binding protocol="http" bindingInformation="*:8000:" />
>                 </bindings>
>             </siteDefaults>
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:8000:,http/*:80:,state:Started)
SITE "Plain" (id:2,bindings:http/*:8000:,state:Stopped)
SITE "Own" (id:3,bindings:http/*:8000:,https/*:443:own.contoso.com,state:Stopped)
SITE "Cleared" (id:4,bindings:http/*:8080:,state:Started)
$ iis binding show site=Plain

IIS site bindings:
------------------

    Site                         : Plain (id:2, Stopped)
    Binding                      : http/*:8000: (inherited from siteDefaults)
    On This Server               : clash with site 1

$ appcmd set site Own /+bindings.[protocol='http',bindingInformation='*:8000:']
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:8000:'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding http/*:8000:
[exit 1]
$ appcmd add site /name:New /id:9 /bindings:http/*:8000:
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:8000:'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding http/*:8000:
[exit 1]
$ appcmd set site Own /-bindings.[protocol='http',bindingInformation='*:8000:']
SITE object "Own" changed
$ appcmd list site Own /config
<site name="Own" id="3">
    <bindings>
        <clear />
        <binding protocol="https" bindingInformation="*:443:own.contoso.com" />
    </bindings>
</site>
$ appcmd start site Own
"Own" successfully started.
$ appcmd set site Plain "/bindings.[protocol='http',bindingInformation='*:8000:'].bindingInformation:*:8001:"
SITE object "Plain" changed
$ appcmd list site Plain /config
<site name="Plain" id="2">
    <application path="/">
        <virtualDirectory path="/" physicalPath="C:\plain" />
    </application>
    <bindings>
        <clear />
        <binding protocol="http" bindingInformation="*:8001:" />
    </bindings>
</site>
$ appcmd start site Plain
"Plain" successfully started.
$ appcmd set site "Default Web Site" "/+bindings.[@start,protocol='https',bindingInformation='*:443:']"
SITE object "Default Web Site" changed
$ appcmd list site "Default Web Site" /config
<site name="Default Web Site" id="1">
    <bindings>
        <clear />
        <binding protocol="https" bindingInformation="*:443:" />
        <binding protocol="http" bindingInformation="*:8000:" />
        <binding protocol="http" bindingInformation="*:80:" />
    </bindings>
</site>
$ appcmd add site /name:Fresh /id:5
SITE object "Fresh" added
! sslbind: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix http://*:8000/ for site 5. The site has been disabled.
$ appcmd set site Fresh /bindings:http/*:9001:
SITE object "Fresh" changed
$ appcmd list site Fresh /config
<site name="Fresh" id="5">
    <bindings>
        <clear />
        <binding protocol="http" bindingInformation="*:9001:" />
    </bindings>
</site>
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:https/*:443:,http/*:8000:,http/*:80:,state:Started)
SITE "Plain" (id:2,bindings:http/*:8001:,state:Started)
SITE "Own" (id:3,bindings:https/*:443:own.contoso.com,state:Started)
SITE "Cleared" (id:4,bindings:http/*:8080:,state:Started)
SITE "Fresh" (id:5,bindings:http/*:9001:,state:Stopped)
