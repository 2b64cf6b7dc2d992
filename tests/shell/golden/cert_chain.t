$ cert import file=$DATA/certs/chain-leaf.pem
    Certificate Hash             : f3a4b020258611daeba20c9c449091399f57a954
    CA Certificate               : efcb43f3e2debc75052763a0a4d3cee9f95cda06 (store CA)
    CA Certificate               : 06a16001c1ad1f95981428969aaed2fa994bef39 (store Root)
$ cert import file=$DATA/certs/chain-leaf.pfx password=secret
    Certificate Hash             : f3a4b020258611daeba20c9c449091399f57a954
    CA Certificate               : efcb43f3e2debc75052763a0a4d3cee9f95cda06 (store CA)
    CA Certificate               : 06a16001c1ad1f95981428969aaed2fa994bef39 (store Root)
$ cert show store=CA

Certificate stores:
-------------------

    Certificate Store Name       : CA
    Certificate Hash             : efcb43f3e2debc75052763a0a4d3cee9f95cda06
    Subject                      : CN=Contoso Test Issuing CA
    DNS Names                    : (none)
    Valid From                   : 2026-12-03 06:10:28 UTC
    Valid Until                  : 2125-06-27 06:10:28 UTC
    Private Key                  : No

$ http add sslcert ipport=0.0.0.0:443 certhash=efcb43f3e2debc75052763a0a4d3cee9f95cda06 certstorename=CA appid={4dc3e181-e14b-4a21-b022-59fc669b0914}

SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: the certificate efcb43f3e2debc75052763a0a4d3cee9f95cda06 in store CA has no private key
[exit 1]
$ cert import file=$DATA/certs/chain-inter-b.pem

The parameter is incorrect.

! sslbind: $DATA/certs/chain-inter-b.pem: no private key: a server certificate needs its key in the same file (cat cert.pem key.pem); a CA certificate alone goes to store=CA or store=Root
[exit 1]
$ cert import file=$DATA/certs/chain-inter-b.pem store=CA json=enable
{
  "certificates": [],
  "chain": [
    {
      "certhash": "2f8148ce6c8345d70b52a330148ef124394fa66e",
      "store": "CA",
      "file": null,
      "subject": "CN=Contoso Test Issuing CA",
      "dnsnames": [],
      "ipaddresses": [],
      "notbefore": "2026-12-03 06:10:28 UTC",
      "notafter": "2125-06-27 06:10:28 UTC",
      "privatekey": false
    }
  ]
}
$ cert import file=$DATA/certs/chain-leaf.pfx password=secret store=ccs
    Certificate Hash             : f3a4b020258611daeba20c9c449091399f57a954
    CA Certificate               : efcb43f3e2debc75052763a0a4d3cee9f95cda06 (inside secure.contoso.com.pfx)
    CA Certificate               : 06a16001c1ad1f95981428969aaed2fa994bef39 (inside secure.contoso.com.pfx)
