// zlib (Debian's zlib1g-dev) for HdrHistogram's compressed V2 encoding in results.json.
#include <zlib.h>
