$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/shop.pem
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
$ appcmd add site /name:www /id:2 /bindings:https/*:443:www.contoso.com
SITE object "www" added
$ appcmd set site www "/bindings.[protocol='https',bindingInformation='*:443:www.contoso.com'].sslFlags:1"
SITE object "www" changed
$ iis binding cert site=www binding=https/*:443:www.contoso.com certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.
$ iis binding cert site=www binding=https/*:443:www.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?
! sslbind: nothing changed: http.sys keys this SNI binding by www.contoso.com:443, which already holds the certificate 2006557039ef547eb88124f0ef5d7e7d1639adff; no other site binding uses that key, so the question is whether to replace that certificate with this one for every client the key serves; answer with reassign=yes
[exit 1]
$ http show sslcert hostnameport=www.contoso.com:443

SSL Certificate bindings:
-------------------------

    Hostname:port                : www.contoso.com:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : My
    Verify Client Certificate Revocation : Enabled
    Verify Revocation Using Cached Client Certificate Only : Disabled
    Use Revocation Freshness Time : Disabled
    Verify Revocation Using Cached URLs Only : Disabled
    Disable Authority Info Access : Disabled
    Usage Check                  : Enabled
    Revocation Freshness Time    : 0
    URL Retrieval Timeout        : 0
    Ctl Identifier               : (null)
    Ctl Store Name               : (null)
    DS Mapper Usage              : Disabled
    Negotiate Client Certificate : Disabled
    Reject Connections           : Disabled
    Disable HTTP2                : Not Set
    Disable QUIC                 : Not Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Not Set
    Enable Session Ticket        : Not Set
    Disable Session ID           : Not Set
    Enable Caching Client Hello  : Not Set
 Extended Properties:
    PropertyId                   : 0
    Receive Window               : 1048576
 Extended Properties:
    PropertyId                   : 1
    Max Settings Per Frame       : 2796202
    Max Settings Per Minute      : 4294967295

