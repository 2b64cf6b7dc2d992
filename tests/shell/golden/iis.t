$ iis address show

Server addresses:
-----------------

    Address                      : 127.0.0.1 (loopback, always)
    Address                      : ::1 (loopback, always)

$ iis address add address=10.10.10.1

Ok.

$ iis address add address=2001:DB8::1

Ok.

$ iis address add address=10.10.10.1

Cannot create a file when that file already exists.

! sslbind: 10.10.10.1 is already one of this server's addresses
[exit 1]
$ iis address add address=0.0.0.0

The parameter is incorrect.

! sslbind: 0.0.0.0 is a wildcard, not an address of a network interface
[exit 1]
$ iis address add address=10.10.10.999

The parameter is incorrect.

! sslbind: address: '10.10.10.999' is not a valid IPv4 address (expected four decimal numbers 0-255, like 10.0.0.1)
[exit 1]
$ iis address add

One or more essential parameters were not entered.
Verify the required parameters, and reenter them.
The syntax supplied for this command is not valid. Check help for the correct syntax.

Usage: address add
	address=<ip>

Parameters:

    Tag                   Value
    address               - An IPv4 or IPv6 address of this server.

Remarks: IIS serves a site binding on an address only if the server has it; 127.0.0.1
         and ::1 always. The address is the server's own (DIR/addresses), never shared.

Examples:

      iis address add address=10.10.10.1

! sslbind: address: required
[exit 1]
$ iis address show

Server addresses:
-----------------

    Address                      : 127.0.0.1 (loopback, always)
    Address                      : ::1 (loopback, always)
    Address                      : 10.10.10.1
    Address                      : 2001:db8::1

$ iis address delete address=2001:db8::1

Ok.

$ iis address delete address=10.9.9.9

The system cannot find the file specified.

! sslbind: 10.9.9.9 is not one of this server's addresses
[exit 1]
$ iis address delete address=127.0.0.1

The parameter is incorrect.

! sslbind: 127.0.0.1 (loopback) is always this server's
[exit 1]
$ iis address show

Server addresses:
-----------------

    Address                      : 127.0.0.1 (loopback, always)
    Address                      : ::1 (loopback, always)
    Address                      : 10.10.10.1

$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : No
    Configuration File           : STATE/applicationHost.config

$ iis sharedconfig enable path=$state/nofarm

The system cannot find the file specified.

! sslbind: STATE/nofarm/applicationHost.config does not exist: export a configuration there first
[exit 1]
$ iis sharedconfig export path=$state/farm

Ok.

$ iis sharedconfig enable path=$state/farm

Ok.

$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : Yes
    Path                         : STATE/farm
    Configuration File           : STATE/farm/applicationHost.config

$ appcmd add site /name:Site1 /id:2 /bindings:https/10.10.10.1:443:,https/10.10.10.3:443: /physicalPath:C:\\s1
SITE object "Site1" added
APP object "Site1/" added
VDIR object "Site1/" added
! sslbind: note: binding https/10.10.10.3:443: is on 10.10.10.3, which is not one of this server's addresses: this server ignores it (in a farm, the server that owns it serves it; iis address show lists this server's)
$ iis sharedconfig disable

Ok.

$ iis sharedconfig show

Shared configuration:
---------------------

    Enabled                      : No
    Configuration File           : STATE/applicationHost.config

$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
$ iis sharedconfig enable path=$state/farm

Ok.

$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Site1" (id:2,bindings:https/10.10.10.1:443:,https/10.10.10.3:443:,state:Started)
$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/shop.pem
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
$ cert import file=$DATA/certs/wildcard.pem
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
$ appcmd add site /name:www /id:3 /bindings:https/*:443:www.contoso.com
SITE object "www" added
$ appcmd add site /name:shop /id:4 "/bindings:https/*:443:shop.contoso.com"
SITE object "shop" added
$ iis binding cert site=www binding=https/*:443:www.contoso.com certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

SSL Certificate successfully added

$ iis binding cert site=shop binding=https/*:443:shop.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?
! sslbind: nothing changed: http.sys keys this binding by 0.0.0.0:443, which already has another certificate, used by www (https/*:443:www.contoso.com). Without SNI it cannot tell the sites apart, so reassigning changes the certificate of all of them; answer with reassign=yes, or give this site its own IP or port, or use SNI (sslFlags 1)
[exit 1]
$ http show sslcert ipport=0.0.0.0:443

SSL Certificate bindings:
-------------------------

    IP:port                      : 0.0.0.0:443
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

$ iis binding show site=shop

IIS site bindings:
------------------

    Site                         : shop (id:4, Started)
    Binding                      : https/*:443:shop.contoso.com
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - found
    Certificate                  : 2006557039ef547eb88124f0ef5d7e7d1639adff in store My - in store
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com

$ iis binding cert site=shop binding=https/*:443:shop.contoso.com certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 reassign=yes

SSL Certificate successfully updated

$ iis binding show site=www

IIS site bindings:
------------------

    Site                         : www (id:3, Started)
    Binding                      : https/*:443:www.contoso.com
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - found
    Certificate                  : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 in store My - in store
    Name Check                   : failed: www.contoso.com is not among the certificate's DNS names: shop.contoso.com

$ iis binding cert site=Site1 binding=https/10.10.10.1:443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

$ iis binding cert site=Site1 binding=https/10.10.10.3:443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

! sslbind: note: 10.10.10.3 is not one of this server's addresses: the SSL binding 10.10.10.3:443 is written on this server, where no client can reach it; the server that owns the address needs its own
$ iis binding cert site=Site1 binding=https/10.10.10.9:443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

The system cannot find the file specified.

! sslbind: binding: site "Site1" has no binding https/10.10.10.9:443: (appcmd list site "Site1" shows its bindings)
[exit 1]
$ iis binding cert site=nosuch binding=https/*:443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

The system cannot find the file specified.

! sslbind: site: no site is named "nosuch" (appcmd list sites shows them)
[exit 1]
$ iis binding cert site=Site1 binding=10.10.10.1:443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

The parameter is incorrect.

! sslbind: binding: expected protocol/bindingInformation, e.g. https/*:443:www.contoso.com
[exit 1]
$ iis binding cert site=Site1 binding=https/10.10.10.1:443: certhash=0123456789012345678901234567890123456789

SSL Certificate update failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: no certificate 0123456789012345678901234567890123456789 in store My (sslbind cert show store=My lists them)
[exit 1]
$ iis binding cert site=Site1 binding=https/10.10.10.1:443: certhash=xyz

The parameter is incorrect.

! sslbind: certhash: expected 40 hexadecimal digits, found 'x' at position 1
[exit 1]
$ iis binding cert site=Site1 binding=https/10.10.10.1:443: reassign=maybe certhash=none

The parameter is incorrect.

! sslbind: reassign: 'maybe': expected yes or no
[exit 1]
$ iis binding cert site=Site1 binding=https/10.10.10.1:443:

One or more essential parameters were not entered.
Verify the required parameters, and reenter them.
The syntax supplied for this command is not valid. Check help for the correct syntax.

Usage: binding cert
	site=<name>
	binding=<protocol/bindingInformation>
	[certhash=<sha1 hex>|none]
	[store=<name>]
	[reassign=yes|no]

Parameters:

    Tag                   Value
    site                  - The site, as appcmd list sites names it.
    binding               - One of its https bindings, e.g. https/*:443:www.contoso.com.
    certhash              - The certificate (none: remove it). A CCS binding takes none.
    store                 - Its certificate store (default My).
    reassign              - Answer yes to IIS Manager's question when other sites share the binding.

Remarks: What IIS Manager's "SSL certificate" drop-down does: writes this server's SSL
         binding for the site binding (sslFlags 2: ccs=<port>; 1: hostnameport=<host>:<port>;
         else ipport=<IP, * as 0.0.0.0>:<port>), as netsh http add sslcert would. If
         other sites share that IP:port with another certificate it asks first.

Examples:

      iis binding cert site=www binding=https/*:443:www.contoso.com certhash=0102030405060708090a0b0c0d0e0f1011121314
      iis binding cert site=www binding=https/*:443:www.contoso.com certhash=none

! sslbind: certhash: required (or none to remove the certificate)
[exit 1]
$ appcmd add site /name:sni /id:5 /bindings:https/*:8443:sni.contoso.com
SITE object "sni" added
$ appcmd set site sni "/bindings.[protocol='https',bindingInformation='*:8443:sni.contoso.com'].sslFlags:1"
SITE object "sni" changed
$ iis binding cert site=sni binding=https/*:8443:sni.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.
$ appcmd add site /name:nohost /id:6 /bindings:https/*:9443:
SITE object "nohost" added
$ appcmd set site nohost "/bindings.[protocol='https',bindingInformation='*:9443:'].sslFlags:1"
SITE object "nohost" changed
$ iis binding cert site=nohost binding=https/*:9443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851
The HostName property is required for use with Server Name Indication.
! sslbind: binding: sslFlags 1 asks for SNI, but *:9443: has no host name
[exit 1]
$ appcmd set site nohost "/bindings.[protocol='https',bindingInformation='*:9443:'].sslFlags:2"
SITE object "nohost" changed
$ iis binding cert site=nohost binding=https/*:9443: certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

The parameter is incorrect.

! sslbind: certhash: a central certificate store binding (sslFlags 2) takes no hash: the certificate is found by host name (<host>.pfx); give no certhash=
[exit 1]
$ iis binding cert site=nohost binding=https/*:9443:

SSL Certificate successfully added

$ http show sslcert ccs=9443

SSL Certificate bindings:
-------------------------

    Central Certificate Store    : 9443
    Certificate Hash             : (null)
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : (null)
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

$ iis binding cert site=www binding=https/*:443:www.contoso.com certhash=none

SSL Certificate successfully deleted

! sslbind: note: shop (https/*:443:shop.contoso.com) lost its certificate too: it shared the SSL binding 0.0.0.0:443
$ iis binding show

IIS site bindings:
------------------

    Site                         : Default Web Site (id:1, Started)
    Binding                      : http/*:80:
    On This Server               : live

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.1:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=10.10.10.1:443 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store
    Name Check                   : (no host name in the binding)

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.3:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : foreign: 10.10.10.3 is not one of this server's addresses
    SSL Binding                  : ipport=10.10.10.3:443 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store
    Name Check                   : (no host name in the binding)

    Site                         : www (id:3, Started)
    Binding                      : https/*:443:www.contoso.com
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - missing

    Site                         : shop (id:4, Started)
    Binding                      : https/*:443:shop.contoso.com
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:443 - missing

    Site                         : sni (id:5, Started)
    Binding                      : https/*:8443:sni.contoso.com
    SSL Flags                    : 1 (SNI)
    On This Server               : live
    SSL Binding                  : hostnameport=sni.contoso.com:8443 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store
    Name Check                   : passed: sni.contoso.com matches the DNS name *.contoso.com

    Site                         : nohost (id:6, Started)
    Binding                      : https/*:9443:
    SSL Flags                    : 2 (central certificate store)
    On This Server               : live
    SSL Binding                  : ccs=9443 - found
    Certificate                  : central certificate store: chosen by host name at each handshake

$ iis stop
    Default Web Site             : Stopped
    Site1                        : Stopped
    www                          : Stopped
    shop                         : Stopped
    sni                          : Stopped
    nohost                       : Stopped
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Stopped)
SITE "Site1" (id:2,bindings:https/10.10.10.1:443:,https/10.10.10.3:443:,state:Stopped)
SITE "www" (id:3,bindings:https/*:443:www.contoso.com,state:Stopped)
SITE "shop" (id:4,bindings:https/*:443:shop.contoso.com,state:Stopped)
SITE "sni" (id:5,bindings:https/*:8443:sni.contoso.com,state:Stopped)
SITE "nohost" (id:6,bindings:https/*:9443:,state:Stopped)
$ iis start
    Default Web Site             : Started
    Site1                        : Started
    www                          : Started
    shop                         : Started
    sni                          : Started
    nohost                       : Started
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Site1" (id:2,bindings:https/10.10.10.1:443:,https/10.10.10.3:443:,state:Started)
SITE "www" (id:3,bindings:https/*:443:www.contoso.com,state:Started)
SITE "shop" (id:4,bindings:https/*:443:shop.contoso.com,state:Started)
SITE "sni" (id:5,bindings:https/*:8443:sni.contoso.com,state:Started)
SITE "nohost" (id:6,bindings:https/*:9443:,state:Started)
$ appcmd add site /name:flags /id:7 /bindings:https/*:8444:f1.contoso.com,https/*:8444:f2.contoso.com,https/*:8444:f3.contoso.com
SITE object "flags" added
$ appcmd set site flags "/bindings.[protocol='https',bindingInformation='*:8444:f1.contoso.com'].sslFlags:85"
SITE object "flags" changed
$ appcmd set site flags "/bindings.[protocol='https',bindingInformation='*:8444:f2.contoso.com'].sslFlags:25"
SITE object "flags" changed
$ appcmd set site flags "/bindings.[protocol='https',bindingInformation='*:8444:f3.contoso.com'].sslFlags:97"
SITE object "flags" changed
$ iis binding cert site=flags binding=https/*:8444:f1.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.
$ iis binding cert site=flags binding=https/*:8444:f2.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.
$ iis binding cert site=flags binding=https/*:8444:f3.contoso.com certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

SSL Certificate successfully added

No default SSL site has been created. To support browsers without SNI capabilities, it is recommended to create a default SSL site.
$ http show sslcert hostnameport=f1.contoso.com:8444

SSL Certificate bindings:
-------------------------

    Hostname:port                : f1.contoso.com:8444
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
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
    Disable HTTP2                : Set
    Disable QUIC                 : Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Set
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

$ http show sslcert hostnameport=f2.contoso.com:8444

SSL Certificate bindings:
-------------------------

    Hostname:port                : f2.contoso.com:8444
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
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
    Disable QUIC                 : Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Set
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

$ http show sslcert hostnameport=f3.contoso.com:8444

SSL Certificate bindings:
-------------------------

    Hostname:port                : f3.contoso.com:8444
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
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
    Disable TLS1.3               : Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Set
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

$ iis binding show site=flags

IIS site bindings:
------------------

    Site                         : flags (id:7, Started)
    Binding                      : https/*:8444:f1.contoso.com
    SSL Flags                    : 85 (SNI) disablehttp2 disablequic disablelegacytls
    On This Server               : live
    SSL Binding                  : hostnameport=f1.contoso.com:8444 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store
    Name Check                   : passed: f1.contoso.com matches the DNS name *.contoso.com

    Site                         : flags (id:7, Started)
    Binding                      : https/*:8444:f2.contoso.com
    SSL Flags                    : 25 (SNI) disableocspstapling disablequic
    On This Server               : live
    SSL Binding                  : hostnameport=f2.contoso.com:8444 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store
    Name Check                   : passed: f2.contoso.com matches the DNS name *.contoso.com

    Site                         : flags (id:7, Started)
    Binding                      : https/*:8444:f3.contoso.com
    SSL Flags                    : 97 (SNI) disabletls13 disablelegacytls
    On This Server               : live
    SSL Binding                  : hostnameport=f3.contoso.com:8444 - found
    Certificate                  : 010517b077e0d5d32e656fc03b04cf8e8350c851 in store My - in store
    Name Check                   : passed: f3.contoso.com matches the DNS name *.contoso.com

$ iis binding cert site=flags binding=https/*:8444:f1.contoso.com certhash=2006557039ef547eb88124f0ef5d7e7d1639adff
At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?
! sslbind: nothing changed: http.sys keys this SNI binding by f1.contoso.com:8444, which already holds the certificate 010517b077e0d5d32e656fc03b04cf8e8350c851; no other site binding uses that key, so the question is whether to replace that certificate with this one for every client the key serves; answer with reassign=yes
[exit 1]
$ appcmd add site /name:sni2 /id:11 /bindings:https/127.0.0.1:8443:sni.contoso.com
SITE object "sni2" added
$ appcmd set site sni2 "/bindings.[protocol='https',bindingInformation='127.0.0.1:8443:sni.contoso.com'].sslFlags:1"
SITE object "sni2" changed
$ iis binding cert site=sni2 binding=https/127.0.0.1:8443:sni.contoso.com certhash=2006557039ef547eb88124f0ef5d7e7d1639adff
At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?
! sslbind: nothing changed: http.sys keys this SNI binding by sni.contoso.com:8443, which already has another certificate, used by sni (https/*:8443:sni.contoso.com). Every binding with this host name on this port shares that key, so reassigning changes the certificate of all of them; answer with reassign=yes, or use another host name or port
[exit 1]
$ appcmd add site /name:lone /id:10 /bindings:https/127.0.0.1:7443:
SITE object "lone" added
$ iis binding cert site=lone binding=https/127.0.0.1:7443: certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

SSL Certificate successfully added

$ iis binding cert site=lone binding=https/127.0.0.1:7443: certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
At least one other site is using the same HTTPS binding and the binding is configured with a different certificate. Are you sure that you want to reuse this HTTPS binding and reassign the other site or sites to use the new certificate?
! sslbind: nothing changed: http.sys keys this binding by 127.0.0.1:7443, which already holds the certificate 2006557039ef547eb88124f0ef5d7e7d1639adff; no other site binding uses that key, so the question is whether to replace that certificate with this one for every client the key serves; answer with reassign=yes
[exit 1]
$ iis binding cert site=lone binding=https/127.0.0.1:7443: certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 reassign=yes

SSL Certificate successfully updated

$ cert delete certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5

Certificate successfully deleted

$ iis binding show site=lone

IIS site bindings:
------------------

    Site                         : lone (id:10, Started)
    Binding                      : https/127.0.0.1:7443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=127.0.0.1:7443 - found
    Certificate                  : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 in store My - NOT in store
    Name Check                   : (no host name in the binding)

$ iis binding cert "site=Default Web Site" binding=http/*:80: certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

The parameter is incorrect.

! sslbind: binding: only an https binding has a certificate
[exit 1]
$ appcmd add site /name:clash /id:8 /bindings:https/*:443:www.contoso.com
SITE object "clash" added
! sslbind: The World Wide Web Publishing Service (WWW Service) did not register the URL prefix https://www.contoso.com:443/ for site 8. The site has been disabled.
$ appcmd add site /name:inv /id:9 /bindings:http/10.10.10.1:www.contoso.com
SITE object "inv" added
! sslbind: note: binding http/10.10.10.1:www.contoso.com is invalid: expected IP:port:host (the port is missing); the site cannot start until it is fixed
$ iis start
    Default Web Site             : Started
    Site1                        : Started
    www                          : Started
    shop                         : Started
    sni                          : Started
    nohost                       : Started
    flags                        : Started
    sni2                         : Started
    lone                         : Started
    clash                        : Stopped (800700b7)
    inv                          : Stopped (80070057)
! sslbind: clash: binding https/*:443:www.contoso.com is already registered by site 3, which is started
! sslbind: inv: binding http/10.10.10.1:www.contoso.com is invalid: expected IP:port:host (the port is missing)
[exit 1]
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Site1" (id:2,bindings:https/10.10.10.1:443:,https/10.10.10.3:443:,state:Started)
SITE "www" (id:3,bindings:https/*:443:www.contoso.com,state:Started)
SITE "shop" (id:4,bindings:https/*:443:shop.contoso.com,state:Started)
SITE "sni" (id:5,bindings:https/*:8443:sni.contoso.com,state:Started)
SITE "nohost" (id:6,bindings:https/*:9443:,state:Started)
SITE "flags" (id:7,bindings:https/*:8444:f1.contoso.com,https/*:8444:f2.contoso.com,https/*:8444:f3.contoso.com,state:Started)
SITE "sni2" (id:11,bindings:https/127.0.0.1:8443:sni.contoso.com,state:Started)
SITE "lone" (id:10,bindings:https/127.0.0.1:7443:,state:Started)
SITE "clash" (id:8,bindings:https/*:443:www.contoso.com,state:Stopped)
SITE "inv" (id:9,bindings:http/10.10.10.1:www.contoso.com,state:Stopped)
$ iis ?

The following commands are available:

Commands in this context:
..             - Goes up one context level.
?              - Displays a list of commands.
address        - Adds, deletes or shows this server's IP addresses.
binding        - Shows site bindings, or chooses a binding's certificate.
bye            - Exits the program.
exit           - Exits the program.
help           - Displays a list of commands.
popd           - Pops a context from the stack.
pushd          - Pushes current context on stack.
quit           - Exits the program.
sharedconfig   - Enables, disables, shows or exports shared configuration.
start          - Starts every site on this server.
stop           - Stops every site on this server.

To view help for a command, type the command, followed by a space, and then
 type ?.

$ iis binding cert ?

Usage: binding cert
	site=<name>
	binding=<protocol/bindingInformation>
	[certhash=<sha1 hex>|none]
	[store=<name>]
	[reassign=yes|no]

Parameters:

    Tag                   Value
    site                  - The site, as appcmd list sites names it.
    binding               - One of its https bindings, e.g. https/*:443:www.contoso.com.
    certhash              - The certificate (none: remove it). A CCS binding takes none.
    store                 - Its certificate store (default My).
    reassign              - Answer yes to IIS Manager's question when other sites share the binding.

Remarks: What IIS Manager's "SSL certificate" drop-down does: writes this server's SSL
         binding for the site binding (sslFlags 2: ccs=<port>; 1: hostnameport=<host>:<port>;
         else ipport=<IP, * as 0.0.0.0>:<port>), as netsh http add sslcert would. If
         other sites share that IP:port with another certificate it asks first.

Examples:

      iis binding cert site=www binding=https/*:443:www.contoso.com certhash=0102030405060708090a0b0c0d0e0f1011121314
      iis binding cert site=www binding=https/*:443:www.contoso.com certhash=none

