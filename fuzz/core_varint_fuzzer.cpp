// Fuzzes bounded_reader: a program of reads chosen by the input bytes runs over the rest of the
// input. Oracles (no crash/UB under ASan+UBSan, plus): the reader never moves backwards or past
// the end; a failed read leaves the position unchanged for fixed-size reads; every decoded
// varint re-encodes (canonically) to a prefix-equal value, and zigzag decoding inverts encoding.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/varint.hpp"

namespace lc = lakecodec;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void roundtrip_u64(uint64_t v) {
  uint8_t buf[16];
  const size_t n = lc::encode_uvarint(v, buf);
  check(n == lc::uvarint_size(v));
  lc::bounded_reader r(buf, n);
  auto back = r.read_uvarint64();
  check(back.has_value() && back.value() == v && r.at_end());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t ops = data[0] % 16 + 1;
  if (size < 1 + ops) return 0;
  const uint8_t* program = data + 1;
  lc::bounded_reader r(data + 1 + ops, size - 1 - ops);
  const size_t total = r.remaining();
  for (size_t i = 0; i < ops; ++i) {
    const size_t before = r.remaining();
    const uint8_t op = program[i];
    switch (op % 9) {
      case 0: {
        auto v = r.read_uvarint64();
        if (v) roundtrip_u64(v.value());
        break;
      }
      case 1: {
        auto v = r.read_uvarint32();
        if (v) roundtrip_u64(v.value());
        break;
      }
      case 2: {
        auto v = r.read_zigzag64();
        if (v) check(lc::zigzag_decode64(lc::zigzag_encode64(v.value())) == v.value());
        break;
      }
      case 3: {
        auto v = r.read_zigzag32();
        if (v) check(lc::zigzag_decode32(lc::zigzag_encode32(v.value())) == v.value());
        break;
      }
      case 4: {
        auto v = r.read_le<uint64_t>();
        if (!v) check(r.remaining() == before);
        break;
      }
      case 5: {
        auto v = r.read_be<int32_t>();
        if (!v) check(r.remaining() == before);
        break;
      }
      case 6: {
        auto v = r.read_bytes(op >> 3);
        if (v) {
          check(v.value().size == static_cast<size_t>(op >> 3));
        } else {
          check(r.remaining() == before);
        }
        break;
      }
      case 7: {
        const lc::status st = r.skip(op >> 2);
        if (!st.ok()) check(r.remaining() == before);
        break;
      }
      default: {
        const int64_t count = static_cast<int8_t>(op) * int64_t{1000};
        const lc::status st = r.check_count(count, 1 << 20, 1 + (op & 3), "count", r.offset());
        if (st.ok()) check(count >= 0 && static_cast<uint64_t>(count) * (1 + (op & 3)) <= before);
        break;
      }
    }
    check(r.remaining() <= before);
    check(static_cast<size_t>(r.offset()) == total - r.remaining());
  }
  // Encoding through byte_buffer agrees with the raw encoder.
  lc::bounded_reader again(data, size);
  while (auto v = again.read_uvarint64()) {
    lc::byte_buffer b;
    b.append_uvarint(v.value());
    check(b.size() == lc::uvarint_size(v.value()));
    b.append_zigzag(static_cast<int64_t>(v.value()));
    lc::bounded_reader rb(b.span());
    check(rb.read_uvarint64().value() == v.value());
    check(rb.read_zigzag64().value() == static_cast<int64_t>(v.value()));
  }
  return 0;
}
