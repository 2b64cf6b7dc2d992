$ @put windows-export-utf16.reg
$ http show sslcert

SSL Certificate bindings:
-------------------------

    IP:port                      : 0.0.0.0:443
    Certificate Hash             : 40db5bb1bf5659a155258d1d007c530fcb8996c2
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : MY
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

    Hostname:port                : www.contoso.com:443
    Certificate Hash             : 2222222222222222222222222222222222222222
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

! sslbind: warning: STATE/bindings.reg: skipped 3 keys and values it does not know
$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

! sslbind: warning: STATE/bindings.reg: skipped 3 keys and values it does not know
$ @put damaged.reg
$ @reg
98b22524d5ad436314e621cc0cb29b9e
$ http show sslcert

The file or directory is corrupted and unreadable.

! sslbind: STATE/bindings.reg:5: AppId must be 16 bytes of hex
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 1392
The file or directory is corrupted and unreadable.

! sslbind: STATE/bindings.reg:5: AppId must be 16 bytes of hex
[exit 1]
$ http delete sslcert ipport=0.0.0.0:443

SSL Certificate deletion failed, Error: 1392
The file or directory is corrupted and unreadable.

! sslbind: STATE/bindings.reg:5: AppId must be 16 bytes of hex
[exit 1]
$ @reg
98b22524d5ad436314e621cc0cb29b9e
