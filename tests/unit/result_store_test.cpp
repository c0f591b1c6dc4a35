// ResultStore keeps results as compact records; what it gives back must be what a vector of
// Results gives: the same results, in sortResults' order, deduplicated as the transform always
// did, written as the same text.
#include "krm/result_store.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

using zd::krm::ResourceRef;
using zd::krm::Result;
using zd::krm::ResultStore;
using zd::krm::Severity;
using zd::krm::ShownValue;

// Every field, so that two results print the same only when they are the same.
std::string dump(const Result& r) {
  std::string out = std::to_string(static_cast<int>(r.severity)) + "|" + r.message + "|";
  if (r.resource) {
    out += "ref:" + r.resource->apiVersion + "," + r.resource->kind + "," + r.resource->name + "," +
           r.resource->namespace_;
  }
  out += "|" + r.fieldPath + "|";
  if (r.current) out += "cur:" + r.current->text + (r.current->isString ? "'" : "");
  out += "|";
  if (r.proposed) out += "new:" + r.proposed->text + (r.proposed->isString ? "'" : "");
  out += "|";
  out += r.unresolved ? "u" : "";
  return out;
}

std::vector<std::string> dumps(const std::vector<Result>& results) {
  std::vector<std::string> out;
  for (const Result& r : results) out.push_back(dump(r));
  return out;
}

// Results drawn from small pools, so that keys collide often: the order of results with equal
// keys (a stable sort keeps their input order), a missing resource against an empty namespace,
// bytes above 0x7f (std::string compares them unsigned), a prefix against a longer string, and
// resources that display() names alike: apiVersion is not part of the name, and
// Deployment/a/b is both namespace "a", name "b" and no namespace, name "a/b".
std::vector<Result> randomResults(unsigned seed, size_t n) {
  std::mt19937 rng(seed);
  auto pick = [&](const std::vector<std::string>& pool) { return pool[rng() % pool.size()]; };
  const std::vector<std::string> messages = {"Z3: a", "Z3: a (more)", "IP1: b", "\xc3\xa9t\xc3\xa9",
                                             "",      "A6: c"};
  const std::vector<std::string> apiVersions = {"apps/v1", "extensions/v1beta1"};
  const std::vector<std::string> kinds = {"Deployment", "Ingress", "Deployment/a"};
  const std::vector<std::string> names = {"b", "a/b", "web", "web-2", "\xe2\x82\xac"};
  const std::vector<std::string> namespaces = {"", "a", "ns", "\x7f"};
  const std::vector<std::string> paths = {"", "spec.minReadySeconds", "spec.minReadySeconds2",
                                          "metadata.namespace"};
  const std::vector<std::string> values = {"30", "\"30\"", "a b", ""};
  std::vector<Result> out;
  for (size_t i = 0; i < n; ++i) {
    Result r;
    r.severity = static_cast<Severity>(rng() % 3);
    r.message = pick(messages);
    if (rng() % 4 != 0) {
      r.resource = ResourceRef{pick(apiVersions), pick(kinds), pick(names), pick(namespaces)};
    }
    r.fieldPath = pick(paths);
    if (rng() % 3 == 0) r.current = ShownValue{pick(values), rng() % 2 == 0};
    if (rng() % 3 == 0) r.proposed = ShownValue{pick(values), rng() % 2 == 0};
    r.unresolved = rng() % 5 == 0;
    out.push_back(r);
  }
  return out;
}

ResultStore storeOf(const std::vector<Result>& results) {
  ResultStore store;
  for (const Result& r : results) store.add(r);
  return store;
}

std::vector<Result> inStoreOrder(const ResultStore& store) {
  std::vector<Result> out;
  for (size_t i = 0; i < store.size(); ++i) out.push_back(store.result(i));
  return out;
}

std::vector<Result> sortedByStore(const ResultStore& store) {
  std::vector<Result> out;
  for (uint32_t i : store.sortedOrder()) out.push_back(store.result(i));
  return out;
}

// The transform's dedupe as it was over a vector of Results, before the store.
void dedupeAsBefore(std::vector<Result>& results, size_t from) {
  std::set<std::tuple<int, std::string, std::string, std::string>> seen;
  size_t out = from;
  for (size_t i = from; i < results.size(); ++i) {
    const Result& r = results[i];
    bool keep = r.proposed.has_value() ||
                seen.insert(std::make_tuple(static_cast<int>(r.severity),
                                            r.resource ? r.resource->display() : "", r.fieldPath,
                                            r.message))
                    .second;
    if (!keep) continue;
    if (out != i) results[out] = std::move(results[i]);
    ++out;
  }
  results.resize(out);
}

TEST(ResultStore, GivesBackEveryResultAsItCame) {
  std::vector<Result> results = randomResults(1, 500);
  EXPECT_EQ(dumps(inStoreOrder(storeOf(results))), dumps(results));
}

TEST(ResultStore, SortsAsSortResults) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::vector<Result> results = randomResults(seed, 300);
    ResultStore store = storeOf(results);
    zd::krm::sortResults(results);
    ASSERT_EQ(dumps(sortedByStore(store)), dumps(results)) << "seed " << seed;
  }
}

TEST(ResultStore, DedupesAsTheTransformDid) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::vector<Result> results = randomResults(seed, 300);
    const size_t from = seed % 7;  // results before `from` are never compared
    ResultStore store = storeOf(results);
    store.dedupe(from);
    dedupeAsBefore(results, from);
    ASSERT_LT(results.size(), 300u) << "seed " << seed << ": nothing repeated, nothing tested";
    ASSERT_EQ(dumps(inStoreOrder(store)), dumps(results)) << "seed " << seed;
  }
}

TEST(ResultStore, EraseIfKeepsTheOthersInOrder) {
  std::vector<Result> results = randomResults(3, 200);
  ResultStore store = storeOf(results);
  store.eraseIf(10, [](const ResultStore::Record& r) { return r.proposes(); });
  std::vector<Result> expected(results.begin(), results.begin() + 10);
  for (size_t i = 10; i < results.size(); ++i) {
    if (!results[i].proposed) expected.push_back(results[i]);
  }
  EXPECT_EQ(dumps(inStoreOrder(store)), dumps(expected));
}

// Check mode makes results errors in place: set() changes the one result, what it says shared
// with others or not.
TEST(ResultStore, SetReplacesOneResult) {
  std::vector<Result> results = randomResults(7, 200);
  ResultStore store = storeOf(results);
  for (size_t i : {size_t{0}, size_t{5}, size_t{199}}) {
    ResultStore::Record r = store.record(i);
    r.severity = Severity::Error;
    r.message = store.intern(results[i].message + " (changed)");
    store.set(i, r);
    results[i].severity = Severity::Error;
    results[i].message += " (changed)";
  }
  EXPECT_EQ(dumps(inStoreOrder(store)), dumps(results));
}

TEST(ResultStore, CountsBySeverity) {
  std::vector<Result> results = randomResults(4, 200);
  ResultStore store = storeOf(results);
  size_t errors = 0, warnings = 0;
  for (const Result& r : results) {
    errors += r.severity == Severity::Error;
    warnings += r.severity == Severity::Warning;
  }
  EXPECT_EQ(store.count(Severity::Error), errors);
  EXPECT_EQ(store.count(Severity::Warning), warnings);
  EXPECT_EQ(store.count(Severity::Info), results.size() - errors - warnings);
  EXPECT_EQ(store.hasErrors(), errors > 0);
  EXPECT_FALSE(store.hasErrors(store.size()));
}

// The writers read the store's text as they read a Result's: the same bytes either way.
TEST(ResultStore, WritesWhatEachResultWrites) {
  std::vector<Result> results = randomResults(5, 200);
  ResultStore store = storeOf(results);
  std::vector<uint32_t> order = store.sortedOrder();
  zd::krm::sortResults(results);

  std::string yaml, lines, infoLess;
  zd::krm::writeResults(store, order, zd::yaml::Sink{&yaml, nullptr});
  zd::krm::writeResultLines(store, order, true, zd::yaml::Sink{&lines, nullptr});
  zd::krm::writeResultLines(store, order, false, zd::yaml::Sink{&infoLess, nullptr});

  std::string yamlExpected = "results:\n", linesExpected, infoLessExpected;
  for (const Result& r : results) {
    zd::krm::appendResultYaml(zd::krm::textOf(r), yamlExpected);
    linesExpected += zd::krm::resultLine(r) + "\n";
    if (r.severity != Severity::Info) infoLessExpected += zd::krm::resultLine(r) + "\n";
  }
  EXPECT_EQ(yaml, yamlExpected);
  EXPECT_EQ(lines, linesExpected);
  EXPECT_EQ(infoLess, infoLessExpected);
}

TEST(ResultStore, WritesNothingWithoutResults) {
  ResultStore store;
  std::string out;
  zd::krm::writeResults(store, store.sortedOrder(), zd::yaml::Sink{&out, nullptr});
  EXPECT_EQ(out, "");
}

// A chunk is handed on once it reaches 64 KiB, and what is handed on adds up to the whole.
TEST(ResultStore, FlushesInChunks) {
  ResultStore store = storeOf(randomResults(6, 5000));
  std::vector<uint32_t> order = store.sortedOrder();
  std::string whole;
  zd::krm::writeResults(store, order, zd::yaml::Sink{&whole, nullptr});
  std::string buffer, handed;
  size_t chunks = 0;
  zd::yaml::Sink sink{&buffer, [&](std::string& chunk) {
                        handed += chunk;
                        chunk.clear();
                        ++chunks;
                      }};
  zd::krm::writeResults(store, order, sink);
  handed += buffer;
  EXPECT_GT(chunks, 1u);
  EXPECT_EQ(handed, whole);
}

}  // namespace
