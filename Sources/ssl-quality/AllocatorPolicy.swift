// ssl-quality · AllocatorPolicy.swift — how long the process's allocator keeps freed memory.

/// glibc's malloc gives freed memory at the top of its heap back to the kernel past a
/// 128 KiB trim threshold, and serves blocks over 128 KiB with mmap, until it has adapted
/// both thresholds to the sizes it sees. Worker threads that allocate and free the same
/// few-hundred-KiB buffers for every item (`interpret`: a heatmap and its masks resampled
/// per image) then fault in fresh, kernel-zeroed pages each time: 2.3 s of system time on
/// 10 000 images against 0.45 s with the thresholds below. They are the ceilings glibc's own
/// adaptation stops at (32 MiB for mmap, twice that for trimming), set from the start.
enum AllocatorPolicy {
  static func apply() {
    #if os(Linux)
      _ = mallopt(mmapThreshold, 32 << 20)
      _ = mallopt(trimThreshold, 64 << 20)
    #endif
  }

  #if os(Linux)
    /// `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` of glibc's `<malloc.h>`, which the Glibc
    /// module does not import.
    private static let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
  #endif
}

#if os(Linux)
  /// glibc's `int mallopt(int param, int value)`.
  @_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
