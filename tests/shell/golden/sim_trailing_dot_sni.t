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
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "The certificate served is valid for www.contoso.com.",
  "result": "OK"
}
$ cert import file=$DATA/certs/shop.pem
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
$ http add sslcert ipport=0.0.0.0:8443 certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:8443 host=WWW.Contoso.com.

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:8443
    Host Name Typed              : WWW.Contoso.com.
    SNI Sent                     : www.contoso.com.
    Trailing Dot                 : dropped: the lookup and the name check use WWW.Contoso.com
    Probe 1                      : IP:port 10.0.0.1:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port www.contoso.com:8443 - skipped (no binding for a host name on port 8443)
    Probe 3                      : central certificate store - skipped (no binding in the CCS tables on port 8443)
    Probe 4                      : IP:port [::]:8443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:8443 - found
    Binding Used                 : IP:port 0.0.0.0:8443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : MY
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : failed: WWW.Contoso.com is not among the certificate's DNS names: shop.contoso.com
    Explanation                  : No binding names www.contoso.com, so the IP:port binding 0.0.0.0:8443 answered with its certificate, which is not valid for that name: the browser warns.
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.1:8443 host=www.contoso.com. json=enable
{
  "ipport": "10.0.0.1:8443",
  "host": "www.contoso.com.",
  "sni": "www.contoso.com.",
  "trailingdotdropped": true,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:8443", "outcome": "skipped", "reason": "no binding for a specific address on port 8443"},
    {"step": 2, "probe": "hostname:port www.contoso.com:8443", "outcome": "skipped", "reason": "no binding for a host name on port 8443"},
    {"step": 3, "probe": "central certificate store", "outcome": "skipped", "reason": "no binding in the CCS tables on port 8443"},
    {"step": 4, "probe": "IP:port [::]:8443", "outcome": "skipped", "reason": "the client is IPv4; [::] serves IPv6 clients only"},
    {"step": 5, "probe": "IP:port 0.0.0.0:8443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "0.0.0.0:8443"},
  "certificate": {"hash": "65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5", "store": "MY", "file": null, "subject": "CN=shop.contoso.com", "dnsnames": ["shop.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": false, "detail": "www.contoso.com is not among the certificate's DNS names: shop.contoso.com"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "No binding names www.contoso.com, so the IP:port binding 0.0.0.0:8443 answered with its certificate, which is not valid for that name: the browser warns.",
  "result": "NAME_MISMATCH"
}
