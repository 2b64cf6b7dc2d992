/* fuzz_apphost.c — applicationHost.config: reading it (libxml2 and our model of sites and
 * bindings) and the surgical editor. The input is the file; if it holds a NUL byte, what follows
 * the last NUL is a value the edits use (site name, bindingInformation, attribute values), so the
 * fuzzer also searches the writer's escaping.
 *
 * For a file that loads, every site and binding is read, walked and its bindingInformation
 * parsed; then edits run as separate transactions: add a site (making the sites section a file
 * lacks), insert one before the first site, add a binding, set a site's
 * name / serverAutoStart / id, set a binding's bindingInformation / sslFlags / protocol, delete a
 * binding, delete a site. Checked: each edit that succeeds is visible in the handle (the site or
 * binding is found again with exactly the value written), the site count follows, and at the
 * end the file as written loads again with the same sites. A file that does not load must give
 * a clean refusal (SSLB_ECORRUPT and a line), and is never rewritten. */
#include <string.h>

#include "fuzz_util.h"
#include "sslb/apphost.h"

static char work[PATH_MAX], cfg[PATH_MAX];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = fz_scratch("apphost");
    (void)argc;
    (void)argv;
    fz_join(work, sizeof work, root, "work");
    fz_join(cfg, sizeof cfg, work, "applicationHost.config");
    return 0;
}

enum op { ADD_SITE, ADD_BINDING, SET_SITE, SET_BINDING, DEL_BINDING, DEL_SITE, INSERT_SITE };

struct edit {
    enum op op;
    size_t site, binding;
    const char *attr, *value;
    uint32_t id;
};

static sslb_rc run_edit(sslb_apphost *ah, void *ctx, sslb_diag *d)
{
    const struct edit *e = ctx;
    sslb_sitebinding b = {.protocol = "https", .info = e->value};

    switch (e->op) {
    case ADD_SITE: {
        sslb_sitebinding two[2] = {{.protocol = "https", .info = "*:443:fuzz.example"},
                                   {.protocol = "http", .info = e->value, .ssl_flags = 1, .has_ssl_flags = 1}};
        return sslb_apphost_site_add(ah, e->value, e->id, 0, e->value, two, 2, d);
    }
    case INSERT_SITE: /* before the first site: a site of its own name, no bindings */
        return sslb_apphost_site_insert(ah, 0, e->value, e->id, -1, NULL, NULL, 0, d);
    case ADD_BINDING:
        return sslb_apphost_binding_add(ah, e->site, &b, d);
    case SET_SITE:
        return sslb_apphost_site_set(ah, e->site, e->attr, e->value, d);
    case SET_BINDING:
        return sslb_apphost_binding_set(ah, e->site, e->binding, e->attr, e->value, d);
    case DEL_BINDING:
        return sslb_apphost_binding_delete(ah, e->site, e->binding, d);
    case DEL_SITE:
        return sslb_apphost_site_delete(ah, e->site, d);
    }
    return SSLB_EINVAL;
}

static void visit(void *ctx, int depth, const char *element, size_t nattrs, const char *const *names,
                  const char *const *values)
{
    size_t *sum = ctx;
    *sum += (size_t)depth + strlen(element);
    for (size_t i = 0; i < nattrs; i++) *sum += strlen(names[i]) + strlen(values[i]);
}

/* Reads everything the handle offers (ASan checks every pointer it hands out). */
static void read_all(const sslb_apphost *ah)
{
    const char *text;
    size_t len, indent, sum = 0;

    sslb_apphost_text(ah, -1, &text, &len, &indent);
    if (text && len) sum += (size_t)(memchr(text, '<', len) != NULL) + (unsigned char)text[len - 1];
    for (size_t i = 0; i < sslb_apphost_count(ah); i++) {
        const sslb_site *s = sslb_apphost_site(ah, i);
        FZ_CHECK(s && s->name, "site %zu has no name", i);
        FZ_CHECK(sslb_apphost_find_id(ah, s->id) >= 0, "site id %u not found", s->id);
        FZ_CHECK(sslb_apphost_find_name(ah, s->name) >= 0, "site '%s' not found by its name", s->name);
        sslb_apphost_text(ah, (long)i, &text, &len, &indent);
        if (text && len) sum += (unsigned char)text[0] + (unsigned char)text[len - 1];
        sslb_apphost_walk(ah, i, visit, &sum);
        for (size_t k = 0; k < s->nbindings; k++) {
            sslb_bindinfo bi;
            sslb_diag d;
            FZ_CHECK(s->bindings[k].protocol && s->bindings[k].info, "site %zu binding %zu lacks a field", i, k);
            sum += strlen(s->bindings[k].protocol);
            if (sslb_bindinfo_parse(s->bindings[k].info, &bi, &d) == SSLB_OK) sum += bi.port;
            FZ_CHECK(sslb_apphost_binding_find(ah, i, s->bindings[k].protocol, s->bindings[k].info) >= 0,
                     "binding %s/%s of site '%s' not found", s->bindings[k].protocol, s->bindings[k].info, s->name);
        }
    }
    (void)sum;
}

/* One transaction; returns its result and checks what a success must show. */
static sslb_rc apply(sslb_apphost *ah, const struct edit *e, size_t *count)
{
    sslb_diag d;
    sslb_rc rc = sslb_apphost_change(ah, run_edit, (void *)e, &d);

    if (getenv("SSLB_FUZZ_VERBOSE"))
        fprintf(stderr, "edit %d (%s): %s\n", (int)e->op, e->attr ? e->attr : "-", rc == SSLB_OK ? "done" : d.text);

    if (rc != SSLB_OK) {
        FZ_CHECK(sslb_apphost_count(ah) == *count, "a refused edit (op %d: %s) changed the site count", e->op, d.text);
        return rc;
    }
    switch (e->op) {
    case ADD_SITE: {
        (*count)++;
        long i = sslb_apphost_find_name(ah, e->value);
        FZ_CHECK(i >= 0, "added site '%s' not found", e->value);
        const sslb_site *s = sslb_apphost_site(ah, (size_t)i);
        FZ_CHECK(strcmp(s->name, e->value) == 0 && s->id == e->id && s->nbindings == 2,
                 "added site '%s' reads back as '%s' id %u with %zu bindings", e->value, s->name, s->id, s->nbindings);
        FZ_CHECK(strcmp(s->bindings[1].info, e->value) == 0, "binding info '%s' reads back as '%s'", e->value,
                 s->bindings[1].info);
        break;
    }
    case ADD_BINDING:
        FZ_CHECK(sslb_apphost_binding_find(ah, e->site, "https", e->value) >= 0, "added binding https/%s not found",
                 e->value);
        break;
    case SET_SITE:
        if (strcmp(e->attr, "name") == 0)
            FZ_CHECK(strcmp(sslb_apphost_site(ah, e->site)->name, e->value) == 0, "renamed site reads back as '%s'",
                     sslb_apphost_site(ah, e->site)->name);
        break;
    case SET_BINDING:
        if (strcmp(e->attr, "bindingInformation") == 0)
            FZ_CHECK(strcmp(sslb_apphost_site(ah, e->site)->bindings[e->binding].info, e->value) == 0,
                     "binding set to '%s' reads back as '%s'", e->value,
                     sslb_apphost_site(ah, e->site)->bindings[e->binding].info);
        break;
    case INSERT_SITE:
        (*count)++;
        FZ_CHECK(strcmp(sslb_apphost_site(ah, 0)->name, e->value) == 0 && sslb_apphost_site(ah, 0)->id == e->id,
                 "the site inserted first reads back as '%s' id %u", sslb_apphost_site(ah, 0)->name,
                 sslb_apphost_site(ah, 0)->id);
        break;
    case DEL_SITE:
        (*count)--;
        break;
    case DEL_BINDING:
        break;
    }
    FZ_CHECK(sslb_apphost_count(ah) == *count, "op %d: %zu sites, expected %zu", e->op, sslb_apphost_count(ah), *count);
    read_all(ah);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = NULL;
    size_t cfglen = size, count;
    char *value, *info;
    sslb_apphost *ah = NULL, *again = NULL;
    sslb_diag d;
    sslb_rc rc;

    for (size_t i = size; i-- > 0;)
        if (data[i] == '\0') {
            nul = data + i;
            break;
        }
    if (nul) {
        cfglen = (size_t)(nul - data);
        value = fz_cstr(nul + 1, size - cfglen - 1);
        info = fz_cstr(nul + 1, size - cfglen - 1);
    } else { /* a site name and a bindingInformation that need escaping */
        static const char name[] = "Fuzz 'Site' \xc3\xa9", bi[] = "*:443:a&b<c>\"d\"\t'e'";
        value = fz_cstr((const uint8_t *)name, sizeof name - 1);
        info = fz_cstr((const uint8_t *)bi, sizeof bi - 1);
    }
    fz_rmtree(work);
    if (mkdir(work, 0700) != 0 || fz_write(cfg, data, cfglen) != 0) abort();

    rc = sslb_apphost_open(work, cfg, &ah, &d);
    if (getenv("SSLB_FUZZ_VERBOSE"))
        fprintf(stderr, "open: %s, %zu sites\n", rc == SSLB_OK ? "loaded" : d.text, ah ? sslb_apphost_count(ah) : 0);
    if (rc != SSLB_OK) {
        FZ_CHECK(rc == SSLB_ECORRUPT || rc == SSLB_ENOMEM, "open gave %d: %s", (int)rc, d.text);
        if (ah) {
            FZ_CHECK(strlen(sslb_apphost_error_detail(ah)) < 4096, "error detail");
            (void)sslb_apphost_error_line(ah);
            /* a damaged file is refused by edits and never rewritten */
            struct edit e = {.op = ADD_SITE, .value = "x", .id = 7};
            FZ_CHECK(sslb_apphost_change(ah, run_edit, &e, &d) != SSLB_OK, "an edit of a damaged file succeeded");
            sslb_apphost_close(ah);
        }
        free(value);
        free(info);
        return 0;
    }
    read_all(ah);
    count = sslb_apphost_count(ah);
    size_t vl = strlen(value);
    char *renamed = malloc(vl + 2); /* another name than the site added */
    if (!renamed) abort();
    memcpy(renamed, value, vl);
    memcpy(renamed + vl, "2", 2);

    struct edit adds[] = {
        {.op = ADD_SITE, .value = value, .id = 4000000001u},
        {.op = INSERT_SITE, .value = "fuzz-first", .id = 4000000002u},
        {.op = ADD_BINDING, .site = 0, .value = info},
    };
    for (size_t i = 0; i < sizeof adds / sizeof *adds; i++)
        if (adds[i].op != ADD_BINDING || count > 0) apply(ah, &adds[i], &count);
    if (count > 0) {
        size_t last = count - 1;
        const sslb_site *s0 = sslb_apphost_site(ah, 0);
        struct edit sets[] = {
            {.op = SET_SITE, .site = 0, .attr = "name", .value = renamed},
            {.op = SET_SITE, .site = 0, .attr = "serverAutoStart", .value = "false"},
            {.op = SET_SITE, .site = 0, .attr = "id", .value = "77777"},
            {.op = SET_SITE, .site = last, .attr = "serverAutoStart", .value = value},
        };
        for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) apply(ah, &sets[i], &count);
        s0 = sslb_apphost_site(ah, 0);
        if (s0->nbindings > 0) {
            size_t bl = s0->nbindings - 1;
            struct edit bsets[] = {
                {.op = SET_BINDING, .site = 0, .binding = 0, .attr = "bindingInformation", .value = info},
                {.op = SET_BINDING, .site = 0, .binding = bl, .attr = "sslFlags", .value = "3"},
                {.op = SET_BINDING, .site = 0, .binding = bl, .attr = "sslFlags", .value = value},
                {.op = SET_BINDING, .site = 0, .binding = 0, .attr = "protocol", .value = "http"},
            };
            for (size_t i = 0; i < sizeof bsets / sizeof *bsets; i++) apply(ah, &bsets[i], &count);
            s0 = sslb_apphost_site(ah, 0);
            if (s0->nbindings > 0) {
                struct edit del = {.op = DEL_BINDING, .site = 0, .binding = s0->nbindings - 1};
                apply(ah, &del, &count);
            }
        }
        if (count > 0) {
            struct edit del = {.op = DEL_SITE, .site = count - 1};
            apply(ah, &del, &count);
        }
    }

    /* what was written loads again, with the same sites */
    FZ_CHECK(sslb_apphost_open(work, cfg, &again, &d) == SSLB_OK, "the edited file does not load: %s (line %ld: %s)",
             d.text, again ? sslb_apphost_error_line(again) : 0L, again ? sslb_apphost_error_detail(again) : "");
    FZ_CHECK(sslb_apphost_count(again) == count, "reloaded: %zu sites, the handle has %zu", sslb_apphost_count(again),
             count);
    for (size_t i = 0; i < count; i++) {
        const sslb_site *a = sslb_apphost_site(ah, i), *b = sslb_apphost_site(again, i);
        FZ_CHECK(strcmp(a->name, b->name) == 0 && a->id == b->id && a->nbindings == b->nbindings,
                 "site %zu differs after reload: '%s' / '%s'", i, a->name, b->name);
    }
    sslb_apphost_close(again);
    sslb_apphost_close(ah);
    free(renamed);
    free(value);
    free(info);
    return 0;
}
