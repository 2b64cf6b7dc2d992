$ @pipe
> appcmd delete site "Default Web Site"
> "C:\Windows\System32\inetsrv\appcmd.exe" add site /name:ProGet /physicalPath:"C:\Program Files\ProGet\Web" /bindings:"http/*:80:" /applicationDefaults.applicationPool:ProGet
> %systemroot%\system32\inetsrv\APPCMD add site /name:"CDS.Web.DataService" /bindings:"http/*:8090:" /physicalPath:"C:\inetpub\CDS.Web.DataService" /applicationDefaults.applicationPool:".NET v4"
> appcmd list site ProGet /config
> appcmd list site CDS.Web.DataService /config
SITE object "Default Web Site" deleted
SITE object "ProGet" added
APP object "ProGet/" added
VDIR object "ProGet/" added
SITE object "CDS.Web.DataService" added
APP object "CDS.Web.DataService/" added
VDIR object "CDS.Web.DataService/" added
<site name="ProGet" id="1">
    <application path="/">
        <virtualDirectory path="/" physicalPath="C:\Program Files\ProGet\Web" />
    </application>
    <bindings>
        <binding protocol="http" bindingInformation="*:80:" />
    </bindings>
    <applicationDefaults applicationPool="ProGet" />
</site>
<site name="CDS.Web.DataService" id="2">
    <application path="/">
        <virtualDirectory path="/" physicalPath="C:\inetpub\CDS.Web.DataService" />
    </application>
    <bindings>
        <binding protocol="http" bindingInformation="*:8090:" />
    </bindings>
    <applicationDefaults applicationPool=".NET v4" />
</site>
$ @pipe
> "%windir%\system32\inetsrv\appcmd.exe" add site /name:"W1" /bindings:http/*:81:w1.example.com  /physicalPath:"C:\w1" -applicationDefaults.applicationPool:"W1 Pool"
> appcmd add site /name:W2 /id:20 /bindings:https/*:443:w2.example.com /physicalPath:C:\w2 /[path='/'].applicationPool:P2 /bindings.[protocol='https',bindingInformation='*:443:w2.example.com'].sslFlags:1 /+bindings.[protocol='http',bindingInformation='*:82:w2.example.com']
> appcmd list site W1 /config
> appcmd list site W2 /config
SITE object "W1" added
APP object "W1/" added
VDIR object "W1/" added
SITE object "W2" added
APP object "W2/" added
VDIR object "W2/" added
<site name="W1" id="3">
    <application path="/">
        <virtualDirectory path="/" physicalPath="C:\w1" />
    </application>
    <bindings>
        <binding protocol="http" bindingInformation="*:81:w1.example.com" />
    </bindings>
    <applicationDefaults applicationPool="W1 Pool" />
</site>
<site name="W2" id="20">
    <application path="/" applicationPool="P2">
        <virtualDirectory path="/" physicalPath="C:\w2" />
    </application>
    <bindings>
        <binding protocol="https" bindingInformation="*:443:w2.example.com" sslFlags="1" />
        <binding protocol="http" bindingInformation="*:82:w2.example.com" />
    </bindings>
</site>
$ @pipe
> /cygdrive/c/Windows/System32/inetsrv/appcmd.exe add site /name:"test.imdst.com" /bindings:http://test.imdst.com:80 /applicationDefaults.applicationPool:"test.imdst.com" /physicalPath:d:/web/test.imdst.com /logFile.directory:"d:/weblogs"
> appcmd add site /name:W3 /bindings:http/*:83: /[path='/'].applicationPool:P3
> appcmd add site /name:W4 /bindings:http/*:84: /applicationDefaults.preloadEnabled:true
> appcmd add site /name:W5 /bindings:http/*:85: /applicationDefaults.applicationPool
> appcmd add site /name:W6 /bindings:http/*:86: /limits.maxBandwidth:1000
> appcmd add site /name:W7 /bindings:http/*:87: /-bindings.[protocol='http',bindingInformation='*:88:']
> appcmd add site /name:W8 /bindings:http/*:89: /+bindings.[protocol='http',bindingInformation='*:89:']
> appcmd set config -section:sites /applicationDefaults.applicationPool:P
> appcmd list sites
ERROR ( message:Unknown attribute "logFile.directory".  Replace with -? for help. )
ERROR ( message:Cannot find requested collection element. )
ERROR ( message:Unknown attribute "preloadEnabled".  Replace with -? for help. )
SITE object "W5" added
ERROR ( message:Unknown attribute "limits.maxBandwidth".  Replace with -? for help. )
ERROR ( message:Cannot find requested collection element. )
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:89:'

. )
ERROR ( message:Unknown attribute "applicationDefaults.applicationPool".  Replace with -? for help. )
SITE "ProGet" (id:1,bindings:http/*:80:,state:Started)
SITE "CDS.Web.DataService" (id:2,bindings:http/*:8090:,state:Started)
SITE "W1" (id:3,bindings:http/*:81:w1.example.com,state:Started)
SITE "W2" (id:20,bindings:https/*:443:w2.example.com,http/*:82:w2.example.com,state:Started)
SITE "W5" (id:21,bindings:http/*:85:,state:Started)
! sslbind: standard input:1: appcmd exits 87 on Windows: sslbind does not emulate <logFile>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:2: appcmd exits 4312 on Windows: site "W3" has no application /
! sslbind: standard input:3: appcmd exits 87 on Windows: sslbind does not emulate this attribute of an application, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:5: appcmd exits 87 on Windows: sslbind does not emulate <limits>, which IIS has; nothing changed (docs/iis.md)
! sslbind: standard input:6: appcmd exits 4312 on Windows: the site has no binding matching -bindings.[protocol='http',bindingInformation='*:88:']
! sslbind: standard input:7: appcmd exits 183 on Windows: the site already has the binding http/*:89:
! sslbind: standard input:8: appcmd exits 87 on Windows: sslbind emulates a site's own <applicationDefaults> (set site or add site /applicationDefaults.applicationPool:P, set config /[name='S'].applicationDefaults.applicationPool:P), not this one, which IIS has; nothing changed (docs/iis.md)
[exit 1]
$ @md5 applicationHost.config
297f41ce71ab9647790f42596c12fbb6
