#ifndef OPSCTL_CMALLOC_SHIM_H
#define OPSCTL_CMALLOC_SHIM_H

/* glibc's allocator tuning (mallopt), which Swift's Glibc module does not export. */
#include <malloc.h>

#endif
