#ifndef OPSCTL_CYAML_SHIM_H
#define OPSCTL_CYAML_SHIM_H
#include <yaml.h>
#endif
