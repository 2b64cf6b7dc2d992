$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ @file bindings.netsh
> # netsh -f style: pushd remembers the context, popd returns to it
> pushd http
> add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> add sslcert ipport=0.0.0.0:443 certhash=2006557039ef547eb88124f0ef5d7e7d1639adff appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
> pushd
> ..
> sim handshake ipport=10.0.0.1:443 host=www.contoso.com sni=disable json=bogus
> popd
> show sslcert ipport=0.0.0.0:444
> popd
> show sslcert ipport=0.0.0.0:443
> popd
> popd extra
> pushd bogus
> show sslcert
$ -f $state/bindings.netsh

SSL Certificate successfully added


SSL Certificate add failed, Error: 183
Cannot create a file when that file already exists.


The parameter is incorrect.


SSL Certificate bindings:
-------------------------

The system cannot find the file specified.


The following command was not found: show sslcert ipport=0.0.0.0:443.


The parameter is incorrect.


The following command was not found: pushd bogus.


The following command was not found: show sslcert.

! sslbind: STATE/bindings.netsh:4: that key is already bound; use update sslcert to change it
! sslbind: STATE/bindings.netsh:7: json: 'bogus': expected enable or disable
! sslbind: STATE/bindings.netsh:9: no binding has the key 0.0.0.0:444
! sslbind: STATE/bindings.netsh:11: unknown command 'show'; type ? for the list
! sslbind: STATE/bindings.netsh:12: popd: the context stack is empty (pushd fills it); staying here
! sslbind: STATE/bindings.netsh:13: popd takes no arguments
! sslbind: STATE/bindings.netsh:14: unknown command 'bogus'; type ? for the list
! sslbind: STATE/bindings.netsh:15: unknown command 'show'; type ? for the list
[exit 1]
$ @pipe
> pushd cert
> show certhash=00
> popd
> cert show store=../x
> pushd http
> pushd http
> popd
> popd
> http delete sslcert ipport=0.0.0.0:443

The parameter is incorrect.


The parameter is incorrect.


The following command was not found: pushd http.


SSL Certificate successfully deleted

! sslbind: standard input:2: certhash: expected 40 hexadecimal digits, found 2
! sslbind: standard input:4: store: store name '../x' is not a plain name
! sslbind: standard input:6: 'http': this is the http context already: drop 'http', or start the line with netsh
! sslbind: standard input:8: popd: the context stack is empty (pushd fills it); staying here
[exit 1]
