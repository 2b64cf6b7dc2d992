$ @pipe
> appcmd add site /name:S8080 /id:5 /bindings:http/*:8080: /physicalPath:C:\s
> appcmd list site /bindings:http/*:8080:
> appcmd list sites /bindings:http/*:8080:
> appcmd list site /bindings:HTTP/*:8080: /xml
> appcmd list site /bindings:http/*:8080: /text:name
> appcmd list site /bindings:http/*:8081:
> appcmd list site /bindings:http/*:8081: /xml
> appcmd list site /bindings:"$=*:8080:*" /text:*
SITE object "S8080" added
APP object "S8080/" added
VDIR object "S8080/" added
SITE "S8080" (id:5,bindings:http/*:8080:,state:Started)
SITE "S8080" (id:5,bindings:http/*:8080:,state:Started)
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="S8080" SITE.ID="5" bindings="http/*:8080:" state="Started" />
</appcmd>
S8080
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
</appcmd>
SITE
  SITE.NAME: S8080
  SITE.ID: 5
  bindings: http/*:8080:
  state: Started
  [site]
    name:"S8080"
    id:"5"
    [application]
      path:"/"
      [virtualDirectory]
        path:"/"
        physicalPath:"C:\s"
    [bindings]
      [binding]
        protocol:"http"
        bindingInformation:"*:8080:"
! sslbind: standard input:6: appcmd exits 1 on Windows: no site matches
! sslbind: standard input:7: appcmd exits 1 on Windows: no site matches
[exit 1]
$ @pipe
> C:\Windows\System32\inetsrv\appcmd list site /bindings:"http/*:30000:" 2>nul
> appcmd add site /name:P /id:6 /bindings:http/*:30000: /physicalPath:C:\p
> C:\Windows\System32\inetsrv\appcmd list site /bindings:"http/*:30000:" 2>nul
SITE object "P" added
APP object "P/" added
VDIR object "P/" added
SITE "P" (id:6,bindings:http/*:30000:,state:Started)
! sslbind: standard input:1: note: '2>nul' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
! sslbind: standard input:1: appcmd exits 1 on Windows: no site matches
! sslbind: standard input:3: note: '2>nul' is cmd.exe's redirection, not appcmd's: ignored, the output comes here (redirect the whole command in your shell instead)
[exit 1]
$ @pipe
> appcmd add site /name:H /id:7 /bindings:http/*:80:www.h.com,http/*:80:h.com /physicalPath:C:\h
> "%windir%\System32\inetsrv\appcmd.exe" list site /bindings:http/*:80:www.h.com,http/*:80:h.com /state:Started  /xml
> appcmd list site /bindings:http/*:80:www.h.com
> appcmd list site /bindings:http/*:80:www.h.com /state:Stopped
> appcmd list site "/bindings:$=*:80:www.h.com*"
> appcmd list site /bindings:"$=HTTP/*:80:*" /text:SITE.NAME
> appcmd list sites "/bindings:$=*:80:*"
SITE object "H" added
APP object "H/" added
VDIR object "H/" added
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="H" SITE.ID="7" bindings="http/*:80:www.h.com,http/*:80:h.com" state="Started" />
</appcmd>
SITE "H" (id:7,bindings:http/*:80:www.h.com,http/*:80:h.com,state:Started)
Default Web Site
H
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "H" (id:7,bindings:http/*:80:www.h.com,http/*:80:h.com,state:Started)
! sslbind: standard input:3: appcmd exits 1 on Windows: no site matches
! sslbind: standard input:3: note: site "H" has http/*:80:www.h.com among other bindings; /bindings: compares the whole list as list prints it (docs/iis.md): "/bindings:$=*http/*:80:www.h.com*" matches one binding of the list
! sslbind: standard input:4: appcmd exits 1 on Windows: no site matches
! sslbind: standard input:4: note: site "H" has http/*:80:www.h.com among other bindings; /bindings: compares the whole list as list prints it (docs/iis.md): "/bindings:$=*http/*:80:www.h.com*" matches one binding of the list
[exit 1]
$ @pipe
> appcmd add site /name:NuGet.Gallery /id:8 /bindings:http/*:8081:
> appcmd add site /name:NuGet.Search /id:9 /bindings:http/*:8082:
> appcmd list sites "/name:$=NuGet*" /text:name
> appcmd list sites /text:bindings /name:"$=*Search"
> appcmd list sites /name:"$=*nuget*" /id:9
> appcmd list sites /id:"$>300"
> appcmd list sites /name:$<N
SITE object "NuGet.Gallery" added
SITE object "NuGet.Search" added
NuGet.Gallery
NuGet.Search
http/*:8082:
SITE "NuGet.Search" (id:9,bindings:http/*:8082:,state:Started)
! sslbind: standard input:6: appcmd on Windows compares /id: with a range operator ($< or $>); sslbind does not emulate those (only an exact value, or $= with * wildcards): nothing listed
! sslbind: standard input:7: appcmd on Windows compares /name: with a range operator ($< or $>); sslbind does not emulate those (only an exact value, or $= with * wildcards): nothing listed
[exit 1]
$ appcmd list site /bindings:
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ appcmd list site /bindings
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ @pipe
> appcmd add site /name:Two /id:10 /bindings:http/*:8090:,https/*:8443:
> appcmd list site /bindings:http/*:8090:
> appcmd list site /bindings:http/*:8090:,https/*:8443:
> appcmd list site /bindings:"$=*:8443:*"
> appcmd add site /name:Colon /id:11 /bindings:http/:8091:
> appcmd list site /bindings:http/*:8091:
> appcmd list site /bindings:http/:8091:
SITE object "Two" added
SITE "Two" (id:10,bindings:http/*:8090:,https/*:8443:,state:Started)
SITE "Two" (id:10,bindings:http/*:8090:,https/*:8443:,state:Started)
SITE object "Colon" added
SITE "Colon" (id:11,bindings:http/*:8091:,state:Started)
! sslbind: standard input:2: appcmd exits 1 on Windows: no site matches
! sslbind: standard input:2: note: site "Two" has http/*:8090: among other bindings; /bindings: compares the whole list as list prints it (docs/iis.md): "/bindings:$=*http/*:8090:*" matches one binding of the list
! sslbind: standard input:7: appcmd exits 1 on Windows: no site matches
[exit 1]
$ @pipe
> appcmd set site "Default Web Site" /bindings:https/*:443:
> appcmd list site /bindings:"https/*:443:"
> appcmd list site /bindings:"http/*:80:"
> appcmd list sites "/bindings:$=*:443:*"
SITE object "Default Web Site" changed
SITE "Default Web Site" (id:1,bindings:https/*:443:,state:Started)
SITE "Default Web Site" (id:1,bindings:https/*:443:,state:Started)
! sslbind: standard input:3: appcmd exits 1 on Windows: no site matches
[exit 1]
