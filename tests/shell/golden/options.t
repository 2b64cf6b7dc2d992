$ @raw --version
sslbind 0.1.0
$ @raw --bogus
! sslbind: unknown option '--bogus' (sslbind --help lists the options)
[exit 1]
$ @raw --state
! sslbind: --state needs a value
[exit 1]
$ @raw -f
! sslbind: -f needs a value
[exit 1]
$ @raw -f /nonexistent/script

The system cannot find the file specified.

! sslbind: /nonexistent/script: No such file or directory
[exit 1]
$ @raw -f $state

Access is denied.

! sslbind: STATE: is a directory, not a script (Windows refuses to open a directory as a file: hence Access is denied)
[exit 1]
$ @raw -f $DATA/script.netsh -f $state
! sslbind: -f is given twice ($DATA/script.netsh, then STATE): one script a run; run each with its own -f, or join them (cat A B | sslbind)
[exit 1]
$ @raw -f $state/one -f $state/two http show sslcert
! sslbind: -f is given twice (STATE/one, then STATE/two): one script a run; run each with its own -f, or join them (cat A B | sslbind)
[exit 1]
$ @raw --state $state/other --frob
! sslbind: unknown option '--frob' (sslbind --help lists the options)
[exit 1]
$ @raw --state $state/other --state $state/again --version
sslbind 0.1.0
$ @raw --help
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
$ @raw http show sslcert

SSL Certificate bindings:
-------------------------

$ cert import file=$DATA/certs/contoso.pem
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
$ -f $DATA/../shell/data/script.netsh

SSL Certificate bindings:
-------------------------


SSL Certificate successfully added


The parameter is incorrect.


SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {00112233-4455-6677-8899-aabbccddeeff}
    Certificate Store Name       : (null)
    Verify Client Certificate Revocation : Enabled
    Verify Revocation Using Cached Client Certificate Only : Disabled
    Use Revocation Freshness Time : Disabled
    Verify Revocation Using Cached URLs Only : Disabled
    Disable Authority Info Access : Disabled
    Usage Check                  : Enabled
    Revocation Freshness Time    : 0
    URL Retrieval Timeout        : 0
    Ctl Identifier               : (null)
    Ctl Store Name               : (null)
    DS Mapper Usage              : Disabled
    Negotiate Client Certificate : Disabled
    Reject Connections           : Disabled
    Disable HTTP2                : Not Set
    Disable QUIC                 : Not Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Not Set
    Enable Session Ticket        : Not Set
    Disable Session ID           : Not Set
    Enable Caching Client Hello  : Not Set
 Extended Properties:
    PropertyId                   : 0
    Receive Window               : 1048576
 Extended Properties:
    PropertyId                   : 1
    Max Settings Per Frame       : 2796202
    Max Settings Per Minute      : 4294967295

! sslbind: $DATA/../shell/data/script.netsh:5: does-not-exist.pem: No such file or directory
[exit 1]
$ http
$ @raw netsh http show sslcert ipport=10.0.0.1:443

SSL Certificate bindings:
-------------------------

    IP:port                      : 10.0.0.1:443
    Certificate Hash             : 2006557039ef547eb88124f0ef5d7e7d1639adff
    Application ID               : {00112233-4455-6677-8899-aabbccddeeff}
    Certificate Store Name       : (null)
    Verify Client Certificate Revocation : Enabled
    Verify Revocation Using Cached Client Certificate Only : Disabled
    Use Revocation Freshness Time : Disabled
    Verify Revocation Using Cached URLs Only : Disabled
    Disable Authority Info Access : Disabled
    Usage Check                  : Enabled
    Revocation Freshness Time    : 0
    URL Retrieval Timeout        : 0
    Ctl Identifier               : (null)
    Ctl Store Name               : (null)
    DS Mapper Usage              : Disabled
    Negotiate Client Certificate : Disabled
    Reject Connections           : Disabled
    Disable HTTP2                : Not Set
    Disable QUIC                 : Not Set
    Disable TLS1.2               : Not Set
    Disable TLS1.3               : Not Set
    Disable OCSP Stapling        : Not Set
    Enable Token Binding         : Not Set
    Log Extended Events          : Not Set
    Disable Legacy TLS Versions  : Not Set
    Enable Session Ticket        : Not Set
    Disable Session ID           : Not Set
    Enable Caching Client Hello  : Not Set
 Extended Properties:
    PropertyId                   : 0
    Receive Window               : 1048576
 Extended Properties:
    PropertyId                   : 1
    Max Settings Per Frame       : 2796202
    Max Settings Per Minute      : 4294967295

$ --state $state/no/such http show sslcert
! sslbind: state directory STATE/no/such: STATE/no does not exist (sslbind makes the state directory when it is missing, not its parents: is the name mistyped?)
[exit 1]
