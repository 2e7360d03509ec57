#include <cblas.h>

// OpenBLAS's pthread build starts helper threads when it loads; idle, they spin on
// sched_yield for a while, taking CPU from the caller's own threads. This stops them;
// the next multithreaded BLAS call starts them again. Weak, so builds without it link.
__attribute__((weak)) int blas_thread_shutdown_(void);

static inline void sslq_blas_stop_idle_threads(void) {
  if (blas_thread_shutdown_) blas_thread_shutdown_();
}
