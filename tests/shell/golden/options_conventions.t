$ @raw -h
usage: sslbind [--state DIR] [-f FILE] [CONTEXT... COMMAND [tag=value ...]]
       sslbind --help | --version

netsh's http ... sslcert commands over an emulated http.sys binding table, the machine's
certificate stores, a handshake simulator and IIS's appcmd.

Options:
  --state DIR   the emulated machine's state (default $SSLBIND_STATE, else
                ${XDG_STATE_HOME:-$HOME/.local/state}/sslbind), created mode 0700
  -f FILE       run each line of FILE as a command, like netsh -f; an error names
                FILE:LINE on standard error
  --help, -h    this text, on standard output
  --version     the version
  --            end of options: the words after it are the command

Ways to run: a command on the command line runs it and exits (0 success, 1 failure);
-f FILE or a pipe on standard input runs each line (blank and # lines skipped) and
exits 1 if any failed; with no command on a terminal it is interactive (Tab completes,
Ctrl-C clears the line, Ctrl-D or exit leaves). Standard output carries netsh's text;
standard error explains, after it, what netsh never says.

Contexts (a context word alone enters it; a command may follow it on one line):
  http                       Changes to the `netsh http' context.
  cert                       Changes to the `sslbind cert' context: the machine's certificate stores.
  sim                        Changes to the `sslbind sim' context: handshake simulation.
  iis                        Changes to the `sslbind iis' context: what IIS Manager does on this server.

Commands (abbreviate any word to a unique prefix; add ? for a command's usage):
  http add sslcert           Adds an SSL server certificate binding.
  http delete sslcert        Deletes SSL server certificate bindings.
  http show sslcert          Displays SSL server certificate bindings.
  http update sslcert        Updates an SSL server certificate binding.
  cert create                Creates a key and a self-signed server certificate.
  cert delete                Deletes a certificate and its key from a store.
  cert export                Writes a certificate to a PEM file, or with its key to a .pfx.
  cert import                Imports a certificate with its key (PEM or .pfx).
  cert show                  Displays the certificates of the machine's stores.
  sim handshake              Shows which certificate a client would get, and why.
  iis address add            Adds an IP address to this server.
  iis address delete         Deletes an IP address of this server.
  iis address show           Shows this server's IP addresses.
  iis binding cert           Chooses the certificate of a site binding.
  iis binding show           Shows each site binding as this server sees it.
  iis sharedconfig disable   Goes back to this server's own configuration.
  iis sharedconfig enable    Uses the applicationHost.config of a shared directory.
  iis sharedconfig export    Copies this server's configuration to a directory.
  iis sharedconfig show      Shows which configuration this server uses.
  iis start                  Starts every site on this server.
  iis stop                   Stops every site on this server.

In every context:
  ?                          Displays a list of commands.
  bye                        Exits the program.
  exit                       Exits the program.
  help                       Displays a list of commands.
  popd                       Pops a context from the stack.
  pushd                      Pushes current context on stack.
  quit                       Exits the program.
  ..                         Goes up one context level.
  appcmd ...                 A line of IIS's appcmd (see appcmd --help).

Examples:
  sslbind http show sslcert
  sslbind cert create subject=www.contoso.com
  sslbind http add sslcert ipport=0.0.0.0:443 certhash=<hash> appid={4dc3e181-e14b-4a21-b022-59fc669b0914}
  sslbind -f bindings.netsh

Manual: man sslbind. Bash completion: shell/completion/sslbind.bash.
$ @raw -x http show sslcert
! sslbind: unknown option '-x' (sslbind --help lists the options)
[exit 1]
$ @raw -- http show sslcert ipport=10.0.0.1:443

SSL Certificate bindings:
-------------------------

The system cannot find the file specified.

! sslbind: no binding has the key 10.0.0.1:443
[exit 1]
$ @raw -- --version

The following command was not found: --version.

! sslbind: unknown command '--version'; type ? for the list
[exit 1]
$ @raw --complete x
! sslbind: --complete CWORD WORD0 WORD1...: CWORD is an index, 0 to 64
[exit 1]
$ @raw --complete 1 sslbind --v
--version
$ @raw --complete 2 sslbind --state
$ @raw --complete 3 sslbind htt sh
sslcert
$ @raw --complete 3 sslbind h sh
$ @raw --complete 2 appcmd list s
site
sites
$ @raw -f $state/none.netsh http show sslcert
! sslbind: -f STATE/none.netsh runs a script: a command cannot follow it ('http')
[exit 1]
