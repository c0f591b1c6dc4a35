// Results as compact records, for runs that report a million of them (200,000 workloads behind
// one Ingress, six results each). A Result is eight strings; a result kept is two numbers: every
// distinct string (message, name, field path, value) is kept once, so is every distinct resource
// and every distinct thing said about one, and a result becomes text only when it is written. The
// order is sortResults' and the text appendResultYaml's and appendResultLine's, so the output is
// byte for byte what a vector of Results gives.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "krm/id_set.h"
#include "krm/result.h"
#include "krm/string_table.h"
#include "yaml/chunked.h"
#include "yaml/write.h"

namespace zd::krm {

class ResultStore {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // What a result says about its resource, its strings as numbers in the store's StringTable. A
  // large run's million results say a few dozen things: each is kept once.
  struct Finding {
    uint32_t message = 0;
    uint32_t fieldPath = 0;
    uint32_t current = kNone;   // shown values; kNone: absent
    uint32_t proposed = kNone;  // a change the run makes (in check mode: would make)
    Severity severity = Severity::Info;
    bool currentIsString = false;
    bool proposedIsString = false;
    bool unresolved = false;
    bool proposes() const { return proposed != kNone; }
    bool operator==(const Finding& o) const;
    size_t hash() const;
  };
  // One result, the form callers read and write: the resource and what is said about it.
  struct Record : Finding {
    uint32_t resource = kNone;  // the resourceRef, an index into the store's; kNone: none
  };

  void add(const Result& r);
  // Adds the results of `batch` in order and empties it: the steps of a run report into a
  // vector of their own, made records after each step, so few Results exist at any time.
  void take(std::vector<Result>& batch);

  size_t size() const { return results_.size(); }
  Record record(size_t i) const;
  // Replaces result i (check mode makes a change an error).
  void set(size_t i, const Record& r) { results_[i] = Kept{r.resource, findingId(r)}; }
  uint32_t intern(std::string_view s) { return strings_.id(s); }
  std::string_view str(uint32_t id) const { return strings_.at(id); }

  // Result i as text, pointing into the store (valid until the store changes).
  ResultText text(size_t i) const;
  // Result i as a Result again, for callers that want one (tests, explain).
  Result result(size_t i) const;

  bool hasErrors(size_t from = 0) const;
  size_t count(Severity s) const;

  // Removes the results from `from` on for which drop(record) holds, asking in order (drop may
  // remember what it saw); the others keep their order.
  template <class Drop>
  void eraseIf(size_t from, Drop drop) {
    size_t out = from;
    for (size_t i = from; i < results_.size(); ++i) {
      if (drop(record(i))) continue;
      if (out != i) results_[out] = results_[i];
      ++out;
    }
    results_.resize(out);
  }

  // Of the results from `from` on that repeat another's severity, resource (as
  // ResourceRef::display() names it), field path and message, keeps the first. One that proposes
  // a value is always kept: each change is made once.
  void dedupe(size_t from);

  // The indices of the results in sortResults' order (a stable sort by the same key).
  std::vector<uint32_t> sortedOrder() const;

 private:
  // A resourceRef's strings, as numbers.
  struct ResourceIds {
    uint32_t apiVersion = 0, kind = 0, name = 0, namespace_ = 0;
    bool operator==(const ResourceIds& o) const {
      return apiVersion == o.apiVersion && kind == o.kind && name == o.name &&
             namespace_ == o.namespace_;
    }
    size_t hash() const;
  };
  // A result as kept: 8 bytes, where a Record is 24.
  struct Kept {
    uint32_t resource;
    uint32_t finding;  // an index into findings_
  };
  uint32_t resourceId(const ResourceRef& ref);
  uint32_t findingId(const Finding& f);
  // ResourceRef::display() of a resource, "" for none, made in `out`.
  void display(uint32_t resource, std::string& out) const;

  StringTable strings_;
  // Each distinct resourceRef once (a large run's 200,000 workloads), and the index over them.
  yaml::Chunked<ResourceIds> resources_;
  IdSet resourceIds_;
  // Each distinct Finding once, and the index over them.
  yaml::Chunked<Finding> findings_;
  IdSet findingIds_;
  // A deque: growing never copies the results gathered so far, as a vector's doubling does.
  std::deque<Kept> results_;
};

// Writes `results:` and the list, in `order`, flushing the sink as it goes; nothing when `order`
// is empty.
void writeResults(const ResultStore& results, const std::vector<uint32_t>& order,
                  const yaml::Sink& sink);

// Writes one appendResultLine line per result, in `order`; infos only when `withInfo`.
void writeResultLines(const ResultStore& results, const std::vector<uint32_t>& order, bool withInfo,
                      const yaml::Sink& sink);

}  // namespace zd::krm
