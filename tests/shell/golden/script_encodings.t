$ @printf '\xef\xbb\xbfhttp show sslcert\n'

SSL Certificate bindings:
-------------------------

$ @printf '\xff\xfeh\0t\0t\0p\0 \0s\0h\0o\0w\0 \0s\0s\0l\0c\0e\0r\0t\0\r\0\n\0#\0 \0a\0 \0c\0o\0m\0m\0e\0n\0t\0\r\0\n\0\r\0\n\0h\0\xe9\0l\0l\0o\0\r\0\n\0'

SSL Certificate bindings:
-------------------------


The following command was not found: héllo.

! sslbind: standard input:4: unknown command 'héllo'; type ? for the list
[exit 1]
$ @printf '\xfe\xff\0h\0t\0t\0p\0 \0s\0h\0o\0w\0 \0s\0s\0l\0c\0e\0r\0t\0\n\0c\0a\0f\0\xe9\0 \xd8\x3d\xdd\x12'

SSL Certificate bindings:
-------------------------


The following command was not found: café 🔒.

! sslbind: standard input:2: unknown command 'café'; type ? for the list
[exit 1]
$ @printf '\xff\xfeh\0t\0t\0p\0\n\0\x00\xdc\n\0'

The parameter is incorrect.

! sslbind: standard input:2: invalid UTF-16 text
[exit 1]
$ @printf '\xef\xbb\xbf\xef\xbb\xbfhttp show sslcert\n'

The following command was not found: ﻿http show sslcert.

! sslbind: standard input:1: unknown command '﻿http'; type ? for the list
[exit 1]
