#ifndef OPSCTL_CALLOCATOR_TUNING_H
#define OPSCTL_CALLOCATOR_TUNING_H

/* The opsctl executable's allocator settings, made by a constructor before the first
   allocation (allocator_tuning.c). Nothing to call: linked into the executable alone, so the
   library's in-process callers and tests keep glibc's defaults. */

#endif
