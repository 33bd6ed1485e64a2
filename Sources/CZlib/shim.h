#ifndef OPSCTL_CZLIB_SHIM_H
#define OPSCTL_CZLIB_SHIM_H

#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros, which Swift cannot call. Window bits 15 + 16
   selects the gzip wrapper when compressing; 15 + 32 detects zlib or gzip when reading. */

static inline int opsctl_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

static inline int opsctl_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
