$ http add sslcert ipport=0.0.0.0:4444 certhash=0123456789012345678901234567890123456789 appid=“{4dc3e181-e14b-4a21-b022-59fc669b0914}”

The parameter is incorrect.

! sslbind: appid: expected a GUID of 38 characters, like {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}; found 44
! sslbind: note: 'appid=“{4dc3e181-e14b-4a21-b022-59fc669b0914}”' holds U+201C LEFT DOUBLE QUOTATION MARK where " belongs, U+201D RIGHT DOUBLE QUOTATION MARK where " belongs: typographic characters, as web pages and word processors print them (often pasted from one); type the ASCII ones instead.
[exit 1]
$ @printf 'netsh http show sslcert ipport=0.0.0.0:4444\xc2\xa0\n'

The parameter is incorrect.

! sslbind: standard input:1: ipport: port '4444 ': expected a decimal number 1-65535
! sslbind: standard input:1: note: 'ipport=0.0.0.0:4444 ' holds U+00A0 NO-BREAK SPACE where a space belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead.
[exit 1]
$ http add sslcert ipport=0.0.0.0:4444 certhash=0123456789012345678901234567890123456789 appid={4dc3e181-e14b-4a21-b022-59fc669b0914} certstorename=‘MY’

SSL Certificate add failed, Error: 1312
A specified logon session does not exist. It may already have been terminated.

! sslbind: certhash: no certificate 0123456789012345678901234567890123456789 in store ‘MY’: certstorename: store name '‘MY’' has the character '?': only letters, digits, '-', '_', '.' and spaces, so no store has that name
! sslbind: note: 'certstorename=‘MY’' holds U+2018 LEFT SINGLE QUOTATION MARK where ' belongs, U+2019 RIGHT SINGLE QUOTATION MARK where ' belongs: typographic characters, as web pages and word processors print them (often pasted from one); type the ASCII ones instead.
[exit 1]
$ http show sslcert “ipport=0.0.0.0:4444”

The parameter is incorrect.

! sslbind: unknown tag '“ipport'
! sslbind: note: '“ipport=0.0.0.0:4444”' holds U+201C LEFT DOUBLE QUOTATION MARK where " belongs, U+201D RIGHT DOUBLE QUOTATION MARK where " belongs: typographic characters, as web pages and word processors print them (often pasted from one); type the ASCII ones instead.
[exit 1]
$ sim handshake ipport=10.0.0.1:443 host=www–contoso.com

The parameter is incorrect.

! sslbind: host: host name has a non-ASCII byte: write international names in their xn-- form
! sslbind: note: 'host=www–contoso.com' holds U+2013 EN DASH where - belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead.
[exit 1]
$ http add sslcert ipport=0.0.0.0:4444 certhash=0123456789012345678901234567890123456789 appid={4dc3e181-e14b-4a21-b022-59fc669b0914} sslctlstorename=“x” clientcertnegotiation=“enable”

The parameter is incorrect.

! sslbind: clientcertnegotiation: '“enable”': expected enable or disable
! sslbind: note: 'clientcertnegotiation=“enable”' holds U+201C LEFT DOUBLE QUOTATION MARK where " belongs, U+201D RIGHT DOUBLE QUOTATION MARK where " belongs: typographic characters, as web pages and word processors print them (often pasted from one); type the ASCII ones instead.
[exit 1]
$ http show sslcert ipport=0.0.0.0:4444

SSL Certificate bindings:
-------------------------

The system cannot find the file specified.

! sslbind: no binding has the key 0.0.0.0:4444
[exit 1]
$ appcmd list config –section:system.applicationHost/sites
ERROR ( message:Must specify the -section parameter. )
! sslbind: appcmd on Windows lists every section of the configuration; sslbind does not emulate that: add -section:system.applicationHost/sites, the one it emulates
! sslbind: note: '–section:system.applicationHost/sites' holds U+2013 EN DASH where - belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead. appcmd takes a word that starts with neither - nor / for the identifier (the site's name), not for a parameter.
[exit 1]
$ appcmd list config —section:system.applicationHost/sites
ERROR ( message:Must specify the -section parameter. )
! sslbind: appcmd on Windows lists every section of the configuration; sslbind does not emulate that: add -section:system.applicationHost/sites, the one it emulates
! sslbind: note: '—section:system.applicationHost/sites' holds U+2014 EM DASH where - belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead. appcmd takes a word that starts with neither - nor / for the identifier (the site's name), not for a parameter.
[exit 1]
$ appcmd set site "Default Web Site" –serverAutoStart:false
ERROR ( message:Too many identifiers. )
! sslbind: appcmd exits 87 on Windows: one identifier at most: quote names with spaces
! sslbind: note: '–serverAutoStart:false' holds U+2013 EN DASH where - belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead. appcmd takes a word that starts with neither - nor / for the identifier (the site's name), not for a parameter.
[exit 1]
$ appcmd set site "Default Web Site" "/+bindings.[protocol=‘https’,bindingInformation=‘*:443:’]"
SITE object "Default Web Site" changed
! sslbind: note: the binding's protocol ‘https’ starts with U+2018 LEFT SINGLE QUOTATION MARK, a typographic quote (often pasted from a web page or a word processor), not ': it is kept as part of the value, so no client reaches this binding; type ' instead
! sslbind: note: the binding's bindingInformation ‘*:443:’ starts with U+2018 LEFT SINGLE QUOTATION MARK, a typographic quote (often pasted from a web page or a word processor), not ': it is kept as part of the value, so no client reaches this binding; type ' instead
$ appcmd set site "Default Web Site" "/+bindings.[protocol=https,bindingInformation=“*:444:”]"
SITE object "Default Web Site" changed
! sslbind: note: the binding's bindingInformation “*:444:” starts with U+201C LEFT DOUBLE QUOTATION MARK, a typographic quote (often pasted from a web page or a word processor), not ": it is kept as part of the value, so no client reaches this binding; type " instead
! sslbind: note: binding https/“*:444:” is invalid: Invalid IP address. ('“*': '“*' is not a valid IPv4 address (expected four decimal numbers 0-255, like 10.0.0.1)); the site cannot start until it is fixed
! sslbind: note: site "Default Web Site" was Started: WAS has stopped it, and it stays Stopped until the binding is fixed and the site started again
$ appcmd set site "Default Web Site" "/bindings:http/*:80:,“https”/*:445:"
SITE object "Default Web Site" changed
! sslbind: note: the binding's protocol “https” starts with U+201C LEFT DOUBLE QUOTATION MARK, a typographic quote (often pasted from a web page or a word processor), not ": it is kept as part of the value, so no client reaches this binding; type " instead
$ appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,“https”/*:445:,state:Stopped)
$ appcmd list site “Default Web Site”
ERROR ( message:Too many identifiers. )
! sslbind: appcmd exits 87 on Windows: one identifier at most: quote names with spaces
! sslbind: note: '“Default' holds U+201C LEFT DOUBLE QUOTATION MARK where " belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead. Another word holds such characters too.
[exit 1]
$ appcmd list site "Default Web Site"
SITE "Default Web Site" (id:1,bindings:http/*:80:,“https”/*:445:,state:Stopped)
$ @printf 'http add sslcert ipport=0.0.0.0:4444 certhash=0123456789012345678901234567890123456789\xc2\xa0 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}\n'

The parameter is incorrect.

! sslbind: standard input:1: certhash: expected 40 hexadecimal digits, found the invisible character U+00A0 (NO-BREAK SPACE) at position 41
[exit 1]
$ @printf 'http add sslcert ipport=0.0.0.0:4444 certhash=0123456789012345678901234567890123456789\xe2\x80\x93 appid={4dc3e181-e14b-4a21-b022-59fc669b0914}\n'

The parameter is incorrect.

! sslbind: standard input:1: certhash: expected 40 hexadecimal digits, found the character U+2013 at position 41
! sslbind: standard input:1: note: 'certhash=0123456789012345678901234567890123456789–' holds U+2013 EN DASH where - belongs: a typographic character, as web pages and word processors print it (often pasted from one); type the ASCII one instead.
[exit 1]
$ @printf 'http show sslcert ipport=\xe2\x80\x9c1.2.3.4:443\a\xe2\x80\x9d\n'

The parameter is incorrect.

! sslbind: standard input:1: ipport: the value has a control character
! sslbind: standard input:1: note: a word that is not printable text holds U+201C LEFT DOUBLE QUOTATION MARK where " belongs, U+201D RIGHT DOUBLE QUOTATION MARK where " belongs: typographic characters, as web pages and word processors print them (often pasted from one); type the ASCII ones instead.
[exit 1]
