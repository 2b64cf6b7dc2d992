$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com. sni=disable

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com.
    SNI Sent                     : No (a legacy client that does not send SNI)
    Trailing Dot                 : dropped: the name check uses www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=WWW.Contoso.COM. sni=disable json=enable
{
  "ipport": "10.0.0.1:443",
  "host": "WWW.Contoso.COM.",
  "sni": null,
  "trailingdotdropped": true,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "10.0.0.1:443"},
  "certificate": {"hash": "2006557039ef547eb88124f0ef5d7e7d1639adff", "store": "MY", "file": null, "subject": "CN=www.contoso.com", "dnsnames": ["www.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": true, "detail": "WWW.Contoso.COM matches the DNS name www.contoso.com"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "The certificate served is valid for WWW.Contoso.COM.",
  "result": "OK"
}
$ sim handshake ipport=10.0.0.1:443 host=shop.contoso.com. sni=disable exit=result

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com.
    SNI Sent                     : No (a legacy client that does not send SNI)
    Trailing Dot                 : dropped: the name check uses shop.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : The client sent no SNI, so http.sys knew only 10.0.0.1:443 and served that binding's certificate; the name the user typed (and the Host header) travel encrypted, after the certificate is chosen. The browser warns.
    Result                       : NAME_MISMATCH

! sslbind: exit=result: the Result is NAME_MISMATCH, exit status 2
[exit 2]
$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com..

The parameter is incorrect.

! sslbind: host: 'www.contoso.com..' ends with two dots: one trailing dot is allowed (it is dropped), not more
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=.

The parameter is incorrect.

! sslbind: host: '.' is a lone dot, not a host name
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=..

The parameter is incorrect.

! sslbind: host: '..' ends with two dots: one trailing dot is allowed (it is dropped), not more
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=.www.contoso.com

The parameter is incorrect.

! sslbind: host: host name '.www.contoso.com' has an empty label
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=10.0.0.1.

The parameter is incorrect.

! sslbind: host: '10.0.0.1.' is an IP address with a trailing dot: an IP address takes none
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=www..contoso.com.

The parameter is incorrect.

! sslbind: host: host name 'www..contoso.com' has an empty label
[exit 1]
