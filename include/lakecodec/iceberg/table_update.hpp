#pragma once
// Schema and partition-spec evolution (Java SchemaUpdate, BaseUpdatePartitionSpec): changes
// recorded once and applied to whichever metadata is current when the commit runs, so a lost race
// re-applies them to the new base. Field ids never change: a renamed column keeps its id and old
// data files read under the new name; a widened column reads old values promoted; an added column
// reads as null in files written before it. Commits are metadata-only (no snapshot).

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/catalog.hpp"
#include "lakecodec/iceberg/metadata.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"
#include "lakecodec/iceberg/transforms.hpp"
#include "lakecodec/iceberg/types.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Whether values of `from` may be read as `to` (spec "Schema Evolution", type promotion):
/// int to long, float to double, decimal(P, S) to decimal(P', S) with P' >= P, and from v3 date
/// to timestamp and timestamp_ns.
inline bool can_promote(const type& from, const type& to, int32_t format_version) noexcept {
  if (from == to) return true;
  if (from.kind == type_kind::int_ && to.kind == type_kind::long_) return true;
  if (from.kind == type_kind::float_ && to.kind == type_kind::double_) return true;
  if (from.kind == type_kind::decimal && to.kind == type_kind::decimal)
    return to.scale == from.scale && to.precision >= from.precision;
  if (format_version >= 3 && from.kind == type_kind::date)
    return to.kind == type_kind::timestamp || to.kind == type_kind::timestamp_ns;
  return false;
}

namespace detail {

/// The fields that hold the last name of `path` ("a.b.c": the fields of struct a.b), with that
/// name; invalid_argument naming the path when a parent is missing or not a struct.
inline result<std::pair<std::vector<nested_field>*, std::string>> parent_of(
    std::vector<nested_field>& top, const std::string& path) {
  std::vector<nested_field>* level = &top;
  size_t start = 0;
  for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
    const std::string part = path.substr(start, dot - start);
    auto it = std::find_if(level->begin(), level->end(),
                           [&](const nested_field& f) { return f.name == part; });
    if (it == level->end() || it->type.kind != type_kind::struct_)
      return invalid_argument("iceberg: '" + path.substr(0, dot) + "' is not a struct column");
    level = &it->type.fields;
    start = dot + 1;
  }
  return std::make_pair(level, path.substr(start));
}

inline result<nested_field*> column_at(std::vector<nested_field>& top, const std::string& path) {
  LAKECODEC_ASSIGN_OR_RETURN(auto parent, parent_of(top, path));
  for (nested_field& f : *parent.first)
    if (f.name == parent.second) return &f;
  return invalid_argument("iceberg: no column '" + path + "' in the table schema");
}

/// Gives every field of `t` (struct fields, list elements, map keys and values) a new id.
inline void assign_fresh_ids(type& t, int32_t& last_id) {
  for (nested_field& f : t.fields) {
    f.id = ++last_id;
    assign_fresh_ids(f.type, last_id);
  }
}

}  // namespace detail

/// Schema changes (Java UpdateSchema): add optional columns (at the top or inside a struct, by
/// dotted path), rename, widen a primitive type, make a required column optional.
class schema_update {
 public:
  /// Adds an optional column `path` of type `t` (nested types get fresh ids).
  schema_update& add_column(std::string path, type t, std::string doc = {}) {
    ops_.push_back(
        [path, t, doc](std::vector<nested_field>& fields, int32_t& last_id, int32_t) -> status {
          LAKECODEC_ASSIGN_OR_RETURN(auto parent, detail::parent_of(fields, path));
          for (const nested_field& f : *parent.first)
            if (f.name == parent.second)
              return invalid_argument("iceberg: column '" + path + "' already exists");
          nested_field f;
          f.id = ++last_id;
          f.name = parent.second;
          f.type = t;
          f.doc = doc;
          detail::assign_fresh_ids(f.type, last_id);
          parent.first->push_back(std::move(f));
          return {};
        });
    return *this;
  }

  /// Renames column `path` to `new_name` (the last path element only; the id stays).
  schema_update& rename_column(std::string path, std::string new_name) {
    ops_.push_back(
        [path, new_name](std::vector<nested_field>& fields, int32_t&, int32_t) -> status {
          LAKECODEC_ASSIGN_OR_RETURN(auto parent, detail::parent_of(fields, path));
          LAKECODEC_ASSIGN_OR_RETURN(nested_field * f, detail::column_at(fields, path));
          if (new_name.empty() || new_name.find('.') != std::string::npos)
            return invalid_argument("iceberg: '" + new_name + "' is not a column name");
          for (const nested_field& other : *parent.first)
            if (other.name == new_name && &other != f)
              return invalid_argument("iceberg: cannot rename '" + path + "' to '" + new_name +
                                      "': that column exists");
          f->name = new_name;
          return {};
        });
    return *this;
  }

  /// Changes the type of primitive column `path` to a promotion of it (can_promote).
  schema_update& update_column_type(std::string path, type to) {
    ops_.push_back(
        [path, to](std::vector<nested_field>& fields, int32_t&, int32_t version) -> status {
          LAKECODEC_ASSIGN_OR_RETURN(nested_field * f, detail::column_at(fields, path));
          if (!f->type.is_primitive() || !to.is_primitive() || !can_promote(f->type, to, version))
            return invalid_argument("iceberg: cannot change column '" + path + "' from " +
                                    type_to_string(f->type) + " to " + type_to_string(to));
          f->type = to;
          return {};
        });
    return *this;
  }

  /// Makes required column `path` optional.
  schema_update& make_optional(std::string path) {
    ops_.push_back([path](std::vector<nested_field>& fields, int32_t&, int32_t) -> status {
      LAKECODEC_ASSIGN_OR_RETURN(nested_field * f, detail::column_at(fields, path));
      f->required = false;
      return {};
    });
    return *this;
  }

  bool empty() const noexcept { return ops_.empty(); }

  /// `m` with the changes applied to its current schema: a new schema id (or the id of an
  /// equal existing schema, as Java reuses it), current-schema-id and last-column-id updated.
  /// Errors name the column.
  result<table_metadata> apply(const table_metadata& m) const {
    const schema* current = m.current_schema();
    if (!current) return corrupt_data("iceberg: table metadata has no current schema");
    schema next = *current;
    int32_t last_id = m.last_column_id;
    for (const auto& op : ops_) LAKECODEC_TRY(op(next.fields, last_id, m.format_version));
    table_metadata out = m;
    out.last_column_id = last_id;
    int32_t max_id = -1;
    for (const schema& s : m.schemas) {
      max_id = std::max(max_id, s.schema_id);
      if (s.fields == next.fields && s.identifier_field_ids == next.identifier_field_ids) {
        out.current_schema_id = s.schema_id;
        return out;
      }
    }
    next.schema_id = max_id + 1;
    out.current_schema_id = next.schema_id;
    out.schemas.push_back(std::move(next));
    return out;
  }

 private:
  std::vector<std::function<status(std::vector<nested_field>&, int32_t&, int32_t)>> ops_;
};

/// Partition spec changes (Java UpdatePartitionSpec): add fields, remove fields by name. The
/// result becomes the default spec; files keep the spec they were written with.
class spec_update {
 public:
  /// Adds a partition field on `source_column` (its name, or a dotted struct path). An empty
  /// `name` gets Java's (col, col_bucket, col_trunc, col_year, ...).
  spec_update& add_field(std::string source_column, transform t, std::string name = {}) {
    adds_.push_back({std::move(source_column), 0, std::move(t), std::move(name)});
    return *this;
  }
  /// The same with the source column given by field id.
  spec_update& add_field(int32_t source_id, transform t, std::string name = {}) {
    adds_.push_back(
        {"field " + std::to_string(source_id), source_id, std::move(t), std::move(name)});
    return *this;
  }
  /// Removes the partition field `name` (in v1 it becomes a void transform, as Java keeps v1
  /// specs' fields).
  spec_update& remove_field(std::string name) {
    removes_.push_back(std::move(name));
    return *this;
  }

  /// `m` with a new default spec (or an equal existing one's id). Errors name the field or the
  /// column: unknown, a transform the column's type does not take, a duplicate.
  result<table_metadata> apply(const table_metadata& m) const {
    const partition_spec* current = m.default_spec();
    const schema* s = m.current_schema();
    if (!current || !s) return corrupt_data("iceberg: table metadata has no default spec");
    partition_spec next = *current;
    for (const std::string& name : removes_) {
      auto it = std::find_if(next.fields.begin(), next.fields.end(),
                             [&](const partition_field& f) { return f.name == name; });
      if (it == next.fields.end())
        return invalid_argument("iceberg: no partition field '" + name + "'");
      if (m.format_version == 1) {
        it->transform = transform{transform_kind::void_, 0, "void"};
      } else {
        next.fields.erase(it);
      }
    }
    int32_t last_id = m.last_partition_id;
    for (const added& a : adds_) {
      const nested_field* src = a.source_id ? s->find_field(a.source_id) : s->find_field(a.source);
      if (!src)
        return invalid_argument("iceberg: partition source column '" + a.source +
                                "' is not in the schema");
      const std::string& column = a.source_id ? src->name : a.source;
      if (!can_transform(a.t, src->type))
        return invalid_argument("iceberg: cannot partition column '" + column + "' (" +
                                type_to_string(src->type) + ") by " + transform_to_string(a.t));
      for (const partition_field& f : next.fields)
        if (f.source_id == src->id && f.transform == a.t)
          return invalid_argument("iceberg: '" + column + "' is already partitioned by " +
                                  transform_to_string(a.t));
      partition_field f;
      f.source_id = src->id;
      f.transform = a.t;
      f.name = a.name.empty() ? default_name(src->name, a.t) : a.name;
      for (const partition_field& other : next.fields)
        if (other.name == f.name)
          return invalid_argument("iceberg: partition field '" + f.name + "' exists");
      // A field dropped earlier with the same source and transform gets its old id back (Java).
      f.field_id = 0;
      for (const partition_spec& old : m.specs)
        for (const partition_field& of : old.fields)
          if (of.source_id == f.source_id && of.transform == f.transform) f.field_id = of.field_id;
      if (f.field_id == 0) f.field_id = ++last_id;
      next.fields.push_back(std::move(f));
    }
    auto checked = partition_type(next, *s);  // every field's transform fits its source
    if (!checked) return checked.error();
    table_metadata out = m;
    out.last_partition_id = std::max(out.last_partition_id, last_id);
    int32_t max_id = -1;
    for (const partition_spec& sp : m.specs) {
      max_id = std::max(max_id, sp.spec_id);
      if (sp.fields == next.fields) {
        out.default_spec_id = sp.spec_id;
        return out;
      }
    }
    next.spec_id = max_id + 1;
    out.default_spec_id = next.spec_id;
    out.specs.push_back(std::move(next));
    return out;
  }

  bool empty() const noexcept { return adds_.empty() && removes_.empty(); }

 private:
  struct added {
    std::string source;
    int32_t source_id;
    transform t;
    std::string name;
  };

  static std::string default_name(const std::string& column, const transform& t) {
    switch (t.kind) {
      case transform_kind::identity: return column;
      case transform_kind::bucket: return column + "_bucket";
      case transform_kind::truncate: return column + "_trunc";
      case transform_kind::year: return column + "_year";
      case transform_kind::month: return column + "_month";
      case transform_kind::day: return column + "_day";
      case transform_kind::hour: return column + "_hour";
      default: return column + "_null";
    }
  }

  std::vector<added> adds_;
  std::vector<std::string> removes_;
};

/// Commits schema and spec changes together as one metadata-only commit, re-applied to the new
/// base on a lost race (commit.retry.*). invalid_argument when there is nothing to change.
inline result<loaded_table> update_table(catalog& cat, const std::string& name,
                                         const schema_update& schema_changes,
                                         const spec_update& spec_changes) {
  if (schema_changes.empty() && spec_changes.empty())
    return invalid_argument("iceberg: no schema or partition change given");
  return commit_with_retry(cat, name, [&](const loaded_table& base) -> result<table_metadata> {
    LAKECODEC_ASSIGN_OR_RETURN(table_metadata m, schema_changes.apply(base.metadata));
    LAKECODEC_ASSIGN_OR_RETURN(m, spec_changes.apply(m));
    m.last_updated_ms = std::max(now_ms(), base.metadata.last_updated_ms + 1);
    LAKECODEC_TRY(record_previous_metadata(m, base));
    return m;
  });
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
