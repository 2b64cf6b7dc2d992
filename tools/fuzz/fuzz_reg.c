/* fuzz_reg.c — libFuzzer harness for the bindings.reg reader: any bytes must give a table or a
 * clean SSLB_ECORRUPT, never a crash, a hang or a leak. A parsed table must survive a write and
 * a re-read unchanged: same bindings, and writing the re-read table gives the same text
 * byte for byte. Build and run: tools/fuzz/run-all SECONDS reg. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "sslb/store.h"

static int count(void *ctx, const sslb_binding *b)
{
    (void)b;
    ++*(size_t *)ctx;
    return 0;
}

/* The table as reg export text (malloc'd, *len bytes), or NULL. */
static char *write_text(sslb_table *t, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);

    if (!f) return NULL;
    if (sslb_reg_write(t, f) != 0) {
        fclose(f);
        free(text);
        return NULL;
    }
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sslb_table *t, *t2;
    unsigned skipped;
    sslb_diag d;
    size_t len = 0, len2 = 0, n1 = 0, n2 = 0;
    char *in = fz_bytes(data, size); /* exactly size bytes: a read past them is an ASan report */

    if (sslb_table_create(&t) != SSLB_OK) abort();
    memset(&d, 0x55, sizeof d);
    if (sslb_reg_parse(in, size, "fuzz", t, &skipped, &d) == SSLB_OK) {
        char *text = write_text(t, &len);
        FZ_CHECK(text != NULL, "a parsed table cannot be written");
        if (sslb_table_create(&t2) != SSLB_OK) abort();
        FZ_CHECK(sslb_reg_parse(text, len, "rewritten", t2, &skipped, &d) == SSLB_OK, "what we wrote is refused: %s",
                 d.text);
        FZ_CHECK(skipped == 0, "what we wrote has %u unknown keys or values", skipped);
        sslb_table_foreach(t, count, &n1);
        sslb_table_foreach(t2, count, &n2);
        FZ_CHECK(n1 == n2, "%zu bindings read, %zu after a write and a re-read", n1, n2);
        char *text2 = write_text(t2, &len2);
        FZ_CHECK(text2 && len2 == len && memcmp(text, text2, len) == 0, "the re-read table writes other text");
        free(text2);
        free(text);
        sslb_table_destroy(t2);
    } else {
        FZ_CHECK(memchr(d.text, '\0', sizeof d.text) != NULL, "refusal not terminated");
    }
    sslb_table_destroy(t);
    free(in);
    return 0;
}
