$ appcmd add site /name:K /id:2 /bindings:http/*:8800:
SITE object "K" added
$ @md5 applicationHost.config
300da14e54651785e20da5cf4c41249d
$ appcmd set site K "/+bindings.[protocol='http',bindingInformation='*:8801:']" "/-bindings.[protocol='http',bindingInformation='*:8899:']" "/-bindings.[protocol='http',bindingInformation='*:8800:']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: the site has no binding matching -bindings.[protocol='http',bindingInformation='*:8899:']
[exit 1]
$ appcmd set config -section:sites "/[name='K'].serverAutoStart:false" "/[name='K2'].serverAutoStart:false"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: no site matches [name='K2'].serverAutoStart
[exit 1]
$ appcmd add site Y /bindings:http/*:83:
ERROR ( message:Must specify the SITE object with identifier. )
! sslbind: appcmd exits 87 on Windows: add site takes the new site's name from /name:"Name", not from an identifier: write /name:"Y" (nothing changed)
[exit 1]
$ appcmd add site /name:Z Zed /bindings:http/*:84:
ERROR ( message:Too many identifiers. )
! sslbind: appcmd exits 87 on Windows: add site takes the new site's name from /name:"Name", not from an identifier: drop "Zed" (nothing changed)
[exit 1]
$ appcmd set site P /site.name:"Default Web Site" /serverAutoStart:false
ERROR ( message:Too many identifiers. )
! sslbind: appcmd exits 87 on Windows: the identifier "P" and /site.name:"Default Web Site" name two sites: give one (nothing changed)
[exit 1]
$ appcmd set site "Default Web Site" /site.name:"default web site" /serverAutoStart:false
SITE object "Default Web Site" changed
$ @md5 applicationHost.config
57445caad887fbee0843d651cc894b4e
$ @printf 'appcmd add site "/name:a\033[2Jb"\n'
ERROR ( message:Invalid site name. )
! sslbind: standard input:1: appcmd exits 13 on Windows: a site name cannot hold a control character (U+001B)
[exit 1]
$ @printf 'appcmd set site "\033[2J" /id:5\n'
ERROR ( message:Cannot find SITE object with identifier "?[2J". )
! sslbind: standard input:1: appcmd exits 1168 on Windows: no site has that name (appcmd list site shows them)
[exit 1]
$ @printf 'appcmd set site K "/id:\033[31mX"\n'
ERROR ( message:Invalid value "?[31mX" for attribute "id". )
! sslbind: standard input:1: appcmd exits 13 on Windows: id: '?[31mX' is not a number from 1 to 4294967295
[exit 1]
$ @printf 'appcmd list site "\033[2J"\n'
! sslbind: standard input:1: appcmd exits 1 on Windows: no site matches ?[2J
[exit 1]
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "K" (id:2,bindings:http/*:8800:,state:Started)
$ appcmd add site /name:D /bindings:http/*:8200:,HTTP/*:8200:
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'HTTP, *:8200:'

. )
! sslbind: appcmd exits 183 on Windows: binding HTTP/*:8200: is given twice
[exit 1]
$ appcmd set site K /bindings:http/*:8300:,http/*:8300:
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'http, *:8300:'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding http/*:8300:
[exit 1]
$ @md5 applicationHost.config
57445caad887fbee0843d651cc894b4e
