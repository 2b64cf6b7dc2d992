$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 183
Cannot create a file when that file already exists.

! sslbind: that key is already bound; use update sslcert to change it
[exit 1]
$ http update sslcert ipport=10.0.0.1:443 certhash=1111111111111111111111111111111111111111 appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=WebHosting

SSL Certificate update failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: no certificate 1111111111111111111111111111111111111111 in store WebHosting (sslbind cert show store=WebHosting lists them)
[exit 1]
$ http add sslcert ipport=10.0.0.9:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=../x

SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: no certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store ../x: certstorename: store name '../x' is not a plain name, so no store has that name
[exit 1]
$ @reg
e82f800949e1a8c9d128c80bfbe1ef43
$ http update sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=WebHosting

SSL Certificate update failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: no certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store WebHosting (sslbind cert show store=WebHosting lists them)
[exit 1]
$ http update sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=My

SSL Certificate successfully updated

$ http update sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate update failed, Error: 2
The system cannot find the file specified.

! sslbind: no binding has that key
[exit 1]
$ http delete sslcert ipport=10.0.0.2:443

SSL Certificate deletion failed, Error: 2
The system cannot find the file specified.

! sslbind: no binding has that key
[exit 1]
$ http delete sslcert ipport=10.0.0.1:443

SSL Certificate successfully deleted

$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid=4dc3e181-e14b-4a21-b022-59fc669b0914

The parameter is incorrect.

! sslbind: appid: expected a GUID in braces, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}
[exit 1]
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

One or more essential parameters were not entered.
Verify the required parameters, and reenter them.
The syntax supplied for this command is not valid. Check help for the correct syntax.

Usage: add sslcert hostnameport=<name:port> | ipport=<ipaddr:port> | ccs=<port>
	appid=<GUID>
	[certhash=<string>]
	[certstorename=<string>]
	[verifyclientcertrevocation=enable|disable]
	[verifyrevocationwithcachedclientcertonly=enable|disable]
	[usagecheck=enable|disable]
	[revocationfreshnesstime=<u-int>]
	[urlretrievaltimeout=<u-int>]
	[sslctlidentifier=<string>]
	[sslctlstorename=<string>]
	[dsmapperusage=enable|disable]
	[clientcertnegotiation=enable|disable]
	[reject=enable|disable]
	[disablehttp2=enable|disable]
	[disablequic=enable|disable]
	[disablelegacytls=enable|disable]
	[disabletls12=enable|disable]
	[disabletls13=enable|disable]
	[disableocspstapling=enable|disable]
	[enabletokenbinding=enable|disable]
	[logextendedevents=enable|disable]
	[enablesessionticket=enable|disable]
	[disablesessionid=enable|disable]

Parameters:

    Tag                   Value
    ipport                - IP address and port of the binding; 0.0.0.0 is every IPv4 and IPv6 address, [::] every IPv6 address.
    hostnameport          - Host name (as the client sends it in SNI) and port of the binding.
    ccs                   - Port of a Central Certificate Store binding: the certificate is found by host name.
    scopedccs             - Host name and port of a scoped Central Certificate Store binding.
    appid                 - GUID of the application that owns the binding, in braces.
    certhash              - SHA-1 thumbprint of the certificate: 40 hexadecimal digits. Not for ccs bindings.
    certstorename         - Store that holds the certificate (MY when not given).
    verifyclientcertrevocation - Check client certificates for revocation (default enable).
    verifyrevocationwithcachedclientcertonly - Use only cached revocation data for client certificates.
    usagecheck            - Check the usage of client certificates (default enable).
    revocationfreshnesstime - Seconds after which cached revocation data is refreshed.
    urlretrievaltimeout   - Milliseconds to wait when fetching revocation data.
    sslctlidentifier      - Identifier of the certificate trust list of accepted issuers.
    sslctlstorename       - Store that holds that certificate trust list.
    dsmapperusage         - Map client certificates to directory accounts.
    clientcertnegotiation - Ask the client for a certificate during the handshake.
    reject                - Refuse every connection that matches this binding.
    disablehttp2          - Do not offer HTTP/2 on this binding.
    disablequic           - Do not offer QUIC (HTTP/3) on this binding.
    disablelegacytls      - Refuse TLS versions older than 1.2.
    disabletls12          - Refuse TLS 1.2.
    disabletls13          - Refuse TLS 1.3.
    disableocspstapling   - Do not staple OCSP responses.
    enabletokenbinding    - Negotiate token binding.
    logextendedevents     - Log extended events for this binding.
    enablesessionticket   - Resume sessions with TLS session tickets.
    disablesessionid      - Do not resume sessions by session ID.

Remarks: Adds a binding between an endpoint (IP address and port, host name and port,
         or a Central Certificate Store port) and a server certificate, with the
         client-certificate policy that goes with it. Fails if the endpoint is
         already bound. scopedccs=<name:port> may stand in place of the key.

Examples:

      add sslcert ipport=1.1.1.1:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 appid={00112233-4455-6677-8899-AABBCCDDEEFF}
      add sslcert hostnameport=www.contoso.com:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 appid={00112233-4455-6677-8899-AABBCCDDEEFF} certstorename=MY
      add sslcert ccs=443 appid={00112233-4455-6677-8899-AABBCCDDEEFF}

! sslbind: appid: required
[exit 1]
$ http show sslcert ipport=10.9.9.9:443

SSL Certificate bindings:
-------------------------

The system cannot find the file specified.

! sslbind: no binding has the key 10.9.9.9:443
[exit 1]
$ http frobnicate sslcert

The following command was not found: http frobnicate sslcert.

! sslbind: unknown command 'frobnicate'; type ? for the list
[exit 1]
$ http add urlacl url=http://+:80/

The following command was not found: http add urlacl url=http://+:80/.

! sslbind: unknown command 'urlacl'; type ? for the list
[exit 1]
$ sho

The following command was not found: sho.

! sslbind: unknown command 'sho'; did you mean 'sim'?
[exit 1]
$ http shw sslcert

The following command was not found: http shw sslcert.

! sslbind: unknown command 'shw'; did you mean 'show'?
[exit 1]
$ h

The following command was not found: h.

! sslbind: 'h' is ambiguous: it could be help, http
[exit 1]
