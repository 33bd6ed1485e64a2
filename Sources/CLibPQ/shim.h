#ifndef OPSCTL_CLIBPQ_SHIM_H
#define OPSCTL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
