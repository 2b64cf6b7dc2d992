$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/fabrikam.pfx password=secret store=ccs
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
$ http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert hostnameport=shop.contoso.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff} reject=enable

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=shop.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port shop.contoso.com:443 - found
    Binding Used                 : Hostname:port shop.contoso.com:443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate.
    Result                       : REJECTED

$ http add sslcert ccs=443 appid={00112233-4455-6677-8899-aabbccddeeff} reject=enable

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.fabrikam.com
    SNI Sent                     : www.fabrikam.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port www.fabrikam.com:443 - not found
    Probe 3                      : scoped CCS www.fabrikam.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store - skipped (the binding has reject=enable: no certificate is looked at)
    Binding Used                 : Central Certificate Store 443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate, so it does not look in the central store: the refusal is the same with or without a file.
    Result                       : REJECTED

$ sim handshake ipport=10.0.0.1:443 host=nofile.fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : nofile.fabrikam.com
    SNI Sent                     : nofile.fabrikam.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port nofile.fabrikam.com:443 - not found
    Probe 3                      : scoped CCS nofile.fabrikam.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store - skipped (the binding has reject=enable: no certificate is looked at)
    Binding Used                 : Central Certificate Store 443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate, so it does not look in the central store: the refusal is the same with or without a file.
    Result                       : REJECTED

$ sim handshake ipport=10.0.0.1:443 host=nofile.fabrikam.com json=enable
{
  "ipport": "10.0.0.1:443",
  "host": "nofile.fabrikam.com",
  "sni": "nofile.fabrikam.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "skipped", "reason": "no binding for a specific address on port 443"},
    {"step": 2, "probe": "hostname:port nofile.fabrikam.com:443", "outcome": "miss", "reason": null},
    {"step": 3, "probe": "scoped CCS nofile.fabrikam.com:443", "outcome": "skipped", "reason": "no binding for a scoped CCS host name on port 443"},
    {"step": 3, "probe": "CCS port 443", "outcome": "hit", "reason": null},
    {"step": 3, "probe": "central store", "outcome": "skipped", "reason": "the binding has reject=enable: no certificate is looked at"}
  ],
  "binding": {"type": "Central Certificate Store", "key": "443"},
  "certificate": null,
  "namecheck": null,
  "clientchecks": null,
  "explanation": "The binding has reject=enable: http.sys refuses the connection before it looks at a certificate, so it does not look in the central store: the refusal is the same with or without a file.",
  "result": "REJECTED"
}
$ sim handshake ipport=10.0.0.1:443 host=www.fabrikam.com sni=disable

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.fabrikam.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: www.fabrikam.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : The client sent no SNI, so http.sys knew only 10.0.0.1:443 and served that binding's certificate; the name the user typed (and the Host header) travel encrypted, after the certificate is chosen. The browser warns.
    Result                       : NAME_MISMATCH

$ http add sslcert ipport=0.0.0.0:8443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ccs=8443 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert scopedccs=www.fabrikam.com:8443 appid={00112233-4455-6677-8899-aabbccddeeff} reject=enable

SSL Certificate successfully added

$ http add sslcert scopedccs=nofile.fabrikam.com:8443 appid={00112233-4455-6677-8899-aabbccddeeff} reject=enable

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:8443 host=www.fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:8443
    Host Name Typed              : www.fabrikam.com
    SNI Sent                     : www.fabrikam.com
    Probe 1                      : IP:port 10.0.0.1:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port www.fabrikam.com:8443 - skipped (no binding for a host name on port 8443)
    Probe 3                      : scoped CCS www.fabrikam.com:8443 - found
    Probe 4                      : central store - skipped (the binding has reject=enable: no certificate is looked at)
    Binding Used                 : Scoped CCS www.fabrikam.com:8443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate, so it does not look in the central store: the refusal is the same with or without a file.
    Result                       : REJECTED

$ sim handshake ipport=10.0.0.1:8443 host=nofile.fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:8443
    Host Name Typed              : nofile.fabrikam.com
    SNI Sent                     : nofile.fabrikam.com
    Probe 1                      : IP:port 10.0.0.1:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port nofile.fabrikam.com:8443 - skipped (no binding for a host name on port 8443)
    Probe 3                      : scoped CCS nofile.fabrikam.com:8443 - found
    Probe 4                      : central store - skipped (the binding has reject=enable: no certificate is looked at)
    Binding Used                 : Scoped CCS nofile.fabrikam.com:8443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate, so it does not look in the central store: the refusal is the same with or without a file.
    Result                       : REJECTED

$ sim handshake ipport=10.0.0.1:8443 host=other.fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:8443
    Host Name Typed              : other.fabrikam.com
    SNI Sent                     : other.fabrikam.com
    Probe 1                      : IP:port 10.0.0.1:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port other.fabrikam.com:8443 - skipped (no binding for a host name on port 8443)
    Probe 3                      : scoped CCS other.fabrikam.com:8443 - not found
    Probe 4                      : CCS port 8443 - found
    Probe 5                      : central store file other.fabrikam.com.pfx - not found (no such file)
    Probe 6                      : central store file _.fabrikam.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:8443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:8443 - found
    Binding Used                 : IP:port 0.0.0.0:8443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: other.fabrikam.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : The CCS binding for port 8443 matched (Probe 4) and looked in the central store for other.fabrikam.com.pfx, then _.fabrikam.com.pfx: neither file is there, so http.sys went on to the IP:port binding 0.0.0.0:8443, whose certificate is not valid for other.fabrikam.com: the browser warns. Put a certificate for other.fabrikam.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=other.fabrikam.com store=ccs makes a test one).
    Result                       : NAME_MISMATCH

