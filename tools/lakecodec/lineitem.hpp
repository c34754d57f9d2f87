#pragma once
// The row generator behind `lakecodec gen lineitem`: deterministic TPC-H-lineitem-shaped rows
// (value domains and cardinalities of TPC-H 3.0 clause 4.2.3) written straight into column
// arrays. It has to be cheap next to the Parquet writer it feeds, or `gen lineitem` measures the
// generator: one splitmix64 step yields two 32-bit draws, a draw becomes a range by
// multiply-shift (Lemire) instead of a 64-bit division, strings are copied from fixed pools with
// constant-size copies, and no value allocates.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"

namespace lakecodec_cli {

/// Deterministic TPC-H-lineitem-shaped rows: the same seed and row count give the same file.
class lineitem_generator {
 public:
  explicit lineitem_generator(uint64_t seed, int64_t total_rows)
      : state_(seed * 0x9E3779B97F4A7C15ull + 0x1234567) {
    const double sf = std::max(0.01, static_cast<double>(total_rows) / 6000000.0);
    parts_ = static_cast<int64_t>(200000 * sf);
    supps_ = static_cast<int64_t>(10000 * sf);
    build_comments();
  }

  /// The 16 lineitem columns (all required, field ids 1..16).
  static lakecodec::schema schema() {
    using namespace lakecodec;
    lakecodec::schema s;
    const auto dec = types::decimal128(15, 2);
    int id = 0;
    auto add = [&](const char* n, data_type t) {
      s.fields.push_back(field(n, t, false, {}, ++id));
    };
    add("l_orderkey", types::int64());
    add("l_partkey", types::int32());
    add("l_suppkey", types::int32());
    add("l_linenumber", types::int32());
    add("l_quantity", dec);
    add("l_extendedprice", dec);
    add("l_discount", dec);
    add("l_tax", dec);
    add("l_returnflag", types::string());
    add("l_linestatus", types::string());
    add("l_shipdate", types::date32());
    add("l_commitdate", types::date32());
    add("l_receiptdate", types::date32());
    add("l_shipinstruct", types::string());
    add("l_shipmode", types::string());
    add("l_comment", types::string());
    return s;
  }

  /// Buffers of one batch, reused from batch to batch; view() points into them.
  struct batch {
    std::vector<int64_t> orderkey;
    std::vector<int32_t> partkey, suppkey, linenumber, shipdate, commitdate, receiptdate;
    std::vector<__int128> quantity, extendedprice, discount, tax;
    /// A string column: rows + 1 offsets into data (data may hold slack past offsets.back()).
    struct text {
      std::vector<int32_t> offsets{0};
      std::string data;
    } returnflag, linestatus, shipinstruct, shipmode, comment;
    int64_t rows = 0;

    lakecodec::batch_view view() const {
      using namespace lakecodec;
      batch_view b;
      b.schema = lineitem_generator::schema();
      b.length = rows;
      auto fixed = [&](const data_type& t, const void* p) {
        column_view c;
        c.type = t;
        c.length = rows;
        c.null_count_hint = 0;
        c.values = p;
        return c;
      };
      auto str = [&](const text& t) {
        column_view c;
        c.type = types::string();
        c.length = rows;
        c.null_count_hint = 0;
        c.values = t.offsets.data();
        c.data = reinterpret_cast<const uint8_t*>(t.data.data());
        return c;
      };
      const auto dec = types::decimal128(15, 2);
      b.columns = {fixed(types::int64(), orderkey.data()),
                   fixed(types::int32(), partkey.data()),
                   fixed(types::int32(), suppkey.data()),
                   fixed(types::int32(), linenumber.data()),
                   fixed(dec, quantity.data()),
                   fixed(dec, extendedprice.data()),
                   fixed(dec, discount.data()),
                   fixed(dec, tax.data()),
                   str(returnflag),
                   str(linestatus),
                   fixed(types::date32(), shipdate.data()),
                   fixed(types::date32(), commitdate.data()),
                   fixed(types::date32(), receiptdate.data()),
                   str(shipinstruct),
                   str(shipmode),
                   str(comment)};
      return b;
    }
  };

  /// Fills `b` with the next `n` rows (n >= 0), replacing what it held.
  void next(batch& b, int64_t n) {
    const size_t rows = static_cast<size_t>(n);
    resize(b, rows);
    comment_src_.resize(rows);
    constexpr int32_t start_date = 8035;    // 1992-01-01
    constexpr int32_t end_date = 10440;     // 1998-08-02
    constexpr int32_t current_date = 9298;  // 1995-06-17
    const uint32_t comment_range = static_cast<uint32_t>(comments_len_);
    char* rf = &b.returnflag.data[0];
    char* ls = &b.linestatus.data[0];
    char* si = &b.shipinstruct.data[0];
    char* sm = &b.shipmode.data[0];
    char* cm = &b.comment.data[0];
    int32_t* si_off = b.shipinstruct.offsets.data();
    int32_t* sm_off = b.shipmode.offsets.data();
    int32_t* cm_off = b.comment.offsets.data();
    int32_t si_pos = 0, sm_pos = 0, cm_pos = 0;
    for (size_t i = 0; i < rows; ++i) {
      if (line_ >= lines_in_order_) {
        ++order_;
        line_ = 0;
        const uint64_t r = next_u64();
        lines_in_order_ = 1 + static_cast<int>(below(lo32(r), 7));
        order_date_ =
            start_date + static_cast<int32_t>(below(hi32(r), end_date - 151 - start_date + 1));
      }
      ++line_;
      const int64_t o = order_ - 1;
      b.orderkey[i] = ((o >> 3) << 5) + (o & 7) + 1;
      const int64_t part =
          1 + static_cast<int64_t>(below64(next_u64(), static_cast<uint64_t>(parts_)));
      b.partkey[i] = static_cast<int32_t>(part);
      uint64_t r = next_u64();
      const int64_t supp_step = below(lo32(r), 4);
      b.suppkey[i] = static_cast<int32_t>(
          (part + supp_step * (supps_ / 4 + (part - 1) / supps_)) % supps_ + 1);
      b.linenumber[i] = line_;
      const int64_t qty = 1 + below(hi32(r), 50);
      const int64_t retail = 90000 + ((part / 10) % 20001) + 100 * (part % 1000);
      b.quantity[i] = qty * 100;
      b.extendedprice[i] = static_cast<__int128>(qty * retail);
      r = next_u64();
      b.discount[i] = below(lo32(r), 11);
      b.tax[i] = below(hi32(r), 9);
      r = next_u64();
      const int32_t ship = order_date_ + 1 + static_cast<int32_t>(below(lo32(r), 121));
      const int32_t commit = order_date_ + 30 + static_cast<int32_t>(below(hi32(r), 61));
      r = next_u64();
      const int32_t receipt = ship + 1 + static_cast<int32_t>(below(lo32(r), 30));
      b.shipdate[i] = ship;
      b.commitdate[i] = commit;
      b.receiptdate[i] = receipt;
      rf[i] = receipt <= current_date ? (below(hi32(r), 2) ? 'R' : 'A') : 'N';
      ls[i] = ship > current_date ? 'O' : 'F';
      r = next_u64();
      const instruct_entry& ins = instruct_pool()[below(lo32(r), 4)];
      std::memcpy(si + si_pos, ins.text, sizeof ins.text);
      si_pos += ins.len;
      si_off[i + 1] = si_pos;
      const mode_entry& md = mode_pool()[below(hi32(r), 7)];
      std::memcpy(sm + sm_pos, md.text, sizeof md.text);
      sm_pos += md.len;
      sm_off[i + 1] = sm_pos;
      r = next_u64();
      const uint32_t len = 10 + static_cast<uint32_t>(below(lo32(r), 34));
      const uint32_t off = static_cast<uint32_t>(below(hi32(r), comment_range - len));
      comment_src_[i] = off;
      cm_pos += static_cast<int32_t>(len);
      cm_off[i + 1] = cm_pos;
    }
    // The pool is larger than L2 and the offsets are random: copying in a loop of its own keeps
    // many cache misses in flight instead of one per row of the loop above.
    const char* pool = comments_.data();
    for (size_t i = 0; i < rows; ++i) {
      if (i + 16 < rows) __builtin_prefetch(pool + comment_src_[i + 16]);
      std::memcpy(cm + cm_off[i], pool + comment_src_[i], max_comment);
    }
    b.rows = n;
  }

 private:
  static constexpr size_t max_comment = 48;  // bytes copied per comment (longest is 43)
  struct instruct_entry {
    char text[24];
    int32_t len;
  };
  struct mode_entry {
    char text[8];
    int32_t len;
  };
  static const instruct_entry* instruct_pool() {
    static const instruct_entry p[] = {
        {"DELIVER IN PERSON", 17}, {"COLLECT COD", 11}, {"NONE", 4}, {"TAKE BACK RETURN", 16}};
    return p;
  }
  static const mode_entry* mode_pool() {
    static const mode_entry p[] = {{"REG AIR", 7}, {"AIR", 3},  {"RAIL", 4}, {"SHIP", 4},
                                   {"TRUCK", 5},   {"MAIL", 4}, {"FOB", 3}};
    return p;
  }
  static void resize(batch& b, size_t n) {
    b.orderkey.resize(n), b.partkey.resize(n), b.suppkey.resize(n), b.linenumber.resize(n);
    b.shipdate.resize(n), b.commitdate.resize(n), b.receiptdate.resize(n);
    b.quantity.resize(n), b.extendedprice.resize(n), b.discount.resize(n), b.tax.resize(n);
    auto text = [n](batch::text& t, size_t slack_per_row) {
      t.offsets.resize(n + 1);
      t.offsets[0] = 0;
      t.data.resize(n * slack_per_row + max_comment);
    };
    text(b.returnflag, 1);
    text(b.linestatus, 1);
    for (size_t i = 0; i <= n; ++i)
      b.returnflag.offsets[i] = b.linestatus.offsets[i] = static_cast<int32_t>(i);
    text(b.shipinstruct, sizeof(instruct_entry::text));
    text(b.shipmode, sizeof(mode_entry::text));
    text(b.comment, max_comment);
  }
  static uint32_t lo32(uint64_t r) { return static_cast<uint32_t>(r); }
  static uint32_t hi32(uint64_t r) { return static_cast<uint32_t>(r >> 32); }
  /// A uniform value in [0, range) from 32 random bits (multiply-shift; bias < range / 2^32).
  static int64_t below(uint32_t bits, uint32_t range) {
    return static_cast<int64_t>((static_cast<uint64_t>(bits) * range) >> 32);
  }
  static uint64_t below64(uint64_t bits, uint64_t range) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(bits) * range) >> 64);
  }
  uint64_t next_u64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  void build_comments() {
    // TPC-H 4.2.2.10 text pool, simplified: random sentences from the grammar's word lists.
    static const char* words[] = {
        "furiously",    "sly",       "careful",   "blithe",      "quick",        "fluffy",
        "slow",         "quiet",     "ruthless",  "thin",        "close",        "dogged",
        "daring",       "brave",     "stealthy",  "permanent",   "enticing",     "idle",
        "busy",         "regular",   "final",     "ironic",      "even",         "bold",
        "silent",       "foxes",     "ideas",     "theodolites", "pinto beans",  "instructions",
        "dependencies", "excuses",   "platelets", "asymptotes",  "courts",       "dolphins",
        "multipliers",  "sauternes", "warthogs",  "frets",       "dinos",        "attainments",
        "somas",        "Tiresias",  "patterns",  "forges",      "braids",       "frays",
        "warhorses",    "dugouts",   "notornis",  "epitaphs",    "pearls",       "tithes",
        "waters",       "orbits",    "gifts",     "sheaves",     "depths",       "sentiments",
        "decoys",       "realms",    "pains",     "grouches",    "escapades",    "sleep",
        "wake",         "are",       "cajole",    "haggle",      "nag",          "use",
        "boost",        "affix",     "detect",    "integrate",   "maintain",     "nod",
        "was",          "lose",      "sublate",   "solve",       "thrash",       "promise",
        "engage",       "hinder",    "print",     "x-ray",       "breach",       "eat",
        "grow",         "impress",   "mold",      "poach",       "serve",        "run",
        "dazzle",       "snooze",    "doze",      "unwind",      "kindle",       "play",
        "hang",         "believe",   "doubt",     "about",       "above",        "according to",
        "across",       "after",     "against",   "along",       "alongside of", "among",
        "around",       "at",        "atop",      "before",      "behind",       "beneath",
        "beside",       "besides",   "between",   "beyond",      "by",           "despite",
        "during",       "except",    "for",       "from",        "inside",       "instead of",
        "into",         "near",      "of",        "on",          "outside",      "over",
        "past",         "since",     "through",   "throughout",  "to",           "toward",
        "under",        "until",     "up",        "upon",        "without",      "with",
        "within",       "blithely",  "quickly",   "carefully",   "slyly",        "fluffily",
        "boldly",       "evenly",    "finally",   "ironically",  "permanently",  "regularly",
        "silently"};
    const size_t nwords = sizeof(words) / sizeof(words[0]);
    while (comments_.size() < (size_t{1} << 21)) {
      comments_ += words[next_u64() % nwords];
      comments_ += (next_u64() % 8 == 0) ? ". " : " ";
    }
    // Comments are drawn from the first comments_len_ bytes; the padding lets every row copy
    // max_comment bytes without a length-dependent memcpy.
    comments_len_ = comments_.size();
    comments_.append(max_comment, ' ');
  }
  uint64_t state_;
  int64_t parts_ = 200000, supps_ = 10000;
  int64_t order_ = 0;
  int line_ = 0, lines_in_order_ = 0;
  int32_t order_date_ = 0;
  std::string comments_;
  size_t comments_len_ = 0;
  std::vector<uint32_t> comment_src_;  // per row of a batch: where its comment starts in the pool
};

}  // namespace lakecodec_cli
