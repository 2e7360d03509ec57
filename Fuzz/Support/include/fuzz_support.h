// ssl-quality: libFuzzer's driver entry point, for targets whose main SwiftPM names.
#ifndef SSLQ_FUZZ_SUPPORT_H
#define SSLQ_FUZZ_SUPPORT_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's command-line driver with `callback` as the fuzz target (libFuzzer ≥ 12).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
