#include <malloc.h>

#include "CAllocatorTuning.h"

/*
 * glibc serves blocks of 128 KiB and more with mmap, returning them to the system when freed,
 * but raises that threshold to the size of each such block freed (up to 32 MiB): after the
 * first large array is freed, large arrays come from the heap and the freed space stays in the
 * process. Fixing the threshold keeps a plan of 10,000 tables 4-8 MiB lower at its peak. It is
 * fixed at 1 MiB rather than at its initial 128 KiB: a plan's arrays between the two (a page's
 * checks, an encoded part of the plan file) then come from the heap instead of an mmap and a
 * munmap each, whose address-space lock and TLB shoot-downs stalled the plan's other threads
 * (the 1,000-label latency plan 1.0-1.8 ms faster, alternated; peak memory 0.5-1.5 MiB higher,
 * docs/performance.md).
 *
 * Fixed, it also fixes the point at which a heap's free top is handed back at 128 KiB, and each
 * heap grew by little more than each request: a plan's heaps were given back and faulted in
 * again page by page (10,900 page faults for 10,000 Vercel variables, 970 mprotect calls for
 * 10,000 labels). A top pad of 4 MiB grows and keeps each heap's top in larger steps; pages it
 * reserves are not touched until used.
 *
 * Set by a constructor, before the first allocation, as GLIBC_TUNABLES would set them: made
 * from Swift's main, after the runtime's start, the same settings left about a fifth more page
 * faults (docs/performance.md).
 */
__attribute__((constructor)) static void opsctl_tune_allocator(void) {
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    mallopt(M_TOP_PAD, 4 << 20);
}
