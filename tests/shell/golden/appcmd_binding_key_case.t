$ appcmd add site /name:K /bindings:https/*:443:www.contoso.com
SITE object "K" added
$ appcmd set site K "/+bindings.[protocol='HTTPS',bindingInformation='*:443:www.contoso.com']"
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'HTTPS, *:443:www.contoso.com'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding HTTPS/*:443:www.contoso.com
[exit 1]
$ appcmd set site K "/+bindings.[protocol='https',bindingInformation='*:443:WWW.contoso.com']"
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'https, *:443:WWW.contoso.com'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding https/*:443:WWW.contoso.com
[exit 1]
$ appcmd set site K "/bindings.[protocol='https',bindingInformation='*:443:WWW.CONTOSO.COM'].sslFlags:1"
SITE object "K" changed
$ appcmd list site K /config
<site name="K" id="2">
    <bindings>
        <binding protocol="https" bindingInformation="*:443:www.contoso.com" sslFlags="1" />
    </bindings>
</site>
$ appcmd set config -section:sites "/+[name='K'].bindings.[protocol='https',bindingInformation='*:443:Www.Contoso.Com']"
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'https, *:443:Www.Contoso.Com'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding https/*:443:Www.Contoso.Com
[exit 1]
$ appcmd add site /name:K2 /bindings:http/*:81:a.example,http/*:81:A.EXAMPLE
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:81:A.EXAMPLE'

. )
! sslbind: appcmd exits 183 on Windows: binding http/*:81:A.EXAMPLE is given twice
[exit 1]
$ appcmd set site K "/-bindings.[protocol='https',bindingInformation='*:443:WWW.CONTOSO.COM']"
SITE object "K" changed
$ appcmd list site K
SITE "K" (id:2,bindings:,state:Stopped)
$ @file applicationHost.config
> <?xml version="1.0" encoding="UTF-8"?>
> <configuration>
>     <system.applicationHost>
>         <sites>
>             <site name="D" id="1">
>                 <bindings>
>                     <binding protocol="http" bindingInformation="*:80:host" />
>                     <binding protocol="http" bindingInformation="*:80:HOST" />
>                 </bindings>
>             </site>
>         </sites>
>     </system.applicationHost>
> </configuration>
$ appcmd list site
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 8
Description: Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:80:HOST'

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:8: Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:80:HOST'; the file is left as it is
[exit 1]
