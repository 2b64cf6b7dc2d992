$ http show sslcert

SSL Certificate bindings:
-------------------------

$ netsh http show sslcert

SSL Certificate bindings:
-------------------------

$ @reg
(no file)
