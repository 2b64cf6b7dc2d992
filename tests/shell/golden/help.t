$ ?

The following commands are available:

Commands in this context:
?              - Displays a list of commands.
bye            - Exits the program.
cert           - Changes to the `sslbind cert' context: the machine's certificate stores.
exit           - Exits the program.
help           - Displays a list of commands.
http           - Changes to the `netsh http' context.
iis            - Changes to the `sslbind iis' context: what IIS Manager does on this server.
popd           - Pops a context from the stack.
pushd          - Pushes current context on stack.
quit           - Exits the program.
sim            - Changes to the `sslbind sim' context: handshake simulation.

The following sub-contexts are available:
 http cert sim iis

To view help for a command, type the command, followed by a space, and then
 type ?.

$ help

The following commands are available:

Commands in this context:
?              - Displays a list of commands.
bye            - Exits the program.
cert           - Changes to the `sslbind cert' context: the machine's certificate stores.
exit           - Exits the program.
help           - Displays a list of commands.
http           - Changes to the `netsh http' context.
iis            - Changes to the `sslbind iis' context: what IIS Manager does on this server.
popd           - Pops a context from the stack.
pushd          - Pushes current context on stack.
quit           - Exits the program.
sim            - Changes to the `sslbind sim' context: handshake simulation.

The following sub-contexts are available:
 http cert sim iis

To view help for a command, type the command, followed by a space, and then
 type ?.

$ http ?

The following commands are available:

Commands in this context:
..             - Goes up one context level.
?              - Displays a list of commands.
add            - Adds a configuration entry to a table.
bye            - Exits the program.
delete         - Deletes a configuration entry from a table.
exit           - Exits the program.
help           - Displays a list of commands.
popd           - Pops a context from the stack.
pushd          - Pushes current context on stack.
quit           - Exits the program.
show           - Displays information.
update         - Updates a configuration entry in a table.

To view help for a command, type the command, followed by a space, and then
 type ?.

$ http add ?

The following commands are available:

Commands in this context:
add sslcert    - Adds an SSL server certificate binding.

$ http add sslcert ?

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

$ http delete sslcert help

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

$ http show sslcert ?

Usage: show sslcert [hostnameport=<name:port> | ipport=<ipaddr:port> | ccs=<port>]
	[json=enable|disable]

Parameters:

    Tag                   Value
    ipport                - IP address and port of the binding; 0.0.0.0 is every IPv4 and IPv6 address, [::] every IPv6 address.
    hostnameport          - Host name (as the client sends it in SNI) and port of the binding.
    ccs                   - Port of a Central Certificate Store binding: the certificate is found by host name.
    scopedccs             - Host name and port of a scoped Central Certificate Store binding.
    json                  - Print the bindings as JSON (our extension).

Remarks: Displays one binding, or all of them when no endpoint is given: IP:port
         bindings first, then host name, then Central Certificate Store bindings.
         The layout is Windows Server 2025's (SSLBIND_LAYOUT=2022: 2022's). With
         json=enable, netsh's object {"SslCertificateBindings": [...]}.

Examples:

      show sslcert ipport=1.1.1.1:443
      show sslcert hostnameport=www.contoso.com:443
      show sslcert
      show sslcert json=enable

$ http update sslcert ?

Usage: update sslcert hostnameport=<name:port> | ipport=<ipaddr:port> | ccs=<port>
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

Remarks: Replaces the whole parameter block of an existing binding in one step: a
         handshake sees the old binding or the new one, never none. Parameters not
         given take their defaults. Fails if the endpoint is not bound.

Examples:

      update sslcert ipport=1.1.1.1:443 certhash=0102030405060708090A0B0C0D0E0F1011121314 appid={00112233-4455-6677-8899-AABBCCDDEEFF}

$ http show ?

The following commands are available:

Commands in this context:
show sslcert   - Displays SSL server certificate bindings.

$ cert ?

The following commands are available:

Commands in this context:
..             - Goes up one context level.
?              - Displays a list of commands.
bye            - Exits the program.
create         - Creates a key and a self-signed server certificate.
delete         - Deletes a certificate and its key from a store.
exit           - Exits the program.
export         - Writes a certificate to a PEM file, or with its key to a .pfx.
help           - Displays a list of commands.
import         - Imports a certificate with its key (PEM or .pfx).
popd           - Pops a context from the stack.
pushd          - Pushes current context on stack.
quit           - Exits the program.
show           - Displays the certificates of the machine's stores.

To view help for a command, type the command, followed by a space, and then
 type ?.

$ cert create ?

Usage: create
	subject=<host name>
	[dnsnames=<name>[,<name>…]]
	[store=<name>]
	[days=<n>]
	[ca=enable|disable]
	[issuer=<sha1 hex>]
	[issuerstore=<name>]
	[json=enable|disable]

Parameters:

    Tag                   Value
    subject               - The certificate's subject CN, a host name; *.contoso.com for a wildcard.
    dnsnames              - Its subjectAltName DNS names (default: the subject; none: no names; IP literals allowed).
    store                 - Certificate store (default MY; ccs: the Central Certificate Store).
    days                  - Days of validity from now, 1 to 36500 (default 365).
    ca                    - A CA certificate (it signs others; its subject may be any name: "Contoso Root CA").
    issuer                - Signed by this CA certificate's key (default: self-signed).
    issuerstore           - The issuer's store (default: CA, then Root, then MY).
    json                  - Print the certificates as JSON: {"certificates": [{"certhash": …}]}.

Remarks: Makes an EC P-256 key and a self-signed certificate for a TLS server and stores
         both; prints the certificate hash to give to http add sslcert certhash=.
         With ca=enable, a CA certificate; with issuer=, signed by that CA
         certificate's key instead of its own: a chain without other tools.

Examples:

      cert create subject=www.contoso.com
      cert create subject=*.contoso.com store=WebHosting days=90
      cert create subject=www.contoso.com dnsnames=www.contoso.com,contoso.com store=ccs
      cert create subject=www.contoso.com json=enable
      cert create subject="Contoso Root CA" ca=enable store=Root
      cert create subject=www.contoso.com issuer=0102030405060708090a0b0c0d0e0f1011121314

$ cert import help

Usage: import
	file=<path>
	[password=<text>]
	[store=<name>]
	[json=enable|disable]

Parameters:

    Tag                   Value
    file                  - A PEM file with the certificate and its private key, or a PKCS#12 (.pfx) file.
    password              - The password of the .pfx file or of the PEM private key.
    store                 - Certificate store (default MY; ccs: the Central Certificate Store).
    json                  - Print the certificates as JSON: {"certificates": [{"certhash": …}]}.

Remarks: Stores each certificate of the file whose private key is in the file too, and
         prints its hash. Into store=ccs, the file is named after the certificate's
         first DNS name (_.contoso.com.pfx for *.contoso.com).
         The file's other certificates (its chain) go, without a key, to store Root
         (self-signed) or CA (intermediates), as Windows' import puts them; into
         store=ccs they stay inside the .pfx. Into store=CA or store=Root a file
         without a private key is accepted.

Examples:

      cert import file=www.contoso.com.pem
      cert import file=contoso.pfx password=secret store=WebHosting

$ sim ?

The following commands are available:

Commands in this context:
..             - Goes up one context level.
?              - Displays a list of commands.
bye            - Exits the program.
exit           - Exits the program.
handshake      - Shows which certificate a client would get, and why.
help           - Displays a list of commands.
popd           - Pops a context from the stack.
pushd          - Pushes current context on stack.
quit           - Exits the program.

To view help for a command, type the command, followed by a space, and then
 type ?.

$ sim handshake ?

Usage: handshake
	ipport=<ip:port>
	[host=<name or IP>]
	[sni=enable|disable]
	[json=enable|disable]
	[exit=result|status]

Parameters:

    Tag                   Value
    ipport                - The local address and port the client connected to.
    host                  - What the user typed in the browser: a DNS name or an IP address.
    sni                   - Whether the client sends the name as SNI (default enable for a name).
    json                  - Print the simulation as JSON.
    exit                  - result: the exit status is the Result's code (Remarks); status (default): 0 if it ran.

Remarks: Follows http.sys's lookup probe by probe (exact IP:port, SNI host name, central
         store, [::], 0.0.0.0), then checks the certificate's names as a browser does.
         Result: OK, NAME_MISMATCH, NO_BINDING, CERT_NOT_FOUND or REJECTED.
         The exit status is 0 whenever the simulation ran; with exit=result it is
         the Result's: 0 OK, 2 NAME_MISMATCH, 3 NO_BINDING, 4 CERT_NOT_FOUND,
         5 REJECTED (1 stays bad input). One trailing dot on host= is dropped for
         the lookup and the name check, as servers and browsers do.

Examples:

      sim handshake ipport=10.0.0.1:443 host=www.contoso.com
      sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
      sim handshake ipport=[2001:db8::1]:443 host=2001:db8::1 json=enable
      sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=result

$ http add sslcert ipport=1.1.1.1:443 ?

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

$ http delete sslcert ipport=1.1.1.1:443 certhash=not-even-hex help

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

$ cert create subject=www.contoso.com ?

Usage: create
	subject=<host name>
	[dnsnames=<name>[,<name>…]]
	[store=<name>]
	[days=<n>]
	[ca=enable|disable]
	[issuer=<sha1 hex>]
	[issuerstore=<name>]
	[json=enable|disable]

Parameters:

    Tag                   Value
    subject               - The certificate's subject CN, a host name; *.contoso.com for a wildcard.
    dnsnames              - Its subjectAltName DNS names (default: the subject; none: no names; IP literals allowed).
    store                 - Certificate store (default MY; ccs: the Central Certificate Store).
    days                  - Days of validity from now, 1 to 36500 (default 365).
    ca                    - A CA certificate (it signs others; its subject may be any name: "Contoso Root CA").
    issuer                - Signed by this CA certificate's key (default: self-signed).
    issuerstore           - The issuer's store (default: CA, then Root, then MY).
    json                  - Print the certificates as JSON: {"certificates": [{"certhash": …}]}.

Remarks: Makes an EC P-256 key and a self-signed certificate for a TLS server and stores
         both; prints the certificate hash to give to http add sslcert certhash=.
         With ca=enable, a CA certificate; with issuer=, signed by that CA
         certificate's key instead of its own: a chain without other tools.

Examples:

      cert create subject=www.contoso.com
      cert create subject=*.contoso.com store=WebHosting days=90
      cert create subject=www.contoso.com dnsnames=www.contoso.com,contoso.com store=ccs
      cert create subject=www.contoso.com json=enable
      cert create subject="Contoso Root CA" ca=enable store=Root
      cert create subject=www.contoso.com issuer=0102030405060708090a0b0c0d0e0f1011121314

