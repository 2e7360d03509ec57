// ssl-quality · lane_mask.c — empty: the target's one function is inline in its header
// (include/lane_mask.h), and a C target needs a source file to build.
