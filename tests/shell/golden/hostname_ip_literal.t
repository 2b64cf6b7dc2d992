$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert hostnameport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: '10.0.0.1' is an IP address: clients never send one as SNI, so it could never match; use ipport=10.0.0.1:443
[exit 1]
$ http add sslcert HOSTNAMEPORT=1.2.3:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: '1.2.3' ends in a numeric label (all digits, or 0x and hex digits): clients read it as an IP address and never send it as SNI
[exit 1]
$ http add sslcert hostnameport=www.010:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: 'www.010' ends in a numeric label (all digits, or 0x and hex digits): clients read it as an IP address and never send it as SNI
[exit 1]
$ http add sslcert scopedccs=192.168.1.20:8443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: scopedccs: '192.168.1.20' is an IP address: clients never send one as SNI, so it could never match; use ccs=8443
[exit 1]
$ @reg
(no file)
$ http add sslcert hostnameport=www1.contoso.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ http add sslcert hostnameport=host1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=10.0.0.1

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : 10.0.0.1
    SNI Sent                     : No (an IP address is never sent as SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Without SNI only IP:port bindings can answer: a 0.0.0.0:<port> (or an IP:port) binding would catch this client.
    Result                       : NO_BINDING

$ @file bindings.reg
> Windows Registry Editor Version 5.00
>
> [HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\HTTP\Parameters\SslSniBindingInfo\10.0.0.1:443]
> "SslCertHash"=hex:20,06,55,70,39,ef,54,7e,b8,81,24,f0,ef,5d,7e,7d,16,39,ad,ff
> "AppId"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14
$ http show sslcert hostnameport=10.0.0.1:443

SSL Certificate bindings:
-------------------------

    Hostname:port                : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
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

$ http update sslcert hostnameport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully updated

$ http delete sslcert hostnameport=10.0.0.1:443

SSL Certificate successfully deleted

$ http add sslcert hostnameport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: '10.0.0.1' is an IP address: clients never send one as SNI, so it could never match; use ipport=10.0.0.1:443
[exit 1]
$ http add sslcert hostnameport=0x7f000001:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: '0x7f000001' ends in a numeric label (all digits, or 0x and hex digits): clients read it as an IP address and never send it as SNI
[exit 1]
$ http add sslcert hostnameport=foo.0x10:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: 'foo.0x10' ends in a numeric label (all digits, or 0x and hex digits): clients read it as an IP address and never send it as SNI
[exit 1]
$ http add sslcert hostnameport=foo.0xg1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=1.2.3

The parameter is incorrect.

! sslbind: host: '1.2.3' ends in a numeric label (all digits, or 0x and hex digits): browsers read it as an IP address or refuse it, and never send it as SNI; give the IP address itself
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=foo.0x10.

The parameter is incorrect.

! sslbind: host: 'foo.0x10.' ends in a numeric label (all digits, or 0x and hex digits): browsers read it as an IP address or refuse it, and never send it as SNI; give the IP address itself
[exit 1]
