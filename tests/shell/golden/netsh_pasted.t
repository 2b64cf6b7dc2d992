$ @pipe
> http
> netsh http add sslcert ccs=443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> netsh http show sslcert
> show sslcert ccs=443
> netsh.exe http delete sslcert ccs=443

SSL Certificate successfully added


SSL Certificate bindings:
-------------------------

    Central Certificate Store    : 443
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


SSL Certificate bindings:
-------------------------

    Central Certificate Store    : 443
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


SSL Certificate successfully deleted

$ @pipe
> http
> http show sslcert
> HTTP
> cert
> pushd http
> sim

The following command was not found: http show sslcert.


The following command was not found: HTTP.


The following command was not found: cert.


The following command was not found: pushd http.


The following command was not found: sim.

! sslbind: standard input:2: 'http': this is the http context already: drop 'http', or start the line with netsh
! sslbind: standard input:3: 'http': this is the http context already: drop 'http', or start the line with netsh
! sslbind: standard input:4: 'cert' is a context of the top level: type .. first, or start the line with netsh
! sslbind: standard input:5: 'http': this is the http context already: drop 'http', or start the line with netsh
! sslbind: standard input:6: 'sim' is a context of the top level: type .. first, or start the line with netsh
[exit 1]
$ @pipe
> cert
> netsh http
> show sslcert
> netsh
> http show sslcert

SSL Certificate bindings:
-------------------------


The following command was not found: http show sslcert.

! sslbind: standard input:5: 'http': this is the http context already: drop 'http', or start the line with netsh
[exit 1]
$ netsh http add sslcrt ipport=1.2.3.4:5

The following command was not found: http add sslcrt ipport=1.2.3.4:5.

! sslbind: unknown command 'sslcrt'; did you mean 'sslcert'?
[exit 1]
$ 'C:\Program Files\netsh.exe' http show sslcrt

The following command was not found: http show sslcrt.

! sslbind: unknown command 'sslcrt'; did you mean 'sslcert'?
[exit 1]
$ @pipe
> netsh http foo bar
>   "C:\Windows\System32\netsh.exe"  http   show  sslcrt
> http
> netsh zz

The following command was not found: http foo bar.


The following command was not found: http   show  sslcrt.


The following command was not found: zz.

! sslbind: standard input:1: unknown command 'foo'; type ? for the list
! sslbind: standard input:2: unknown command 'sslcrt'; did you mean 'sslcert'?
! sslbind: standard input:4: unknown command 'zz'; type ? for the list
[exit 1]
