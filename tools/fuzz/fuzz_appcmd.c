/* fuzz_appcmd.c — appcmd's command lines: fuzz_shell.c with "appcmd " put before every line of
 * the input, so the fuzzer spends its time on appcmd's grammar (verbs, /param:value, indexers
 * like "/+bindings.[protocol='https',bindingInformation='*:443:x']", /xml, /text:) and on the
 * applicationHost.config edits behind it. */
#define FUZZ_APPCMD 1
#include "fuzz_shell.c"
