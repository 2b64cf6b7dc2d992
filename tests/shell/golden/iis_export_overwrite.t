$ iis sharedconfig export path=$state/farm

Ok.

$ iis sharedconfig enable path=$state/farm

Ok.

$ appcmd add site /name:Precious /bindings:http/*:81:
SITE object "Precious" added
$ @md5 farm/applicationHost.config
2d8dd0f26fdf9a6d9f746e3d3bac41af
$ --state $state/B iis sharedconfig export path=$state/farm

Cannot create a file when that file already exists.

! sslbind: STATE/farm/applicationHost.config exists already and holds another configuration, 2 sites with 2 bindings, which the servers sharing it run (an overwrite replaces them all with this server's): nothing written; to replace it with this server's configuration: iis sharedconfig export path=STATE/farm overwrite=yes
[exit 1]
$ @md5 farm/applicationHost.config
2d8dd0f26fdf9a6d9f746e3d3bac41af
$ appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
SITE "Precious" (id:2,bindings:http/*:81:,state:Started)
$ --state $state/B iis sharedconfig export path=$state/farm overwrite=no

Cannot create a file when that file already exists.

! sslbind: STATE/farm/applicationHost.config exists already and holds another configuration, 2 sites with 2 bindings, which the servers sharing it run (an overwrite replaces them all with this server's): nothing written; to replace it with this server's configuration: iis sharedconfig export path=STATE/farm overwrite=yes
[exit 1]
$ --state $state/B iis sharedconfig export path=$state/farm overwrite=maybe

The parameter is incorrect.

! sslbind: overwrite: 'maybe': expected yes or no
[exit 1]
$ @file other/applicationHost.config
> not a configuration
$ iis sharedconfig export path=$state/other

Cannot create a file when that file already exists.

! sslbind: STATE/other/applicationHost.config exists already and holds another text (it does not read as a configuration): nothing written; to replace it with this server's configuration: iis sharedconfig export path=STATE/other overwrite=yes
[exit 1]
$ @md5 other/applicationHost.config
2eb35928418ea631480a22a412b0e72d
$ iis sharedconfig export path=$state/copy

Ok.

$ @md5 copy/applicationHost.config
2d8dd0f26fdf9a6d9f746e3d3bac41af
$ iis sharedconfig export path=$state/copy

Ok.

$ @md5 copy/applicationHost.config
2d8dd0f26fdf9a6d9f746e3d3bac41af
$ --state $state/B iis sharedconfig export path=$state/farm overwrite=yes

Ok.

$ appcmd list site
SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)
$ iis sharedconfig export ?

Usage: sharedconfig export
	path=<dir>
	[overwrite=yes|no]

Parameters:

    Tag                   Value
    path                  - The shared directory (relative paths are taken from the current one).
    overwrite             - Answer yes to replace an applicationHost.config already there.

Remarks: Creates the directory if missing. An applicationHost.config already there
         (a farm's, which its servers run) is replaced only with overwrite=yes: it
         says how many sites it holds. The same file again changes nothing.

Examples:

      iis sharedconfig export path=/srv/farm
      iis sharedconfig export path=/srv/farm overwrite=yes

