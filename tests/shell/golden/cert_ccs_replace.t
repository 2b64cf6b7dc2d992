$ cert import file=$DATA/certs/contoso.pem store=ccs
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/contoso.pem store=ccs
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert import file=$DATA/certs/iponly.pem store=ccs
    Certificate Hash             : 3e5b3c892dbff9a663209bcff61c7e674da4f66e
! sslbind: replaced www.contoso.com.pfx, which held 2006557039ef547eb88124f0ef5d7e7d1639adff (its certificate and key are gone from the central store)
$ cert show store=ccs

Certificate stores:
-------------------

    Certificate Store Name       : ccs
    Certificate Hash             : 3e5b3c892dbff9a663209bcff61c7e674da4f66e
    Central Store File           : www.contoso.com.pfx
    Subject                      : CN=www.contoso.com
    DNS Names                    : (none)
    IP Addresses                 : 10.0.0.1
    Valid From                   : 2026-12-03 21:08:52 UTC
    Valid Until                  : 2126-11-09 21:08:52 UTC
    Private Key                  : Yes

$ cert import file=$DATA/certs/contoso.pem store=ccs json=enable
{
  "certificates": [
    {
      "certhash": "2006557039ef547eb88124f0ef5d7e7d1639adff",
      "store": "ccs",
      "file": "www.contoso.com.pfx",
      "subject": "CN=www.contoso.com",
      "dnsnames": ["www.contoso.com"],
      "ipaddresses": [],
      "notbefore": "2026-11-21 21:45:33 UTC",
      "notafter": "2126-10-28 21:45:33 UTC",
      "privatekey": true
    }
  ],
  "chain": []
}
! sslbind: replaced www.contoso.com.pfx, which held 3e5b3c892dbff9a663209bcff61c7e674da4f66e (its certificate and key are gone from the central store)
$ cert import file=$DATA/certs/shop.pem store=ccs
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
$ cert import file=$DATA/certs/contoso-and-shop-key.pem store=ccs
    Certificate Hash             : 65bbf76a097c1f830f45dd4a6e3c75b0dec05ff5
    CA Certificate               : 2006557039ef547eb88124f0ef5d7e7d1639adff (inside shop.contoso.com.pfx)
$ @file certs/ccs/www.contoso.com.pfx
> not a pfx
$ cert import file=$DATA/certs/contoso.pem store=ccs
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
! sslbind: replaced www.contoso.com.pfx, which did not read as a .pfx with a certificate
