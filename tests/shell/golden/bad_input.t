$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ @reg
e82f800949e1a8c9d128c80bfbe1ef43
$ http add sslcert ipport=10.0.0.2 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: ipport: '10.0.0.2': expected address:port
[exit 1]
$ http add sslcert ipport=10.0.0.2:0 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: ipport: port '0' is out of range: expected 1-65535
[exit 1]
$ http add sslcert ipport=10.0.0.2:65536 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: ipport: port '65536' is out of range: expected 1-65535
[exit 1]
$ http add sslcert ipport=300.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: ipport: '300.0.0.2' is not a valid IPv4 address (expected four decimal numbers 0-255, like 10.0.0.1)
[exit 1]
$ http add sslcert ipport=fe80::1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: ipport: 'fe80::1:443': an IPv6 address must be written in brackets, like [2001:db8::1]:443
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=40db5bb1bf5659a155258d1d007c530fcb8996c appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: certhash: expected 40 hexadecimal digits, found 39
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adffa appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: certhash: expected 40 hexadecimal digits, found 41
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=40db5bb1bf5659a155258d1d007c530fcb8996zz appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: certhash: expected 40 hexadecimal digits, found 'z' at position 39
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid=4dc3e181-e14b-4a21-b022-59fc669b0914

The parameter is incorrect.

! sslbind: appid: expected a GUID in braces, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b09}

The parameter is incorrect.

! sslbind: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 36
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} reject=enabled

The parameter is incorrect.

! sslbind: reject: 'enabled': expected enable or disable
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} revocationfreshnesstime=-1

The parameter is incorrect.

! sslbind: revocationfreshnesstime: '-1': expected an unsigned decimal number 0-4294967295
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} urlretrievaltimeout=4294967296

The parameter is incorrect.

! sslbind: urlretrievaltimeout: '4294967296' is too large: at most 4294967295
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} colour=blue

The parameter is incorrect.

! sslbind: unknown tag 'colour'
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: appid: given twice
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 hostnameport=a.example:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: ipport and hostnameport: give exactly one of ipport, hostnameport, ccs, scopedccs
[exit 1]
$ http add sslcert hostnameport=a..example:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: host name 'a..example' has an empty label
[exit 1]
$ http add sslcert hostnameport=*.example.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: hostnameport: host name '*.example.com': wildcards are not allowed in a binding key
[exit 1]
$ http add sslcert ccs=443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: a CCS binding has no certificate hash (the certificate is found by host name)
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=

The parameter is incorrect.

! sslbind: certstorename: expected a value, found nothing
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=$'\xff\xfe'

The parameter is incorrect.

! sslbind: certstorename: the value is not valid UTF-8
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} stray

The parameter is incorrect.

! sslbind: 'stray': expected tag=value
[exit 1]
$ http delete sslcert

One or more essential parameters were not entered.
Verify the required parameters, and reenter them.
The syntax supplied for this command is not valid. Check help for the correct syntax.

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

! sslbind: one of ipport, hostnameport, ccs or scopedccs is required
[exit 1]
$ @printf 'http show sslcert ipport=10.0.0.1:443\0x\n'

The parameter is incorrect.

! sslbind: standard input:1: the line holds a NUL byte
[exit 1]
$ @printf '%09000d\n' 1

The parameter is incorrect.

! sslbind: standard input:1: the line is 9000 bytes long: at most 8192 allowed
[exit 1]
$ @printf 'http add sslcert ipport=10.0.0.3:443 certhash="2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}\n'

The parameter is incorrect.

! sslbind: standard input:1: a double quote is not closed
[exit 1]
$ @reg
e82f800949e1a8c9d128c80bfbe1ef43
