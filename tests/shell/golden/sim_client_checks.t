$ cert import file=$DATA/certs/expired.pem
    Certificate Hash             : f9b743a2e711116d152a9b2f28c3fe0d21929f82
$ cert import file=$DATA/certs/notyet.pem
    Certificate Hash             : f56cb14a9de0400b696fbd0b306ed895afa3564c
$ cert import file=$DATA/certs/clientauth.pem
    Certificate Hash             : f16291d553dfff76b49386750c522ba2fa127389
$ cert import file=$DATA/certs/kuonly.pem
    Certificate Hash             : 1117002148cbe6fd60bd8603f1f2deb2027d09b7
$ http add sslcert ipport=10.0.0.1:443 certhash=f9b743a2e711116d152a9b2f28c3fe0d21929f82 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.2:443 certhash=f56cb14a9de0400b696fbd0b306ed895afa3564c appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.3:443 certhash=f16291d553dfff76b49386750c522ba2fa127389 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.4:443 certhash=1117002148cbe6fd60bd8603f1f2deb2027d09b7 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=old.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : old.contoso.com
    SNI Sent                     : old.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : f9b743a2e711116d152a9b2f28c3fe0d21929f82
    Certificate Store Name       : MY
    Certificate Subject          : CN=old.contoso.com
    Certificate DNS Names        : old.contoso.com
    Name Check                   : passed: old.contoso.com matches the DNS name old.contoso.com
    Validity                     : failed: expired on 2001-01-01 00:00:00 UTC; the browser warns
    Explanation                  : The certificate served is valid for old.contoso.com by name, but it expired on 2001-01-01 00:00:00 UTC. The browser warns all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=old.contoso.com json=enable exit=result
{
  "ipport": "10.0.0.1:443",
  "host": "old.contoso.com",
  "sni": "old.contoso.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "10.0.0.1:443"},
  "certificate": {"hash": "f9b743a2e711116d152a9b2f28c3fe0d21929f82", "store": "MY", "file": null, "subject": "CN=old.contoso.com", "dnsnames": ["old.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": true, "detail": "old.contoso.com matches the DNS name old.contoso.com"},
  "clientchecks": {"validity": "expired on 2001-01-01 00:00:00 UTC", "purpose": null, "chain": null},
  "explanation": "The certificate served is valid for old.contoso.com by name, but it expired on 2001-01-01 00:00:00 UTC. The browser warns all the same (Result OK says only that a certificate is served and its names fit).",
  "result": "OK"
}
$ sim handshake ipport=10.0.0.2:443 host=new.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : new.contoso.com
    SNI Sent                     : new.contoso.com
    Probe 1                      : IP:port 10.0.0.2:443 - found
    Binding Used                 : IP:port 10.0.0.2:443
    Certificate Hash             : f56cb14a9de0400b696fbd0b306ed895afa3564c
    Certificate Store Name       : MY
    Certificate Subject          : CN=new.contoso.com
    Certificate DNS Names        : new.contoso.com
    Name Check                   : passed: new.contoso.com matches the DNS name new.contoso.com
    Validity                     : failed: not valid before 2100-01-01 00:00:00 UTC; the browser warns
    Explanation                  : The certificate served is valid for new.contoso.com by name, but it is not valid before 2100-01-01 00:00:00 UTC. The browser warns all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

$ sim handshake ipport=10.0.0.2:443

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : (none)
    SNI Sent                     : No (no host name given)
    Probe 1                      : IP:port 10.0.0.2:443 - found
    Binding Used                 : IP:port 10.0.0.2:443
    Certificate Hash             : f56cb14a9de0400b696fbd0b306ed895afa3564c
    Certificate Store Name       : MY
    Certificate Subject          : CN=new.contoso.com
    Certificate DNS Names        : new.contoso.com
    Validity                     : failed: not valid before 2100-01-01 00:00:00 UTC; the browser warns
    Explanation                  : A certificate is served; no host name was given, so there is no name to check, but it is not valid before 2100-01-01 00:00:00 UTC. The browser warns all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

$ sim handshake ipport=10.0.0.3:443 host=eku.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.3:443
    Host Name Typed              : eku.contoso.com
    SNI Sent                     : eku.contoso.com
    Probe 1                      : IP:port 10.0.0.3:443 - found
    Binding Used                 : IP:port 10.0.0.3:443
    Certificate Hash             : f16291d553dfff76b49386750c522ba2fa127389
    Certificate Store Name       : MY
    Certificate Subject          : CN=eku.contoso.com
    Certificate DNS Names        : eku.contoso.com
    Name Check                   : passed: eku.contoso.com matches the DNS name eku.contoso.com
    Purpose                      : failed: not for a TLS server (its extendedKeyUsage does not include serverAuth); the browser refuses it
    Explanation                  : The certificate served is valid for eku.contoso.com by name, but it is not for a TLS server (its extendedKeyUsage does not include serverAuth). The browser warns all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

$ sim handshake ipport=10.0.0.4:443 host=ku.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.4:443
    Host Name Typed              : ku.contoso.com
    SNI Sent                     : ku.contoso.com
    Probe 1                      : IP:port 10.0.0.4:443 - found
    Binding Used                 : IP:port 10.0.0.4:443
    Certificate Hash             : 1117002148cbe6fd60bd8603f1f2deb2027d09b7
    Certificate Store Name       : MY
    Certificate Subject          : CN=ku.contoso.com
    Certificate DNS Names        : ku.contoso.com
    Name Check                   : passed: ku.contoso.com matches the DNS name ku.contoso.com
    Purpose                      : failed: not for a TLS server (its keyUsage allows neither digitalSignature, keyEncipherment nor keyAgreement); the browser refuses it
    Explanation                  : The certificate served is valid for ku.contoso.com by name, but it is not for a TLS server (its keyUsage allows neither digitalSignature, keyEncipherment nor keyAgreement). The browser warns all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

$ sim handshake ipport=10.0.0.4:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.4:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.4:443 - found
    Binding Used                 : IP:port 10.0.0.4:443
    Certificate Hash             : 1117002148cbe6fd60bd8603f1f2deb2027d09b7
    Certificate Store Name       : MY
    Certificate Subject          : CN=ku.contoso.com
    Certificate DNS Names        : ku.contoso.com
    Name Check                   : failed: www.contoso.com is not among the certificate's DNS names: ku.contoso.com
    Purpose                      : failed: not for a TLS server (its keyUsage allows neither digitalSignature, keyEncipherment nor keyAgreement); the browser refuses it
    Explanation                  : No binding names www.contoso.com, so the IP:port binding 10.0.0.4:443 answered with its certificate, which is not valid for that name: the browser warns. Besides, it is not for a TLS server (its keyUsage allows neither digitalSignature, keyEncipherment nor keyAgreement).
    Result                       : NAME_MISMATCH

$ cert import file=$DATA/certs/chain-leaf.pem
    Certificate Hash             : f3a4b020258611daeba20c9c449091399f57a954
    CA Certificate               : efcb43f3e2debc75052763a0a4d3cee9f95cda06 (store CA)
    CA Certificate               : 06a16001c1ad1f95981428969aaed2fa994bef39 (store Root)
$ http add sslcert ipport=10.0.0.5:443 certhash=f3a4b020258611daeba20c9c449091399f57a954 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.5:443 host=secure.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.5:443
    Host Name Typed              : secure.contoso.com
    SNI Sent                     : secure.contoso.com
    Probe 1                      : IP:port 10.0.0.5:443 - found
    Binding Used                 : IP:port 10.0.0.5:443
    Certificate Hash             : f3a4b020258611daeba20c9c449091399f57a954
    Certificate Store Name       : MY
    Certificate Subject          : CN=secure.contoso.com
    Certificate DNS Names        : secure.contoso.com
    Name Check                   : passed: secure.contoso.com matches the DNS name secure.contoso.com
    Explanation                  : The certificate served is valid for secure.contoso.com.
    Result                       : OK

$ cert delete certhash=efcb43f3e2debc75052763a0a4d3cee9f95cda06 store=CA

Certificate successfully deleted

$ sim handshake ipport=10.0.0.5:443 host=secure.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.5:443
    Host Name Typed              : secure.contoso.com
    SNI Sent                     : secure.contoso.com
    Probe 1                      : IP:port 10.0.0.5:443 - found
    Binding Used                 : IP:port 10.0.0.5:443
    Certificate Hash             : f3a4b020258611daeba20c9c449091399f57a954
    Certificate Store Name       : MY
    Certificate Subject          : CN=secure.contoso.com
    Certificate DNS Names        : secure.contoso.com
    Name Check                   : passed: secure.contoso.com matches the DNS name secure.contoso.com
    Chain                        : maybe incomplete: /CN=Contoso Test Issuing CA (issuer of the certificate) is not on this server; if it is an intermediate, a client that has only the root refuses it
    Explanation                  : The certificate served is valid for secure.contoso.com by name, but its chain is maybe incomplete: /CN=Contoso Test Issuing CA (issuer of the certificate) is not on this server; if it is an intermediate, a client that has only the root refuses it. The browser may warn all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

$ sim handshake ipport=10.0.0.5:443 host=secure.contoso.com json=enable
{
  "ipport": "10.0.0.5:443",
  "host": "secure.contoso.com",
  "sni": "secure.contoso.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.5:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "10.0.0.5:443"},
  "certificate": {"hash": "f3a4b020258611daeba20c9c449091399f57a954", "store": "MY", "file": null, "subject": "CN=secure.contoso.com", "dnsnames": ["secure.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": true, "detail": "secure.contoso.com matches the DNS name secure.contoso.com"},
  "clientchecks": {"validity": null, "purpose": null, "chain": "maybe incomplete: /CN=Contoso Test Issuing CA (issuer of the certificate) is not on this server; if it is an intermediate, a client that has only the root refuses it"},
  "explanation": "The certificate served is valid for secure.contoso.com by name, but its chain is maybe incomplete: /CN=Contoso Test Issuing CA (issuer of the certificate) is not on this server; if it is an intermediate, a client that has only the root refuses it. The browser may warn all the same (Result OK says only that a certificate is served and its names fit).",
  "result": "OK"
}
$ cert import file=$DATA/certs/rootleaf-root.pem store=MY
    Certificate Hash             : 75c816fd71394b4f29099ef437b8c57219faae75
$ cert import file=$DATA/certs/rootleaf.pem
    Certificate Hash             : 944cd079fcae98c55e8bf8190aabc4d88093b970
$ http add sslcert ipport=10.0.0.6:443 certhash=944cd079fcae98c55e8bf8190aabc4d88093b970 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.6:443 host=direct.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.6:443
    Host Name Typed              : direct.contoso.com
    SNI Sent                     : direct.contoso.com
    Probe 1                      : IP:port 10.0.0.6:443 - found
    Binding Used                 : IP:port 10.0.0.6:443
    Certificate Hash             : 944cd079fcae98c55e8bf8190aabc4d88093b970
    Certificate Store Name       : MY
    Certificate Subject          : CN=direct.contoso.com
    Certificate DNS Names        : direct.contoso.com
    Name Check                   : passed: direct.contoso.com matches the DNS name direct.contoso.com
    Explanation                  : The certificate served is valid for direct.contoso.com.
    Result                       : OK

$ cert delete certhash=75c816fd71394b4f29099ef437b8c57219faae75 store=MY

Certificate successfully deleted

$ sim handshake ipport=10.0.0.6:443 host=direct.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.6:443
    Host Name Typed              : direct.contoso.com
    SNI Sent                     : direct.contoso.com
    Probe 1                      : IP:port 10.0.0.6:443 - found
    Binding Used                 : IP:port 10.0.0.6:443
    Certificate Hash             : 944cd079fcae98c55e8bf8190aabc4d88093b970
    Certificate Store Name       : MY
    Certificate Subject          : CN=direct.contoso.com
    Certificate DNS Names        : direct.contoso.com
    Name Check                   : passed: direct.contoso.com matches the DNS name direct.contoso.com
    Chain                        : maybe incomplete: /CN=Contoso Direct Root (issuer of the certificate) is not on this server; if it is an intermediate, a client that has only the root refuses it
    Explanation                  : The certificate served is valid for direct.contoso.com by name, but its chain is maybe incomplete: /CN=Contoso Direct Root (issuer of the certificate) is not on this server; if it is an intermediate, a client that has only the root refuses it. The browser may warn all the same (Result OK says only that a certificate is served and its names fit).
    Result                       : OK

