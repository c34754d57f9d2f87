// Fuzzes the Arrow C Data Interface import with hostile ArrowSchema/ArrowArray trees built from
// the fuzz bytes: format strings (valid, unsupported, garbage), flags, metadata, child counts,
// lengths, offsets, null counts, buffer counts, null buffers and released structs. Buffers point
// into a scratch area large enough for every byte the declared lengths/offsets allow, so a
// correct importer never reads outside it (string data is not read by the import; the harness
// computes statistics only when the data buffer provably covers the offsets).
// Oracles: no crash/UB under ASan+UBSan; both base structs are released exactly once and the
// caller's structs are marked released; an imported batch passes validate_batch again and
// survives export + re-import with the same shape and null counts.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "lakecodec/core/arrow_c.hpp"
#include "lakecodec/core/stats.hpp"

namespace lc = lakecodec;

namespace {

constexpr size_t kScratch = 1 << 16;
constexpr int64_t kMaxSlots = 64;    // length and offset each at most this
constexpr size_t kMaxBuffer = 4096;  // (64 + 64 + 1) slots * 32 bytes of fixed width

struct input {
  const uint8_t* p;
  size_t n;
  uint8_t u8() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
};

int schema_releases = 0;
int array_releases = 0;
void release_schema(ArrowSchema* s) {
  ++schema_releases;
  s->release = nullptr;
}
void release_array(ArrowArray* a) {
  ++array_releases;
  a->release = nullptr;
}
void noop_schema(ArrowSchema*) {}
void noop_array(ArrowArray*) {}

const char* const kFormats[] = {
    "b",   "c",    "s",       "i",        "l", "f",  "g",    "d:10,2", "d:38,5,128", "tdD",   "ttu",
    "ttn", "tsu:", "tsn:UTC", "u",        "U", "z",  "Z",    "w:3",    "w:16",       "+s",    "+l",
    "+L",  "+m",   "n",       "C",        "e", "vu", "tss:", "+w:2",   "d:40,2",     "d:5,6", "w:0",
    "tsu", "",     "+ud:0,1", "d:9,2,64", "x"};

// Metadata blobs: well-formed (the C interface carries no size, so a lying blob cannot be
// detected; the harness only feeds blobs whose lengths are honest) plus negative counts/lengths.
std::string metadata_blob(uint8_t k) {
  std::string m;
  auto put = [&](int32_t v) { m.append(reinterpret_cast<const char*>(&v), 4); };
  auto kv = [&](const std::string& a, const std::string& b) {
    put(static_cast<int32_t>(a.size()));
    m += a;
    put(static_cast<int32_t>(b.size()));
    m += b;
  };
  switch (k % 6) {
    case 0: return {};
    case 1:
      put(1);
      kv("ARROW:extension:name", "arrow.uuid");
      return m;
    case 2:
      put(1);
      kv("PARQUET:field_id", "12");
      return m;
    case 3: put(-1); return m;
    case 4:
      put(1);
      put(-5);
      return m;
    default: put(0); return m;
  }
}

struct node {
  std::string format, name, metadata;
  ArrowSchema schema{};
  ArrowArray array{};
  std::vector<const void*> buffers;
  std::vector<std::unique_ptr<node>> schema_kids, array_kids;
  std::vector<ArrowSchema*> schema_ptrs;
  std::vector<ArrowArray*> array_ptrs;
};

struct builder {
  input in;
  uint8_t* scratch;

  const void* buffer_ptr() {
    const uint8_t k = in.u8();
    if (k % 11 == 0) return nullptr;
    size_t pos = (static_cast<size_t>(k) << 8 | in.u8()) % (kScratch - kMaxBuffer);
    if (k % 13 != 1) pos &= ~size_t{15};  // mostly aligned, sometimes not
    return scratch + pos;
  }

  std::unique_ptr<node> make(int depth, bool base) {
    auto nd = std::make_unique<node>();
    const uint8_t f = in.u8();
    if (f >= 250) {
      const size_t len = in.u8() % 8;
      for (size_t i = 0; i < len; ++i) nd->format += static_cast<char>(in.u8());
    } else {
      nd->format = kFormats[f % (sizeof(kFormats) / sizeof(kFormats[0]))];
    }
    nd->name = "f" + std::to_string(in.u8() % 4);
    nd->metadata = metadata_blob(in.u8());
    const uint8_t flags = in.u8();
    // Children: a nested format usually gets the right count; anything may get a wrong one.
    const bool nested = !nd->format.empty() && nd->format[0] == '+';
    size_t n_schema_kids = nested && depth < 3 ? (nd->format == "+s" ? in.u8() % 4 : 1) : 0;
    if (flags & 0x80) n_schema_kids = depth < 3 ? in.u8() % 3 : 0;
    for (size_t i = 0; i < n_schema_kids; ++i) nd->schema_kids.push_back(make(depth + 1, false));
    size_t n_array_kids = n_schema_kids;
    if (flags & 0x40) n_array_kids = depth < 3 ? in.u8() % 3 : 0;
    for (size_t i = 0; i < n_array_kids; ++i) {
      if (i < nd->schema_kids.size()) continue;  // shares the schema child's node below
      nd->array_kids.push_back(make(depth + 1, false));
    }

    ArrowSchema& s = nd->schema;
    s.format = (flags & 0x20) && in.u8() == 0 ? nullptr : nd->format.c_str();
    s.name = nd->name.c_str();
    s.metadata = nd->metadata.empty() ? nullptr : nd->metadata.data();
    s.flags = flags & 0x07;
    for (auto& k : nd->schema_kids) nd->schema_ptrs.push_back(&k->schema);
    if ((flags & 0x08) && !nd->schema_ptrs.empty()) nd->schema_ptrs[0] = nullptr;
    s.n_children = static_cast<int64_t>(nd->schema_ptrs.size());
    s.children = nd->schema_ptrs.empty() ? nullptr : nd->schema_ptrs.data();
    s.dictionary = (flags & 0x10) && in.u8() == 1 ? &nd->schema : nullptr;
    s.release = base ? release_schema : noop_schema;
    if (in.u8() == 7) s.release = nullptr;

    ArrowArray& a = nd->array;
    const uint8_t lb = in.u8();
    a.length = lb == 255 ? -1 : lb % (kMaxSlots + 1);
    a.offset = in.u8() % (kMaxSlots + 1);
    const uint8_t nc = in.u8();
    a.null_count = nc >= 250 ? -1 : nc % (a.length + 3) - 1;
    const size_t n_buffers = in.u8() % 5;
    for (size_t i = 0; i < n_buffers; ++i) nd->buffers.push_back(buffer_ptr());
    a.n_buffers = static_cast<int64_t>(n_buffers);
    a.buffers = nd->buffers.empty() ? nullptr : nd->buffers.data();
    for (size_t i = 0; i < n_array_kids; ++i) {
      if (i < nd->schema_kids.size())
        nd->array_ptrs.push_back(&nd->schema_kids[i]->array);
      else
        nd->array_ptrs.push_back(&nd->array_kids[i - nd->schema_kids.size()]->array);
    }
    a.n_children = static_cast<int64_t>(nd->array_ptrs.size());
    a.children = nd->array_ptrs.empty() ? nullptr : nd->array_ptrs.data();
    a.dictionary = nullptr;
    a.release = base ? release_array : noop_array;
    if (in.u8() == 9) a.release = nullptr;
    return nd;
  }
};

void check(bool ok) {
  if (!ok) std::abort();
}

// Statistics read string data; only run them when the data buffer covers the last offset.
void exercise(const lc::column_view& c, const uint8_t* scratch) {
  if (lc::is_binary_like(c.type.id) && c.length > 0) {
    const int64_t end = c.value_offset(c.length);
    const uint8_t* scratch_end = scratch + kScratch;
    if (c.data == nullptr || end > scratch_end - c.data) return;
  }
  const lc::column_stats s = lc::compute_stats(c);
  check(s.value_count == c.length);
  check(s.null_count >= 0 && s.null_count <= c.length);
  if (lc::is_nested(c.type.id)) return;
  check(s.min.has_value() == s.max.has_value());
  if (s.min.has_value()) check(lc::compare_bounds(s.min, s.max) <= 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint8_t* scratch = [] {
    auto* s = static_cast<uint8_t*>(std::malloc(kScratch));
    std::memset(s, 0, kScratch);
    return s;
  }();
  // The scratch holds the input bytes repeated (offsets and bitmaps come from the fuzz data).
  for (size_t i = 0; size > 0 && i < kScratch; ++i) scratch[i] = data[i % size];
  builder b{{data, size}, scratch};
  std::unique_ptr<node> root = b.make(0, true);
  // Mostly the natural entry point for the root format; a final 0xFF byte swaps it.
  const bool swap = size > 0 && data[size - 1] == 0xFF;
  const bool as_batch = (root->format == "+s") != swap;
  const bool schema_live = root->schema.release != nullptr;
  const bool array_live = root->array.release != nullptr;
  schema_releases = array_releases = 0;
  {
    if (as_batch) {
      auto r = lc::import_batch(&root->array, &root->schema);
#ifdef LAKECODEC_FUZZ_TRACE
      std::fprintf(stderr, "batch: %s\n", r ? "imported" : r.error().to_string().c_str());
#endif
      if (r) {
        const lc::batch_view& v = r.value().view();
        check(lc::validate_batch(v.schema, v).ok());
        for (const lc::column_view& c : v.columns) exercise(c, scratch);
        // Export (borrowing the scratch buffers) and import again: same shape, still valid.
        ArrowArray ea;
        ArrowSchema es;
        check(lc::export_batch(v, nullptr, &ea, &es).ok());
        auto again = lc::import_batch(&ea, &es);
        check(again.has_value());
        check(again.value().view().length == v.length);
        check(again.value().view().num_columns() == v.num_columns());
        for (size_t k = 0; k < v.num_columns(); ++k)
          check(again.value().view().columns[k].null_count() == v.columns[k].null_count());
      }
    } else {
      auto r = lc::import_array(&root->array, &root->schema);
#ifdef LAKECODEC_FUZZ_TRACE
      std::fprintf(stderr, "array: %s\n", r ? "imported" : r.error().to_string().c_str());
#endif
      if (r) {
        check(lc::validate_column(r.value().field_info(), r.value().view()).ok());
        exercise(r.value().view(), scratch);
      }
    }
    check(root->schema.release == nullptr && root->array.release == nullptr);
    check(schema_releases == (schema_live ? 1 : 0));
  }
  check(array_releases == (array_live ? 1 : 0));
  return 0;
}
