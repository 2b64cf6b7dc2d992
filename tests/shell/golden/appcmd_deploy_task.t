$ @pipe
> appcmd add site /name:"Fabrikam" /physicalPath:"%SystemDrive%\inetpub\fabrikam"
> appcmd set site /site.name:"Fabrikam" -applicationDefaults.applicationPool:"FabPool" -[path='/'].[path='/'].physicalPath:"%SystemDrive%\inetpub\fabrikam" -[path='/'].[path='/'].userName: -[path='/'].[path='/'].password:
> appcmd set site /site.name:"Fabrikam" /+bindings.[protocol='https',bindingInformation='*:443:fabrikam.com']
> appcmd set site /site.name:"Fabrikam" /bindings.[protocol='https',bindingInformation='*:443:fabrikam.com'].sslFlags:"1"
> appcmd set site /site.name:"Fabrikam" -[path='/'].[path='/'].userName:deploy
> appcmd set SITE "Default Web Site" "/[path='/'].[path='/'].physicalPath:C:\releases\1"
> appcmd set site "Default Web Site" /[path='/'].applicationPool:MyPool
> appcmd set config -section:sites "/[name='Fabrikam'].applicationDefaults.applicationPool:Pool2" "/[name='Fabrikam'].[path='/'].applicationPool:Pool3"
SITE object "Fabrikam" added
APP object "Fabrikam/" added
VDIR object "Fabrikam/" added
SITE object "Fabrikam" changed
SITE object "Fabrikam" changed
SITE object "Fabrikam" changed
SITE object "Fabrikam" changed
SITE object "Default Web Site" changed
SITE object "Default Web Site" changed
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list site Fabrikam /config
<site name="Fabrikam" id="2">
    <application path="/" applicationPool="Pool3">
        <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\fabrikam" userName="deploy" password="" />
    </application>
    <bindings>
        <binding protocol="https" bindingInformation="*:443:fabrikam.com" sslFlags="1" />
    </bindings>
    <applicationDefaults applicationPool="Pool2" />
</site>
$ appcmd list site "Default Web Site" /config
<site name="Default Web Site" id="1">
    <application path="/" applicationPool="MyPool">
        <virtualDirectory path="/" physicalPath="C:\releases\1" />
    </application>
    <bindings>
        <binding protocol="http" bindingInformation="*:80:" />
    </bindings>
</site>
$ @md5 applicationHost.config
59f1f9c6124fdd586f6b3ae4dab57e46
$ @pipe
> appcmd set site Fabrikam /[path='/shop'].applicationPool:X
> appcmd set site Fabrikam /[path='/'].[path='/img'].physicalPath:C:\img
> appcmd set site Fabrikam /[path='/'].[path='/'].logonMethod:Network
> appcmd set site Fabrikam /[path='/'].enabledProtocols:http
> appcmd set site Fabrikam /[path='/'].[path='/'].password:Wr0ng-Secr3t /[path='/none'].applicationPool:X
> appcmd set site Fabrikam /[path='/',x='1'].applicationPool:X
> appcmd set site Fabrikam /[path='/'].bogus:X
ERROR ( message:Cannot find requested collection element. )
ERROR ( message:Cannot find requested collection element. )
ERROR ( message:Unknown attribute "logonMethod".  Replace with -? for help. )
ERROR ( message:Unknown attribute "enabledProtocols".  Replace with -? for help. )
ERROR ( message:Cannot find requested collection element. )
ERROR ( message:Unknown attribute "x".  Replace with -? for help. )
ERROR ( message:Unknown attribute "bogus".  Replace with -? for help. )
! sslbind: standard input:1: appcmd exits 4312 on Windows: site "Fabrikam" has no application /shop
! sslbind: standard input:2: appcmd exits 4312 on Windows: application / of site "Fabrikam" has no virtual directory /img
! sslbind: standard input:3: appcmd exits 87 on Windows: sslbind does not emulate this attribute of a virtual directory, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:4: appcmd exits 87 on Windows: sslbind does not emulate this attribute of an application, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:5: appcmd exits 4312 on Windows: site "Fabrikam" has no application /none
! sslbind: standard input:6: appcmd exits 87 on Windows: that parameter means nothing to this command
! sslbind: standard input:7: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ @md5 applicationHost.config
59f1f9c6124fdd586f6b3ae4dab57e46
