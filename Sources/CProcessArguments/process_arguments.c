#include <stddef.h>

#include "CProcessArguments.h"

/*
 * The Swift runtime reads the process's arguments (`CommandLine.arguments`) through the two
 * functions below. Its own definitions sit, in the static runtime, in an object file whose
 * static initialiser finds them the hard way at every start: it reads /proc/self/maps line by
 * line with sscanf to learn where the stack is, then walks back from `environ` to argv. That
 * was a fifth of `opsctl version`'s instructions (148,500 of 741,000), most of it sscanf, and
 * more in the kernel, which writes out the address space's map as text (docs/performance.md).
 * glibc calls an executable's constructors with argc, argv and envp, so this file keeps them
 * from there. Defined here, the runtime's object file is never linked: the static linker takes
 * an archive member only for a symbol no object before it defines.
 *
 * Same behaviour as the runtime's: arguments set through the override win; without any, an
 * empty list.
 */

static char **captured_argv;
static int captured_argc;
static char **overriding_argv;
static int overriding_argc;
static char *no_arguments[] = {NULL};

__attribute__((constructor)) static void opsctl_capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    captured_argc = argc;
    captured_argv = argv;
}

char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    if (overriding_argv != NULL) {
        *outArgLen = overriding_argc;
        return overriding_argv;
    }
    if (captured_argv != NULL) {
        *outArgLen = captured_argc;
        return captured_argv;
    }
    *outArgLen = 0;
    return no_arguments;
}

void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    overriding_argv = argv;
    overriding_argc = argc;
}
