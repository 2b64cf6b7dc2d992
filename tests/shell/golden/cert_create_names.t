$ cert create subject=*.*.contoso.com

The parameter is incorrect.

! sslbind: subject: '*.*.contoso.com': a wildcard is a whole leftmost label followed by at least two labels (*.contoso.com); no client can match this name
[exit 1]
$ cert create subject=a.*.com

The parameter is incorrect.

! sslbind: subject: 'a.*.com': a wildcard is a whole leftmost label followed by at least two labels (*.contoso.com); no client can match this name
[exit 1]
$ cert create subject=w*w.contoso.com

The parameter is incorrect.

! sslbind: subject: 'w*w.contoso.com': a wildcard is a whole leftmost label followed by at least two labels (*.contoso.com); no client can match this name
[exit 1]
$ cert create subject=*.com

The parameter is incorrect.

! sslbind: subject: '*.com': a wildcard is a whole leftmost label followed by at least two labels (*.contoso.com); no client can match this name
[exit 1]
$ cert create subject=*

The parameter is incorrect.

! sslbind: subject: '*': a wildcard is a whole leftmost label followed by at least two labels (*.contoso.com); no client can match this name
[exit 1]
$ cert create subject=*.contoso.com dnsnames=*.contoso.com,x.*.contoso.com

The parameter is incorrect.

! sslbind: dnsnames: 'x.*.contoso.com': a wildcard is a whole leftmost label followed by at least two labels (*.contoso.com); no client can match this name
[exit 1]
$ cert create subject=bad_name..com

The parameter is incorrect.

! sslbind: subject: 'bad_name..com' has an empty label
[exit 1]
$ cert create subject=www.contoso.com dnsnames=www.contoso.com,a..b

The parameter is incorrect.

! sslbind: dnsnames: 'a..b' has an empty label
[exit 1]
$ cert create subject=www.contoso.com days=abc

The parameter is incorrect.

! sslbind: days: 'abc': expected a whole number of days from 1 to 36500
[exit 1]
$ cert create subject=www.contoso.com days=99999999999

The parameter is incorrect.

! sslbind: days: '99999999999': expected a whole number of days from 1 to 36500
[exit 1]
$ cert create subject=www.contoso.com days=36501

The parameter is incorrect.

! sslbind: days: 36501 is not in 1..36500
[exit 1]
$ cert show

Certificate stores:
-------------------

$ cert import file=$DATA/certs/partial.pem
    Certificate Hash             : 4cf04bd1c75d5963c7289c56e913de1d96267d4b
$ cert show

Certificate stores:
-------------------

    Certificate Store Name       : MY
    Certificate Hash             : 4cf04bd1c75d5963c7289c56e913de1d96267d4b
    Subject                      : CN=w.contoso.com
    DNS Names                    : w*.contoso.com
    Valid From                   : 2026-11-21 21:45:33 UTC
    Valid Until                  : 2126-10-28 21:45:33 UTC
    Private Key                  : Yes

