// Fuzzes CommitMessage list and ManifestCommittable decoding. Input: byte 0 picks the version
// (mod 14, 0 = the Paimon 0.7 layout), byte 1 bit 0 picks ManifestCommittable framing; the rest
// is the serialized body. Oracles: no crash under ASan/UBSan; whatever decodes re-encodes to
// bytes that decode to the same messages.
#include <cstdint>
#include <cstdlib>

#include "lakecodec/paimon/commit_message.hpp"

namespace paimon = lakecodec::paimon;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  int version = data[0] % 14;
  if (version == 0) version = paimon::commit_message_version_legacy_v2;
  const bool committable = data[1] & 1;
  const lakecodec::byte_span body(data + 2, size - 2);
  if (committable) {
    const int cv = 1 + (data[1] >> 1) % 5;
    auto c = paimon::deserialize_manifest_committable(body, cv);
    if (!c) return 0;
    auto again = paimon::serialize_manifest_committable(*c, cv < 2 ? 2 : cv);
    if (!again) return 0;
    auto back = paimon::deserialize_manifest_committable(again->span(), cv < 2 ? 2 : cv);
    if (!back || back->messages != c->messages) std::abort();
    return 0;
  }
  auto list = paimon::deserialize_commit_message_list(body, version);
  if (!list) return 0;
  lakecodec::byte_buffer out;
  if (!paimon::serialize_commit_message_list(*list, version, out).ok()) return 0;
  auto back = paimon::deserialize_commit_message_list(out.span(), version);
  if (!back || *back != *list) std::abort();
  return 0;
}
