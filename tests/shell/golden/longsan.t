$ cert import file=$DATA/certs/longsan.pem
    Certificate Hash             : 1be45b070615d5ae529e6539c71b741d692430d1
$ cert show

Certificate stores:
-------------------

    Certificate Store Name       : MY
    Certificate Hash             : 1be45b070615d5ae529e6539c71b741d692430d1
    Subject                      : CN=long
    DNS Names                    : www.contoso.com, and 1 more
    Valid From                   : 2026-12-03 21:12:56 UTC
    Valid Until                  : 2126-11-09 21:12:56 UTC
    Private Key                  : Yes

$ cert show json=enable
{
  "certificates": [
    {
      "certhash": "1be45b070615d5ae529e6539c71b741d692430d1",
      "store": "MY",
      "file": null,
      "subject": "CN=long",
      "dnsnames": ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...", "www.contoso.com"],
      "ipaddresses": [],
      "notbefore": "2026-12-03 21:12:56 UTC",
      "notafter": "2126-11-09 21:12:56 UTC",
      "privatekey": true
    }
  ]
}
$ http add sslcert ipport=10.0.0.1:443 certhash=1be45b070615d5ae529e6539c71b741d692430d1 appid={00112233-4455-6677-8899-aabbccddeeff}

SSL Certificate successfully added

$ sim handshake ipport=10.0.0.1:443 host=shop.contoso.com

Handshake simulation:
---------------------

    Client Connects To           : 10.0.0.1:443
    Host Name Typed              : shop.contoso.com
    SNI Sent                     : shop.contoso.com
    Probe 1                      : IP:port 10.0.0.1:443 - found
    Binding Used                 : IP:port 10.0.0.1:443
    Certificate Hash             : 1be45b070615d5ae529e6539c71b741d692430d1
    Certificate Store Name       : MY
    Certificate Subject          : CN=long
    Certificate DNS Names        : www.contoso.com, and 1 more
    Name Check                   : failed: shop.contoso.com is not among the certificate's DNS names: www.contoso.com, and 1 more
    Explanation                  : No binding names shop.contoso.com, so the IP:port binding 10.0.0.1:443 answered with its certificate, which is not valid for that name: the browser warns.
    Result                       : NAME_MISMATCH

