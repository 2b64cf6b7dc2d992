/* main.c — sslbind's entry point (placeholder until the shell lands: prints the version). */
#include <stdio.h>

#include "sslb/error.h"

int main(void)
{
    printf("sslbind 0.1.0 (%s)\n", sslb_strerror(SSLB_OK));
    return 0;
}
