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
$ http $'fr\xc2\x9b31mob'

The following command was not found: http fr?31mob.

! sslbind: unknown command (it holds bytes that are not printable UTF-8 text); type ? for the list
[exit 1]
$ http add sslcert $'ip\xc2\x9b31mport=1'

The parameter is incorrect.

! sslbind: unknown tag (it holds bytes that are not printable UTF-8 text)
[exit 1]
$ http add sslcert $'ipport=1.2.3.4:443\xc2\x85'

The parameter is incorrect.

! sslbind: ipport: the value has a control character
[exit 1]
$ appcmd $'li\x1b[2Jst' site
Command 'LI?[2JST' is not supported on object 'SITE'. Run 'appcmd.exe SITE /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: SITE takes list, add, set, delete, start, stop
[exit 1]
$ appcmd list $'si\x1b[2Jte'
Object 'SI?[2JTE' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd exits 87 on Windows: sslbind emulates the SITE, CONFIG and BACKUP objects
[exit 1]
$ appcmd list $'si\xc2\x9b2Jte'
Object 'SI?2JTE' is not supported.  Run 'appcmd.exe /?' to display supported objects.
! sslbind: appcmd exits 87 on Windows: sslbind emulates the SITE, CONFIG and BACKUP objects
[exit 1]
$ appcmd list site $'/na\x1b[31mme:x'
ERROR ( message:Unknown attribute "na?[31mme:x".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: that parameter means nothing to this command
[exit 1]
