// ssl-quality · lanes.c — empty: the target's functions are inline in its header
// (include/lanes.h), and a C target needs a source file to build.
