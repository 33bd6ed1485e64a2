#ifndef OPSCTL_CPROCESS_ARGUMENTS_H
#define OPSCTL_CPROCESS_ARGUMENTS_H

/* How the opsctl executable hands its arguments to the Swift runtime (process_arguments.c).
   Nothing to call: the runtime calls the two functions that file defines. */

#endif
