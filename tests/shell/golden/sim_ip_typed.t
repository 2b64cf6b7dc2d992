$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=10.0.0.1

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : 10.0.0.1
    SNI Sent                     : No (an IP address is never sent as SNI)
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
    Name Check                   : failed: 10.0.0.1 is an IP address; the certificate's IP addresses are: none
    Explanation                  : The user typed an IP address, 10.0.0.1: clients never send an address as SNI (RFC 6066, section 3), so http.sys chose the certificate by 10.0.0.1:443 alone, and the browser checks 10.0.0.1 against the certificate's IP addresses (subjectAltName), never its DNS names or subject. This one has no IP address. The browser warns. Reissue the certificate with 10.0.0.1 as an IP address in its subjectAltName, or have users type one of its DNS names instead of the address.
    Result                       : NAME_MISMATCH

$ sim handshake ipport=[2001:db8::1]:443 host=2001:db8::1 json=enable
{
  "ipport": "[2001:db8::1]:443",
  "host": "2001:db8::1",
  "sni": null,
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port [2001:db8::1]:443", "outcome": "skipped", "reason": "no binding for a specific address on port 443"},
    {"step": 2, "probe": "hostname:port", "outcome": "skipped", "reason": "the client sent no SNI"},
    {"step": 3, "probe": "central certificate store", "outcome": "skipped", "reason": "the client sent no SNI"},
    {"step": 4, "probe": "IP:port [::]:443", "outcome": "skipped", "reason": "no binding for [::] on port 443"},
    {"step": 5, "probe": "IP:port 0.0.0.0:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "0.0.0.0:443"},
  "certificate": {"hash": "2006557039ef547eb88124f0ef5d7e7d1639adff", "store": "MY", "file": null, "subject": "CN=www.contoso.com", "dnsnames": ["www.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": false, "detail": "2001:db8::1 is an IP address; the certificate's IP addresses are: none"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "The user typed an IP address, 2001:db8::1: clients never send an address as SNI (RFC 6066, section 3), so http.sys chose the certificate by [2001:db8::1]:443 alone, and the browser checks 2001:db8::1 against the certificate's IP addresses (subjectAltName), never its DNS names or subject. This one has no IP address. The browser warns. Reissue the certificate with 2001:db8::1 as an IP address in its subjectAltName, or have users type one of its DNS names instead of the address.",
  "result": "NAME_MISMATCH"
}
$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
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
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

