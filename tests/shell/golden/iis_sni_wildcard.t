$ cert import file=$DATA/certs/wildcard.pem
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
$ appcmd add site /name:W "/bindings:https/*:443:*.contoso.com"
SITE object "W" added
$ appcmd set site W "/bindings.[protocol='https',bindingInformation='*:443:*.contoso.com'].sslFlags:1"
SITE object "W" changed
$ iis binding cert site=W binding=https/*:443:*.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

The parameter is incorrect.

! sslbind: binding: http.sys keys an SNI binding (sslFlags 1) by one host name and port, and its hostname:port table takes no wildcard, so *.contoso.com has no SSL binding here: use sslFlags 0 with a *.contoso.com certificate on the IP:port, or the central certificate store (sslFlags 3, the file _.contoso.com.pfx)
[exit 1]
$ iis binding show site=W

IIS site bindings:
------------------

    Site                         : W (id:2, Started)
    Binding                      : https/*:443:*.contoso.com
    SSL Flags                    : 1 (SNI)
    On This Server               : live
    SSL Binding                  : none: http.sys keys an SNI binding (sslFlags 1) by one host name and port, and its hostname:port table takes no wildcard, so *.contoso.com has no SSL binding here: use sslFlags 0 with a *.contoso.com certificate on the IP:port, or the central certificate store (sslFlags 3, the file _.contoso.com.pfx)

$ @reg
(no file)
$ appcmd set site W "/bindings.[protocol='https',bindingInformation='*:443:*.contoso.com'].sslFlags:0"
SITE object "W" changed
$ iis binding cert site=W binding=https/*:443:*.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

$ iis binding show site=W

IIS site bindings:
------------------

    Site                         : W (id:2, Started)
    Binding                      : https/*:443:*.contoso.com
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store

