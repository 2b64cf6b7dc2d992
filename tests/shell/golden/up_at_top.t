$ ..
$ @pipe
> ..
> http
> ..
> ..
> http show sslcert

SSL Certificate bindings:
-------------------------

$ -- ..
