#ifndef OPSCTL_CALLOCATOR_TUNING_H
#define OPSCTL_CALLOCATOR_TUNING_H

/* The opsctl executable's allocator settings, made by a constructor before the first
   allocation (allocator_tuning.c). Nothing to call: linked into the executable (and the test
   bundle, whose end-to-end suites depend on it); library callers outside them keep glibc's
   defaults. */

#endif
