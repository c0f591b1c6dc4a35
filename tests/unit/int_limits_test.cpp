// Manifest integers are read as far as the Kubernetes API types them (int32, or int64 up to
// 2^53 - 1), annotation integers as far as the controllers and cloud APIs take them, and the
// function never writes a number it would refuse: its output, at every limit, reads back.
#include <gtest/gtest.h>

#include <variant>

#include "krm/knob_table.h"
#include "krm/run.h"
#include "rewrite/int_fields.h"
#include "test_support.h"
#include "timing/api_limits.h"
#include "timing/model.h"

namespace zd {
namespace {

using test::kWebApp;
using test::replaced;

krm::Setting flag(const std::string& key, const std::string& value) {
  krm::Setting s;
  s.key = key;
  s.where = "--" + krm::kebab(key);
  s.text = value;
  return s;
}

const krm::Result* errorAt(const krm::RunOutput& out, const std::string& path) {
  for (const krm::Result& r : out.results) {
    if (r.severity == krm::Severity::Error && r.fieldPath == path) return &r;
  }
  return nullptr;
}

struct Field {
  const char* path;
  const char* line;  // the line of kWebApp to replace
  const char* form;  // the replacement, with N for the number
  const char* max;
  const char* pastMax;
};

const Field kFields[] = {
    {"spec.replicas", "  replicas: 3\n", "  replicas: N\n", "2147483647", "2147483648"},
    {"spec.minReadySeconds", "  minReadySeconds: 30\n", "  minReadySeconds: N\n", "2147483647",
     "2147483648"},
    {"spec.progressDeadlineSeconds", "  replicas: 3\n",
     "  replicas: 3\n  progressDeadlineSeconds: N\n", "2147483647", "2147483648"},
    {"spec.strategy.rollingUpdate.maxSurge", "      maxSurge: 1\n", "      maxSurge: N\n",
     "2147483647", "2147483648"},
    {"spec.template.spec.containers[0].readinessProbe.periodSeconds",
     "          periodSeconds: 5\n", "          periodSeconds: N\n", "2147483647", "2147483648"},
    {"spec.template.spec.containers[0].readinessProbe.timeoutSeconds",
     "          periodSeconds: 5\n", "          periodSeconds: 5\n          timeoutSeconds: N\n",
     "2147483647", "2147483648"},
    {"spec.template.spec.containers[0].readinessProbe.failureThreshold",
     "          periodSeconds: 5\n", "          periodSeconds: 5\n          failureThreshold: N\n",
     "2147483647", "2147483648"},
    {"spec.template.spec.terminationGracePeriodSeconds",
     "      terminationGracePeriodSeconds: 60\n", "      terminationGracePeriodSeconds: N\n",
     "9007199254740991", "9007199254740992"},
    {"spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds",
     "            exec:\n              command: [\"sleep\", \"30\"]\n",
     "            sleep:\n              seconds: N\n", "9007199254740991", "9007199254740992"},
};

std::string with(const Field& f, const std::string& n) {
  std::string line = f.form;
  line.replace(line.find('N'), 1, n);
  return replaced(kWebApp, f.line, line);
}

TEST(IntLimits, EveryFieldReadsItsApiMaximum) {
  for (const Field& f : kFields) {
    SCOPED_TRACE(f.path);
    krm::RunOutput out = krm::run(with(f, f.max), test::presetOptions("alb-ip"));
    EXPECT_EQ(errorAt(out, f.path), nullptr) << out.err;
  }
}

TEST(IntLimits, OnePastTheMaximumIsRefusedNamingTheLimit) {
  for (const Field& f : kFields) {
    SCOPED_TRACE(f.path);
    krm::RunOutput out = krm::run(with(f, f.pastMax), test::presetOptions("alb-ip"));
    EXPECT_EQ(out.exitCode, 1);
    const krm::Result* r = errorAt(out, f.path);
    ASSERT_NE(r, nullptr) << out.err;
    EXPECT_EQ(r->resource->display(), "Deployment/shop/web");
    if (f.path != std::string("spec.strategy.rollingUpdate.maxSurge")) {
      EXPECT_NE(r->message.find(std::string("from 0 to ") + f.max + " ("), std::string::npos)
          << r->message;
    }
    EXPECT_NE(r->message.find(f.pastMax), std::string::npos) << r->message;
  }
}

// The controllers parse with Go's strconv (a '+' is a sign); AWS parses attribute items itself,
// and the function's own annotation keeps the config's range.
TEST(IntLimits, AnnotationsFollowTheirParser) {
  const std::string ingress = "    alb.ingress.kubernetes.io/target-type: ip\n";
  auto annotated = [&](const std::string& line) {
    return replaced(kWebApp, ingress, ingress + "    " + line + "\n");
  };
  const std::string hc =
      "metadata.annotations.alb.ingress.kubernetes.io/healthcheck-interval-seconds";
  krm::RunOutput plus =
      krm::run(annotated("alb.ingress.kubernetes.io/healthcheck-interval-seconds: \"+10\""),
               test::presetOptions("alb-ip"));
  EXPECT_EQ(plus.exitCode, 0) << plus.err;
  EXPECT_NE(plus.out.find("healthcheck-interval-seconds: \"+10\""), std::string::npos)
      << "a valid +10 is kept as written";
  krm::RunOutput big =
      krm::run(annotated("alb.ingress.kubernetes.io/healthcheck-interval-seconds: \"2147483648\""),
               test::presetOptions("alb-ip"));
  ASSERT_NE(errorAt(big, hc), nullptr) << big.err;
  krm::RunOutput wide =
      krm::run(annotated("alb.ingress.kubernetes.io/healthcheck-interval-seconds: \"2147483647\""),
               test::presetOptions("alb-ip"));
  EXPECT_EQ(wide.exitCode, 0) << "read, then fixed (A1): " << wide.err;
  EXPECT_NE(wide.out.find("healthcheck-interval-seconds: \"10\""), std::string::npos);

  const std::string tg =
      "metadata.annotations.alb.ingress.kubernetes.io/target-group-attributes."
      "deregistration_delay.timeout_seconds";
  krm::RunOutput attr = krm::run(annotated("alb.ingress.kubernetes.io/target-group-attributes: "
                                           "deregistration_delay.timeout_seconds=+30"),
                                 test::presetOptions("alb-ip"));
  ASSERT_NE(errorAt(attr, tg), nullptr) << attr.err;

  const std::string own = "metadata.annotations.zero-downtime.dev/shutdown-seconds";
  const std::string meta = "  namespace: shop\nspec:\n  replicas: 3\n";
  for (const char* text : {"\"1000001\"", "\"+5\""}) {
    krm::RunOutput out = krm::run(
        replaced(kWebApp, meta,
                 "  namespace: shop\n  annotations:\n    zero-downtime.dev/shutdown-seconds: " +
                     std::string(text) + "\nspec:\n  replicas: 3\n"),
        test::presetOptions("alb-ip"));
    const krm::Result* r = errorAt(out, own);
    ASSERT_NE(r, nullptr) << text << out.err;
    EXPECT_NE(r->message.find("from 0 to 1000000"), std::string::npos) << r->message;
  }
}

TEST(IntLimits, ParseWholeTakesAnyLengthAndNoOverflow) {
  rewrite::IntLimit limit{timing::kInt32Max, true, ""};
  EXPECT_EQ(rewrite::parseWhole("+2147483647", limit), timing::kInt32Max);
  EXPECT_EQ(rewrite::parseWhole("0000000000000000000000030", limit), 30);
  EXPECT_EQ(rewrite::parseWhole("2147483648", limit), std::nullopt);
  EXPECT_EQ(rewrite::parseWhole("99999999999999999999999999", limit), std::nullopt);
  EXPECT_EQ(rewrite::parseWhole("+", limit), std::nullopt);
  EXPECT_EQ(rewrite::parseWhole("++1", limit), std::nullopt);
  EXPECT_EQ(rewrite::parseWhole("-1", limit), std::nullopt);
  EXPECT_EQ(rewrite::parseWhole("", limit), std::nullopt);
  limit.plusSign = false;
  EXPECT_EQ(rewrite::parseWhole("+1", limit), std::nullopt);
}

// Every config number at the config's cap, except what the load balancer's API forbids (a
// health check beyond AWS's or Azure's ranges is an error no rewrite can fix, so nothing would
// be written)
// and a pinned grace period (at 1,000,000 it is below the preStop these numbers force: a config
// error, tested in the golden cases).
krm::RunOptions configAtMaximum(const std::string& preset) {
  krm::RunOptions o = test::presetOptions(preset);
  timing::Knobs probe;
  for (const krm::KnobField& f : krm::knobFields()) {
    const krm::KnobPtr at = f.in(probe);
    const bool count =
        std::holds_alternative<int64_t*>(at) || std::holds_alternative<std::optional<int64_t>*>(at);
    if (count && std::string(f.name) != "terminationGracePeriodSeconds") {
      o.flags.push_back(flag(f.name, "1000000"));
    }
  }
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"healthCheckIntervalSeconds", "300"},
                                                        {"healthCheckTimeoutSeconds", "120"},
                                                        {"healthyThresholdCount", "10"},
                                                        {"unhealthyThresholdCount", "10"},
                                                        {"maxSurge", "100%"},
                                                        {"maxUnavailable", "100%"},
                                                        {"ingressClassNames", "alb"}}) {
    o.flags.push_back(flag(key, value));
  }
  if (preset == "agic") {  // App Gateway copies the readiness probe: Azure's ranges (AG5)
    o.flags.push_back(flag("readinessPeriodSeconds", "86400"));
    o.flags.push_back(flag("readinessTimeoutSeconds", "86400"));
    o.flags.push_back(flag("readinessFailureThreshold", "20"));
  }
  return o;
}

// Run, then run again on the output: both exit 0, and the second changes nothing.
krm::RunOutput fixedPoint(const std::string& input, const krm::RunOptions& options) {
  krm::RunOutput first = krm::run(input, options);
  EXPECT_EQ(first.exitCode, 0) << first.err;
  krm::RunOutput second = krm::run(first.out, options);
  EXPECT_EQ(second.exitCode, 0) << second.err;
  EXPECT_EQ(second.out, first.out) << "the function's own output is not a fixed point";
  return first;
}

int64_t proposedGrace(const krm::RunOutput& out) {
  for (const krm::Result& r : out.results) {
    if (r.fieldPath == "spec.template.spec.terminationGracePeriodSeconds" && r.proposed) {
      return std::stoll(r.proposed->text);
    }
  }
  return 0;
}

TEST(IntLimits, ConfigAtItsMaximumWritesWhatReadsBack) {
  for (const char* preset : {"alb-ip", "alb-instance", "agic"}) {
    SCOPED_TRACE(preset);
    krm::RunOutput out = fixedPoint(kWebApp, configAtMaximum(preset));
    // preStop max(P, floor, E + B) = 2,000,000 s, plus S and B: above the config's own cap.
    EXPECT_EQ(proposedGrace(out), 4000000) << out.err;
  }
}

TEST(IntLimits, ManifestAtTheApiMaximumReadsBack) {
  std::string in = replaced(kWebApp, "  replicas: 3\n",
                            "  replicas: 2147483647\n  progressDeadlineSeconds: 2147483647\n");
  in = replaced(in, "      terminationGracePeriodSeconds: 60\n",
                "      terminationGracePeriodSeconds: 9007199254740991\n");
  in = replaced(in, "          periodSeconds: 5\n",
                "          periodSeconds: 2147483647\n          timeoutSeconds: 2147483647\n"
                "          failureThreshold: 2147483647\n");
  for (const char* preset : {"alb-ip", "alb-instance", "agic"}) {
    SCOPED_TRACE(preset);
    krm::RunOptions o = test::presetOptions(preset);
    o.flags.push_back(flag("ingressClassNames", "alb"));
    krm::RunOutput out = fixedPoint(in, o);
    EXPECT_NE(out.out.find("progressDeadlineSeconds: 2147483647\n"), std::string::npos);
    EXPECT_NE(out.out.find("terminationGracePeriodSeconds: 9007199254740991\n"), std::string::npos);
  }
}

// minReadySeconds near int32's maximum: the deadline K8 asks for does not fit, so it is written
// at the maximum and K8 is reported as not fixed, with why.
TEST(IntLimits, DeadlinePastInt32IsCappedAndReported) {
  const std::string in =
      replaced(kWebApp, "  minReadySeconds: 30\n", "  minReadySeconds: 2147483640\n");
  krm::RunOutput out = fixedPoint(in, test::presetOptions("alb-ip"));
  EXPECT_NE(out.out.find("progressDeadlineSeconds: 2147483647\n"), std::string::npos) << out.out;
  bool reported = false;
  for (const krm::Result& r : out.results) {
    reported |= r.message.rfind("K8: ", 0) == 0 &&
                r.message.find(
                    "not fixed: progressDeadlineSeconds is at 2147483647 s, the int32 "
                    "maximum of the API") != std::string::npos;
  }
  EXPECT_TRUE(reported) << out.err;
}

// A sleep at the int64 limit leaves no room for S + B: the plan stops the grace period at the
// limit, and K2 is reported as not fixed rather than a number written that would be refused.
TEST(IntLimits, GracePastTheLimitIsCappedAndReported) {
  timing::Knobs k;
  k.preset = timing::PresetId::AlbInstance;
  k.preStopSeconds = 15, k.minPreStopSeconds = 10, k.lbPropagationSeconds = 5;
  k.shutdownSeconds = 15, k.marginSeconds = 5, k.longestRequestSeconds = 10;
  timing::Observed o;
  o.containers.push_back(timing::ObservedContainer{
      "app", timing::PreStopKind::NativeSleep, timing::kInt64FieldMax, std::nullopt, std::nullopt});
  const timing::Evaluation ev = timing::evaluate(k, o);
  ASSERT_TRUE(ev.plan.terminationGracePeriodSeconds);
  EXPECT_EQ(ev.plan.terminationGracePeriodSeconds->value, timing::kInt64FieldMax);
  EXPECT_NE(ev.plan.terminationGracePeriodSeconds->message.find("the most the function writes"),
            std::string::npos);
  bool k2 = false;
  for (const timing::Violation& v : ev.violationsAfter) {
    k2 |= v.id == "K2" && v.message.find("not fixed: the grace period is at 9007199254740991 s") !=
                              std::string::npos;
  }
  EXPECT_TRUE(k2);
}

}  // namespace
}  // namespace zd
