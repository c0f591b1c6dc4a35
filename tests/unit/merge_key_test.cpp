// YAML 1.1 merge keys: kubectl merges them, our tree would not, so any
// object holding one is refused with the object and the path named, and
// nothing is edited.
#include <gtest/gtest.h>

#include "krm/run.h"
#include "test_support.h"

namespace zd {
namespace {

const krm::Result* errorAt(const krm::RunOutput& out, const std::string& display,
                           const std::string& path) {
  for (const krm::Result& r : out.results) {
    if (r.severity == krm::Severity::Error && r.resource && r.resource->display() == display &&
        r.fieldPath == path) {
      return &r;
    }
  }
  return nullptr;
}

TEST(MergeKey, InAPodSpecIsRefusedAndNothingIsEdited) {
  std::string in = test::replaced(test::kWebApp, "      terminationGracePeriodSeconds: 60\n",
                                  "      <<: {terminationGracePeriodSeconds: 120}\n");
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 1);
  const krm::Result* r = errorAt(out, "Deployment/shop/web", "spec.template.spec.<<");
  ASSERT_NE(r, nullptr) << out.err;
  EXPECT_NE(r->message.find("merge key"), std::string::npos) << r->message;
  EXPECT_TRUE(test::sameDocs(in, out.out));
}

TEST(MergeKey, InAnObjectOutOfScopeIsRefusedToo) {
  // A CronJob is not behind the load balancer, but what kubectl applies
  // would still differ from what this function read and wrote back.
  std::string cron =
      "---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: shop\n"
      "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
      "          - name: a\n          - name: b\n            <<: {image: busybox}\n";
  std::string in = std::string(test::kWebApp) + cron;
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_NE(
      errorAt(out, "CronJob/shop/nightly", "spec.jobTemplate.spec.template.spec.containers[1].<<"),
      nullptr)
      << out.err;
  EXPECT_TRUE(test::sameDocs(in, out.out));
}

TEST(MergeKey, InAResourceListItemNamesTheItem) {
  std::string in =
      "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"
      "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n    <<: {namespace: shop}\n";
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_NE(errorAt(out, "ConfigMap/c", "metadata.<<"), nullptr) << out.err;
}

TEST(MergeKey, AQuotedKeyIsAnOrdinaryString) {
  for (const char* key : {"\"<<\"", "'<<'", "!!str <<"}) {
    std::string in = test::replaced(
        test::kWebApp, "    alb.ingress.kubernetes.io/target-type: ip\n",
        "    alb.ingress.kubernetes.io/target-type: ip\n    " + std::string(key) + ": x\n");
    krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
    EXPECT_EQ(out.exitCode, 0) << key << "\n" << out.err;
  }
}

}  // namespace
}  // namespace zd
