// ssl-quality · lanes.h — two 8-lane vector operations Swift cannot spell.

#ifndef SSL_QUALITY_LANES_H
#define SSL_QUALITY_LANES_H

#if defined(__AVX2__)
#include <immintrin.h>
#endif

/// Eight 32-bit integer lanes and eight float lanes; Swift sees them as `SIMD8<Int32>`
/// and `SIMD8<Float>`.
typedef int lanes_i32x8 __attribute__((ext_vector_type(8)));
typedef float lanes_f32x8 __attribute__((ext_vector_type(8)));

/// Bit k set when lane k of `mask` is negative (a comparison's "true" lane is −1, its
/// "false" lane 0). With AVX2 this is one `vmovmskps`; Swift's mask types offer no
/// conversion to bits, and the portable Swift expression of it compiles to eight
/// instructions. Without AVX2, a loop over the lanes.
static inline __attribute__((always_inline)) unsigned lanes_mask_bits(lanes_i32x8 mask) {
#if defined(__AVX2__)
  return (unsigned)_mm256_movemask_ps((__m256)mask);
#else
  unsigned bits = 0;
  for (int lane = 0; lane < 8; lane++) bits |= (mask[lane] < 0 ? 1u : 0u) << lane;
  return bits;
#endif
}

/// `base[index[k]]` in lane k: one `vgatherdps` with AVX2, else a loop over the lanes.
/// Every index must address an element of `base`.
static inline __attribute__((always_inline)) lanes_f32x8 lanes_gather(const float *base, lanes_i32x8 index) {
#if defined(__AVX2__)
  return (lanes_f32x8)_mm256_i32gather_ps(base, (__m256i)index, 4);
#else
  lanes_f32x8 values;
  for (int lane = 0; lane < 8; lane++) values[lane] = base[index[lane]];
  return values;
#endif
}

#endif
