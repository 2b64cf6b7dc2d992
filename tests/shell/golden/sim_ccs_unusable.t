$ http add sslcert ccs=443 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ @file certs/ccs/www.contoso.com.pfx/planted
$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port www.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS www.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file www.contoso.com.pfx - not found (the file is there, but it cannot be read: it is a directory)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : The CCS binding for port 443 matched (Probe 4), but the central store file www.contoso.com.pfx is there and cannot serve (Probe 5 says why), and no 0.0.0.0:443 binding catches the client, so no binding serves it and http.sys resets the connection. Fix that file, or replace it with a .pfx of the certificate and its private key (cert import file=<.pfx or PEM file> store=ccs).
    Result                       : NO_BINDING

$ @file certs/ccs/shop.contoso.com.pfx
> this is not a certificate
$ sim handshake ipport=10.0.0.1:443 host=shop.contoso.com json=enable
{
  "ipport": "10.0.0.1:443",
  "host": "shop.contoso.com",
  "sni": "shop.contoso.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "skipped", "reason": "no binding for a specific address on port 443"},
    {"step": 2, "probe": "hostname:port shop.contoso.com:443", "outcome": "skipped", "reason": "no binding for a host name on port 443"},
    {"step": 3, "probe": "scoped CCS shop.contoso.com:443", "outcome": "skipped", "reason": "no binding for a scoped CCS host name on port 443"},
    {"step": 3, "probe": "CCS port 443", "outcome": "hit", "reason": null},
    {"step": 3, "probe": "central store file shop.contoso.com.pfx", "outcome": "miss", "reason": "the file is there, but it is not a PKCS#12 file"},
    {"step": 3, "probe": "central store file _.contoso.com.pfx", "outcome": "miss", "reason": "no such file"},
    {"step": 4, "probe": "IP:port [::]:443", "outcome": "skipped", "reason": "the client is IPv4; [::] serves IPv6 clients only"},
    {"step": 5, "probe": "IP:port 0.0.0.0:443", "outcome": "skipped", "reason": "no binding for 0.0.0.0 on port 443"}
  ],
  "binding": null,
  "certificate": null,
  "namecheck": null,
  "clientchecks": null,
  "explanation": "The CCS binding for port 443 matched (Probe 4), but the central store file shop.contoso.com.pfx is there and cannot serve (Probe 5 says why), and no 0.0.0.0:443 binding catches the client, so no binding serves it and http.sys resets the connection. Fix that file, or replace it with a .pfx of the certificate and its private key (cert import file=<.pfx or PEM file> store=ccs).",
  "result": "NO_BINDING"
}
$ cert import file=$DATA/certs/weak-rsa1024.pem store=ccs
    Certificate Hash             : ff1e74348e2bfa0ba27b5a77602a5c8e4aa0b401
$ sim handshake ipport=10.0.0.1:443 host=rsa1024.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : rsa1024.contoso.com
    SNI Sent                     : rsa1024.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port rsa1024.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS rsa1024.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file rsa1024.contoso.com.pfx - not found (the file is there, but a TLS server cannot present its certificate: RSA 1024-bit key: below OpenSSL's security level 2 (112-bit security: RSA keys of 2048 bits or more))
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : The CCS binding for port 443 matched (Probe 4), but the central store file rsa1024.contoso.com.pfx is there and cannot serve (Probe 5 says why), and no 0.0.0.0:443 binding catches the client, so no binding serves it and http.sys resets the connection. Fix that file, or replace it with a .pfx of the certificate and its private key (cert import file=<.pfx or PEM file> store=ccs).
    Result                       : NO_BINDING

$ sim handshake ipport=10.0.0.1:443 host=missing.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : missing.contoso.com
    SNI Sent                     : missing.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port missing.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS missing.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file missing.contoso.com.pfx - not found (no such file)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : The CCS binding for port 443 matched (Probe 4) and looked in the central store for missing.contoso.com.pfx, then _.contoso.com.pfx: neither file is there, and no 0.0.0.0:443 binding catches the client, so no binding serves it and http.sys resets the connection. Put a certificate for missing.contoso.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=missing.contoso.com store=ccs makes a test one).
    Result                       : NO_BINDING

$ sim handshake ipport=[2001:db8::1]:443 host=missing.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : [2001:db8::1]:443
    Host Name Typed              : missing.contoso.com
    SNI Sent                     : missing.contoso.com
    Probe 1                      : IP:port [2001:db8::1]:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port missing.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS missing.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file missing.contoso.com.pfx - not found (no such file)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - skipped (no binding for [::] on port 443)
    Probe 8                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : The CCS binding for port 443 matched (Probe 4) and looked in the central store for missing.contoso.com.pfx, then _.contoso.com.pfx: neither file is there, and no [::]:443 or 0.0.0.0:443 binding catches the client, so no binding serves it and http.sys resets the connection. Put a certificate for missing.contoso.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=missing.contoso.com store=ccs makes a test one).
    Result                       : NO_BINDING

$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=[::]:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=[2001:db8::1]:443 host=missing.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : [2001:db8::1]:443
    Host Name Typed              : missing.contoso.com
    SNI Sent                     : missing.contoso.com
    Probe 1                      : IP:port [2001:db8::1]:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port missing.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS missing.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file missing.contoso.com.pfx - not found (no such file)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - found
    Binding Used                 : IP:port [::]:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: missing.contoso.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : The CCS binding for port 443 matched (Probe 4) and looked in the central store for missing.contoso.com.pfx, then _.contoso.com.pfx: neither file is there, so http.sys went on to the IP:port binding [::]:443, whose certificate is not valid for missing.contoso.com: the browser warns. Put a certificate for missing.contoso.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=missing.contoso.com store=ccs makes a test one).
    Result                       : NAME_MISMATCH

$ sim handshake ipport=[2001:db8::1]:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : [2001:db8::1]:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port [2001:db8::1]:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port www.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : scoped CCS www.contoso.com:443 - skipped (no binding for a scoped CCS host name on port 443)
    Probe 4                      : CCS port 443 - found
    Probe 5                      : central store file www.contoso.com.pfx - not found (the file is there, but it cannot be read: it is a directory)
    Probe 6                      : central store file _.contoso.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:443 - found
    Binding Used                 : IP:port [::]:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The CCS binding for port 443 matched (Probe 4), but the central store file www.contoso.com.pfx is there and cannot serve (Probe 5 says why), so http.sys went on to the IP:port binding [::]:443. The certificate served is valid for www.contoso.com.
    Result                       : OK

