/* fuzz_reg.c — libFuzzer harness for the bindings.reg reader: any bytes must give a table or a
 * clean SSLB_ECORRUPT, never a crash, a hang or a leak. A parsed table must survive a write and
 * a re-read unchanged. Build and run: tools/fuzz/run [SECONDS]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sslb/store.h"

static int count(void *ctx, const sslb_binding *b)
{
    (void)b;
    ++*(size_t *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sslb_table *t, *t2;
    unsigned skipped;
    sslb_diag d;
    char *text = NULL;
    size_t len = 0, n1 = 0, n2 = 0;
    FILE *f;

    if (sslb_table_create(&t) != SSLB_OK) return 0;
    if (sslb_reg_parse((const char *)data, size, "fuzz", t, &skipped, &d) == SSLB_OK) {
        /* round trip: what we write, we read back to the same table */
        f = open_memstream(&text, &len);
        if (f && sslb_reg_write(t, f) == 0 && fclose(f) == 0) {
            if (sslb_table_create(&t2) == SSLB_OK) {
                if (sslb_reg_parse(text, len, "rewritten", t2, &skipped, &d) != SSLB_OK) abort();
                sslb_table_foreach(t, count, &n1);
                sslb_table_foreach(t2, count, &n2);
                if (n1 != n2) abort();
                sslb_table_destroy(t2);
            }
        }
        free(text);
    }
    sslb_table_destroy(t);
    return 0;
}
