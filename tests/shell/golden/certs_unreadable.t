$ @put spec-sample.reg
$ appcmd add site /name:Shop /bindings:https/*:7048:,http/*:8080:
SITE object "Shop" added
$ @file certs
$ http show sslcert

SSL Certificate bindings:
-------------------------

    IP:port                      : 0.0.0.0:7048
    Certificate Hash             : 40db5bb1bf5659a155258d1d007c530fcb8996c2
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

$ http show sslcert ipport=0.0.0.0:7048 json=enable
{
  "SslCertificateBindings": [
    {
      "IpPort": "0.0.0.0:7048",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "QNtbsb9WWaFVJY0dAHxTD8uJlsI=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": null,
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
$ iis binding show

IIS site bindings:
------------------

    Site                         : Default Web Site (id:1, Started)
    Binding                      : http/*:80:
    On This Server               : live

    Site                         : Shop (id:2, Started)
    Binding                      : https/*:7048:
    SSL Flags                    : 0 (IP:port)
    On This Server               : live
    SSL Binding                  : ipport=0.0.0.0:7048 - found
    Certificate                  : 40db5bb1bf5659a155258d1d007c530fcb8996c2 in store MY - unknown: the certificate stores cannot be read

    Site                         : Shop (id:2, Started)
    Binding                      : http/*:8080:
    On This Server               : live

! sslbind: cannot read the certificate stores: STATE/certs is not a directory
$ appcmd delete site Shop
SITE object "Shop" deleted
$ iis binding show

IIS site bindings:
------------------

    Site                         : Default Web Site (id:1, Started)
    Binding                      : http/*:80:
    On This Server               : live

$ sim handshake ipport=10.0.0.1:7048 host=www.contoso.com

Access is denied.

! sslbind: cannot read the certificate stores: STATE/certs is not a directory
[exit 1]
$ sim handshake ipport=10.0.0.1:7048 json=enable
{
  "message": "Access is denied.",
  "status": 5
}
! sslbind: cannot read the certificate stores: STATE/certs is not a directory
[exit 1]
$ cert show

Access is denied.

! sslbind: cannot read the certificate stores: STATE/certs is not a directory
[exit 1]
$ cert show json=enable
{
  "certificates": []
}
! sslbind: cannot read the certificate stores: STATE/certs is not a directory
[exit 1]
$ http add sslcert ipport=1.1.1.1:443 certhash=40db5bb1bf5659a155258d1d007c530fcb8996c2 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 5
Access is denied.

! sslbind: cannot read the certificate stores: STATE/certs is not a directory
[exit 1]
$ http add sslcert ccs=8443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ http delete sslcert ccs=8443

SSL Certificate successfully deleted

$ @reg
c84697aba088185035e1f98cbbe4e094
$ @pipe
> http show sslcert ipport=0.0.0.0:7048 json=enable
> sim handshake ipport=10.0.0.1:7048
> sim handshake ipport=10.0.0.1:7048
{
  "SslCertificateBindings": [
    {
      "IpPort": "0.0.0.0:7048",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "QNtbsb9WWaFVJY0dAHxTD8uJlsI=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": null,
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

Access is denied.


Access is denied.

! sslbind: standard input:2: cannot read the certificate stores: STATE/certs is not a directory
! sslbind: standard input:3: cannot read the certificate stores: STATE/certs is not a directory
[exit 1]
