$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ appcmd add site /name:C1 /bindings:https/:443:
SITE object "C1" added
$ appcmd list site C1
SITE "C1" (id:2,bindings:https/*:443:,state:Started)
$ iis binding cert site=C1 binding=https/*:443: certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

SSL Certificate successfully added

$ iis binding show site=C1

IIS site bindings:
------------------

    Site                         : C1 (id:2, Started)
    Binding                      : https/*:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - found
    Certificate                  : 2006557039ef547eb88124f0ef5d7e7d1639adff in store My - in store
    Name Check                   : (no host name in the binding)

$ appcmd add site /name:C2 /bindings:https/*:8443:
SITE object "C2" added
$ iis binding cert site=C2 binding=https/:8443: certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

SSL Certificate successfully added

$ iis binding cert site=C2 binding=https/*:9443: certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

The system cannot find the file specified.

! sslbind: binding: site "C2" has no binding https/*:9443: (appcmd list site "C2" shows its bindings)
[exit 1]
$ appcmd set site C1 "/+bindings.[protocol='http',bindingInformation=':8080:h']"
SITE object "C1" changed
$ appcmd list site C1 /config
<site name="C1" id="2">
    <bindings>
        <binding protocol="https" bindingInformation=":443:" />
        <binding protocol="http" bindingInformation=":8080:h" />
    </bindings>
</site>
$ appcmd list site C1
SITE "C1" (id:2,bindings:https/*:443:,http/*:8080:h,state:Started)
$ appcmd list site C1 /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="C1" SITE.ID="2" bindings="https/*:443:,http/*:8080:h" state="Started" />
</appcmd>
$ appcmd list site C1 /text:*
SITE
  SITE.NAME: C1
  SITE.ID: 2
  bindings: https/*:443:,http/*:8080:h
  state: Started
  [site]
    name:"C1"
    id:"2"
    [bindings]
      [binding]
        protocol:"https"
        bindingInformation:":443:"
      [binding]
        protocol:"http"
        bindingInformation:":8080:h"
$ appcmd list site C1 /text:bindings
https/*:443:,http/*:8080:h
