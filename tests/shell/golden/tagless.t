$ http show sslcert 0.0.0.0:443

The parameter is incorrect.

! sslbind: '0.0.0.0:443': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean ipport=0.0.0.0:443?)
[exit 1]
$ http delete sslcert 1.1.1.1:443

The parameter is incorrect.

! sslbind: '1.1.1.1:443': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean ipport=1.1.1.1:443?)
[exit 1]
$ http show sslcert www.contoso.com:443

The parameter is incorrect.

! sslbind: 'www.contoso.com:443': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean hostnameport=www.contoso.com:443?)
[exit 1]
$ http show sslcert 443

The parameter is incorrect.

! sslbind: '443': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean ccs=443?)
[exit 1]
$ http add sslcert 0.0.0.0:443 0123456789012345678901234567890123456789 {4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: '0.0.0.0:443': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean ipport=0.0.0.0:443?)
[exit 1]
$ http add sslcert ipport=0.0.0.0:443 0123456789012345678901234567890123456789

The parameter is incorrect.

! sslbind: '0123456789012345678901234567890123456789': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean certhash=0123456789012345678901234567890123456789?)
[exit 1]
$ http add sslcert ipport=0.0.0.0:443 {4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: '{4dc3e181-e14b-4a21-b022-59fc669b0914}': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean appid={4dc3e181-e14b-4a21-b022-59fc669b0914}?)
[exit 1]
$ sim handshake 10.0.0.1:443

The parameter is incorrect.

! sslbind: '10.0.0.1:443': expected tag=value (netsh takes a value without its tag, in its usage's order; sslbind wants the tag: did you mean ipport=10.0.0.1:443?)
[exit 1]
$ http show sslcert foo

The parameter is incorrect.

! sslbind: 'foo': expected tag=value
[exit 1]
$ http delete sslcert ipport=1.2.3.4:443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

The parameter is incorrect.

! sslbind: appid: not a tag of this command, which takes ipport, hostnameport, ccs, scopedccs
[exit 1]
$ http delete sslcert ipport=1.2.3.4:443 bogus=1

The parameter is incorrect.

! sslbind: unknown tag 'bogus'
[exit 1]
$ http add sslcert hostnameport=www.contoso.com:443 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

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

! sslbind: certhash: required for a hostnameport binding
[exit 1]
