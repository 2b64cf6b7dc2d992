$ cert import file=$DATA/certs/damaged-rsa.pem

The parameter is incorrect.

! sslbind: $DATA/certs/damaged-rsa.pem: the private key is damaged: its private exponent d is not the inverse of e modulo p-1 and q-1
[exit 1]
$ cert import file=$DATA/certs/damaged-ec.pem

The parameter is incorrect.

! sslbind: $DATA/certs/damaged-ec.pem: the private key does not match the certificate: a test signature did not verify
[exit 1]
$ cert import file=$DATA/certs/damaged-ec.pfx password= store=ccs

The parameter is incorrect.

! sslbind: $DATA/certs/damaged-ec.pfx: the private key does not match the certificate: a test signature did not verify
[exit 1]
$ cert show

Certificate stores:
-------------------

$ cert import file=$DATA/certs/damaged-ec-good.pem
    Certificate Hash             : 7c73a8b56a42e88af95477b6dd871ae9ffd54717
$ http add sslcert ipport=0.0.0.0:443 certhash=7c73a8b56a42e88af95477b6dd871ae9ffd54717 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ @reg
6f7c834ad1018c903b733797e137a85e
$ @file certs/my/7c73a8b56a42e88af95477b6dd871ae9ffd54717.key
> -----BEGIN PRIVATE KEY-----
> MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMDg6WhB1s5HVyyOW
> OY/6/sx5AbeFTqk5/joKbTEhvmihRANCAARrLQRafJXxBfOAc7Hp6ae6s2zGoMCO
> IT5nasiVAe5fuX9aXvm2F1GYP3I8KzXb7nyii5JKCC6rOvKjK3Qm6Hns
> -----END PRIVATE KEY-----
$ http update sslcert ipport=0.0.0.0:443 certhash=7c73a8b56a42e88af95477b6dd871ae9ffd54717 appid={4dc3e181-e14b-4a21-b022-59fc669b0914} clientcertnegotiation=enable

SSL Certificate update failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: the certificate 7c73a8b56a42e88af95477b6dd871ae9ffd54717 in store MY cannot serve TLS: the private key does not match the certificate: a test signature did not verify
[exit 1]
$ http add sslcert hostnameport=www.contoso.com:443 certhash=7c73a8b56a42e88af95477b6dd871ae9ffd54717 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: the certificate 7c73a8b56a42e88af95477b6dd871ae9ffd54717 in store MY cannot serve TLS: the private key does not match the certificate: a test signature did not verify
[exit 1]
$ @reg
6f7c834ad1018c903b733797e137a85e
$ http show sslcert

SSL Certificate bindings:
-------------------------

    IP:port                      : 0.0.0.0:443
    Certificate Hash             : 7c73a8b56a42e88af95477b6dd871ae9ffd54717
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

$ sim handshake ipport=0.0.0.0:443 host=damaged-ec.contoso.com sni=disable

Handshake simulation:
---------------------

    Client Connects To           : 0.0.0.0:443
    Host Name Typed              : damaged-ec.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 0.0.0.0:443 - skipped (the local address is itself a wildcard)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 7c73a8b56a42e88af95477b6dd871ae9ffd54717
    Certificate Store Name       : MY
    Certificate                  : found, but it cannot serve TLS: the private key does not match the certificate: a test signature did not verify
    Explanation                  : The binding names certificate 7c73a8b56a42e88af95477b6dd871ae9ffd54717 in store MY, but a TLS server cannot present it (the private key does not match the certificate: a test signature did not verify): the handshake fails (http.sys does not try the next probe). In a web farm, import the certificate on every server.
    Result                       : CERT_NOT_FOUND

