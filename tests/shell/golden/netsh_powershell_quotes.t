# A netsh line as a PowerShell script writes it (review40 F3): PowerShell removes single quotes and
# backticks, cmd.exe passes them on, and netsh refuses the value; sslbind reads a line as cmd.exe
# does, so it refuses too, and the note says why and what to type (every tag's value).
$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
# review40 N04: an answer on stackoverflow.com/questions/779228
$ @pipe
> netsh http add sslcert ipport=0.0.0.0:8000 appid='{a5455c78-6489-4e13-b395-47fbdee0e7e6}' certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

The parameter is incorrect.

! sslbind: standard input:1: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 40
! sslbind: standard input:1: note: 'appid='{a5455c78-6489-4e13-b395-47fbdee0e7e6}'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type appid={a5455c78-6489-4e13-b395-47fbdee0e7e6} instead.
[exit 1]
# review40 N05: an ACMESharp renewal .ps1 (find_string id 35379681042), then the line as PowerShell passes it
$ @pipe
> netsh http add sslcert hostnameport=api.example.com:443 appid='{c81d3599-3b17-4a99-b2ed-4a5843f54ae7}' certhash=2006557039ef547eb88124f0ef5d7e7d1639adff certstorename=WebHosting
> netsh http add sslcert hostnameport=www.contoso.com:443 appid={c81d3599-3b17-4a99-b2ed-4a5843f54ae7} certhash=2006557039ef547eb88124f0ef5d7e7d1639adff certstorename=MY

The parameter is incorrect.


SSL Certificate successfully added

! sslbind: standard input:1: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 40
! sslbind: standard input:1: note: 'appid='{c81d3599-3b17-4a99-b2ed-4a5843f54ae7}'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type appid={c81d3599-3b17-4a99-b2ed-4a5843f54ae7} instead.
[exit 1]
# review40 N13: through Invoke-Expression (find_string id 9879694707)
$ @pipe
> netsh http add sslcert hostnameport=www.contoso.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}' certstorename=MY

The parameter is incorrect.

! sslbind: standard input:1: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 40
! sslbind: standard input:1: note: 'appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type appid={4dc3e181-e14b-4a21-b022-59fc669b0914} instead.
[exit 1]
# review40 N20: backticks around the braces in a WMSvc .ps1 (find_string id 23484069075)
$ @pipe
> netsh http add sslcert ipport=0.0.0.0:8172 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid=`{00000000-0000-0000-0000-000000000000`}

The parameter is incorrect.

! sslbind: standard input:1: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 40
! sslbind: standard input:1: note: 'appid=`{00000000-0000-0000-0000-000000000000`}' holds backticks, PowerShell's escape character: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type appid={00000000-0000-0000-0000-000000000000} instead.
[exit 1]
# review40 N23: C#'s shell.AddScript, two quoted values (find_string id 25643009579)
$ @pipe
> netsh http add sslcert ipport='0.0.0.0:443' certhash=2006557039ef547eb88124f0ef5d7e7d1639adff certstorename=My appid='{4dc3e181-e14b-4a21-b022-59fc669b0914}'

The parameter is incorrect.

! sslbind: standard input:1: ipport: port '443'': expected a decimal number 1-65535
! sslbind: standard input:1: note: 'ipport='0.0.0.0:443'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type ipport=0.0.0.0:443 instead.
[exit 1]
# review40 N55: a blog's IIS Express line at a PS prompt (find_string id 14091408384)
$ @pipe
> netsh http add sslcert ipport=0.0.0.0:44307 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid='{214124cd-d05b-4309-9af9-9caa44b2b74a}' certstorename=MY verifyclientcertrevocation=disable

The parameter is incorrect.

! sslbind: standard input:1: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 40
! sslbind: standard input:1: note: 'appid='{214124cd-d05b-4309-9af9-9caa44b2b74a}'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type appid={214124cd-d05b-4309-9af9-9caa44b2b74a} instead.
[exit 1]
# other tags, a whole word in quotes; a value netsh takes as it is fails later, with the same note
$ @pipe
> netsh http show sslcert hostnameport='www.contoso.com:443'
> netsh http delete sslcert 'ipport=0.0.0.0:443'
> netsh http add sslcert ipport=0.0.0.0:443 certhash='2006557039ef547eb88124f0ef5d7e7d1639adff' appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> netsh http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename='MY'
> netsh http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} clientcertnegotiation=`enable
> netsh http show sslcert ipport=0.0.0.0:443 `

The parameter is incorrect.


The parameter is incorrect.


The parameter is incorrect.


SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.


The parameter is incorrect.


The parameter is incorrect.

! sslbind: standard input:1: hostnameport: port '443'': expected a decimal number 1-65535
! sslbind: standard input:1: note: 'hostnameport='www.contoso.com:443'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type hostnameport=www.contoso.com:443 instead.
! sslbind: standard input:2: unknown tag ''ipport'
! sslbind: standard input:2: note: ''ipport=0.0.0.0:443'' holds single quotes around the whole word: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type ipport=0.0.0.0:443 instead.
! sslbind: standard input:3: certhash: expected 40 hexadecimal digits, found ''' at position 1
! sslbind: standard input:3: note: 'certhash='2006557039ef547eb88124f0ef5d7e7d1639adff'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type certhash=2006557039ef547eb88124f0ef5d7e7d1639adff instead.
! sslbind: standard input:4: certhash: no certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store 'MY': certstorename: store name ''MY'' has the character ''': only letters, digits, '-', '_', '.' and spaces, so no store has that name
! sslbind: standard input:4: note: 'certstorename='MY'' holds single quotes around its value: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type certstorename=MY instead.
! sslbind: standard input:5: clientcertnegotiation: '`enable': expected enable or disable
! sslbind: standard input:5: note: 'clientcertnegotiation=`enable' holds backticks, PowerShell's escape character: PowerShell removes them, cmd.exe passes them on, and sslbind reads a line as cmd.exe does; type clientcertnegotiation=enable instead.
! sslbind: standard input:6: '`': expected tag=value
[exit 1]
$ http show sslcert

SSL Certificate bindings:
-------------------------

    Hostname:port                : www.contoso.com:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {c81d3599-3b17-4a99-b2ed-4a5843f54ae7}
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

