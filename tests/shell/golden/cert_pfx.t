$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert export certhash=2006557039ef547eb88124f0ef5d7e7d1639adff file=$state/site1.pfx password=secret

Certificate successfully exported

$ @raw --state $state/server2 cert import file=$state/site1.pfx password=secret
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ @raw --state $state/server2 cert show

Certificate stores:
-------------------

    Certificate Store Name       : MY
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Subject                      : CN=www.contoso.com
    DNS Names                    : www.contoso.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

$ cert import file=$state/site1.pfx password=secret store=WebHosting
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert show store=WebHosting

Certificate stores:
-------------------

    Certificate Store Name       : WebHosting
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Subject                      : CN=www.contoso.com
    DNS Names                    : www.contoso.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

$ cert import file=$state/site1.pfx password=wrong store=Other

The parameter is incorrect.

! sslbind: STATE/site1.pfx: the password is wrong (or the file is damaged)
[exit 1]
$ cert import file=$state/site1.pfx store=Other

The parameter is incorrect.

! sslbind: STATE/site1.pfx: the file is protected by a password: give password=…
[exit 1]
$ cert show store=Other

Certificate stores:
-------------------

$ cert export certhash=2006557039ef547eb88124f0ef5d7e7d1639adff file=$state/empty.pfx password=

Certificate successfully exported

$ cert import file=$state/empty.pfx password= store=Empty
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ cert export certhash=2006557039ef547eb88124f0ef5d7e7d1639adff file=$state/site1.pem

Certificate successfully exported

$ cert import file=$state/site1.pem store=Other

The parameter is incorrect.

! sslbind: STATE/site1.pem: no private key: a server certificate needs its key in the same file (cat cert.pem key.pem); a CA certificate alone goes to store=CA or store=Root
[exit 1]
$ cert export certhash=0000000000000000000000000000000000000000 file=$state/none.pfx password=secret

The system cannot find the file specified.

! sslbind: no certificate 0000000000000000000000000000000000000000 in store MY
[exit 1]
$ cert export certhash=2006557039ef547eb88124f0ef5d7e7d1639adff file=$state password=secret

The system cannot write to the specified device.

! sslbind: cannot write STATE: Is a directory
[exit 1]
$ cert export certhash=2006557039ef547eb88124f0ef5d7e7d1639adff file=$state/twice.pfx password= password=secret

The parameter is incorrect.

! sslbind: password: given twice
[exit 1]
$ cert export ?

Usage: export
	certhash=<sha1 hex>
	file=<path>
	[password=<text>]
	[store=<name>]

Parameters:

    Tag                   Value
    certhash              - The certificate's thumbprint.
    file                  - Where to write: the certificate alone, PEM (for curl --cacert); with password=, a .pfx with its key.
    password              - Writes a PKCS#12 (.pfx) file, mode 0600, protected by this password (password= alone: an empty one).
    store                 - Certificate store (default MY; ccs: the Central Certificate Store).

Remarks: Without password=, writes the certificate alone, PEM: what a client trusts.
         With password=, writes a PKCS#12 (.pfx) file holding the certificate and its
         private key (mode 0600), and its chain from the CA and Root stores (as Windows
         exports by default), which cert import reads on another server: the way
         to put one certificate on every server of a farm. password= with nothing after
         it means an empty password. A certificate whose private key is not in the
         store cannot be exported with password=.

Examples:

      cert export certhash=0102030405060708090a0b0c0d0e0f1011121314 file=contoso.pem
      curl --cacert contoso.pem https://www.contoso.com/
      cert export certhash=0102030405060708090a0b0c0d0e0f1011121314 file=site1.pfx password=secret
      sslbind --state server2 cert import file=site1.pfx password=secret

