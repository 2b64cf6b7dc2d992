$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=$'My\xed\xa0\x80'

The parameter is incorrect.

! sslbind: certstorename: the value is not valid UTF-8
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=$'\xf4\x90\x80\x80'

The parameter is incorrect.

! sslbind: certstorename: the value is not valid UTF-8
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} sslctlidentifier=$'\xe0\x80\xaf'

The parameter is incorrect.

! sslbind: sslctlidentifier: the value is not valid UTF-8
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} sslctlstorename=$'\xf0\x80\x80\xaf'

The parameter is incorrect.

! sslbind: sslctlstorename: the value is not valid UTF-8
[exit 1]
$ http add sslcert ipport=10.0.0.2:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914} sslctlidentifier=$'caf\xc3\xa9 \xf0\x9f\x94\x92'

SSL Certificate successfully added

$ http show sslcert ipport=10.0.0.2:443 json=enable
{
  "SslCertificateBindings": [
    {
      "IpPort": "10.0.0.2:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "IAZVcDnvVH64gSTw711+fRY5rf8=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": null,
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": "café 🔒",
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 0
    }
  ],
  "message": "The operation completed successfully.",
  "status": 0
}
$ sim handshake ipport=10.0.0.2:443 host=$'\xed\xa0\x80.contoso.com'

The parameter is incorrect.

! sslbind: host: the value is not valid UTF-8
[exit 1]
$ @put invalid-utf8.reg
$ http show sslcert json=enable
{
  "SslCertificateBindings": [],
  "message": "The file or directory is corrupted and unreadable.",
  "status": 1392
}
! sslbind: STATE/bindings.reg:9: SslCertStoreName: is not valid UTF-8 (byte 0xed at position 3)
[exit 1]
$ @reg
900b99462b7edd92ea5e577f51686828
$ @put windows-export-urlacl.reg
$ http show sslcert ipport=0.0.0.0:443 json=enable
{
  "SslCertificateBindings": [
    {
      "IpPort": "0.0.0.0:443",
      "ConfigType": 1,
      "SslHashLength": 20,
      "SslHash": "IAZVcDnvVH64gSTw711+fRY5rf8=",
      "AppId": "4dc3e181-e14b-4a21-b022-59fc669b0914",
      "GuidString": "{4dc3e181-e14b-4a21-b022-59fc669b0914}",
      "SslCertStoreName": null,
      "DefaultCertCheckMode": 0,
      "DefaultRevocationFreshnessTime": 0,
      "DefaultRevocationUrlRetrievalTimeout": 0,
      "DefaultSslCtlIdentifier": null,
      "DefaultSslCtlStoreName": null,
      "DefaultFlags": 0
    }
  ],
  "message": "The operation completed successfully.",
  "status": 0
}
! sslbind: warning: STATE/bindings.reg: skipped 2 keys and values it does not know
