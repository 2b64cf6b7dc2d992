$ appcmd add backup MyBackup
BACKUP object "MyBackup" added
$ appcmd add backup MyBackup
ERROR ( hresult:800700b7, message:Command execution failed.
Cannot create a file when that file already exists.
 )
! sslbind: appcmd exits 183 on Windows: a backup named "MyBackup" exists already (appcmd list backup shows them); nothing changed
[exit 1]
$ appcmd add backup MYBACKUP
ERROR ( hresult:800700b7, message:Command execution failed.
Cannot create a file when that file already exists.
 )
! sslbind: appcmd exits 183 on Windows: a backup named "MyBackup" exists already (appcmd list backup shows them); nothing changed
[exit 1]
$ appcmd restore backup Nosuch
ERROR ( message:Cannot find BACKUP object with identifier "Nosuch". )
! sslbind: appcmd exits 1168 on Windows: no backup has that name (appcmd list backup shows them); nothing changed
[exit 1]
$ appcmd delete backup Nosuch
ERROR ( message:Cannot find BACKUP object with identifier "Nosuch". )
! sslbind: appcmd exits 1168 on Windows: no backup has that name (appcmd list backup shows them); nothing changed
[exit 1]
$ appcmd restore backup
ERROR ( message:Must specify the BACKUP object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the backup: appcmd VERB backup "Name" (appcmd list backup shows them); nothing changed
[exit 1]
$ appcmd delete backup
ERROR ( message:Must specify the BACKUP object with identifier. )
! sslbind: appcmd exits 87 on Windows: name the backup: appcmd VERB backup "Name" (appcmd list backup shows them); nothing changed
[exit 1]
$ appcmd add backup a/b
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '/' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup 'a\b'
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '\' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup "a:b"
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold ':' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup "x*"
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '*' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup "x?"
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '?' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup 'x"y'
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '"' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup "x<y"
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '<' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup "x>y"
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '>' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup "x|y"
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name is a Windows directory name, which cannot hold '|' (none of \ / : * ? " < > |); nothing changed
[exit 1]
$ appcmd add backup .
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot be ".": it names a directory already; nothing changed
[exit 1]
$ appcmd add backup ..
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot be "..": it names a directory already; nothing changed
[exit 1]
$ appcmd add backup /name:
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot be empty; nothing changed
[exit 1]
$ appcmd add backup "trailing."
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot end in a dot: Windows drops it from a directory name; nothing changed
[exit 1]
$ appcmd add backup NUL
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot be NUL, a Windows device name; nothing changed
[exit 1]
$ appcmd add backup com1.txt
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot be com1, a Windows device name; nothing changed
[exit 1]
$ appcmd add backup $'x\ty'
ERROR ( hresult:8007007b, message:Command execution failed.
The filename, directory name, or volume label syntax is incorrect.
 )
! sslbind: appcmd exits 123 on Windows: a backup's name cannot hold a control character (byte 0x09); nothing changed
[exit 1]
$ appcmd add backup One /name:Two
ERROR ( message:Too many identifiers. )
! sslbind: appcmd exits 87 on Windows: "One" and "Two" name two backups: give one (nothing changed)
[exit 1]
$ appcmd add backup One /bogus:1
ERROR ( message:Unknown attribute "bogus".  Replace with -? for help. )
! sslbind: appcmd exits 87 on Windows: BACKUP takes its name (the identifier or /name:); nothing changed
[exit 1]
$ appcmd restore backup MyBackup /stop:maybe
ERROR ( message:Invalid value "maybe" for attribute "stop". )
! sslbind: appcmd exits 13 on Windows: /stop: takes true or false; nothing changed
[exit 1]
$ appcmd restore backup MyBackup /apphostconfig:$state/other.config
ERROR ( message:The parameter is incorrect. )
! sslbind: appcmd exits 87 on Windows: a backup holds this server's own configuration files: /apphostconfig: names another file, which BACKUP does not touch (copy that file instead); nothing changed
[exit 1]
$ appcmd set backup MyBackup
Command 'SET' is not supported on object 'BACKUP'. Run 'appcmd.exe BACKUP /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: BACKUP takes list, add, delete, restore
[exit 1]
$ appcmd start backup MyBackup
Command 'START' is not supported on object 'BACKUP'. Run 'appcmd.exe BACKUP /?'
to display supported commands.
! sslbind: appcmd exits 87 on Windows: BACKUP takes list, add, delete, restore
[exit 1]
$ appcmd list backups
BACKUP "MyBackup"
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ @file backup/Empty/notes.txt
> nothing IIS wrote
$ appcmd list backups
BACKUP "Empty"
BACKUP "MyBackup"
$ appcmd restore backup Empty
ERROR ( hresult:8007000d, message:Command execution failed.
The data is invalid.
 )
! sslbind: appcmd exits 13 on Windows: the backup is damaged: STATE/backup/Empty holds neither applicationHost.config nor redirection.config; nothing changed
[exit 1]
$ @file backup/Broken/applicationHost.config
> <configuration><system.applicationHost><sites>
$ appcmd restore backup Broken
ERROR ( hresult:8007000d, message:Command execution failed.
The data is invalid.
 )
! sslbind: appcmd exits 13 on Windows: the backup is damaged: STATE/backup/Broken/applicationHost.config: Configuration file is not well-formed XML; nothing changed
[exit 1]
$ @file backup/BadRedir/redirection.config
> <configuration><configurationRedirection enabled="maybe"
$ appcmd restore backup BadRedir
ERROR ( hresult:8007000d, message:Command execution failed.
The data is invalid.
 )
! sslbind: appcmd exits 13 on Windows: the backup is damaged: STATE/backup/BadRedir/redirection.config: not a redirection.config (well-formed XML under <configuration>); nothing changed
[exit 1]
$ @file backup/Gone/redirection.config
> <configuration><configurationRedirection enabled="true" path="/nonexistent/farm" /></configuration>
$ appcmd restore backup Gone
ERROR ( hresult:8007000d, message:Command execution failed.
The data is invalid.
 )
! sslbind: appcmd exits 13 on Windows: the backup's redirection.config shares /nonexistent/farm/applicationHost.config, which cannot be read (/nonexistent/farm/applicationHost.config does not exist): nothing changed
[exit 1]
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
