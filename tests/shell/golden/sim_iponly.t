$ cert import file=$DATA/certs/iponly.pem
    Certificate Hash             : 3e5b3c892dbff9a663209bcff61c7e674da4f66e
$ http add sslcert ipport=10.0.0.1:443 certhash=3e5b3c892dbff9a663209bcff61c7e674da4f66e appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 3e5b3c892dbff9a663209bcff61c7e674da4f66e
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : (none)
    Name Check                   : failed: the certificate has no DNS names, only the IP addresses 10.0.0.1 and the subject CN=www.contoso.com (browsers ignore the subject CN), so it is valid for no DNS name
    Explanation                  : The certificate served has no DNS names, only IP addresses (10.0.0.1) and its subject (CN=www.contoso.com), which browsers ignore: it is valid only when the user types one of those addresses, never for a DNS name, whichever binding serves it and whether or not the client sends SNI. The browser warns. Reissue it with www.contoso.com among its DNS names (subjectAltName).
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.1:443 host=10.0.0.1

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : 10.0.0.1
    SNI Sent                     : No (an IP address is never sent as SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 3e5b3c892dbff9a663209bcff61c7e674da4f66e
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : (none)
    Name Check                   : passed: 10.0.0.1 is among the certificate's IP addresses
    Explanation                  : The certificate served is valid for 10.0.0.1.
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=10.0.0.2

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : 10.0.0.2
    SNI Sent                     : No (an IP address is never sent as SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 3e5b3c892dbff9a663209bcff61c7e674da4f66e
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : (none)
    Name Check                   : failed: 10.0.0.2 is an IP address; the certificate's IP addresses are: 10.0.0.1
    Explanation                  : The user typed an IP address, 10.0.0.2: clients never send an address as SNI (RFC 6066, section 3), so http.sys chose the certificate by 10.0.0.1:443 alone, and the browser checks 10.0.0.2 against the certificate's IP addresses (subjectAltName), never its DNS names or subject. This one has only the IP addresses 10.0.0.1. The browser warns. Reissue the certificate with 10.0.0.2 as an IP address in its subjectAltName.
    Result                       : NAME_MISMATCH

