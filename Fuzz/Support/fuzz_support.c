// Declarations only: libFuzzer provides LLVMFuzzerRunDriver when built with -sanitize=fuzzer.
