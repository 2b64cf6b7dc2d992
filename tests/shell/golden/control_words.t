$ http $'fr\x1b[31mob'

The following command was not found: http fr?[31mob.

! sslbind: unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list
[exit 1]
$ http $'\x1b[2J'

The following command was not found: http ?[2J.

! sslbind: unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list
[exit 1]
$ $'sh\xff' sslcert

The following command was not found: shÿ sslcert.

! sslbind: unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list
[exit 1]
$ @printf 'http fr\033[31mob\nhttp add \033[2J\n'

The following command was not found: http fr?[31mob.


The following command was not found: http add ?[2J.

! sslbind: standard input:1: unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list
! sslbind: standard input:2: unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list
[exit 1]
$ http add sslcert $'ip\x1b[31mport=1'

The parameter is incorrect.

! sslbind: unknown tag (it holds bytes that are not printable UTF-8 text)
[exit 1]
