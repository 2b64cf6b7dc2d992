# raw.py PORT [CASE…] — one TLS connection per case (SNI www.contoso.com), the case's bytes
# sent, then every answer's status line read until the server closes or 5 s pass. One line per
# case: "NAME: STATUS / STATUS… END [marks]", END one of eof (closed cleanly), reset (an RST:
# closed with data unread), open (still open after 5 s).
import socket
import ssl
import sys
import time

port = int(sys.argv[1])
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
W = b"www.contoso.com"
SMUGGLED = b"GET /smuggled HTTP/1.1\r\nHost: " + W + b"\r\n\r\n"
cases = [
    ("te-space", b"POST / HTTP/1.1\r\nHost: " + W + b"\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
    ("cl-space", b"POST / HTTP/1.1\r\nHost: " + W + b"\r\nContent-Length : %d\r\n\r\n" % len(SMUGGLED) + SMUGGLED),
    ("zero", b"0\r\n\r\n"),
    ("ctl-line", b"\x01\x02\x03\r\n\r\n"),
    ("empty", b"\r\n\r\n"),
    ("nul", b"GET /\x00 HTTP/1.1\r\nHost: " + W + b"\r\n\r\n"),
    ("ctl-value", b"GET / HTTP/1.1\r\nHost: " + W + b"\r\nX-A: a\x01b\r\n\r\n"),
    ("obs-fold", b"GET / HTTP/1.1\r\nHost: " + W + b"\r\nX-A: a\r\n b\r\n\r\n"),
    ("h2", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
    ("two-spaces", b"GET  / HTTP/1.1\r\nHost: " + W + b"\r\n\r\n"),
    ("bare-lf", b"GET / HTTP/1.1\nHost: " + W + b"\nConnection: close\n\n"),
    ("two-hosts", b"GET / HTTP/1.1\r\nHost: " + W + b"\r\nHost: evil.example\r\n\r\n"),
    ("host-junk-port", b"GET / HTTP/1.1\r\nHost: " + W + b":junk\r\n\r\n"),
    ("host-big-port", b"GET / HTTP/1.1\r\nHost: " + W + b":65536\r\n\r\n"),
    ("host-dots", b"GET / HTTP/1.1\r\nHost: " + W + b"...\r\n\r\n"),
    ("host-trailing", b"GET / HTTP/1.1\r\nHost: " + W + b", evil.example\r\n\r\n"),
    ("host-long", b"GET / HTTP/1.1\r\nHost: " + b"a" * 60 + b"." + b"b" * 60 + b"." + b"c" * 60 + b"." + b"d" * 60 + b"." + W + b"\r\n\r\n"),
    ("host-dot", b"GET / HTTP/1.1\r\nHost: " + W + b".\r\nConnection: close\r\n\r\n"),
    ("absolute", b"GET https://" + W + b"/ HTTP/1.1\r\nHost: blog.contoso.com\r\nConnection: close\r\n\r\n"),
    ("absolute-other", b"GET https://blog.contoso.com/ HTTP/1.1\r\nHost: " + W + b"\r\nConnection: close\r\n\r\n"),
    # review 19: "http://X" and "https://" are absolute-form too (F1); HTTP/1.1 needs a Host (F4);
    # one empty line before a request line is skipped (F3)
    ("abs-at", b"GET http://@ HTTP/1.1\r\nHost: " + W + b"\r\n\r\n"),
    ("abs-empty", b"GET https:// HTTP/1.1\r\nHost: " + W + b"\r\n\r\n"),
    ("abs-one-byte", b"GET http://a HTTP/1.1\r\nHost: " + W + b"\r\nConnection: close\r\n\r\n"),
    ("no-host", b"GET / HTTP/1.1\r\n\r\n"),
    ("crlf-first", b"\r\nGET / HTTP/1.1\r\nHost: " + W + b"\r\nConnection: close\r\n\r\n"),
    ("crlf-pipelined", b"GET / HTTP/1.1\r\nHost: " + W + b"\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: " + W + b"\r\nConnection: close\r\n\r\n"),
    ("too-long", b"GET / HTTP/1.1\r\nHost: " + W + b"\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n"),
]
only = sys.argv[2:]
for name, data in cases:
    if only and name not in only:
        continue
    s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10), server_hostname=W.decode())
    s.sendall(data)
    s.settimeout(5)
    buf, end = b"", "open"
    deadline = time.time() + 5
    try:
        while time.time() < deadline:
            k = s.recv(65536)
            if not k:
                end = "eof"
                break
            buf += k
    except (ConnectionResetError, ssl.SSLError):
        end = "reset"
    except socket.timeout:
        end = "open"
    # every line, \n-ended (an answer's body ends in a bare LF: the next status line follows it)
    statuses = [l.rstrip(b"\r").decode("latin-1") for l in buf.split(b"\n") if l.startswith(b"HTTP/1.1 ")]
    body = buf.decode("latin-1")
    marks = "".join(" [" + k + "]" for k in ("site: www (id 2)", "site: (none", "Invalid Hostname") if k in body)
    print("%s: %s %s%s" % (name, " / ".join(statuses), end, marks), flush=True)
    s.close()
