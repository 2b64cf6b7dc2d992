$ @raw --version
sslbind 0.1.0
$ @raw --bogus
! sslbind: unknown option '--bogus'
! usage: sslbind [--state DIR] [-f FILE] [CONTEXT… COMMAND [tag=value …]]
! 
!   --state DIR   the emulated machine's state (default $SSLBIND_STATE, else
!                 ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind)
!   -f FILE       run each line of FILE as a command, like netsh -f
!   --help, --version
! 
! With no command: interactive on a terminal, else commands from standard input.
! Example: sslbind http show sslcert
[exit 1]
$ @raw --state
! sslbind: --state needs a value
[exit 1]
$ @raw -f
! sslbind: -f needs a value
[exit 1]
$ @raw -f /nonexistent/script

The system cannot find the file specified.

! sslbind: /nonexistent/script: No such file or directory
[exit 1]
$ @raw -f $state

Access is denied.

! sslbind: STATE: Is a directory
[exit 1]
$ @raw --state $state/other --frob
! sslbind: unknown option '--frob'
! usage: sslbind [--state DIR] [-f FILE] [CONTEXT… COMMAND [tag=value …]]
! 
!   --state DIR   the emulated machine's state (default $SSLBIND_STATE, else
!                 ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind)
!   -f FILE       run each line of FILE as a command, like netsh -f
!   --help, --version
! 
! With no command: interactive on a terminal, else commands from standard input.
! Example: sslbind http show sslcert
[exit 1]
$ @raw --state $state/other --state $state/again --version
sslbind 0.1.0
$ @raw --help
usage: sslbind [--state DIR] [-f FILE] [CONTEXT… COMMAND [tag=value …]]

  --state DIR   the emulated machine's state (default $SSLBIND_STATE, else
                ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind)
  -f FILE       run each line of FILE as a command, like netsh -f
  --help, --version

With no command: interactive on a terminal, else commands from standard input.
Example: sslbind http show sslcert
$ @raw http show sslcert

SSL Certificate bindings:
-------------------------

$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ -f $DATA/../shell/data/script.netsh

SSL Certificate bindings:
-------------------------


SSL Certificate successfully added


The parameter is incorrect.


SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {00112233-4455-6677-8899-aabbccddeeff}
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

! sslbind: does-not-exist.pem: No such file or directory
[exit 1]
$ http
$ @raw netsh http show sslcert ipport=10.0.0.1:443

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {00112233-4455-6677-8899-aabbccddeeff}
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

