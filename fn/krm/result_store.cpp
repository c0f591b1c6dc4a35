#include "krm/result_store.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace zd::krm {

bool ResultStore::Finding::operator==(const Finding& o) const {
  return message == o.message && fieldPath == o.fieldPath && current == o.current &&
         proposed == o.proposed && severity == o.severity && currentIsString == o.currentIsString &&
         proposedIsString == o.proposedIsString && unresolved == o.unresolved;
}

size_t ResultStore::Finding::hash() const {
  // IdSet mixes the bits: products and exclusive ors keep every field in the hash.
  const uint64_t flags = uint64_t{static_cast<uint8_t>(severity)} << 3 |
                         uint64_t{currentIsString} << 2 | uint64_t{proposedIsString} << 1 |
                         uint64_t{unresolved};
  return static_cast<size_t>(((uint64_t{message} << 32 | fieldPath) * 0x9e3779b97f4a7c15ULL) ^
                             ((uint64_t{current} << 32 | proposed) * 0xc2b2ae3d27d4eb4fULL) ^
                             flags);
}

size_t ResultStore::ResourceIds::hash() const {
  // IdSet mixes the bits: a product and an exclusive or keep all four numbers in the hash.
  return static_cast<size_t>(((uint64_t{apiVersion} << 32 | kind) * 0x9e3779b97f4a7c15ULL) ^
                             (uint64_t{name} << 32 | namespace_));
}

namespace {

// The number of `v` among `values` (each kept once, numbered in the order first seen), adding it
// when new; `ids` indexes them by their hash().
template <class T>
uint32_t numberOf(const T& v, yaml::Chunked<T>& values, IdSet& ids) {
  const auto fresh = static_cast<uint32_t>(values.size());
  const uint32_t found = ids.findOrAdd(
      v.hash(), fresh, [&](uint32_t id) { return values[id] == v; },
      [&](uint32_t id) { return values[id].hash(); });
  if (found == fresh) values.push_back(v);
  return found;
}

}  // namespace

uint32_t ResultStore::resourceId(const ResourceRef& ref) {
  ResourceIds ids;
  ids.apiVersion = intern(ref.apiVersion);
  ids.kind = intern(ref.kind);
  ids.name = intern(ref.name);
  ids.namespace_ = intern(ref.namespace_);
  return numberOf(ids, resources_, resourceIds_);
}

uint32_t ResultStore::findingId(const Finding& f) { return numberOf(f, findings_, findingIds_); }

void ResultStore::display(uint32_t resource, std::string& out) const {
  out.clear();
  if (resource == kNone) return;
  const ResourceIds& r = resources_[resource];
  appendDisplay(str(r.kind), str(r.namespace_), str(r.name), out);
}

void ResultStore::add(const Result& r) {
  Record rec;
  rec.message = intern(r.message);
  rec.severity = r.severity;
  if (r.resource) rec.resource = resourceId(*r.resource);
  rec.fieldPath = intern(r.fieldPath);
  if (r.current) {
    rec.current = intern(r.current->text);
    rec.currentIsString = r.current->isString;
  }
  if (r.proposed) {
    rec.proposed = intern(r.proposed->text);
    rec.proposedIsString = r.proposed->isString;
  }
  rec.unresolved = r.unresolved;
  results_.push_back(Kept{rec.resource, findingId(rec)});
}

void ResultStore::take(std::vector<Result>& batch) {
  for (const Result& r : batch) add(r);
  batch.clear();
}

ResultStore::Record ResultStore::record(size_t i) const {
  Record r;
  static_cast<Finding&>(r) = findings_[results_[i].finding];
  r.resource = results_[i].resource;
  return r;
}

ResultText ResultStore::text(size_t i) const {
  const Record r = record(i);
  ResultText t;
  t.message = str(r.message);
  t.severity = r.severity;
  if (r.resource != kNone) {
    const ResourceIds& ref = resources_[r.resource];
    t.hasResource = true;
    t.apiVersion = str(ref.apiVersion);
    t.kind = str(ref.kind);
    t.name = str(ref.name);
    t.namespace_ = str(ref.namespace_);
  }
  t.fieldPath = str(r.fieldPath);
  if (r.current != kNone) {
    t.hasCurrent = true;
    t.current = str(r.current);
    t.currentIsString = r.currentIsString;
  }
  if (r.proposed != kNone) {
    t.hasProposed = true;
    t.proposed = str(r.proposed);
    t.proposedIsString = r.proposedIsString;
  }
  return t;
}

Result ResultStore::result(size_t i) const {
  const ResultText t = text(i);
  Result r;
  r.message = t.message;
  r.severity = t.severity;
  if (t.hasResource) {
    r.resource = ResourceRef{std::string(t.apiVersion), std::string(t.kind), std::string(t.name),
                             std::string(t.namespace_)};
  }
  r.fieldPath = t.fieldPath;
  if (t.hasCurrent) r.current = ShownValue{std::string(t.current), t.currentIsString};
  if (t.hasProposed) r.proposed = ShownValue{std::string(t.proposed), t.proposedIsString};
  r.unresolved = findings_[results_[i].finding].unresolved;
  return r;
}

bool ResultStore::hasErrors(size_t from) const {
  return std::any_of(results_.begin() + static_cast<std::ptrdiff_t>(from), results_.end(),
                     [&](Kept r) { return findings_[r.finding].severity == Severity::Error; });
}

size_t ResultStore::count(Severity s) const {
  return static_cast<size_t>(std::count_if(results_.begin(), results_.end(), [&](Kept r) {
    return findings_[r.finding].severity == s;
  }));
}

void ResultStore::dedupe(size_t from) {
  // Resources compare as display() names them, which leaves out apiVersion and names namespace
  // "a", name "b" as it names name "a/b". A key's display() is made in a buffer when it is hashed
  // or compared, not kept: the set holds only the positions of the results kept, 4 bytes a slot.
  std::string shown, other;
  auto hashOf = [&](Kept r, std::string& buffer) {
    const Finding& f = findings_[r.finding];
    display(r.resource, buffer);
    const uint64_t numbers = (uint64_t{f.fieldPath} << 32 | f.message) * 0x9e3779b97f4a7c15ULL;
    return std::hash<std::string_view>{}(buffer) ^
           static_cast<size_t>(numbers + static_cast<uint64_t>(f.severity));
  };
  auto rehash = [&](uint32_t kept) { return hashOf(results_[kept], other); };
  // Room for every result that may go in: the set never grows, and never holds its old slots
  // beside new ones.
  const auto candidates =
      std::count_if(results_.begin() + static_cast<std::ptrdiff_t>(from), results_.end(),
                    [&](Kept r) { return !findings_[r.finding].proposes(); });
  IdSet seen;
  seen.reserve(static_cast<size_t>(candidates), rehash);
  size_t out = from;
  for (size_t i = from; i < results_.size(); ++i) {
    const Kept r = results_[i];
    const Finding& f = findings_[r.finding];
    if (!f.proposes()) {
      auto same = [&](uint32_t kept) {
        const Kept k = results_[kept];
        const Finding& g = findings_[k.finding];
        if (g.severity != f.severity || g.fieldPath != f.fieldPath || g.message != f.message)
          return false;
        if (k.resource == r.resource) return true;
        display(k.resource, other);
        return other == shown;
      };
      const auto fresh = static_cast<uint32_t>(out);
      if (seen.findOrAdd(hashOf(r, shown), fresh, same, rehash) != fresh) continue;
    }
    results_[out++] = r;
  }
  results_.resize(out);
}

std::vector<uint32_t> ResultStore::sortedOrder() const {
  // Each string's place in byte order (std::string's <): comparing places compares the strings.
  std::vector<uint32_t> byText(strings_.size());
  std::iota(byText.begin(), byText.end(), 0u);
  std::sort(byText.begin(), byText.end(),
            [&](uint32_t a, uint32_t b) { return strings_.at(a) < strings_.at(b); });
  std::vector<uint32_t> place(strings_.size());
  for (uint32_t k = 0; k < byText.size(); ++k) place[byText[k]] = k;
  byText = std::vector<uint32_t>();

  // sortResults' key: severity, resource (namespace, kind, name; "" without one), field path,
  // message. The index last makes std::sort as stable as sortResults' stable_sort.
  const ResourceIds none;  // "" four times
  auto key = [&](uint32_t i) {
    const Kept r = results_[i];
    const Finding& f = findings_[r.finding];
    const ResourceIds& ref = r.resource == kNone ? none : resources_[r.resource];
    return std::make_tuple(f.severity, place[ref.namespace_], place[ref.kind], place[ref.name],
                           place[f.fieldPath], place[f.message], i);
  };
  std::vector<uint32_t> order(results_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
  return order;
}

namespace {

// Hands a full chunk to the sink's flush, when it has one.
void flushFull(const yaml::Sink& sink) {
  if (sink.flush && sink.out->size() >= (1u << 16)) sink.flush(*sink.out);
}

}  // namespace

void writeResults(const ResultStore& results, const std::vector<uint32_t>& order,
                  const yaml::Sink& sink) {
  if (order.empty()) return;
  *sink.out += "results:\n";
  for (uint32_t i : order) {
    appendResultYaml(results.text(i), *sink.out);
    flushFull(sink);
  }
}

void writeResultLines(const ResultStore& results, const std::vector<uint32_t>& order, bool withInfo,
                      const yaml::Sink& sink) {
  for (uint32_t i : order) {
    if (!withInfo && results.record(i).severity == Severity::Info) continue;
    appendResultLine(results.text(i), *sink.out);
    *sink.out += '\n';
    flushFull(sink);
  }
}

}  // namespace zd::krm
