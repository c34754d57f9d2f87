#pragma once
// Version and namespace configuration shared by every lakecodec header.

#define LAKECODEC_VERSION_MAJOR 0
#define LAKECODEC_VERSION_MINOR 1
#define LAKECODEC_VERSION_PATCH 0
#define LAKECODEC_VERSION_STRING "0.1.0"

// Code lives in lakecodec::v0 (inline) so two vendored versions cannot silently clash.
#define LAKECODEC_NAMESPACE_BEGIN \
  namespace lakecodec {           \
  inline namespace v0 {
#define LAKECODEC_NAMESPACE_END \
  }                             \
  }

#if defined(__GNUC__) || defined(__clang__)
#define LAKECODEC_LIKELY(x) __builtin_expect(!!(x), 1)
#define LAKECODEC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define LAKECODEC_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define LAKECODEC_LIKELY(x) (x)
#define LAKECODEC_UNLIKELY(x) (x)
#define LAKECODEC_ALWAYS_INLINE inline
#endif
