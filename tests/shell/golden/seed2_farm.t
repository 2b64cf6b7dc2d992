$ @pipe A
> # KB 2548832: Server A owns 10.10.10.1 and 10.10.10.2
> iis address add address=10.10.10.1
> iis address add address=10.10.10.2

Ok.


Ok.

$ @pipe B
> # Server B owns 10.10.10.3 and 10.10.10.4
> iis address add address=10.10.10.3
> iis address add address=10.10.10.4

Ok.


Ok.

$ --state $state/A iis sharedconfig export path=$state/farm

Ok.

$ --state $state/A iis sharedconfig enable path=$state/farm

Ok.

$ --state $state/B iis sharedconfig enable path=$state/farm

Ok.

$ @pipe A
> appcmd add site /name:Site1 /id:2 /bindings:https/10.10.10.1:443: /physicalPath:C:\s1
> appcmd add site /name:Site2 /id:3 /bindings:https/10.10.10.2:443: /physicalPath:C:\s2
SITE object "Site1" added
APP object "Site1/" added
VDIR object "Site1/" added
SITE object "Site2" added
APP object "Site2/" added
VDIR object "Site2/" added
$ @pipe B
> %windir%\system32\inetsrv\appcmd.exe set site /site.name:Site1 /+bindings.[protocol="https",bindingInformation="10.10.10.3:443:"]
> %windir%\system32\inetsrv\appcmd.exe set site /site.name:Site2 /+bindings.[protocol="https",bindingInformation="10.10.10.4:443:"]
SITE object "Site1" changed
SITE object "Site2" changed
$ --state $state/A appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Site1" (id:2,bindings:https/10.10.10.1:443:,https/10.10.10.3:443:,state:Started)
SITE "Site2" (id:3,bindings:https/10.10.10.2:443:,https/10.10.10.4:443:,state:Started)
$ --state $state/B appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Site1" (id:2,bindings:https/10.10.10.1:443:,https/10.10.10.3:443:,state:Started)
SITE "Site2" (id:3,bindings:https/10.10.10.2:443:,https/10.10.10.4:443:,state:Started)
$ --state $state/A iis binding show site=Site1

IIS site bindings:
------------------

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.1:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=10.10.10.1:443 - missing

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.3:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : foreign: 10.10.10.3 is not one of this server's addresses
    SSL Binding                  : ipport=10.10.10.3:443 - missing

$ --state $state/B iis binding show site=Site1

IIS site bindings:
------------------

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.1:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : foreign: 10.10.10.1 is not one of this server's addresses
    SSL Binding                  : ipport=10.10.10.1:443 - missing

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.3:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=10.10.10.3:443 - missing

$ --state $state/A cert import file=$DATA/certs/fabrikam.pfx password=secret
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
$ --state $state/A cert export certhash=e5729401b92e64261e2df399f92c370bb00ece17 file=$state/site1.pfx password=farm

Certificate successfully exported

$ @pipe A
> iis binding cert site=Site1 binding=https/10.10.10.1:443: certhash=e5729401b92e64261e2df399f92c370bb00ece17
> iis binding cert site=Site2 binding=https/10.10.10.2:443: certhash=e5729401b92e64261e2df399f92c370bb00ece17
> sim handshake ipport=10.10.10.1:443 host=www.fabrikam.com sni=disable

SSL Certificate successfully added


SSL Certificate successfully added


Handshake simulation:
---------------------

    Client Connects To           : 10.10.10.1:443
    Host Name Typed              : www.fabrikam.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.10.10.1:443 - found
    Binding Used                 : IP:port 10.10.10.1:443
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
    Certificate Store Name       : My
    Certificate Subject          : CN=www.fabrikam.com
    Certificate DNS Names        : www.fabrikam.com, fabrikam.com
    Name Check                   : passed: www.fabrikam.com matches the DNS name www.fabrikam.com
    Explanation                  : The certificate served is valid for www.fabrikam.com.
    Result                       : OK

$ @pipe B
> # the classic failure: A's SSL bindings are A's alone
> sim handshake ipport=10.10.10.3:443 host=www.fabrikam.com sni=disable
> iis binding cert site=Site1 binding=https/10.10.10.3:443: certhash=e5729401b92e64261e2df399f92c370bb00ece17

Handshake simulation:
---------------------

    Client Connects To           : 10.10.10.3:443
    Host Name Typed              : www.fabrikam.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.10.10.3:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Without SNI only IP:port bindings can answer: a 0.0.0.0:<port> (or an IP:port) binding would catch this client.
    Result                       : NO_BINDING


SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: standard input:3: certhash: no certificate e5729401b92e64261e2df399f92c370bb00ece17 in store My (sslbind cert show store=My lists them)
[exit 1]
$ --state $state/B cert import file=$state/site1.pfx password=farm
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
$ @pipe B
> iis binding cert site=Site1 binding=https/10.10.10.3:443: certhash=e5729401b92e64261e2df399f92c370bb00ece17
> iis binding cert site=Site2 binding=https/10.10.10.4:443: certhash=e5729401b92e64261e2df399f92c370bb00ece17
> sim handshake ipport=10.10.10.3:443 host=www.fabrikam.com sni=disable
> iis binding show site=Site1

SSL Certificate successfully added


SSL Certificate successfully added


Handshake simulation:
---------------------

    Client Connects To           : 10.10.10.3:443
    Host Name Typed              : www.fabrikam.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.10.10.3:443 - found
    Binding Used                 : IP:port 10.10.10.3:443
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
    Certificate Store Name       : My
    Certificate Subject          : CN=www.fabrikam.com
    Certificate DNS Names        : www.fabrikam.com, fabrikam.com
    Name Check                   : passed: www.fabrikam.com matches the DNS name www.fabrikam.com
    Explanation                  : The certificate served is valid for www.fabrikam.com.
    Result                       : OK


IIS site bindings:
------------------

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.1:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : foreign: 10.10.10.1 is not one of this server's addresses
    SSL Binding                  : ipport=10.10.10.1:443 - missing

    Site                         : Site1 (id:2, Started)
    Binding                      : https/10.10.10.3:443:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=10.10.10.3:443 - found
    Certificate                  : e5729401b92e64261e2df399f92c370bb00ece17 in store My - in store
    Name Check                   : (no host name in the binding)

$ --state $state/A http show sslcert json=enable
{
  "SslCertificateBindings": [
    {
      "IpPort": "10.10.10.1:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "5XKUAbkuZCYeLfOZ+Sw3C7AOzhc=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": "My",
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": null,
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 0
    },
    {
      "IpPort": "10.10.10.2:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "5XKUAbkuZCYeLfOZ+Sw3C7AOzhc=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": "My",
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": null,
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 0
    }
  ],
  "message": "The operation completed successfully.",
  "status": 0
}
$ --state $state/B http show sslcert json=enable
{
  "SslCertificateBindings": [
    {
      "IpPort": "10.10.10.3:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "5XKUAbkuZCYeLfOZ+Sw3C7AOzhc=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": "My",
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": null,
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 0
    },
    {
      "IpPort": "10.10.10.4:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "5XKUAbkuZCYeLfOZ+Sw3C7AOzhc=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": "My",
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": null,
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 0
    }
  ],
  "message": "The operation completed successfully.",
  "status": 0
}
$ @pipe A
> # deleting a site with appcmd leaves every SSL binding in place
> appcmd delete site Site1
> netsh http show sslcert ipport=10.10.10.1:443
SITE object "Site1" deleted

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.10.10.1:443
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
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

$ --state $state/B appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Site2" (id:3,bindings:https/10.10.10.2:443:,https/10.10.10.4:443:,state:Started)
$ --state $state/B http show sslcert ipport=10.10.10.3:443

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.10.10.3:443
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
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

