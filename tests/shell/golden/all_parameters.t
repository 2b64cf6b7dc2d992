$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.1:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=WebHosting verifyclientcertrevocation=disable verifyrevocationwithcachedclientcertonly=enable usagecheck=disable revocationfreshnesstime=3600 urlretrievaltimeout=15000 sslctlidentifier=MyCtl sslctlstorename=CA dsmapperusage=enable clientcertnegotiation=enable reject=enable disablehttp2=enable disablequic=enable disablelegacytls=enable disabletls12=enable disabletls13=enable disableocspstapling=enable enabletokenbinding=enable logextendedevents=enable enablesessionticket=enable disablesessionid=enable

SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: no certificate 2006557039ef547eb88124f0ef5d7e7d1639adff in store WebHosting (sslbind cert show store=WebHosting lists them)
[exit 1]
$ http show sslcert

SSL Certificate bindings:
-------------------------

$ http update sslcert IPPORT=10.0.0.1:443 CertHash=2006557039ef547eb88124f0ef5d7e7d1639adff AppId={4dc3e181-e14b-4a21-b022-59fc669b0914} DisableHttp2=Enable

SSL Certificate update failed, Error: 2
The system cannot find the file specified.

! sslbind: no binding has that key
[exit 1]
$ http show sslcert ipport=10.0.0.1:443

SSL Certificate bindings:
-------------------------

The system cannot find the file specified.

! sslbind: no binding has the key 10.0.0.1:443
[exit 1]
$ http show sslcert json=enable
{
  "SslCertificateBindings": [],
  "message": "The operation completed successfully.",
  "status": 0
}
