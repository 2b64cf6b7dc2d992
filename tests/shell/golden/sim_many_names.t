$ cert import file=$DATA/certs/sans60.pem
    Certificate Hash             : 1c7a43bde45409f68871f8145a89562a5be00a3f
$ http add sslcert ipport=0.0.0.0:443 certhash=1c7a43bde45409f68871f8145a89562a5be00a3f appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=www.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : www.contoso.com
    SNI Sent                     : www.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port www.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : central certificate store - skipped (no binding in the CCS tables on port 443)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 1c7a43bde45409f68871f8145a89562a5be00a3f
    Certificate Store Name       : MY
    Certificate Subject          : CN=site00.fabrikam-example.com
    Certificate DNS Names        : site00.fabrikam-example.com, site01.fabrikam-example.com, site02.fabrikam-example.com, site03.fabrikam-example.com, site04.fabrikam-example.com, site05.fabrikam-example.com, site06.fabrikam-example.com, site07.fabrikam-example.com, site08.fabrikam-example.com, site09.fabrikam-example.com, site10.fabrikam-example.com, site11.fabrikam-example.com, site12.fabrikam-example.com, site13.fabrikam-example.com, site14.fabrikam-example.com, site15.fabrikam-example.com, site16.fabrikam-example.com, site17.fabrikam-example.com, site18.fabrikam-example.com, site19.fabrikam-example.com, site20.fabrikam-example.com, site21.fabrikam-example.com, site22.fabrikam-example.com, site23.fabrikam-example.com, site24.fabrikam-example.com, site25.fabrikam-example.com, site26.fabrikam-example.com, site27.fabrikam-example.com, site28.fabrikam-example.com, site29.fabrikam-example.com, site30.fabrikam-example.com, site31.fabrikam-example.com, site32.fabrikam-example.com, site33.fabrikam-example.com, and 26 more
    Name Check                   : passed: www.contoso.com matches the DNS name *.contoso.com
    Explanation                  : The certificate served is valid for www.contoso.com.
    Result                       : OK

$ sim handshake ipport=10.0.0.1:443 host=a.b.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : a.b.contoso.com
    SNI Sent                     : a.b.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - skipped (no binding for a specific address on port 443)
    Probe 2                      : hostname:port a.b.contoso.com:443 - skipped (no binding for a host name on port 443)
    Probe 3                      : central certificate store - skipped (no binding in the CCS tables on port 443)
    Probe 4                      : IP:port [::]:443 - skipped (the client is IPv4; [::] serves IPv6 clients only)
    Probe 5                      : IP:port 0.0.0.0:443 - found
    Binding Used                 : IP:port 0.0.0.0:443
    Certificate Hash             : 1c7a43bde45409f68871f8145a89562a5be00a3f
    Certificate Store Name       : MY
    Certificate Subject          : CN=site00.fabrikam-example.com
    Certificate DNS Names        : site00.fabrikam-example.com, site01.fabrikam-example.com, site02.fabrikam-example.com, site03.fabrikam-example.com, site04.fabrikam-example.com, site05.fabrikam-example.com, site06.fabrikam-example.com, site07.fabrikam-example.com, site08.fabrikam-example.com, site09.fabrikam-example.com, site10.fabrikam-example.com, site11.fabrikam-example.com, site12.fabrikam-example.com, site13.fabrikam-example.com, site14.fabrikam-example.com, site15.fabrikam-example.com, site16.fabrikam-example.com, site17.fabrikam-example.com, site18.fabrikam-example.com, site19.fabrikam-example.com, site20.fabrikam-example.com, site21.fabrikam-example.com, site22.fabrikam-example.com, site23.fabrikam-example.com, site24.fabrikam-example.com, site25.fabrikam-example.com, site26.fabrikam-example.com, site27.fabrikam-example.com, site28.fabrikam-example.com, site29.fabrikam-example.com, site30.fabrikam-example.com, site31.fabrikam-example.com, site32.fabrikam-example.com, site33.fabrikam-example.com, and 26 more
    Name Check                   : failed: *.contoso.com covers one label only, and a.b.contoso.com has 2 labels before contoso.com
    Explanation                  : No binding names a.b.contoso.com, so the IP:port binding 0.0.0.0:443 answered with its certificate, which is not valid for that name: the browser warns.
    Result                       : NAME_MISMATCH

$ sim handshake ipport=10.0.0.1:443 host=shop.fabrikam-example.com json=enable
{
  "ipport": "10.0.0.1:443",
  "host": "shop.fabrikam-example.com",
  "sni": "shop.fabrikam-example.com",
  "trailingdotdropped": false,
  "probes": [
    {"step": 1, "probe": "IP:port 10.0.0.1:443", "outcome": "skipped", "reason": "no binding for a specific address on port 443"},
    {"step": 2, "probe": "hostname:port shop.fabrikam-example.com:443", "outcome": "skipped", "reason": "no binding for a host name on port 443"},
    {"step": 3, "probe": "central certificate store", "outcome": "skipped", "reason": "no binding in the CCS tables on port 443"},
    {"step": 4, "probe": "IP:port [::]:443", "outcome": "skipped", "reason": "the client is IPv4; [::] serves IPv6 clients only"},
    {"step": 5, "probe": "IP:port 0.0.0.0:443", "outcome": "hit", "reason": null}
  ],
  "binding": {"type": "IP:port", "key": "0.0.0.0:443"},
  "certificate": {"hash": "1c7a43bde45409f68871f8145a89562a5be00a3f", "store": "MY", "file": null, "subject": "CN=site00.fabrikam-example.com", "dnsnames": ["site00.fabrikam-example.com", "site01.fabrikam-example.com", "site02.fabrikam-example.com", "site03.fabrikam-example.com", "site04.fabrikam-example.com", "site05.fabrikam-example.com", "site06.fabrikam-example.com", "site07.fabrikam-example.com", "site08.fabrikam-example.com", "site09.fabrikam-example.com", "site10.fabrikam-example.com", "site11.fabrikam-example.com", "site12.fabrikam-example.com", "site13.fabrikam-example.com", "site14.fabrikam-example.com", "site15.fabrikam-example.com", "site16.fabrikam-example.com", "site17.fabrikam-example.com", "site18.fabrikam-example.com", "site19.fabrikam-example.com", "site20.fabrikam-example.com", "site21.fabrikam-example.com", "site22.fabrikam-example.com", "site23.fabrikam-example.com", "site24.fabrikam-example.com", "site25.fabrikam-example.com", "site26.fabrikam-example.com", "site27.fabrikam-example.com", "site28.fabrikam-example.com", "site29.fabrikam-example.com", "site30.fabrikam-example.com", "site31.fabrikam-example.com", "site32.fabrikam-example.com", "site33.fabrikam-example.com", "site34.fabrikam-example.com", "site35.fabrikam-example.com", "site36.fabrikam-example.com", "site37.fabrikam-example.com", "site38.fabrikam-example.com", "site39.fabrikam-example.com", "site40.fabrikam-example.com", "site41.fabrikam-example.com", "site42.fabrikam-example.com", "site43.fabrikam-example.com", "site44.fabrikam-example.com", "site45.fabrikam-example.com", "site46.fabrikam-example.com", "site47.fabrikam-example.com", "site48.fabrikam-example.com", "site49.fabrikam-example.com", "site50.fabrikam-example.com", "site51.fabrikam-example.com", "site52.fabrikam-example.com", "site53.fabrikam-example.com", "site54.fabrikam-example.com", "site55.fabrikam-example.com", "site56.fabrikam-example.com", "site57.fabrikam-example.com", "site58.fabrikam-example.com", "*.contoso.com"], "ipaddresses": [], "privatekey": true},
  "namecheck": {"passed": false, "detail": "shop.fabrikam-example.com is not among the certificate's DNS names: site00.fabrikam-example.com, site01.fabrikam-example.com, site02.fabrikam-example.com, site03.fabrikam-example.com, site04.fabrikam-example.com, site05.fabrikam-example.com, site06.fabrikam-example.com, site07.fabrikam-example.com, site08.fabrikam-example.com, site09.fabrikam-example.com, site10.fabrikam-example.com, site11.fabrikam-example.com, site12.fabrikam-example.com, site13.fabrikam-example.com, and 46 more"},
  "clientchecks": {"validity": null, "purpose": null, "chain": null},
  "explanation": "No binding names shop.fabrikam-example.com, so the IP:port binding 0.0.0.0:443 answered with its certificate, which is not valid for that name: the browser warns.",
  "result": "NAME_MISMATCH"
}
$ cert show certhash=1c7a43bde45409f68871f8145a89562a5be00a3f

Certificate stores:
-------------------

    Certificate Store Name       : MY
    Certificate Hash             : 1c7a43bde45409f68871f8145a89562a5be00a3f
    Subject                      : CN=site00.fabrikam-example.com
    DNS Names                    : site00.fabrikam-example.com, site01.fabrikam-example.com, site02.fabrikam-example.com, site03.fabrikam-example.com, site04.fabrikam-example.com, site05.fabrikam-example.com, site06.fabrikam-example.com, site07.fabrikam-example.com, site08.fabrikam-example.com, site09.fabrikam-example.com, site10.fabrikam-example.com, site11.fabrikam-example.com, site12.fabrikam-example.com, site13.fabrikam-example.com, site14.fabrikam-example.com, site15.fabrikam-example.com, site16.fabrikam-example.com, site17.fabrikam-example.com, site18.fabrikam-example.com, site19.fabrikam-example.com, site20.fabrikam-example.com, site21.fabrikam-example.com, site22.fabrikam-example.com, site23.fabrikam-example.com, site24.fabrikam-example.com, site25.fabrikam-example.com, site26.fabrikam-example.com, site27.fabrikam-example.com, site28.fabrikam-example.com, site29.fabrikam-example.com, site30.fabrikam-example.com, site31.fabrikam-example.com, site32.fabrikam-example.com, site33.fabrikam-example.com, and 26 more
    Valid From                   : 2025-01-01 00:00:00 UTC
    Valid Until                  : 2125-01-01 00:00:00 UTC
    Private Key                  : Yes

$ cert show certhash=1c7a43bde45409f68871f8145a89562a5be00a3f json=enable
{
  "certificates": [
    {
      "certhash": "1c7a43bde45409f68871f8145a89562a5be00a3f",
      "store": "MY",
      "file": null,
      "subject": "CN=site00.fabrikam-example.com",
      "dnsnames": ["site00.fabrikam-example.com", "site01.fabrikam-example.com", "site02.fabrikam-example.com", "site03.fabrikam-example.com", "site04.fabrikam-example.com", "site05.fabrikam-example.com", "site06.fabrikam-example.com", "site07.fabrikam-example.com", "site08.fabrikam-example.com", "site09.fabrikam-example.com", "site10.fabrikam-example.com", "site11.fabrikam-example.com", "site12.fabrikam-example.com", "site13.fabrikam-example.com", "site14.fabrikam-example.com", "site15.fabrikam-example.com", "site16.fabrikam-example.com", "site17.fabrikam-example.com", "site18.fabrikam-example.com", "site19.fabrikam-example.com", "site20.fabrikam-example.com", "site21.fabrikam-example.com", "site22.fabrikam-example.com", "site23.fabrikam-example.com", "site24.fabrikam-example.com", "site25.fabrikam-example.com", "site26.fabrikam-example.com", "site27.fabrikam-example.com", "site28.fabrikam-example.com", "site29.fabrikam-example.com", "site30.fabrikam-example.com", "site31.fabrikam-example.com", "site32.fabrikam-example.com", "site33.fabrikam-example.com", "site34.fabrikam-example.com", "site35.fabrikam-example.com", "site36.fabrikam-example.com", "site37.fabrikam-example.com", "site38.fabrikam-example.com", "site39.fabrikam-example.com", "site40.fabrikam-example.com", "site41.fabrikam-example.com", "site42.fabrikam-example.com", "site43.fabrikam-example.com", "site44.fabrikam-example.com", "site45.fabrikam-example.com", "site46.fabrikam-example.com", "site47.fabrikam-example.com", "site48.fabrikam-example.com", "site49.fabrikam-example.com", "site50.fabrikam-example.com", "site51.fabrikam-example.com", "site52.fabrikam-example.com", "site53.fabrikam-example.com", "site54.fabrikam-example.com", "site55.fabrikam-example.com", "site56.fabrikam-example.com", "site57.fabrikam-example.com", "site58.fabrikam-example.com", "*.contoso.com"],
      "ipaddresses": [],
      "notbefore": "2025-01-01 00:00:00 UTC",
      "notafter": "2125-01-01 00:00:00 UTC",
      "privatekey": true
    }
  ]
}
