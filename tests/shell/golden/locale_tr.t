$ CERT IMPORT FILE=$DATA/certs/contoso.pem STORE=WEBHOSTING
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ NETSH HTTP ADD SSLCERT IPPORT=10.0.0.1:443 CERTHASH=2006557039EF547EB88124F0EF5D7E7D1639ADFF APPID={4DC3E181-E14B-4A21-B022-59FC669B0914} CERTSTORENAME=WEBHOSTING VERIFYCLIENTCERTREVOCATION=DISABLE DISABLEHTTP2=ENABLE

SSL Certificate successfully added

$ HTTP ADD SSLCERT HOSTNAMEPORT=WWW.CONTOSO.COM:443 CERTHASH=2006557039EF547EB88124F0EF5D7E7D1639ADFF APPID={4DC3E181-E14B-4A21-B022-59FC669B0914} CERTSTORENAME=WebHosting CLIENTCERTNEGOTIATION=ENABLE

SSL Certificate successfully added

$ HTTP SH SSLC IPPORT=10.0.0.1:443

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : WEBHOSTING
    Verify Client Certificate Revocation : Disabled
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

$ HTTP SHOW SSLCERT HOSTNAMEPORT=WWW.CONTOSO.COM:443 JSON=ENABLE
{
  "SslCertificateBindings": [
    {
      "HostnamePort": "www.contoso.com:443",
      "ConfigType": 5,
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
      "DefaultFlags": 2
    }
  ],
  "message": "The operation completed successfully.",
  "status": 0
}
$ @reg
5ef6969c58164b2b19fdb1f9dd2167e4
$ SIM HANDSHAKE IPPORT=10.0.0.1:443 HOST=WWW.CONTOSO.COM SNI=DISABLE

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : WWW.CONTOSO.COM
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : WEBHOSTING
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: WWW.CONTOSO.COM matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for WWW.CONTOSO.COM.
    Result                       : OK

$ HTTP DELETE SSLCERT IPPORT=10.0.0.1:443 ?

Usage: delete sslcert hostnameport=<name:port> | ipport=<ipaddr:port> | ccs=<port>

Parameters:

    Tag                   Value
    ipport                - IP address and port of the binding; 0.0.0.0 is every IPv4 and IPv6 address, [::] every IPv6 address.
    hostnameport          - Host name (as the client sends it in SNI) and port of the binding.
    ccs                   - Port of a Central Certificate Store binding: the certificate is found by host name.
    scopedccs             - Host name and port of a scoped Central Certificate Store binding.

Remarks: Deletes the binding of one endpoint.

Examples:

      delete sslcert ipport=1.1.1.1:443
      delete sslcert ipport=[fe80::1]:443
      delete sslcert hostnameport=www.contoso.com:443
      delete sslcert ccs=443

$ HTTP DELETE SSLCERT IPPORT=10.0.0.1:443

SSL Certificate successfully deleted

