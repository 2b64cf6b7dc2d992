$ cert import file=$DATA/certs/contoso.pem store=WebHosting
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=WebHosting verifyclientcertrevocation=disable verifyrevocationwithcachedclientcertonly=enable usagecheck=disable revocationfreshnesstime=3600 urlretrievaltimeout=15000 sslctlidentifier=MyCtl sslctlstorename=CA dsmapperusage=enable clientcertnegotiation=enable reject=enable disablehttp2=enable disablequic=enable disablelegacytls=enable disabletls12=enable disabletls13=enable disableocspstapling=enable enabletokenbinding=enable logextendedevents=enable enablesessionticket=enable disablesessionid=enable

SSL Certificate successfully added

$ http show sslcert

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : WebHosting
    Verify Client Certificate Revocation : Disabled
    Verify Revocation Using Cached Client Certificate Only : Enabled
    Use Revocation Freshness Time : Enabled
    Verify Revocation Using Cached URLs Only : Disabled
    Disable Authority Info Access : Disabled
    Usage Check                  : Disabled
    Revocation Freshness Time    : 3600
    URL Retrieval Timeout        : 15000
    Ctl Identifier               : MyCtl
    Ctl Store Name               : CA
    DS Mapper Usage              : Enabled
    Negotiate Client Certificate : Enabled
    Reject Connections           : Enabled
    Disable HTTP2                : Set
    Disable QUIC                 : Set
    Disable TLS1.2               : Set
    Disable TLS1.3               : Set
    Disable OCSP Stapling        : Set
    Enable Token Binding         : Set
    Log Extended Events          : Set
    Disable Legacy TLS Versions  : Set
    Enable Session Ticket        : Set
    Disable Session ID           : Set
    Enable Caching Client Hello  : Not Set
 Extended Properties:
    PropertyId                   : 0
    Receive Window               : 1048576
 Extended Properties:
    PropertyId                   : 1
    Max Settings Per Frame       : 2796202
    Max Settings Per Minute      : 4294967295

$ http update sslcert IPPORT=10.0.0.1:443 CertHash=2006557039ef547eb88124f0ef5d7e7d1639adff AppId={4dc3e181-e14b-4a21-b022-59fc669b0914} CertStoreName=WebHosting DisableHttp2=Enable

SSL Certificate successfully updated

$ http show sslcert ipport=10.0.0.1:443

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : WebHosting
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

$ http show sslcert json=enable
{
  "SslCertificateBindings": [
    {
      "IpPort": "10.0.0.1:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "IAZVcDnvVH64gSTw711+fRY5rf8=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": "WebHosting",
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": null,
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 16
    }
  ],
  "message": "The operation completed successfully.",
  "status": 0
}
