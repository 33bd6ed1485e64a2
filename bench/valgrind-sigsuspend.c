/* A profiling aid, not part of opsctl (docs/performance.md, "Profiling under valgrind").
 * valgrind 3.19 writes into the signal mask a program passes to sigsuspend; libdispatch
 * passes one in read-only memory when it parks the main thread, so valgrind crashes on every
 * opsctl run. Preloaded, this hands the kernel a writable copy of the mask instead. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, 8);
}
