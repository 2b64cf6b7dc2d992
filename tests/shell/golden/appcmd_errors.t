$ appcmd
General purpose IIS command line administration tool (sslbind's emulation).

APPCMD (command) (object-type) <identifier> </parameter1:value1 ...>

Supported object types:

  SITE      Administration of virtual sites
  CONFIG    Administration of general configuration sections
  BACKUP    Administration of server configuration backups

(To list commands supported by each object use /?, e.g. 'appcmd.exe site /?')

General parameters:

  /?            Display context-sensitive help message.
  /text<:value> Generate output in text format (default).
                /text:* shows all object properties in detail view.
                /text:<attribute> shows the value of the specified
                attribute for each object.
  /xml          Generate output in XML format.
  /config<:*>   Show the configuration of the displayed objects.
  /commit       Accepted; every setting here lives in MACHINE/WEBROOT/APPHOST.
  /apphostconfig:<file>  Use this applicationHost.config instead.

Only the site collection of system.applicationHost/sites and the configuration
backups are emulated; appcmd never touches the SSL certificate bindings (use
netsh http, or sslbind iis binding cert).
! sslbind: appcmd exits 87 on Windows: give a command, e.g. appcmd list sites
[exit 1]
$ appcmd list
Object 'LIST' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd exits 87 on Windows: sslbind emulates the SITE, CONFIG and BACKUP objects
[exit 1]
$ appcmd site
Command '' is not supported on object 'SITE'. Run 'appcmd.exe SITE /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: SITE takes list, add, set, delete, start, stop
[exit 1]
$ appcmd list foo
Object 'FOO' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd exits 87 on Windows: sslbind emulates the SITE, CONFIG and BACKUP objects
[exit 1]
$ appcmd restart site www
Command 'RESTART' is not supported on object 'SITE'. Run 'appcmd.exe SITE /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: SITE takes list, add, set, delete, start, stop
[exit 1]
$ appcmd list apppools
Object 'APPPOOLS' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd on Windows has the APPPOOLS object and runs this command; sslbind does not emulate it (only SITE, CONFIG and BACKUP)
[exit 1]
$ appcmd add site /name:www /id:2 /bindings:https/*:443:www.contoso.com
SITE object "www" added
$ appcmd add site /name:WWW /id:9
ERROR ( message:Failed to add duplicate collection element "WWW". )
! sslbind: appcmd exits 183 on Windows: a site is named "WWW"
[exit 1]
$ appcmd add site /name:other /id:2
ERROR ( message:Failed to add duplicate collection element "other". )
! sslbind: appcmd exits 183 on Windows: site id 2 is taken
[exit 1]
$ appcmd add site /id:5
ERROR ( message:Must specify the SITE object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the site: appcmd VERB site "Name" or /site.name:"Name"
[exit 1]
$ appcmd add site /name:bad/name
ERROR ( message:Invalid site name. )
! sslbind: appcmd exits 13 on Windows: a site name cannot hold '/' (none of \ / ? ; : @ & = + $ , | " < >)
[exit 1]
$ appcmd add site /name:x /id:abc
ERROR ( message:Invalid value "abc" for attribute "id". )
! sslbind: appcmd exits 13 on Windows: a site id is a number from 1 to 4294967295
[exit 1]
$ appcmd add site /name:x /serverAutoStart:maybe
ERROR ( message:Invalid value "maybe" for attribute "serverAutoStart". )
! sslbind: appcmd exits 13 on Windows: expected true or false
[exit 1]
$ appcmd add site /name:x /bindings:https
ERROR ( message:Invalid value "https" for attribute "bindings". )
! sslbind: appcmd exits 13 on Windows: expected protocol/bindingInformation[,…], e.g. https/*:443:
[exit 1]
$ appcmd add site /name:x /color:red
ERROR ( message:Unknown attribute "color".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ appcmd list site nosuch
! sslbind: appcmd exits 1 on Windows: no site matches nosuch
[exit 1]
$ appcmd list sites /state:Stopped
! sslbind: appcmd exits 1 on Windows: no site matches
[exit 1]
$ appcmd list sites /color:red
ERROR ( message:Unknown attribute "color".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ appcmd set site nosuch /serverAutoStart:false
ERROR ( message:Cannot find SITE object with identifier "nosuch". )
! sslbind: appcmd exits 1168 on Windows: no site has that name (appcmd list site shows them)
[exit 1]
$ appcmd set site /serverAutoStart:false
ERROR ( message:Must specify the SITE object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the site: appcmd VERB site "Name" or /site.name:"Name"
[exit 1]
$ appcmd start site
ERROR ( message:Must specify the SITE object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the site: appcmd VERB site "Name" or /site.name:"Name"
[exit 1]
$ appcmd stop site
ERROR ( message:Must specify the SITE object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the site: appcmd VERB site "Name" or /site.name:"Name"
[exit 1]
$ appcmd delete site
ERROR ( message:Must specify the SITE object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the site: appcmd VERB site "Name" or /site.name:"Name"
[exit 1]
$ appcmd delete site nosuch
ERROR ( message:Cannot find SITE object with identifier "nosuch". )
! sslbind: appcmd exits 1168 on Windows: no site has that name (appcmd list site shows them)
[exit 1]
$ appcmd set site www "/+bindings.[protocol='https',bindingInformation='*:443:www.contoso.com']"
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'https, *:443:www.contoso.com'

. )
! sslbind: appcmd exits 183 on Windows: the site already has the binding https/*:443:www.contoso.com
[exit 1]
$ appcmd set site www "/-bindings.[protocol='https',bindingInformation='*:443:nothere']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: the site has no binding matching -bindings.[protocol='https',bindingInformation='*:443:nothere']
[exit 1]
$ appcmd set site www "/bindings.[protocol='https',bindingInformation='*:443:nothere'].sslFlags:1"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: the site has no binding matching bindings.[protocol='https',bindingInformation='*:443:nothere'].sslFlags
[exit 1]
$ appcmd set site www "/+bindings.[protocol='https',bindingInformation='*:443:x"
ERROR ( message:Malformed collection indexer; format is [@position,name='value',name2='value2',...].  The @position specifier is optional, and be '@start', '@end', or '@N' where N is a numeric index into the collection. )
! sslbind: appcmd exits 87 on Windows: expected bindings.[protocol='…',bindingInformation='…']
[exit 1]
$ appcmd set site www "/+bindings.[protocol='https' bindingInformation='*:443:x']"
ERROR ( message:Malformed collection indexer; format is [@position,name='value',name2='value2',...].  The @position specifier is optional, and be '@start', '@end', or '@N' where N is a numeric index into the collection. )
! sslbind: appcmd exits 87 on Windows: expected bindings.[protocol='…',bindingInformation='…']
[exit 1]
$ appcmd set site www "/+bindings.[protocol='',bindingInformation='*:444:']"
ERROR ( message:Invalid value "" for attribute "protocol". )
! sslbind: appcmd exits 13 on Windows: a binding needs protocol='http' or 'https'
[exit 1]
$ appcmd set site www "/+bindings.[protocol='https']"
ERROR ( message:Invalid value "" for attribute "bindingInformation". )
! sslbind: appcmd exits 13 on Windows: a binding needs bindingInformation='IP:port:host', e.g. '*:443:'
[exit 1]
$ appcmd set site www "/+bindings.[protocol='https',bindingInformation='*:445:',color='red']"
ERROR ( message:Unknown attribute "color".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ appcmd set site www "/bindings.[protocol='https',bindingInformation='*:443:www.contoso.com'].color:red"
ERROR ( message:Unknown attribute "color".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ appcmd set site www "/bindings.[protocol='https',bindingInformation='*:443:www.contoso.com'].sslFlags:x"
ERROR ( message:Invalid value "x" for attribute "sslFlags". )
! sslbind: appcmd exits 13 on Windows: sslFlags: 'x' is not an unsigned number
[exit 1]
$ appcmd set site www /color:red
ERROR ( message:Unknown attribute "color".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
$ appcmd set site www /id:0
ERROR ( message:Invalid value "0" for attribute "id". )
! sslbind: appcmd exits 13 on Windows: id: '0' is not a number from 1 to 4294967295
[exit 1]
$ appcmd set site www /name:Default\ Web\ Site
ERROR ( message:Failed to add duplicate collection element "Default Web Site". )
! sslbind: appcmd exits 183 on Windows: a site is named "Default Web Site"
[exit 1]
$ appcmd add site /name:www2 /id:3 /bindings:https/*:443:www.contoso.com
SITE object "www2" added
! sslbind: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix https://www.contoso.com:443/ for site 3. The site has been disabled.
$ appcmd start site www2
ERROR ( hresult:800700b7, message:Command execution failed.
Cannot create a file when that file already exists.
 )
! sslbind: appcmd exits 183 on Windows: binding https/*:443:www.contoso.com is already registered by site 2, which is started
[exit 1]
$ appcmd add site /name:bad /id:4 /bindings:http/10.10.10.1:www.contoso.com
SITE object "bad" added
! sslbind: note: binding http/10.10.10.1:www.contoso.com is invalid: expected IP:port:host (the port is missing); the site cannot start until it is fixed
$ appcmd list site bad
SITE "bad" (id:4,bindings:http/10.10.10.1:www.contoso.com,state:Stopped)
$ appcmd start site bad
ERROR ( hresult:80070057, message:Command execution failed.
The parameter is incorrect.
 )
! sslbind: appcmd exits 87 on Windows: binding http/10.10.10.1:www.contoso.com is invalid: expected IP:port:host (the port is missing)
[exit 1]
$ appcmd add site /name:v6 /id:5 /bindings:https/2001:db8::1:443:
SITE object "v6" added
! sslbind: note: binding https/2001:db8::1:443: is invalid: Invalid IP address. (an IPv6 address must be in brackets: [2001:db8::1]); the site cannot start until it is fixed
$ appcmd add site /name:www3 /id:8 /bindings:https/*:443:other.contoso.com
SITE object "www3" added
$ appcmd set site www3 /bindings:https/*:443:www.contoso.com
SITE object "www3" changed
! sslbind: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix https://www.contoso.com:443/ for site 8. The site has been disabled.
$ appcmd list site www3
SITE "www3" (id:8,bindings:https/*:443:www.contoso.com,state:Stopped)
$ appcmd set site www "/bindings.[protocol='https',bindingInformation='*:443:www.contoso.com'].bindingInformation:*:443:renamed.contoso.com"
SITE object "www" changed
$ appcmd start site www3
"www3" successfully started.
$ appcmd set site www3 "/bindings.[@0].sslFlags:1"
SITE object "www3" changed
$ appcmd set site www3 "/-bindings.[@end]"
SITE object "www3" changed
$ appcmd list site www3
SITE "www3" (id:8,bindings:,state:Stopped)
$ appcmd set site www '/+bindings.[protocol="https",bindingInformation="*:446:"]'
SITE object "www" changed
! sslbind: note: the value "https" holds double quotes, which cmd.exe would have removed: did the shell keep them? (in bash, put the whole parameter in double quotes and the values in single quotes)
$ appcmd set config -section:system.webServer/asp /enableParentPaths:true
ERROR ( message:Unknown config section "system.webServer/asp".  Replace with ? for help. )
! sslbind: appcmd on Windows runs this on IIS's section system.webServer/asp (when spelt as IIS's schema spells it); sslbind does not emulate it (only system.applicationHost/sites)
[exit 1]
$ appcmd set config /+[name='x',id='9']
ERROR ( message:Must specify the -section parameter. )
! sslbind: appcmd exits 87 on Windows: add -section:system.applicationHost/sites
[exit 1]
$ appcmd set config -section:sites "/+[name='www',id='20']"
ERROR ( message:Failed to add duplicate collection element "www". )
! sslbind: appcmd exits 183 on Windows: a site is named "www"
[exit 1]
$ appcmd set config -section:sites "/-[name='nosuch']"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: no site matches -[name='nosuch']
[exit 1]
$ appcmd set config -section:sites "/[name='www'].bindings.[protocol='https',bindingInformation='*:1:'].sslFlags:1"
ERROR ( message:Cannot find requested collection element. )
! sslbind: appcmd exits 4312 on Windows: the site has no binding matching [name='www'].bindings.[protocol='https',bindingInformation='*:1:'].sslFlags
[exit 1]
$ appcmd list site www /in
ERROR ( message:The /in parameter is not supported. )
! sslbind: appcmd exits 87 on Windows: sslbind does not read appcmd's /in input
[exit 1]
$ appcmd list sites /?
List virtual sites

APPCMD list SITE <identifier> <-parameter1:value1 ...>

List the virtual sites on the machine, in the order of the configuration. The
identifier, or /site.name:, names one site; /name:, /id:, /bindings:, /state:,
/serverAutoStart: filter by attribute: the value as list prints it, or a pattern
after $= where * stands for any text.

Examples:

  appcmd list sites
  appcmd list site "Default Web Site"
  appcmd list sites /state:Stopped
  appcmd list sites /bindings:http/*:80:
  appcmd list sites "/bindings:$=*:443:*"
  appcmd list site Site1 /text:*
  appcmd list sites /xml
! sslbind: help only: no command was run
[exit 1]
$ appcmd /?
General purpose IIS command line administration tool (sslbind's emulation).

APPCMD (command) (object-type) <identifier> </parameter1:value1 ...>

Supported object types:

  SITE      Administration of virtual sites
  CONFIG    Administration of general configuration sections
  BACKUP    Administration of server configuration backups

(To list commands supported by each object use /?, e.g. 'appcmd.exe site /?')

General parameters:

  /?            Display context-sensitive help message.
  /text<:value> Generate output in text format (default).
                /text:* shows all object properties in detail view.
                /text:<attribute> shows the value of the specified
                attribute for each object.
  /xml          Generate output in XML format.
  /config<:*>   Show the configuration of the displayed objects.
  /commit       Accepted; every setting here lives in MACHINE/WEBROOT/APPHOST.
  /apphostconfig:<file>  Use this applicationHost.config instead.

Only the site collection of system.applicationHost/sites and the configuration
backups are emulated; appcmd never touches the SSL certificate bindings (use
netsh http, or sslbind iis binding cert).
! sslbind: help only: no command was run
[exit 1]
$ appcmd add site /?
Add new virtual site

APPCMD add SITE /name:<name> [/id:<id>] [/bindings:<bindings>] [/physicalPath:<path>]
                       [/serverAutoStart:true|false]

bindings = protocol/bindingInformation[,...] (raw form) or protocol://host:port[,...]
(friendly form: http://contoso.com:8080 is http/*:8080:contoso.com). Without /id the
next id is the largest one plus 1. /physicalPath also makes the root application.
Every other parameter set site takes changes the new site in the same step
(/applicationDefaults.applicationPool:, /+bindings.[...], /[path='/'].applicationPool:).

Examples:

  appcmd add site /name:MySite /id:2 /bindings:http/*:81: /physicalPath:C:\inetpub\mysite
  appcmd add site /name:Contoso /bindings:http://contoso.com:8080,https://contoso.com
  appcmd add site /name:ProGet /physicalPath:C:\ProGet\Web /applicationDefaults.applicationPool:ProGet
! sslbind: help only: no command was run
[exit 1]
$ @reg
(no file)
$ appcmd add site /name:edit /id:12 /bindings:http/*:8012:
SITE object "edit" added
$ appcmd set site edit "/bindings.[protocol='http',bindingInformation='*:8012:'].bindingInformation:*:80x12:"
SITE object "edit" changed
! sslbind: note: binding http/*:80x12: is invalid: the port '80x12' is not a number from 1 to 65535; the site cannot start until it is fixed
! sslbind: note: site "edit" was Started: WAS has stopped it, and it stays Stopped until the binding is fixed and the site started again
$ appcmd list site edit
SITE "edit" (id:12,bindings:http/*:80x12:,state:Stopped)
$ appcmd set site edit "/+bindings.[protocol='http',bindingInformation='*:8013']"
SITE object "edit" changed
! sslbind: note: binding http/*:8013 is invalid: expected IP:port:host (the port is missing); the site cannot start until it is fixed
$ appcmd set site edit /bindings:http/*:8014:
SITE object "edit" changed
$ appcmd list site edit
SITE "edit" (id:12,bindings:http/*:8014:,state:Stopped)
$ appcmd start site edit
"edit" successfully started.
$ appcmd set site edit "/+bindings.[protocol='http',bindingInformation='10.0.0.1:x']" "/+bindings.[protocol='http',bindingInformation='10.0.0.2:y']"
SITE object "edit" changed
! sslbind: note: binding http/10.0.0.1:x is invalid: expected IP:port:host (the port is missing); the site cannot start until it is fixed
! sslbind: note: binding http/10.0.0.2:y is invalid: expected IP:port:host (the port is missing); the site cannot start until it is fixed
! sslbind: note: site "edit" was Started: WAS has stopped it, and it stays Stopped until the binding is fixed and the site started again
$ appcmd add config -section:sites "/+[name='x',id='9']"
Command 'ADD' is not supported on object 'CONFIG'. Run 'appcmd.exe CONFIG /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: CONFIG takes list, set
[exit 1]
$ appcmd delete config -section:sites
Command 'DELETE' is not supported on object 'CONFIG'. Run 'appcmd.exe CONFIG /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: CONFIG takes list, set
[exit 1]
$ appcmd set site www /id:8
ERROR ( message:Failed to add duplicate collection element "8". )
! sslbind: appcmd exits 183 on Windows: site id 8 is taken
[exit 1]
