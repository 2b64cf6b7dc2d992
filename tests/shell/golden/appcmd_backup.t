$ appcmd list backups
$ appcmd add backup MyBackup
BACKUP object "MyBackup" added
$ appcmd list backups
BACKUP "MyBackup"
$ appcmd list backup mybackup
BACKUP "MyBackup"
$ appcmd list backup nosuch
! sslbind: appcmd exits 1 on Windows: no backup is named nosuch (appcmd list backups shows them)
[exit 1]
$ appcmd list backups /xml
<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <BACKUP BACKUP.NAME="MyBackup" />
</appcmd>
$ appcmd list backup /text:*
BACKUP
  BACKUP.NAME: MyBackup
$ appcmd list backup /text:BACKUP.NAME
MyBackup
$ appcmd add backup /name:"Before Change"
BACKUP object "Before Change" added
$ appcmd list backups
BACKUP "Before Change"
BACKUP "MyBackup"
$ @md5 backup/MyBackup/applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ @md5 backup/MyBackup/redirection.config
(no file)
$ appcmd add site /name:Contoso /id:2 /bindings:https/*:443:www.contoso.com
SITE object "Contoso" added
$ appcmd set site "Default Web Site" /+bindings.[protocol='https',bindingInformation='*:443:']
SITE object "Default Web Site" changed
$ appcmd stop site "Default Web Site"
"Default Web Site" successfully stopped
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,https/*:443:,state:Stopped)
SITE "Contoso" (id:2,bindings:https/*:443:www.contoso.com,state:Started)
$ appcmd restore backup "MyBackup"
Restored configuration from backup "MyBackup"
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Stopped)
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ appcmd restore backup MYBACKUP /stop:false
Restored configuration from backup "MyBackup"
$ appcmd delete backup "before change"
BACKUP object "Before Change" deleted
$ appcmd list backups
BACKUP "MyBackup"
$ appcmd backup /?
Administration of server configuration backups

APPCMD (command) BACKUP <identifier> <-parameter1:value1 ...>

Supported commands:

  list      List server configuration backups
  add       Add new server configuration backup
  delete    Delete server configuration backup
  restore   Restore server configuration from backup

(To get help for each command use /?, e.g. 'appcmd.exe add backup /?'.)
! sslbind: help only: no command was run
[exit 1]
$ appcmd restore backup /?
Restore server configuration from backup

APPCMD restore BACKUP <identifier> [/stop:true|false]

Puts this server's configuration files back as the backup holds them; the
sites' states follow as after an edit.

Examples:

  appcmd restore backup MyBackup
! sslbind: help only: no command was run
[exit 1]
$ appcmd list backup /?
List server configuration backups

APPCMD list BACKUP [<identifier>]

Lists the backups of this server's configuration, by name; the identifier, or
/name:, names one.

Examples:

  appcmd list backups
  appcmd list backup MyBackup
! sslbind: help only: no command was run
[exit 1]
$ appcmd add backup /?
Add new server configuration backup

APPCMD add BACKUP [<identifier>]

Copies this server's applicationHost.config and redirection.config into a new
backup. Without a name, the backup is named for the time (20060519T172530).

Examples:

  appcmd add backup
  appcmd add backup MyBackup
! sslbind: help only: no command was run
[exit 1]
$ appcmd delete backup /?
Delete server configuration backup

APPCMD delete BACKUP <identifier>

Removes the backup.

Examples:

  appcmd delete backup MyBackup
! sslbind: help only: no command was run
[exit 1]
$ @file applicationHost.config
> <configuration><system.applicationHost><sites><site name="half"
$ appcmd list sites
ERROR ( message:Configuration error 
Filename: STATE/applicationHost.config
Line Number: 2
Description: Configuration file is not well-formed XML

. )
! sslbind: appcmd exits 13 on Windows: STATE/applicationHost.config:2: Configuration file is not well-formed XML: Couldn't find end of Start Tag site line 1; the file is left as it is
[exit 1]
$ appcmd restore backup MyBackup
Restored configuration from backup "MyBackup"
$ appcmd list sites
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Stopped)
$ @md5 applicationHost.config
91be990705437554ef850f7c6cb92c1c
$ @pipe
> %windir%\system32\inetsrv\appcmd add backup BeforeDeploy
> C:\Windows\System32\inetsrv\appcmd.exe set site /site.name:"Default Web Site" /+bindings.[protocol='https',bindingInformation='*:443:']
> appcmd list sites
> appcmd.exe restore backup "BeforeDeploy"
> appcmd list sites
BACKUP object "BeforeDeploy" added
SITE object "Default Web Site" changed
SITE "Default Web Site" (id:1,bindings:http/*:80:,https/*:443:,state:Stopped)
Restored configuration from backup "BeforeDeploy"
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Stopped)
