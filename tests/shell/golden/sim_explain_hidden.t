$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/shop.pem
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
$ cert import file=$DATA/certs/cnonly.pem
    Certificate Hash             : a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0
$ http add sslcert hostnameport=www.contoso.com:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff} certstorename=MY

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.1:443 certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : MY
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : failed: www.contoso.com is not among the certificate's DNS names: shop.contoso.com
    Explanation                  : The exact IP:port binding 10.0.0.1:443 comes first (probe 1), so the hostname:port binding www.contoso.com:443 for this name is never reached: 10.0.0.1:443's certificate is served, and it is not valid for www.contoso.com. The browser warns. Delete 10.0.0.1:443 (the hostname:port binding then answers), or bind a certificate valid for www.contoso.com there.
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.2:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.2:443 - not found
    Probe 2                      : hostname:port www.contoso.com:443 - found
    Binding Used                 : Hostname:port www.contoso.com:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ http delete sslcert hostnameport=www.contoso.com:443

SSL Certificate successfully deleted

$ http add sslcert scopedccs=www.contoso.com:443 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ipport=0.0.0.0:443 certhash=65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : MY
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : failed: www.contoso.com is not among the certificate's DNS names: shop.contoso.com
    Explanation                  : The exact IP:port binding 10.0.0.1:443 comes first (probe 1), so the scoped CCS binding www.contoso.com:443 for this name is never reached: 10.0.0.1:443's certificate is served, and it is not valid for www.contoso.com. The browser warns. Delete 10.0.0.1:443 (the scoped CCS binding then answers), or bind a certificate valid for www.contoso.com there.
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.2:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.2:443 - not found
    Probe 2                      : hostname:port www.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS www.contoso.com:443 - found
    Probe 4                      : central store file www.contoso.com.pfx - not found (no such file)
    Probe 5                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 6                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 7                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : MY
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : failed: www.contoso.com is not among the certificate's DNS names: shop.contoso.com
    Explanation                  : The scoped CCS binding www.contoso.com:443 matched (Probe 3) and looked in the central store for www.contoso.com.pfx, then _.contoso.com.pfx: neither file is there, so http.sys went on to the IP:port binding 0.0.0.0:443, whose certificate is not valid for www.contoso.com: the browser warns. Put a certificate for www.contoso.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=www.contoso.com store=ccs makes a test one).
    Result                       : NAME_MISMATCH

$ @file certs/ccs/www.contoso.com.pfx
> this is not a certificate
$ sim handshake ipport=10.0.0.2:443 host=www.contoso.com json=enable
{
  "ipport": "10.0.0.2:443",
  "host": "www.contoso.com",
  "sni": "www.contoso.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.2:443", "outcome": "miss", "reason": null},
    {"step": 2, "probe": "hostname:port www.contoso.com:443", "outcome": "skipped", "reason": "no binding for a host name on port 443"},
    {"step": 3, "probe": "scoped CCS www.contoso.com:443", "outcome": "hit", "reason": null},
    {"step": 3, "probe": "central store file www.contoso.com.pfx", "outcome": "miss", "reason": "the file is there, but it is not a PKCS#12 file"},
    {"step": 3, "probe": "central store file _.contoso.com.pfx", "outcome": "miss", "reason": "no such file"},
    {"step": 4, "probe": "IP:port [::]:443", "outcome": "skipped", "reason": "the client is IPv4; [::] serves IPv6 clients only"},
    {"step": 5, "probe": "IP:port 0.0.0.0:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "0.0.0.0:443"},
  "certificate": {"hash": "65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5", "store": "MY", "file": null, "subject": "CN=shop.contoso.com", "dnsnames": ["shop.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": false, "detail": "www.contoso.com is not among the certificate's DNS names: shop.contoso.com"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "The scoped CCS binding www.contoso.com:443 matched (Probe 3), but the central store file www.contoso.com.pfx is there and cannot serve (Probe 4 says why), so http.sys went on to the IP:port binding 0.0.0.0:443, whose certificate is not valid for www.contoso.com: the browser warns. Fix that file, or replace it with a .pfx of the certificate and its private key (cert import file=<.pfx or PEM file> store=ccs).",
  "result": "NAME_MISMATCH"
}
$ http delete sslcert scopedccs=www.contoso.com:443

SSL Certificate successfully deleted

$ http add sslcert ccs=443 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.2:443 host=shop.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.2:443 - not found
    Probe 2                      : hostname:port shop.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS shop.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file shop.contoso.com.pfx - not found (no such file)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : MY
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : passed: shop.contoso.com matches the DNS name shop.contoso.com
    Explanation                  : The CCS binding for port 443 matched (Probe 4) and looked in the central store for shop.contoso.com.pfx, then _.contoso.com.pfx: neither file is there, so http.sys went on to the IP:port binding 0.0.0.0:443. The certificate served is valid for shop.contoso.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.2:443 host=other.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : other.contoso.com
    SNI Sent                     : other.contoso.com
    Probe 1                      : IP:port 10.0.0.2:443 - not found
    Probe 2                      : hostname:port other.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS other.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file other.contoso.com.pfx - not found (no such file)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    Certificate Store Name       : MY
    Certificate Subject          : CN=shop.contoso.com
    Certificate DNS Names        : shop.contoso.com
    Name Check                   : failed: other.contoso.com is not among the certificate's DNS names: shop.contoso.com
    Explanation                  : The CCS binding for port 443 matched (Probe 4) and looked in the central store for other.contoso.com.pfx, then _.contoso.com.pfx: neither file is there, so http.sys went on to the IP:port binding 0.0.0.0:443, whose certificate is not valid for other.contoso.com: the browser warns. Put a certificate for other.contoso.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=other.contoso.com store=ccs makes a test one).
    Result                       : NAME_MISMATCH

$ http add sslcert ipport=10.0.0.3:443 certhash=a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.3:443 host=legacy.contoso.com sni=disable

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.3:443
    Host Name Typed              : legacy.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.3:443 - found
    Binding Used                 : IP:port 10.0.0.3:443
    Certificate Hash             : a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0
    Certificate Store Name       : MY
    Certificate Subject          : CN=legacy.contoso.com
    Certificate DNS Names        : (none)
    Name Check                   : failed: the certificate has no DNS names, only the subject CN=legacy.contoso.com; browsers ignore the subject CN, so it is valid for no name at all
    Explanation                  : The certificate served has no DNS names, only its subject (CN=legacy.contoso.com): browsers ignore the subject CN, so it is valid for no name at all, whichever binding serves it and whether or not the client sends SNI. The browser warns. Reissue it with legacy.contoso.com among its DNS names (subjectAltName).
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.3:443 host=legacy.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.3:443
    Host Name Typed              : legacy.contoso.com
    SNI Sent                     : legacy.contoso.com
    Probe 1                      : IP:port 10.0.0.3:443 - found
    Binding Used                 : IP:port 10.0.0.3:443
    Certificate Hash             : a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0
    Certificate Store Name       : MY
    Certificate Subject          : CN=legacy.contoso.com
    Certificate DNS Names        : (none)
    Name Check                   : failed: the certificate has no DNS names, only the subject CN=legacy.contoso.com; browsers ignore the subject CN, so it is valid for no name at all
    Explanation                  : The certificate served has no DNS names, only its subject (CN=legacy.contoso.com): browsers ignore the subject CN, so it is valid for no name at all, whichever binding serves it and whether or not the client sends SNI. The browser warns. Reissue it with legacy.contoso.com among its DNS names (subjectAltName).
    Result                       : NAME_MISMATCH

