// List wrappers (kind: List, DeploymentList, ...): their items are objects
// like any other, edited in place inside the wrapper, which comes back as it
// went in. The golden cases io-*-list* show whole outputs; these pin down
// the envelope's choices one by one.
#include <gtest/gtest.h>

#include <algorithm>

#include "krm/envelope.h"
#include "krm/run.h"
#include "test_support.h"
#include "yaml/parse.h"

namespace zd {
namespace {

// The documents of `stream` as the items of one `kind: List` document.
std::string asList(const std::string& stream) {
  std::string out = "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n";
  bool first = true;
  size_t pos = 0;
  while (pos < stream.size()) {
    size_t end = stream.find('\n', pos);
    std::string line = stream.substr(pos, end - pos);
    pos = end + 1;
    if (line == "---") {
      first = true;
      continue;
    }
    out += (first ? "- " : "  ") + line + "\n";
    first = false;
  }
  return out;
}

struct Read {
  yaml::Tree tree;
  krm::Envelope env;
  std::vector<krm::Result> errors;
  explicit Read(const std::string& text) {
    EXPECT_FALSE(yaml::parseStream(text, yaml::Limits{}, tree));
    env = krm::readEnvelope(tree, errors);
  }
  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    for (yaml::NodeId o : env.objects) out.emplace_back(tree.str(tree.get(o, "kind")));
    return out;
  }
};

const char* const kConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

TEST(ListEnvelope, ItemsAreTheObjectsInDocumentOrder) {
  Read r(std::string(kConfigMap) + "---\n" + asList(test::kWebApp));
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.kinds(), (std::vector<std::string>{"ConfigMap", "Deployment", "Service", "Ingress"}));
  EXPECT_EQ(r.env.lists.size(), 1u);
}

TEST(ListEnvelope, InputWithoutListsRecordsNone) {
  Read r(test::kWebApp);
  EXPECT_TRUE(r.env.lists.empty());
  EXPECT_EQ(r.env.objects, r.tree.docs());
}

TEST(ListEnvelope, AnyKindEndingInListButResourceList) {
  Read r("apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- " +
         std::string("apiVersion: v1\n  kind: List\n  items:\n") +
         "  - {apiVersion: v1, kind: Secret, metadata: {name: s}}\n");
  EXPECT_EQ(r.kinds(), std::vector<std::string>{"Secret"});
  EXPECT_EQ(r.env.lists.size(), 2u);
}

// kpt may send a package file holding a ResourceList (a function's test
// input): an ordinary object, as before, also inside a List.
TEST(ListEnvelope, AResourceListItemIsAnOrdinaryObject) {
  Read r(
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- apiVersion: v1\n  kind: List\n  items:\n"
      "  - {apiVersion: config.kubernetes.io/v1, kind: ResourceList, items: []}\n");
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.kinds(), std::vector<std::string>{"ResourceList"});
}

TEST(ListEnvelope, ALocalConfigListIsOneObject) {
  Read r(
      "apiVersion: v1\nkind: List\nmetadata:\n  annotations:\n"
      "    config.kubernetes.io/local-config: \"true\"\nitems:\n- {apiVersion: v1, kind: "
      "Secret}\n");
  EXPECT_EQ(r.kinds(), std::vector<std::string>{"List"});
  EXPECT_TRUE(r.env.lists.empty());
}

TEST(ListEnvelope, ItemsAreEditedInPlaceAndTheWrapperKept) {
  std::string in = asList(test::kWebApp);
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  ASSERT_EQ(out.exitCode, 0) << out.err;
  EXPECT_EQ(out.out.rfind(
                "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n- ", 0),
            0u)
      << out.out;
  // The same edits as on the plain stream, results naming the same objects.
  krm::RunOutput plain = krm::run(test::kWebApp, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.out, asList(plain.out));
  EXPECT_EQ(out.err, plain.err);
}

TEST(ListEnvelope, AnErrorInAnItemLeavesTheListAsItCame) {
  std::string in = asList(test::replaced(test::kWebApp, "      terminationGracePeriodSeconds: 60\n",
                                         "      terminationGracePeriodSeconds: \"60\"\n"));
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_TRUE(std::any_of(out.results.begin(), out.results.end(), [](const krm::Result& r) {
    return r.severity == krm::Severity::Error && r.resource &&
           r.resource->display() == "Deployment/shop/web" &&
           r.fieldPath == "spec.template.spec.terminationGracePeriodSeconds";
  })) << out.err;
  EXPECT_TRUE(test::sameDocs(in, out.out));
}

TEST(ListEnvelope, MergeKeysAreLookedForInItemsAndInTheWrapper) {
  std::string inItem =
      asList(test::replaced(test::kWebApp, "      terminationGracePeriodSeconds: 60\n",
                            "      <<: {terminationGracePeriodSeconds: 120}\n"));
  krm::RunOutput out = krm::run(inItem, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_NE(out.err.find("Deployment/shop/web spec.template.spec.<<"), std::string::npos)
      << out.err;

  std::string inWrapper =
      test::replaced(asList(test::kWebApp), "metadata:\n  resourceVersion: \"\"\n",
                     "metadata:\n  <<: {resourceVersion: \"\"}\n");
  out = krm::run(inWrapper, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_NE(out.err.find("v1/List/ metadata.<<"), std::string::npos) << out.err;
}

TEST(ListEnvelope, DropLocalConfigTakesLocalItemsOutOfTheList) {
  std::string local =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tool\n  annotations:\n"
      "    config.kubernetes.io/local-config: \"true\"\n---\n";
  krm::RunOptions options = test::presetOptions("alb-ip");
  options.dropLocalConfig = true;
  krm::RunOutput out = krm::run(asList(local + test::kWebApp), options);
  ASSERT_EQ(out.exitCode, 0) << out.err;
  krm::RunOutput without = krm::run(asList(test::kWebApp), test::presetOptions("alb-ip"));
  EXPECT_EQ(out.out, without.out);
  // Without the flag it stays.
  out = krm::run(asList(local + test::kWebApp), test::presetOptions("alb-ip"));
  EXPECT_NE(out.out.find("name: tool"), std::string::npos);
}

TEST(ListEnvelope, PositionsSpellEveryLevel) {
  Read r(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n"
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - 7\n"
      "- apiVersion: v1\n  kind: ServiceList\n  items: {a: 1}\n");
  std::vector<std::string> messages;
  for (const krm::Result& e : r.errors) messages.push_back(e.message);
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "document 1 items[0] items[0] must be a map (a Kubernetes object), not a scalar",
                "document 1 items[1] is a ServiceList whose `items` must be a list (of objects), "
                "not a map"}));
}

}  // namespace
}  // namespace zd
