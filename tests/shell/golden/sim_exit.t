$ cert import file=$DATA/certs/contoso.pem json=enable
{
  "certificates": [
    {
      "certhash": "2006557039ef547eb88124f0ef5d7e7d1639adff",
      "store": "MY",
      "file": null,
      "subject": "CN=www.contoso.com",
      "dnsnames": ["www.contoso.com"],
      "ipaddresses": [],
      "notbefore": "2026-11-21 21:45:33 UTC",
      "notafter": "2126-10-28 21:45:33 UTC",
      "privatekey": true
    }
  ],
  "chain": []
}
$ cert import file=$DATA/certs/wildcard.pem store=WebHosting json=enable
{
  "certificates": [
    {
      "certhash": "010517b077e0d5d32e656fc03b04cf8e8350c851",
      "store": "WebHosting",
      "file": null,
      "subject": "CN=*.contoso.com",
      "dnsnames": ["*.contoso.com"],
      "ipaddresses": [],
      "notbefore": "2026-11-21 21:45:33 UTC",
      "notafter": "2126-10-28 21:45:33 UTC",
      "privatekey": true
    }
  ],
  "chain": []
}
$ cert show store=WEBHOSTING json=enable
{
  "certificates": [
    {
      "certhash": "010517b077e0d5d32e656fc03b04cf8e8350c851",
      "store": "WEBHOSTING",
      "file": null,
      "subject": "CN=*.contoso.com",
      "dnsnames": ["*.contoso.com"],
      "ipaddresses": [],
      "notbefore": "2026-11-21 21:45:33 UTC",
      "notafter": "2126-10-28 21:45:33 UTC",
      "privatekey": true
    }
  ]
}
$ cert show certhash=0000000000000000000000000000000000000000 json=enable
{
  "certificates": []
}
! sslbind: no certificate 0000000000000000000000000000000000000000 in any store
[exit 1]
$ cert import file=$DATA/certs/fabrikam.pfx password=secret store=ccs json=enable
{
  "certificates": [
    {
      "certhash": "e5729401b92e64261e2df399f92c370bb00ece17",
      "store": "ccs",
      "file": "www.fabrikam.com.pfx",
      "subject": "CN=www.fabrikam.com",
      "dnsnames": ["www.fabrikam.com", "fabrikam.com"],
      "ipaddresses": [],
      "notbefore": "2026-11-21 21:45:33 UTC",
      "notafter": "2126-10-28 21:45:33 UTC",
      "privatekey": true
    }
  ],
  "chain": []
}
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.3:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff} reject=enable

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.4:443 certhash=010517b077e0d5d32e656fc03b04cf8e8350c851 appid={00112233-4455-6677-8899-aabbccddeeff} certstorename=webHosting

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=result

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=shop.contoso.com exit=result

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : No binding names shop.contoso.com, so the IP:port binding 10.0.0.1:443 answered with its certificate, which is not valid for that name: the browser warns.
    Result                       : NAME_MISMATCH

! sslbind: exit=result: the Result is NAME_MISMATCH, exit status 2
[exit 2]
$ sim handshake ipport=10.0.0.9:443 host=shop.contoso.com exit=RESULT

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.9:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.9:443 - not found
    Probe 2                      : hostname:port shop.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : central certificate store - skipped (no binding in the CCS tables on port 443)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Add a binding for this host name or IP:port, or a 0.0.0.0:<port> default.
    Result                       : NO_BINDING

! sslbind: exit=result: the Result is NO_BINDING, exit status 3
[exit 3]
$ sim handshake ipport=10.0.0.3:443 host=www.contoso.com exit=result

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.3:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.3:443 - found
    Binding Used                 : IP:port 10.0.0.3:443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate.
    Result                       : REJECTED

! sslbind: exit=result: the Result is REJECTED, exit status 5
[exit 5]
$ sim handshake ipport=10.0.0.4:443 host=www.contoso.com json=enable exit=result
{
  "ipport": "10.0.0.4:443",
  "host": "www.contoso.com",
  "sni": "www.contoso.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.4:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "10.0.0.4:443"},
  "certificate": {"hash": "010517b077e0d5d32e656fc03b04cf8e8350c851", "store": "webHosting", "file": null, "subject": "CN=*.contoso.com", "dnsnames": ["*.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": true, "detail": "www.contoso.com matches the DNS name *.contoso.com"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "The certificate served is valid for www.contoso.com.",
  "result": "OK"
}
$ cert delete certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

Certificate successfully deleted

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=result

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate                  : not in the store
    Explanation                  : The binding names certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store MY, but this machine's store does not have it: the handshake fails (http.sys does not try the next probe). In a web farm, import the certificate on every server.
    Result                       : CERT_NOT_FOUND

! sslbind: exit=result: the Result is CERT_NOT_FOUND, exit status 4
[exit 4]
$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com json=enable exit=result
{
  "ipport": "10.0.0.1:443",
  "host": "www.contoso.com",
  "sni": "www.contoso.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "10.0.0.1:443"},
  "certificate": null,
  "namecheck": null,
  "clientchecks": null,
  "explanation": "The binding names certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store MY, but this machine's store does not have it: the handshake fails (http.sys does not try the next probe). In a web farm, import the certificate on every server.",
  "result": "CERT_NOT_FOUND"
}
! sslbind: exit=result: the Result is CERT_NOT_FOUND, exit status 4
[exit 4]
$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=status

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate                  : not in the store
    Explanation                  : The binding names certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store MY, but this machine's store does not have it: the handshake fails (http.sys does not try the next probe). In a web farm, import the certificate on every server.
    Result                       : CERT_NOT_FOUND

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate                  : not in the store
    Explanation                  : The binding names certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store MY, but this machine's store does not have it: the handshake fails (http.sys does not try the next probe). In a web farm, import the certificate on every server.
    Result                       : CERT_NOT_FOUND

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=never

The parameter is incorrect.

! sslbind: exit: 'never' is neither result (the exit status says the Result) nor status (0 when the simulation ran)
[exit 1]
