$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/wildcard.pem store=WebHosting
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
$ cert import file=$DATA/certs/cnonly.pem
    Certificate Hash             : a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0
$ cert import file=$DATA/certs/fabrikam.pfx password=secret store=ccs
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
$ cert import file=$DATA/certs/multi.pem
    Certificate Hash             : 5e046e74a02fabfb83ebb199232b5239056dc1e2
$ cert show

Certificate stores:
-------------------

    Certificate Store Name       : ccs
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
    Central Store File           : www.fabrikam.com.pfx
    Subject                      : CN=www.fabrikam.com
    DNS Names                    : www.fabrikam.com, fabrikam.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

    Certificate Store Name       : MY
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Subject                      : CN=www.contoso.com
    DNS Names                    : www.contoso.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

    Certificate Store Name       : MY
    Certificate Hash             : 5e046e74a02fabfb83ebb199232b5239056dc1e2
    Subject                      : CN=a.example
    DNS Names                    : a.example, B.Example
    IP Addresses                 : 192.0.2.1, 2001:db8::1
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

    Certificate Store Name       : MY
    Certificate Hash             : a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0
    Subject                      : CN=legacy.contoso.com
    DNS Names                    : (none)
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

    Certificate Store Name       : WebHosting
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
    Subject                      : CN=*.contoso.com
    DNS Names                    : *.contoso.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

$ cert show store=webhosting certhash=010517b077e0d5d32e656fc03b04cf8e8350c851

Certificate stores:
-------------------

    Certificate Store Name       : webhosting
    Certificate Hash             : 010517b077e0d5d32e656fc03b04cf8e8350c851
    Subject                      : CN=*.contoso.com
    DNS Names                    : *.contoso.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

$ cert show certhash=0000000000000000000000000000000000000000

Certificate stores:
-------------------

The system cannot find the file specified.

! sslbind: no certificate 0000000000000000000000000000000000000000 in any store
[exit 1]
$ cert import file=$DATA/certs/fabrikam.pfx password=wrong

The parameter is incorrect.

! sslbind: $DATA/certs/fabrikam.pfx: the password is wrong (or the file is damaged)
[exit 1]
$ cert import file=$DATA/certs/fabrikam.pfx

The parameter is incorrect.

! sslbind: $DATA/certs/fabrikam.pfx: the file is protected by a password: give password=…
[exit 1]
$ cert import file=$DATA/certs/cert-only.pem

The parameter is incorrect.

! sslbind: $DATA/certs/cert-only.pem: no private key: a server certificate needs its key in the same file (cat cert.pem key.pem); a CA certificate alone goes to store=CA or store=Root
[exit 1]
$ cert import file=$DATA/certs/notacert.txt

The parameter is incorrect.

! sslbind: $DATA/certs/notacert.txt: neither a PEM file nor a PKCS#12 (.pfx) file
[exit 1]
$ cert import file=$DATA/certs/missing.pem

The parameter is incorrect.

! sslbind: $DATA/certs/missing.pem: No such file or directory
[exit 1]
$ cert import file=$DATA/certs/contoso.pem store=../../etc

The parameter is incorrect.

! sslbind: store: store name '../../etc' is not a plain name
[exit 1]
$ cert create subject=www.contoso.com days=0

The parameter is incorrect.

! sslbind: days: 0 is not in 1..36500
[exit 1]
$ cert create subject=www.contoso.com store=a/b

The parameter is incorrect.

! sslbind: store: store name 'a/b' has the character '/': only letters, digits, '-', '_', '.' and spaces
[exit 1]
$ cert create subject=bad!name

The parameter is incorrect.

! sslbind: subject: 'bad!name' has the character '!': not a DNS name
[exit 1]
$ cert export certhash=0000000000000000000000000000000000000000 file=/tmp/never-written.pem

The system cannot find the file specified.

! sslbind: no certificate 0000000000000000000000000000000000000000 in store MY
[exit 1]
$ cert delete certhash=2006557039ef547eb88124f0ef5d7e7d1639adff store=WebHosting

The system cannot find the file specified.

! sslbind: no certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store WebHosting
[exit 1]
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert hostnameport=www.contoso.com:443 certhash=010517b077e0d5d32e656fc03b04cf8e8350c851 appid={00112233-4455-6677-8899-aabbccddeeff} certstorename=WebHosting

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.2:443 certhash=a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ http add sslcert ipport=10.0.0.3:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={00112233-4455-6677-8899-aabbccddeeff} reject=enable

SSL Certificate successfully added

$ http add sslcert ccs=8443 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

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
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : passed: www.contoso.com matches the DNS name www.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : No (a legacy client that does not send SNI)
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com
    Explanation                  : The client sent no SNI, so http.sys knew only 10.0.0.1:443 and served that binding's certificate; the name the user typed (and the Host header) travel encrypted, after the certificate is chosen. The browser warns.
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.9:443 host=shop.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.9:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.9:443 - not found
    Probe 2                      : hostname:port shop.contoso.com:443 - not found
    Probe 3                      : central certificate store - skipped (no binding in the CCS tables on port 443)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Add a binding for this host name or IP:port, or a 0.0.0.0:<port> default.
    Result                       : NO_BINDING

$ sim handshake ipport=10.0.0.9:443 host=contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.9:443
    Host Name Typed              : contoso.com
    SNI Sent                     : contoso.com
    Probe 1                      : IP:port 10.0.0.9:443 - not found
    Probe 2                      : hostname:port contoso.com:443 - not found
    Probe 3                      : central certificate store - skipped (no binding in the CCS tables on port 443)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Add a binding for this host name or IP:port, or a 0.0.0.0:<port> default.
    Result                       : NO_BINDING

$ sim handshake ipport=10.0.0.2:443 host=legacy.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.2:443
    Host Name Typed              : legacy.contoso.com
    SNI Sent                     : legacy.contoso.com
    Probe 1                      : IP:port 10.0.0.2:443 - found
    Binding Used                 : IP:port 10.0.0.2:443
    Certificate Hash             : a7d848bce9bc1ca2b50712a5c7a69188f14c8aa0
    Certificate Store Name       : MY
    Certificate Subject          : CN=legacy.contoso.com
    Certificate DNS Names        : (none)
    Name Check                   : failed: the certificate has no DNS names, only the subject CN=legacy.contoso.com; browsers ignore the subject CN, so it is valid for no name at all
    Explanation                  : The certificate served has no DNS names, only its subject (CN=legacy.contoso.com): browsers ignore the subject CN, so it is valid for no name at all, whichever binding serves it and whether or not the client sends SNI. The browser warns. Reissue it with legacy.contoso.com among its DNS names (subjectAltName).
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.3:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.3:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.3:443 - found
    Binding Used                 : IP:port 10.0.0.3:443
    Explanation                  : The binding has reject=enable: http.sys refuses the connection before it looks at a certificate.
    Result                       : REJECTED

$ sim handshake ipport=10.0.0.9:8443 host=WWW.Fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.9:8443
    Host Name Typed              : WWW.Fabrikam.com
    SNI Sent                     : www.fabrikam.com
    Probe 1                      : IP:port 10.0.0.9:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port www.fabrikam.com:8443 - skipped (no binding for a host name on port 8443)
    Probe 3                      : scoped CCS www.fabrikam.com:8443 - skipped (no binding for a scoped CCS host name on port 8443)
    Probe 4                      : CCS port 8443 - found
    Probe 5                      : central store file www.fabrikam.com.pfx - found
    Binding Used                 : Central Certificate Store 8443
    Certificate Hash             : e5729401b92e64261e2df399f92c370bb00ece17
    Central Store File           : www.fabrikam.com.pfx
    Certificate Subject          : CN=www.fabrikam.com
    Certificate DNS Names        : www.fabrikam.com, fabrikam.com
    Name Check                   : passed: WWW.Fabrikam.com matches the DNS name www.fabrikam.com
    Explanation                  : The certificate served is valid for WWW.Fabrikam.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.9:8443 host=fabrikam.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.9:8443
    Host Name Typed              : fabrikam.com
    SNI Sent                     : fabrikam.com
    Probe 1                      : IP:port 10.0.0.9:8443 - skipped (no binding for a specific address on port 8443)
    Probe 2                      : hostname:port fabrikam.com:8443 - skipped (no binding for a host name on port 8443)
    Probe 3                      : scoped CCS fabrikam.com:8443 - skipped (no binding for a scoped CCS host name on port 8443)
    Probe 4                      : CCS port 8443 - found
    Probe 5                      : central store file fabrikam.com.pfx - not found (no such file)
    Probe 6                      : central store file _.com.pfx - not found (no such file)
    Probe 7                      : IP:port [::]:8443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 8                      : IP:port 0.0.0.0:8443 - skipped (no binding for 0.0.0.0 on port 8443)
    Binding Used                 : (none)
    Explanation                  : The CCS binding for port 8443 matched (Probe 4) and looked in the central store for fabrikam.com.pfx, then _.com.pfx: neither file is there, and no 0.0.0.0:8443 binding catches the client, so no binding serves it and http.sys resets the connection. Put a certificate for fabrikam.com, with its private key, in the central store: cert import file=<.pfx or PEM file> store=ccs names the file after the certificate's first DNS name (cert create subject=fabrikam.com store=ccs makes a test one).
    Result                       : NO_BINDING

$ sim handshake ipport=[2001:db8::1]:443 host=2001:db8::1

Handshake simulation:
---------------------

    Client Connects To           : [2001:db8::1]:443
    Host Name Typed              : 2001:db8::1
    SNI Sent                     : No (an IP address is never sent as SNI)
    Probe 1                      : IP:port [2001:db8::1]:443 - not found
    Probe 2                      : hostname:port - skipped (the client sent no SNI)
    Probe 3                      : central certificate store - skipped (the client sent no SNI)
    Probe 4                      : IP:port [::]:443 - skipped (no binding for [::] on port 443)
    Probe 5                      : IP:port 0.0.0.0:443 - skipped (no binding for 0.0.0.0 on port 443)
    Binding Used                 : (none)
    Explanation                  : No binding matched, so http.sys resets the connection. Without SNI only IP:port bindings can answer: a 0.0.0.0:<port> (or an IP:port) binding would catch this client.
    Result                       : NO_BINDING

$ sim handshake ipport=10.0.0.1:443

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : (none)
    SNI Sent                     : No (no host name given)
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Certificate Store Name       : MY
    Certificate Subject          : CN=www.contoso.com
    Certificate DNS Names        : www.contoso.com
    Explanation                  : A certificate is served; no host name was given, so there is no name to check.
    Result                       : OK

$ cert delete certhash=2006557039ef547eb88124f0ef5d7e7d1639adff

Certificate successfully deleted

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com json=enable
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
$ sim handshake ipport=10.0.0.1:443 host=bad_host!

The parameter is incorrect.

! sslbind: host: host name has the character '!' (0x21): only letters, digits, '-' and '_' are allowed
[exit 1]
$ sim handshake ipport=10.0.0.1:443 sni=enable

The parameter is incorrect.

! sslbind: sni=enable needs host=: the SNI is the name the user typed
[exit 1]
$ sim handshake ipport=10.0.0.1 host=www.contoso.com

The parameter is incorrect.

! sslbind: ipport: '10.0.0.1': expected address:port
[exit 1]
$ sim handshake host=www.contoso.com

One or more essential parameters were not entered.
Verify the required parameters, and reenter them.
The syntax supplied for this command is not valid. Check help for the correct syntax.

Usage: handshake
	ipport=<ip:port>
	[host=<name or IP>]
	[sni=enable|disable]
	[json=enable|disable]
	[exit=result|status]

Parameters:

    Tag                   Value
    ipport                - The local address and port the client connected to.
    host                  - What the user typed in the browser: a DNS name or an IP address.
    sni                   - Whether the client sends the name as SNI (default enable for a name).
    json                  - Print the simulation as JSON.
    exit                  - result: the exit status is the Result's code (Remarks); status (default): 0 if it ran.

Remarks: Follows http.sys's lookup probe by probe (exact IP:port, SNI host name, central
         store, [::], 0.0.0.0), then checks the certificate's names as a browser does.
         Result: OK, NAME_MISMATCH, NO_BINDING, CERT_NOT_FOUND or REJECTED.
         The exit status is 0 whenever the simulation ran; with exit=result it is
         the Result's: 0 OK, 2 NAME_MISMATCH, 3 NO_BINDING, 4 CERT_NOT_FOUND,
         5 REJECTED (1 stays bad input). One trailing dot on host= is dropped for
         the lookup and the name check, as servers and browsers do.

Examples:

      sim handshake ipport=10.0.0.1:443 host=www.contoso.com
      sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable
      sim handshake ipport=[2001:db8::1]:443 host=2001:db8::1 json=enable
      sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=result

! sslbind: ipport: required
[exit 1]
$ sim handshake ipport=10.0.0.9:8443 host=www.fabrikam.com json=enable
{
  "ipport": "10.0.0.9:8443",
  "host": "www.fabrikam.com",
  "sni": "www.fabrikam.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.9:8443", "outcome": "skipped", "reason": "no binding for a specific address on port 8443"},
    {"step": 2, "probe": "hostname:port www.fabrikam.com:8443", "outcome": "skipped", "reason": "no binding for a host name on port 8443"},
    {"step": 3, "probe": "scoped CCS www.fabrikam.com:8443", "outcome": "skipped", "reason": "no binding for a scoped CCS host name on port 8443"},
    {"step": 3, "probe": "CCS port 8443", "outcome": "hit", "reason": null},
    {"step": 3, "probe": "central store file www.fabrikam.com.pfx", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "Central Certificate Store", "key": "8443"},
  "certificate": {"hash": "e5729401b92e64261e2df399f92c370bb00ece17", "store": "ccs", "file": "www.fabrikam.com.pfx", "subject": "CN=www.fabrikam.com", "dnsnames": ["www.fabrikam.com", "fabrikam.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": true, "detail": "www.fabrikam.com matches the DNS name www.fabrikam.com"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "The certificate served is valid for www.fabrikam.com.",
  "result": "OK"
}
