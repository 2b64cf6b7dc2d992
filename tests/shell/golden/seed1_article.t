$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/shop.pem
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
$ cert import file=$DATA/certs/wildcard.pem
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
$ @pipe
> # IIS 7: two host-header sites on one IP:443, each bound with appcmd as the article does
> appcmd add site /name:www /id:2 /bindings:https/*:443:www.contoso.com /physicalPath:C:\sites\www
> appcmd add site /name:shop /id:3 /physicalPath:C:\sites\shop
> appcmd set site /site.name:"shop" /+bindings.[protocol='https',bindingInformation='*:443:shop.contoso.com']
> appcmd list sites
> # appcmd wrote the configuration only: no SSL binding exists yet
> netsh http show sslcert
> # IIS Manager: choose each site's certificate
> iis binding cert site=www binding=https/*:443:www.contoso.com certhash=2006557039ef547eb88124f0ef5d7e7d1639adff
> iis binding cert site=shop binding=https/*:443:shop.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
> # the trap: http.sys has one certificate for 0.0.0.0:443, whichever site the browser asked for
> sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
> sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
> iis binding show site=shop
SITE object "www" added
APP object "www/" added
VDIR object "www/" added
SITE object "shop" added
APP object "shop/" added
VDIR object "shop/" added
SITE object "shop" changed
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "www" (id:2,bindings:https/*:443:www.contoso.com,state:Started)
SITE "shop" (id:3,bindings:https/*:443:shop.contoso.com,state:Started)

SSL Certificate bindings:
-------------------------


SSL Certificate successfully added

At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : My
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : My
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : The client sent no SNI, so http.sys knew only 10.0.0.1:443 and served that binding's certificate; the name the user typed (and the Host header) travel encrypted, after the certificate is chosen. The browser warns.
    Result                       : NAME_MISMATCH


IIS site bindings:
------------------

    Site                         : shop (id:3, Started)
    Binding                      : https/*:443:shop.contoso.com
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - found
    Certificate                  : 2006557039ef547eb88124f0ef5d7e7d1639adff in store My - in store
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com

! sslbind: standard input:10: nothing changed: http.sys keys this binding by 0.0.0.0:443, which already has another certificate, used by www (https/*:443:www.contoso.com). Without SNI it cannot tell the sites apart, so reassigning changes the certificate of all of them; answer with reassign=yes, or give this site its own IP or port, or use SNI (sslFlags 1)
[exit 1]
$ @pipe
> # Fix 1: another port for shop
> appcmd set site /site.name:"shop" /bindings:https/*:8443:shop.contoso.com
> iis binding cert site=shop binding=https/*:8443:shop.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
> sim handshake ipport=10.0.0.1:8443 host=shop.contoso.com sni=disable
SITE object "shop" changed

SSL Certificate successfully added


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:8443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:8443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:8443 - found
    Binding Used                 : IP:port 0.0.0.0:8443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : My
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : passed: shop.contoso.com matches the DNS name shop.contoso.com
    Explanation                  : The certificate served is valid for shop.contoso.com.
    Result                       : OK

$ @pipe
> # Fix 2: another IP for shop
> iis address add address=10.0.0.2
> appcmd set site /site.name:"shop" /-bindings.[protocol='https',bindingInformation='*:8443:shop.contoso.com']
> appcmd set site /site.name:"shop" /+bindings.[protocol='https',bindingInformation='10.0.0.2:443:shop.contoso.com']
> iis binding cert site=shop binding=https/10.0.0.2:443:shop.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
> sim handshake ipport=10.0.0.2:443 host=shop.contoso.com sni=disable
> sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable

Ok.

SITE object "shop" changed
SITE object "shop" changed

SSL Certificate successfully added


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.2:443 - found
    Binding Used                 : IP:port 10.0.0.2:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : My
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : passed: shop.contoso.com matches the DNS name shop.contoso.com
    Explanation                  : The certificate served is valid for shop.contoso.com.
    Result                       : OK


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - not found
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : My
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ @pipe
> # Fix 3: one wildcard certificate on 0.0.0.0:443 for both sites
> appcmd set site /site.name:"shop" /bindings:https/*:443:shop.contoso.com
> netsh http delete sslcert ipport=10.0.0.2:443
> iis binding cert site=shop binding=https/*:443:shop.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851
> iis binding cert site=shop binding=https/*:443:shop.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851 reassign=yes
> sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable
> sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
SITE object "shop" changed

SSL Certificate successfully deleted

At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?

SSL Certificate successfully updated


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
    Certificate Store Name       : My
    Certificate Subject          : CN=*.contoso.com
    Certificate DNS Names        : *.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name *.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
    Certificate Store Name       : My
    Certificate Subject          : CN=*.contoso.com
    Certificate DNS Names        : *.contoso.com
    Name Check                   : passed: shop.contoso.com matches the DNS name *.contoso.com
    Explanation                  : The certificate served is valid for shop.contoso.com.
    Result                       : OK

! sslbind: standard input:4: nothing changed: http.sys keys this binding by 0.0.0.0:443, which already has another certificate, used by www (https/*:443:www.contoso.com). Without SNI it cannot tell the sites apart, so reassigning changes the certificate of all of them; answer with reassign=yes, or give this site its own IP or port, or use SNI (sslFlags 1)
[exit 1]
$ @pipe
> # IIS 8: SNI bindings (sslFlags 1), each site its own certificate
> netsh http delete sslcert ipport=0.0.0.0:443
> appcmd set site /site.name:"www" /bindings.[protocol='https',bindingInformation='*:443:www.contoso.com'].sslFlags:1
> appcmd set site /site.name:"shop" /bindings.[protocol='https',bindingInformation='*:443:shop.contoso.com'].sslFlags:1
> iis binding cert site=www binding=https/*:443:www.contoso.com certhash=2006557039ef547eb88124f0ef5d7e7d1639adff
> iis binding cert site=shop binding=https/*:443:shop.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
> netsh http show sslcert hostnameport=shop.contoso.com:443
> sim handshake ipport=10.0.0.1:443 host=shop.contoso.com
> sim handshake ipport=10.0.0.1:443 host=www.contoso.com
> sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable

SSL Certificate successfully deleted

SITE object "www" changed
SITE object "shop" changed

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.

SSL Certificate bindings:
-------------------------

    Hostname:port                : shop.contoso.com:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
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


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port shop.contoso.com:443 - found
    Binding Used                 : Hostname:port shop.contoso.com:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : My
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : passed: shop.contoso.com matches the DNS name shop.contoso.com
    Explanation                  : The certificate served is valid for shop.contoso.com.
    Result                       : OK


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port www.contoso.com:443 - found
    Binding Used                 : Hostname:port www.contoso.com:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : My
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK


Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Without SNI only IP:port bindings can answer: a 0.0.0.0:<port> (or an IP:port) binding would catch this client.
    Result                       : NO_BINDING

$ @pipe
> # Two mistakes appcmd lets through
> appcmd set site /site.name:"www" /+bindings.[protocol='https',bindingInformation='*:443:']
> appcmd set site /site.name:"www" /+bindings.[protocol='https',bindingInformation='*:443:']
> appcmd add site /name:www2 /id:4 /bindings:https/*:443:www.contoso.com /physicalPath:C:\sites\www2
> appcmd start site www2
> appcmd list site www2
SITE object "www" changed
ERROR ( message:New binding object missing required attributes. Cannot add duplicate collection entry of type 'binding' with combined key attributes 'protocol, bindingInformation' respectively set to 'https, *:443:'

. )
SITE object "www2" added
APP object "www2/" added
VDIR object "www2/" added
ERROR ( hresult:800700b7, message:Command execution failed.
Cannot create a file when that file already exists.
 )
SITE "www2" (id:4,bindings:https/*:443:www.contoso.com,state:Stopped)
! sslbind: standard input:3: appcmd exits 183 on Windows: the site already has the binding https/*:443:
! sslbind: standard input:4: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix https://www.contoso.com:443/ for site 4. The site has been disabled.
! sslbind: standard input:5: appcmd exits 183 on Windows: binding https/*:443:www.contoso.com is already registered by site 2, which is started
[exit 1]
