#pragma once
// Single-object encoding (Avro spec "Single-object encoding"): the marker C3 01, the schema's
// CRC-64-AVRO fingerprint as 8 little-endian bytes, then the binary datum.

#include <cstdint>

#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// Appends the single-object header and the encoded datum.
inline status encode_single_object(const schema& s, const value& v, byte_buffer& out) {
  out.push_back(0xC3);
  out.push_back(0x01);
  out.append_le<uint64_t>(fingerprint64(s));
  return encode(s, v, out);
}

/// The fingerprint of a single-object message, or corrupt_data if the marker is missing.
inline result<uint64_t> single_object_fingerprint(byte_span message) {
  if (message.size < 10 || message[0] != 0xC3 || message[1] != 0x01)
    return corrupt_data("avro: not a single-object message (expected C3 01 and a fingerprint)", 0);
  return load_le<uint64_t>(message.data + 2);
}

/// Decodes a single-object message written with schema `s`; schema_mismatch when the
/// fingerprint is not that of `s`.
inline result<value> decode_single_object(const schema& s, byte_span message) {
  LAKECODEC_ASSIGN_OR_RETURN(uint64_t fp, single_object_fingerprint(message));
  if (fp != fingerprint64(s))
    return schema_mismatch("avro: single-object fingerprint does not match the schema's");
  return decode(s, message.subspan(10, message.size - 10));
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
