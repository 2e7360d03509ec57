// ssl-quality · lane_mask.h — the lanes of an 8-lane comparison mask as 8 bits.

#ifndef SSL_QUALITY_LANE_MASK_H
#define SSL_QUALITY_LANE_MASK_H

#if defined(__AVX__)
#include <immintrin.h>
#endif

/// Eight 32-bit lanes; Swift sees this type as `SIMD8<Int32>`.
typedef int lane_mask_i32x8 __attribute__((ext_vector_type(8)));

/// Bit k set when lane k of `mask` is negative (a comparison's "true" lane is −1, its
/// "false" lane 0). With AVX this is one `vmovmskps`, which Swift cannot spell: its mask
/// types offer no conversion to bits, and the portable Swift expression of it compiles to
/// eight instructions. Without AVX, a loop over the lanes.
static inline __attribute__((always_inline)) unsigned lane_mask_bits(lane_mask_i32x8 mask) {
#if defined(__AVX__)
  return (unsigned)_mm256_movemask_ps((__m256)mask);
#else
  unsigned bits = 0;
  for (int lane = 0; lane < 8; lane++) bits |= (mask[lane] < 0 ? 1u : 0u) << lane;
  return bits;
#endif
}

#endif
