$ appcmd set config -section:sites "/+[name='C',id='50']" "/+[name='C'].bindings.[protocol='http',bindingInformation='*:85:c']" "/+[name='D',id='51',serverAutoStart='false']" "/+[name='D'].bindings.[protocol='http',bindingInformation='*:86:d']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "C" (id:50,bindings:http/*:85:c,state:Started)
SITE "D" (id:51,bindings:http/*:86:d,state:Stopped)
$ appcmd set config -section:sites "/-[name='C']" "/-[name='D']" "/+[name='C',id='60']" "/+[name='D',id='61']"
Applied configuration changes to section "system.applicationHost/sites" for "MACHINE/WEBROOT/APPHOST" at configuration commit path "MACHINE/WEBROOT/APPHOST"
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "C" (id:60,bindings:,state:Stopped)
SITE "D" (id:61,bindings:,state:Stopped)
