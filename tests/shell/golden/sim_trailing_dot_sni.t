$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert hostnameport=www.contoso.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com.

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com.
    SNI Sent                     : www.contoso.com.
    Trailing Dot                 : dropped: the lookup and the name check use www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port www.contoso.com:443 - found
    Binding Used                 : Hostname:port www.contoso.com:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com. json=enable exit=result
{
  "ipport": "10.0.0.1:443",
  "host": "www.contoso.com.",
  "sni": "www.contoso.com.",
  "trailingdotdropped": true,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "skipped", "reason": "no binding for a specific address on port 443"},
    {"step": 2, "probe": "hostname:port www.contoso.com:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "Hostname:port", "key": "www.contoso.com:443"},
  "certificate": {"hash": "2006557039ef547eb88124f0ef5d7e7d1639adff", "store": "MY", "file": null, "subject": "CN=www.contoso.com", "dnsnames": ["www.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": true, "detail": "www.contoso.com matches the DNS name www.contoso.com"},
  "explanation": "The certificate served is valid for www.contoso.com.",
  "result": "OK"
}
