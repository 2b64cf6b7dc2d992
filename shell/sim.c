/* sim.c — `sim handshake`: which certificate a client would get, probe by probe, and whether
 * the client would accept it. The lookup is the core's real resolve with its trace; the
 * certificate comes from the machine's stores; the name check is OpenSSL's, as browsers do it. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "shell.h"

enum result { R_OK, R_NAME_MISMATCH, R_NO_BINDING, R_CERT_NOT_FOUND, R_REJECTED };
static const char *const result_tokens[] = {"OK", "NAME_MISMATCH", "NO_BINDING", "CERT_NOT_FOUND", "REJECTED"};
/* The exit status of each Result with exit=result (1 stays "bad input"); docs/shell.md. */
static const int result_exits[] = {0, 2, 3, 4, 5};

static const char *why_text(sslb_certstore *cs, const sslb_probe *p, char *buf, size_t n, uint16_t port)
{
    switch (p->why) {
    case SSLB_WHY_NO_SNI:
        return "the client sent no SNI";
    case SSLB_WHY_BAD_SNI:
        return "the SNI is not a valid host name";
    case SSLB_WHY_PORT_EMPTY: {
        static const char *const what[] = {
            "", "for a specific address", "for a host name", "in the CCS tables", "for [::]", "for 0.0.0.0"};
        const char *w = what[p->step <= 5 ? p->step : 0];
        if (p->step == 3 && p->table == SSLB_SCOPEDCCS) w = "for a scoped CCS host name";
        snprintf(buf, n, "no binding %s on port %u", w, port);
        return buf;
    }
    case SSLB_WHY_CLIENT_IPV4:
        return "the client is IPv4; [::] serves IPv6 clients only";
    case SSLB_WHY_WILDCARD_LOCAL:
        return "the local address is itself a wildcard";
    case SSLB_WHY_NO_CENTRAL:
        return "no central certificate store";
    case SSLB_WHY_FILE_MISSING:
        return "no such file";
    case SSLB_WHY_REJECT:
        return "the binding has reject=enable: no certificate is looked at";
    case SSLB_WHY_FILE_UNUSABLE: { /* why, as the file is now: "www.contoso.com.pfx" → "www.contoso.com" */
        sslb_diag d = {{0}};
        size_t l = strlen(p->key);
        char name[SSLB_KEYTEXT_MAX];
        snprintf(name, sizeof name, "%.*s", (int)(l > 4 ? l - 4 : 0), p->key);
        sslb_rc rc = sslb_cert_check_ccs(cs, name, &d);
        if (rc == SSLB_ENOTFOUND) snprintf(buf, n, "the file was there but could not serve; now there is no such file");
        else if (rc == SSLB_OK) snprintf(buf, n, "the file could not serve when it was looked up; it can now");
        else snprintf(buf, n, "the file is there, but %s", d.text);
        return buf;
    }
    default:
        return "";
    }
}

/* "IP:port 10.0.0.1:443" — what a probe looked for, in words; sni is the name the lookup used (no
 * trailing dot: the trace said it was dropped). */
static void probe_subject(const sslb_probe *p, const char *local, const char *sni, uint16_t port, char *buf, size_t n)
{
    int skipped = p->outcome == SSLB_PROBE_SKIPPED;
    char snikey[SSLB_KEYTEXT_MAX] = "";

    if (sni) snprintf(snikey, sizeof snikey, "%s:%u", sni, port);

    if (p->table == SSLB_PROBE_CENTRAL)
        snprintf(buf, n, "central store%s%s", skipped ? "" : " file ", skipped ? "" : p->key);
    else if (p->step == 1) snprintf(buf, n, "IP:port %s", skipped ? local : p->key);
    else if (p->step == 2) snprintf(buf, n, "hostname:port %s", skipped ? snikey : p->key);
    else if (p->step == 3 && skipped && p->table == SSLB_CCS) snprintf(buf, n, "central certificate store");
    else if (p->step == 3)
        snprintf(buf, n, "%s %s", p->table == SSLB_SCOPEDCCS ? "scoped CCS" : "CCS port", skipped ? snikey : p->key);
    else if (p->step == 4) snprintf(buf, n, "IP:port [::]:%u", port);
    else snprintf(buf, n, "IP:port 0.0.0.0:%u", port);
    size_t l = strlen(buf); /* drop a trailing blank left by an empty key */
    while (l && buf[l - 1] == ' ') buf[--l] = '\0';
}

static const char *outcome_text(const sslb_probe *p)
{
    return p->outcome == SSLB_PROBE_HIT ? "found" : p->outcome == SSLB_PROBE_MISS ? "not found" : "skipped";
}

static int is_ip_literal(const char *s)
{
    sslb_addr a;
    return sslb_addr_parse(s, &a, NULL) == SSLB_OK;
}

/* When a CCS binding matched (the scoped one of the name, or the port's) and the central store had
 * no file that could serve, the lookup goes on to [::] and 0.0.0.0 (lookup.md step 3: "No such
 * file → go on to 4"). what: the binding and what it looked for, one clause without a full stop
 * ("The CCS binding for port 8443 matched (Probe 4) and looked in the central store for
 * shop.contoso.com.pfx, then _.contoso.com.pfx: neither file is there"); fix: what to do, a
 * sentence naming the shell's command. 0 when no CCS binding matched. */
static int ccs_missed(const sslb_trace *tr, uint16_t port, const char *sni, char *what, size_t wn, char *fix, size_t fn)
{
    unsigned ccs = 0, bad = 0, nfiles = 0;
    const char *file[2] = {"", ""};
    char who[SSLB_KEYTEXT_MAX + 64]; /* the longest key and "The scoped CCS binding … matched (Probe N)" */
    size_t sl = strlen(sni);

    if (sl && sni[sl - 1] == '.') sl--; /* the name the lookup used */
    for (unsigned i = 0; i < tr->count; i++) {
        const sslb_probe *p = &tr->probe[i];
        if (p->step == 3 && p->table != SSLB_PROBE_CENTRAL && p->outcome == SSLB_PROBE_HIT) ccs = i + 1;
        else if (ccs && p->table == SSLB_PROBE_CENTRAL && p->key[0]) {
            if (p->why == SSLB_WHY_FILE_UNUSABLE && !bad) bad = i + 1;
            if (nfiles < 2) file[nfiles++] = p->key;
        }
    }
    if (!ccs) return 0;
    if (tr->probe[ccs - 1].table == SSLB_SCOPEDCCS)
        snprintf(who, sizeof who, "The scoped CCS binding %s matched (Probe %u)", tr->probe[ccs - 1].key, ccs);
    else snprintf(who, sizeof who, "The CCS binding for port %u matched (Probe %u)", port, ccs);
    if (bad)
        snprintf(what, wn, "%s, but the central store file %s is there and cannot serve (Probe %u says why)", who,
                 tr->probe[bad - 1].key, bad);
    else if (nfiles == 2)
        snprintf(what, wn, "%s and looked in the central store for %s, then %s: neither file is there", who, file[0],
                 file[1]);
    else if (nfiles == 1)
        snprintf(what, wn, "%s and looked in the central store for %s: the file is not there", who, file[0]);
    else snprintf(what, wn, "%s, but there is no central certificate store", who);
    if (bad)
        snprintf(fix, fn,
                 "Fix that file, or replace it with a .pfx of the certificate and its private key (cert import "
                 "file=<.pfx or PEM file> store=ccs).");
    else
        snprintf(fix, fn,
                 "Put a certificate for %.*s, with its private key, in the central store: cert import file=<.pfx or "
                 "PEM file> store=ccs names the file after the certificate's first DNS name (cert create "
                 "subject=%.*s store=ccs makes a test one).",
                 (int)sl, sni, (int)sl, sni);
    return 1;
}

/* The Explanation when the client sent SNI S and an IP:port binding answered with a certificate
 * not valid for S. "No binding names S" only when none does: an exact IP:port binding (probe 1)
 * hides the hostname:port and scoped CCS bindings of S, and a CCS binding whose file is missing
 * or unusable (ccs_what and ccs_fix, from ccs_missed; NULL when none matched) lets the lookup fall
 * through to [::] or 0.0.0.0 (lookup.md, the probes' order). */
static void explain_ipport_answer(sslb_table *t, const sslb_match *m, const char *ccs_what, const char *ccs_fix,
                                  const char *sni, uint16_t port, char *expl, size_t n)
{
    static const char *const kind_names[SSLB_KIND_COUNT] = {"", "hostname:port", "", "scoped CCS"};
    char used[SSLB_KEYTEXT_MAX];
    size_t sl = strlen(sni);

    sslb_key_format(&m->binding.key, used, sizeof used);
    if (sl && sni[sl - 1] == '.') sl--; /* the name the lookup used */
    if (m->step == 1) {
        static const sslb_kind hidden[] = {SSLB_HOSTPORT, SSLB_SCOPEDCCS};
        for (unsigned i = 0; i < 2; i++) {
            sslb_key k;
            sslb_binding b;
            sslb_diag d;
            if (sslb_key_hostport(&k, hidden[i], sni, sl, port, &d) != SSLB_OK ||
                sslb_table_query(t, &k, &b) != SSLB_OK)
                continue;
            snprintf(expl, n,
                     "The exact IP:port binding %s comes first (probe 1), so the %s binding %.*s:%u for this name is "
                     "never reached: %s's certificate is served, and it is not valid for %.*s. The browser warns. "
                     "Delete %s (the %s binding then answers), or bind a certificate valid for %.*s there.",
                     used, kind_names[hidden[i]], (int)sl, sni, port, used, (int)sl, sni, used, kind_names[hidden[i]],
                     (int)sl, sni);
            return;
        }
    }
    if (ccs_what) {
        snprintf(expl, n,
                 "%s, so http.sys went on to the IP:port binding %s, whose certificate is not valid for %.*s: the "
                 "browser warns. %s",
                 ccs_what, used, (int)sl, sni, ccs_fix);
        return;
    }
    snprintf(expl, n,
             "No binding names %.*s, so the IP:port binding %s answered with its certificate, which is not valid for "
             "that name: the browser warns.",
             (int)sl, sni, used);
}

/* The command's status: 0 whenever the simulation ran; with exit=result, the Result's own code
 * (sh->exit_code, what a one-shot sslbind exits with), and a failure, explained, for every
 * Result but OK. */
static int exit_with(struct shell *sh, int result_exit, enum result res)
{
    if (!result_exit || res == R_OK) return 0;
    sh->exit_code = result_exits[res];
    explain(sh, "exit=result: the Result is %s, exit status %d", result_tokens[res], result_exits[res]);
    return 1;
}

/* The simulation cannot answer (the state or the stores cannot be read, explained already):
 * netsh's outcome, as text or, in JSON, still one object as show sslcert's. 1. */
static int no_answer(struct shell *sh, FILE *f, int as_json, sslb_rc rc)
{
    if (!as_json) return report_failure(sh, rc, NULL);
    fputs("{\n  \"message\": ", f);
    out_json_string(f, sslb_strerror(rc));
    fprintf(f, ",\n  \"status\": %d\n}\n", sslb_win32(rc));
    return 1;
}

static int cmd_handshake(struct shell *sh, const struct cmd_row *row, int argc, char **argv)
{
    static const char *const key_labels[SSLB_KIND_COUNT] = {"IP:port", "Hostname:port", "Central Certificate Store",
                                                            "Scoped CCS"};
    const struct tagval *ipport, *host, *sni_tag, *json, *exit_tag;
    char local[64], ipkey[SSLB_KEYTEXT_MAX], why[512] = "", expl[4096] = "", bkey[SSLB_KEYTEXT_MAX], th[41];
    char hostbuf[SSLB_HOST_MAX + 1], sni_sent[SSLB_HOST_MAX + 2], name[SSLB_HOST_MAX + 1];
    const char *sni = NULL, *sni_note, *checked = NULL; /* checked: the name the browser checks */
    sslb_addr a;
    sslb_match m;
    sslb_trace tr;
    sslb_cert *cert = NULL;
    sslb_certinfo ci;
    sslb_diag unusable = {"?"}; /* why the certificate cannot serve TLS; "" when it can */
    sslb_clientchecks cc;       /* the client's checks besides the name, when have_cc */
    int have_cc = 0;
    struct parsed p;
    enum result res;
    char ccs_what[3 * SSLB_KEYTEXT_MAX + 160], ccs_fix[2 * SSLB_HOST_MAX + 240];
    int found, fell, name_ok = -1, as_json, result_exit = 0, dot = 0;
    sslb_rc rc;
    FILE *f = sh->out;

    if (parse_or_complain(sh, row, argc, argv, &p)) return 1;
    ipport = tags_get(&p, "ipport");
    host = tags_get(&p, "host");
    sni_tag = tags_get(&p, "sni");
    json = tags_get(&p, "json");
    as_json = json && json->v.on;
    if ((exit_tag = tags_get(&p, "exit"))) {
        if (sslb_ascii_casecmp(exit_tag->text, "result") == 0) result_exit = 1;
        else if (sslb_ascii_casecmp(exit_tag->text, "status") != 0) {
            explain(sh,
                    "exit: '%s' is neither result (the exit status says the Result) nor status (0 when the "
                    "simulation ran)",
                    exit_tag->text);
            return report_failure(sh, SSLB_EINVAL, NULL);
        }
    }
    if (host) {
        size_t len = strlen(host->text);
        /* One trailing dot (www.contoso.com.) is the same name without it: the SNI goes out as
         * typed, the lookup and the name check drop the dot (lookup.md, "Edge cases"). */
        if (len > 1 && host->text[len - 1] == '.' && host->text[len - 2] != '.') dot = 1;
        if (len - (size_t)dot > SSLB_HOST_MAX) { /* never cut: the name checked is the name typed */
            sslb_diag d;
            sslb_host_parse(host->text, len - (size_t)dot, hostbuf, &d); /* hostnameport='s own message */
            explain(sh, "host: %s", d.text);
            return report_failure(sh, SSLB_EINVAL, NULL);
        }
        snprintf(name, sizeof name, "%.*s", (int)(len - (size_t)dot), host->text);
        checked = name;
        if (dot && is_ip_literal(name)) {
            explain(sh, "host: '%s' is an IP address with a trailing dot: an IP address takes none", host->text);
            return report_failure(sh, SSLB_EINVAL, NULL);
        }
        if (!is_ip_literal(name)) {
            sslb_diag d;
            if (len && host->text[len - 1] == '.' && !dot) {
                explain(sh, "host: '%s' %s", host->text,
                        len == 1 ? "is a lone dot, not a host name"
                                 : "ends with two dots: one trailing dot is allowed (it is dropped), not more");
                return report_failure(sh, SSLB_EINVAL, NULL);
            }
            if (sslb_host_parse(name, strlen(name), hostbuf, &d) != SSLB_OK) {
                explain(sh, "host: %s", d.text);
                return report_failure(sh, SSLB_EINVAL, NULL);
            }
            if (numeric_last_label(name)) { /* add's rule: no binding could be made for it */
                explain(sh,
                        "host: '%s' ends in a numeric label (all digits, or 0x and hex digits): browsers read it as "
                        "an IP address or refuse it, and never send it as SNI; give the IP address itself",
                        host->text);
                return report_failure(sh, SSLB_EINVAL, NULL);
            }
        }
    } else if (sni_tag && sni_tag->v.on) {
        explain(sh, "sni=enable needs host=: the SNI is the name the user typed");
        return report_failure(sh, SSLB_EINVAL, NULL);
    }
    if (!host) sni_note = "No (no host name given)";
    else if (is_ip_literal(name)) sni_note = "No (an IP address is never sent as SNI)";
    else if (sni_tag && !sni_tag->v.on) sni_note = "No (a legacy client that does not send SNI)";
    else {
        snprintf(sni_sent, sizeof sni_sent, "%s%s", hostbuf, dot ? "." : "");
        sni = sni_sent, sni_note = sni_sent;
    }

    if ((rc = shell_sync(sh)) != SSLB_OK || (rc = shell_open_certs(sh)) != SSLB_OK) /* both explain it */
        return no_answer(sh, f, as_json, rc);
    memset(&a, 0, sizeof a);
    a.family = ipport->v.key.family;
    memcpy(a.bytes, ipport->v.key.addr, 16);
    sslb_addr_format(&a, local, sizeof local);
    sslb_key_format(&ipport->v.key, ipkey, sizeof ipkey);
    found = sslb_table_resolve(sh->table, &a, ipport->v.key.port, sni, sni ? strlen(sni) : 0, &m, &tr) == SSLB_OK;

    /* A CCS binding that matched without a file that could serve: said whatever answered instead. */
    fell = sni && (!found || m.step >= 4) &&
           ccs_missed(&tr, ipport->v.key.port, sni, ccs_what, sizeof ccs_what, ccs_fix, sizeof ccs_fix);

    /* The certificate that would be served, and the client's verdict. */
    if (!found) {
        res = R_NO_BINDING;
        char wild[40]; /* the probes that could still have caught this client */
        if (a.family == 6) snprintf(wild, sizeof wild, "[::]:%u or 0.0.0.0:%u", ipport->v.key.port, ipport->v.key.port);
        else snprintf(wild, sizeof wild, "0.0.0.0:%u", ipport->v.key.port);
        if (fell)
            snprintf(expl, sizeof expl,
                     "%s, and no %s binding catches the client, so no binding serves it and http.sys resets the "
                     "connection. %s",
                     ccs_what, wild, ccs_fix);
        else
            snprintf(expl, sizeof expl, "No binding matched, so http.sys resets the connection. %s",
                     sni ? "Add a binding for this host name or IP:port, or a 0.0.0.0:<port> default."
                         : "Without SNI only IP:port bindings can answer: a 0.0.0.0:<port> (or an IP:port) binding "
                           "would catch this client.");
    } else if (m.binding.params.flags & SSLB_FLAG_REJECT) {
        res = R_REJECTED;
        snprintf(expl, sizeof expl,
                 "The binding has reject=enable: http.sys refuses the connection before it looks at "
                 "a certificate%s.",
                 m.binding.key.kind == SSLB_CCS || m.binding.key.kind == SSLB_SCOPEDCCS
                     ? ", so it does not look in the central store: the refusal is the same with or without a file"
                     : "");
    } else {
        const char *store;
        sslb_rc lr = sslb_cert_load_match(sh->certs, &m, &cert, &store);
        int lerr = errno;
        if (!m.central && lr != SSLB_OK && lr != SSLB_ENOTFOUND) { /* a store that cannot be read: no answer */
            explain(sh, "store %s cannot be read (%s): whether it holds certificate %s is not known", store,
                    lr == SSLB_ENOMEM ? "out of memory" : strerror(lerr), sslb_certhash_format(m.certhash, th));
            return no_answer(sh, f, as_json, lr);
        }
        if (lr == SSLB_OK) sslb_cert_info(cert, &ci);
        /* the endpoint's own judgement: a key TLS clients refuse fails the handshake too */
        if (lr == SSLB_OK && ci.has_key && sslb_cert_usable(sh->certs, cert, &unusable) == SSLB_OK)
            unusable.text[0] = '\0';
        if (lr != SSLB_OK || !ci.has_key || unusable.text[0]) {
            char but[sizeof unusable.text + 40];
            res = R_CERT_NOT_FOUND;
            if (lr != SSLB_OK) snprintf(but, sizeof but, "this machine's store does not have it");
            else if (!ci.has_key) snprintf(but, sizeof but, "its private key is missing");
            else snprintf(but, sizeof but, "a TLS server cannot present it (%s)", unusable.text);
            snprintf(expl, sizeof expl,
                     "The binding names certificate %s in store %s, but %s: the handshake fails (http.sys does not try "
                     "the next probe). In a web farm, import the certificate on every server.",
                     sslb_certhash_format(m.certhash, th), store, but);
        } else if (!host) {
            res = R_OK;
            snprintf(expl, sizeof expl,
                     "A certificate is served; no host name was given, so there is no name to check.");
        } else {
            name_ok = sslb_cert_check_name(cert, checked, why, sizeof why);
            res = name_ok ? R_OK : R_NAME_MISMATCH;
            if (name_ok) snprintf(expl, sizeof expl, "The certificate served is valid for %s.", checked);
            else if (!ci.dnsnames[0] && ci.ipaddrs[0] && !is_ip_literal(checked))
                snprintf(expl, sizeof expl,
                         "The certificate served has no DNS names, only IP addresses (%s) and its subject (%s), which "
                         "browsers ignore: it is valid only when the user types one of those addresses, never for a "
                         "DNS name, whichever binding serves it and whether or not the "
                         "client sends SNI. The browser warns. Reissue it with %s among its DNS names "
                         "(subjectAltName).",
                         ci.ipaddrs, ci.subject[0] ? ci.subject : "empty", checked);
            else if (!ci.dnsnames[0] && !is_ip_literal(checked)) /* the certificate's fault, whatever the SNI */
                snprintf(expl, sizeof expl,
                         "The certificate served has no DNS names, only its subject (%s): browsers ignore the subject "
                         "CN, so it is valid for no name at all, whichever binding serves it and whether or not the "
                         "client sends SNI. The browser warns. Reissue it with %s among its DNS names "
                         "(subjectAltName).",
                         ci.subject[0] ? ci.subject : "empty", checked);
            else if (is_ip_literal(checked)) /* no SNI for an address: only an IP address SAN can fit */
                snprintf(expl, sizeof expl,
                         "The user typed an IP address, %s: clients never send an address as SNI (RFC 6066, section "
                         "3), so http.sys chose the certificate by %s alone, and the browser checks %s against the "
                         "certificate's IP addresses (subjectAltName), never its DNS names or subject. This one has "
                         "%s%s. The browser warns. Reissue the certificate with %s as an IP address in its "
                         "subjectAltName%s.",
                         checked, ipkey, checked, ci.ipaddrs[0] ? "only the IP addresses " : "no IP address",
                         ci.ipaddrs, checked,
                         ci.dnsnames[0] ? ", or have users type one of its DNS names instead of the address" : "");
            else if (!sni && m.binding.key.kind == SSLB_IPPORT)
                snprintf(expl, sizeof expl,
                         "The client sent no SNI, so http.sys knew only %s and served that binding's certificate; the "
                         "name the user typed (and the Host header) travel encrypted, after the certificate is chosen. "
                         "The browser warns.",
                         ipkey);
            else if (sni && m.binding.key.kind == SSLB_IPPORT) {
                explain_ipport_answer(sh->table, &m, fell ? ccs_what : NULL, ccs_fix, sni, ipport->v.key.port, expl,
                                      sizeof expl);
                fell = 0; /* said */
            } else
                snprintf(expl, sizeof expl, "The certificate served is not valid for %s: the browser warns.", checked);
        }
    }

    if (found && fell) { /* the binding that answered instead of the CCS binding's missing file, said first */
        char pre[sizeof ccs_what + SSLB_KEYTEXT_MAX + 64];
        size_t pl = (size_t)snprintf(pre, sizeof pre, "%s, so http.sys went on to the IP:port binding %s. ", ccs_what,
                                     sslb_key_format(&m.binding.key, bkey, sizeof bkey)),
               el = strlen(expl);
        if (pl + el < sizeof expl) {
            memmove(expl + pl, expl, el + 1);
            memcpy(expl, pre, pl);
        }
    }

    /* What the client checks besides the name: dates, purpose, chain. The Result tokens are the
     * spec's (lookup and name), so the Explanation says when the browser warns all the same. */
    if (cert && (res == R_OK || res == R_NAME_MISMATCH)) {
        char problems[sizeof cc.validity + sizeof cc.purpose + sizeof cc.chain + 40] = "";
        size_t l = 0, el = strlen(expl);
        sslb_cert_client_checks(sh->certs, cert, &cc);
        have_cc = 1;
        if (cc.validity[0])
            l += (size_t)snprintf(problems + l, sizeof problems - l, "it %s%s",
                                  strncmp(cc.validity, "expired", 7) == 0 ? "" : "is ", cc.validity);
        if (cc.purpose[0])
            l += (size_t)snprintf(problems + l, sizeof problems - l, "%sit is %s", l ? "; " : "", cc.purpose);
        if (cc.chain[0]) snprintf(problems + l, sizeof problems - l, "%sits chain is %s", l ? "; " : "", cc.chain);
        /* "maybe incomplete" alone (an issuer found nowhere): the browser may warn */
        int maybe = !cc.validity[0] && !cc.purpose[0] && strncmp(cc.chain, "maybe", 5) == 0;
        if (problems[0] && res == R_OK)
            snprintf(expl + el - 1, sizeof expl - (el - 1),
                     "%s, but %s. The browser %s all the same (Result OK says "
                     "only that a certificate is served and its names fit).",
                     host ? " by name" : "", problems, maybe ? "may warn" : "warns");
        else if (problems[0]) snprintf(expl + el, sizeof expl - el, " Besides, %s.", problems);
    }

    if (as_json) {
        char rb[SSLB_DIAG_MAX + 64], subj[SSLB_KEYTEXT_MAX + 40];
        fputs("{\n  \"ipport\": ", f);
        out_json_string(f, ipkey);
        fputs(",\n  \"host\": ", f);
        out_json_string(f, host ? host->text : NULL);
        fputs(",\n  \"sni\": ", f);
        out_json_string(f, sni);
        fprintf(f, ",\n  \"trailingdotdropped\": %s", dot ? "true" : "false");
        fputs(",\n  \"probes\": [", f);
        for (unsigned i = 0; i < tr.count; i++) {
            const sslb_probe *pr = &tr.probe[i];
            probe_subject(pr, ipkey, sni ? hostbuf : NULL, ipport->v.key.port, subj, sizeof subj);
            fprintf(f, "%s\n    {\"step\": %u, \"probe\": ", i ? "," : "", pr->step);
            out_json_string(f, subj);
            fprintf(f, ", \"outcome\": \"%s\", \"reason\": ",
                    pr->outcome == SSLB_PROBE_HIT    ? "hit"
                    : pr->outcome == SSLB_PROBE_MISS ? "miss"
                                                     : "skipped");
            const char *w = why_text(sh->certs, pr, rb, sizeof rb, ipport->v.key.port);
            out_json_string(f, w[0] ? w : NULL);
            fputc('}', f);
        }
        fputs("\n  ],\n  \"binding\": ", f);
        if (found) {
            fputs("{\"type\": ", f);
            out_json_string(f, key_labels[m.binding.key.kind]);
            fputs(", \"key\": ", f);
            out_json_string(f, sslb_key_format(&m.binding.key, bkey, sizeof bkey));
            fputs("}", f);
        } else {
            fputs("null", f);
        }
        fputs(",\n  \"certificate\": ", f);
        if (cert && res != R_REJECTED) {
            fputs("{\"hash\": ", f);
            out_json_string(f, sslb_certhash_format(ci.thumb, th));
            fputs(", \"store\": ", f);
            /* spelled as the binding names it, as the text lines print it */
            out_json_string(f, m.central ? ci.store : m.binding.params.store_name ? m.binding.params.store_name : "MY");
            fputs(", \"file\": ", f);
            out_json_string(f, ci.file[0] ? ci.file : NULL);
            fputs(", \"subject\": ", f);
            out_json_string(f, ci.subject);
            fputs(", \"dnsnames\": ", f);
            out_json_dnsnames(f, NULL, &ci, cert);
            fputs(", \"ipaddresses\": ", f);
            out_json_list(f, ci.ipaddrs);
            fprintf(f, ", \"privatekey\": %s}", ci.has_key ? "true" : "false");
        } else {
            fputs("null", f);
        }
        fputs(",\n  \"namecheck\": ", f);
        if (name_ok >= 0) {
            fprintf(f, "{\"passed\": %s, \"detail\": ", name_ok ? "true" : "false");
            out_json_string(f, why);
            fputc('}', f);
        } else {
            fputs("null", f);
        }
        fputs(",\n  \"clientchecks\": ", f);
        if (have_cc) {
            fputs("{\"validity\": ", f);
            out_json_string(f, cc.validity[0] ? cc.validity : NULL);
            fputs(", \"purpose\": ", f);
            out_json_string(f, cc.purpose[0] ? cc.purpose : NULL);
            fputs(", \"chain\": ", f);
            out_json_string(f, cc.chain[0] ? cc.chain : NULL);
            fputc('}', f);
        } else {
            fputs("null", f);
        }
        fputs(",\n  \"explanation\": ", f);
        out_json_string(f, expl);
        fprintf(f, ",\n  \"result\": \"%s\"\n}\n", result_tokens[res]);
        sslb_cert_free(cert);
        return exit_with(sh, result_exit, res);
    }

    fputs("\nHandshake simulation:\n---------------------\n\n", f);
    out_field(f, "Client Connects To", "%s", ipkey);
    out_field(f, "Host Name Typed", "%s", host ? host->text : "(none)");
    out_field(f, "SNI Sent", "%s", sni_note);
    if (dot)
        out_field(f, "Trailing Dot", "dropped: %s %s",
                  sni ? "the lookup and the name check use" : "the name check uses", name);
    for (unsigned i = 0; i < tr.count; i++) {
        const sslb_probe *pr = &tr.probe[i];
        char label[24], subj[SSLB_KEYTEXT_MAX + 40], rb[SSLB_DIAG_MAX + 64];
        const char *w = why_text(sh->certs, pr, rb, sizeof rb, ipport->v.key.port);
        snprintf(label, sizeof label, "Probe %u", i + 1);
        probe_subject(pr, ipkey, sni ? hostbuf : NULL, ipport->v.key.port, subj, sizeof subj);
        if (w[0]) out_field(f, label, "%s - %s (%s)", subj, outcome_text(pr), w);
        else out_field(f, label, "%s - %s", subj, outcome_text(pr));
    }
    if (found) {
        out_field(f, "Binding Used", "%s %s", key_labels[m.binding.key.kind],
                  sslb_key_format(&m.binding.key, bkey, sizeof bkey));
    } else {
        out_field(f, "Binding Used", "(none)");
    }
    if (found && res != R_REJECTED) {
        out_field(f, "Certificate Hash", "%s", sslb_certhash_format(m.certhash, th));
        if (m.central) out_field(f, "Central Store File", "%s", m.central_file);
        else
            out_field(f, "Certificate Store Name", "%s",
                      m.binding.params.store_name ? m.binding.params.store_name : "MY");
        if (res != R_CERT_NOT_FOUND) {
            out_field(f, "Certificate Subject", "%s", ci.subject);
            out_field(f, "Certificate DNS Names", "%s", ci.dnsnames[0] ? ci.dnsnames : "(none)");
        } else {
            out_field(f, "Certificate", "%s%s",
                      !cert         ? "not in the store"
                      : !ci.has_key ? "found, but without its private key"
                                    : "found, but it cannot serve TLS: ",
                      cert && ci.has_key ? unusable.text : "");
        }
    }
    if (name_ok >= 0) out_field(f, "Name Check", "%s: %s", name_ok ? "passed" : "failed", why);
    if (have_cc && cc.validity[0]) out_field(f, "Validity", "failed: %s; the browser warns", cc.validity);
    if (have_cc && cc.purpose[0]) out_field(f, "Purpose", "failed: %s; the browser refuses it", cc.purpose);
    if (have_cc && cc.chain[0]) out_field(f, "Chain", "%s", cc.chain);
    out_field(f, "Explanation", "%s", expl);
    out_field(f, "Result", "%s", result_tokens[res]);
    fputc('\n', f);
    sslb_cert_free(cert);
    return exit_with(sh, result_exit, res);
}

static const struct tagdef handshake_tags[] = {
    {"ipport", T_IPPORT, 1, "<ip:port>", "The local address and port the client connected to."},
    {"host", T_STRING, 0, "<name or IP>", "What the user typed in the browser: a DNS name or an IP address."},
    {"sni", T_BOOL, 0, "enable|disable", "Whether the client sends the name as SNI (default enable for a name)."},
    {"json", T_BOOL, 0, "enable|disable", "Print the simulation as JSON."},
    {"exit", T_STRING, 0, "result|status",
     "result: the exit status is the Result's code (Remarks); status (default): 0 if it ran."},
    {NULL, 0, 0, NULL, NULL}};

const struct cmd_row sim_rows[] = {
    {CTX_SIM, "handshake", NULL, cmd_handshake, handshake_tags, "Shows which certificate a client would get, and why.",
     NULL,
     "Remarks: Follows http.sys's lookup probe by probe (exact IP:port, SNI host name, central\n"
     "         store, [::], 0.0.0.0), then checks the certificate's names as a browser does.\n"
     "         Result: OK, NAME_MISMATCH, NO_BINDING, CERT_NOT_FOUND or REJECTED.\n"
     "         The exit status is 0 whenever the simulation ran; with exit=result it is\n"
     "         the Result's: 0 OK, 2 NAME_MISMATCH, 3 NO_BINDING, 4 CERT_NOT_FOUND,\n"
     "         5 REJECTED (1 stays bad input). One trailing dot on host= is dropped for\n"
     "         the lookup and the name check, as servers and browsers do.\n"
     "\n"
     "Examples:\n"
     "\n"
     "      sim handshake ipport=10.0.0.1:443 host=www.contoso.com\n"
     "      sim handshake ipport=10.0.0.1:443 host=shop.contoso.com sni=disable\n"
     "      sim handshake ipport=[2001:db8::1]:443 host=2001:db8::1 json=enable\n"
     "      sim handshake ipport=10.0.0.1:443 host=www.contoso.com exit=result\n"},
};
const int sim_nrows = (int)(sizeof sim_rows / sizeof sim_rows[0]);
