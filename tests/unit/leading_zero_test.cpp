// `030` is octal 24 to kubectl's YAML 1.1 reader and 30 to ours: every
// integer field the function reads refuses it, naming the object, the path
// and the text. `07` is 7 to both and passes; `08` is no YAML 1.1 integer
// at all and is refused as such; `030.0` is not a whole number, whatever its
// zero. Strings (annotations, "030%") are not numbers and pass.
#include <gtest/gtest.h>

#include <algorithm>

#include "krm/run.h"
#include "krm/value_parse.h"
#include "test_support.h"

namespace zd {
namespace {

struct Case {
  const char* path;
  const char* written;  // lines of kWebApp
  const char* zeroed;   // ... with the integer written with a leading zero
  const char* text;     // that integer, as the error must quote it
};

const Case kCases[] = {
    {"spec.replicas", "  replicas: 3\n", "  replicas: 010\n", "010"},
    {"spec.minReadySeconds", "  minReadySeconds: 30\n", "  minReadySeconds: 030\n", "030"},
    {"spec.progressDeadlineSeconds", "  replicas: 3\n",
     "  replicas: 3\n  progressDeadlineSeconds: 0600\n", "0600"},
    {"spec.strategy.rollingUpdate.maxSurge", "      maxSurge: 1\n", "      maxSurge: 010\n", "010"},
    {"spec.strategy.rollingUpdate.maxUnavailable", "      maxUnavailable: 0\n",
     "      maxUnavailable: 011\n", "011"},
    {"spec.template.spec.terminationGracePeriodSeconds",
     "      terminationGracePeriodSeconds: 60\n", "      terminationGracePeriodSeconds: 060\n",
     "060"},
    {"spec.template.spec.containers[0].readinessProbe.periodSeconds",
     "          periodSeconds: 5\n", "          periodSeconds: 012\n", "012"},
    {"spec.template.spec.containers[0].readinessProbe.timeoutSeconds",
     "          periodSeconds: 5\n", "          periodSeconds: 5\n          timeoutSeconds: 020\n",
     "020"},
    {"spec.template.spec.containers[0].readinessProbe.failureThreshold",
     "          periodSeconds: 5\n",
     "          periodSeconds: 5\n          failureThreshold: 089\n", "089"},
    {"spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds",
     "            exec:\n              command: [\"sleep\", \"30\"]\n",
     "            sleep:\n              seconds: 030\n", "030"},
};

bool quotes(const krm::Result& r, const Case& c) {
  return r.severity == krm::Severity::Error && r.resource &&
         r.resource->display() == "Deployment/shop/web" && r.fieldPath == c.path &&
         r.message.find(std::string(" ") + c.text + ":") != std::string::npos;
}

TEST(LeadingZero, EveryIntegerFieldRefusesIt) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.path);
    std::string in = test::replaced(test::kWebApp, c.written, c.zeroed);
    for (bool check : {false, true}) {
      krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip", check));
      EXPECT_EQ(out.exitCode, 1);
      EXPECT_TRUE(std::any_of(out.results.begin(), out.results.end(), [&](const krm::Result& r) {
        return quotes(r, c);
      })) << out.err;
      EXPECT_TRUE(test::sameDocs(in, out.out));
    }
  }
}

TEST(LeadingZero, TheMessageGivesBothReadings) {
  std::string in =
      test::replaced(test::kWebApp, "  minReadySeconds: 30\n", "  minReadySeconds: 030\n");
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_NE(out.err.find("octal (24), this function as decimal (30)"), std::string::npos)
      << out.err;
}

krm::RunOutput runWith(const char* written, const char* zeroed) {
  return krm::run(test::replaced(test::kWebApp, written, zeroed), test::presetOptions("alb-ip"));
}

// `00`, `01`, `07`: octal and decimal agree, so there is nothing to refuse
// (and no "read 00 as octal (0), this function as decimal (0)").
TEST(LeadingZero, TheSameNumberEitherWayIsAccepted) {
  std::string in = test::replaced(test::kWebApp, "  replicas: 3\n", "  replicas: 03\n");
  in = test::replaced(in, "      maxSurge: 1\n", "      maxSurge: 01\n");
  in = test::replaced(in, "      maxUnavailable: 0\n", "      maxUnavailable: 00\n");
  in = test::replaced(in, "          periodSeconds: 5\n", "          periodSeconds: 07\n");
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 0) << out.err;
  EXPECT_EQ(out.err.find("octal"), std::string::npos) << out.err;
}

// A leading zero with an 8 or 9 is neither octal nor, to YAML 1.1, decimal:
// the message says so instead of offering an octal reading there is none of.
TEST(LeadingZero, EightOrNineIsNoYaml11Integer) {
  for (const char* text : {"08", "090"}) {
    SCOPED_TRACE(text);
    krm::RunOutput out =
        runWith("  replicas: 3\n", (std::string("  replicas: ") + text + "\n").c_str());
    EXPECT_EQ(out.exitCode, 1);
    EXPECT_NE(out.err.find(std::string("is written ") + text + ": not a YAML 1.1 integer"),
              std::string::npos)
        << out.err;
    EXPECT_NE(out.err.find(std::string("the string \"") + text + "\""), std::string::npos)
        << out.err;
    EXPECT_EQ(out.err.find("octal ("), std::string::npos) << out.err;
  }
}

// `030.0` is refused for not being a whole number, like `30.0`; its zero is beside the point.
TEST(LeadingZero, NonIntegersGetTheWholeNumberError) {
  for (const char* text : {"030.0", "08.5", "01e3"}) {
    SCOPED_TRACE(text);
    krm::RunOutput out = runWith("  minReadySeconds: 30\n",
                                 (std::string("  minReadySeconds: ") + text + "\n").c_str());
    EXPECT_EQ(out.exitCode, 1);
    EXPECT_NE(out.err.find("must be a whole number"), std::string::npos) << out.err;
    EXPECT_EQ(out.err.find("octal"), std::string::npos) << out.err;
  }
}

TEST(LeadingZero, StringsAndZeroItselfAreNotRefused) {
  std::string in =
      test::replaced(test::kWebApp, "    alb.ingress.kubernetes.io/target-type: ip\n",
                     "    alb.ingress.kubernetes.io/target-type: ip\n"
                     "    alb.ingress.kubernetes.io/healthcheck-interval-seconds: \"010\"\n");
  in = test::replaced(in, "      maxSurge: 1\n", "      maxSurge: 025%\n");
  krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
  EXPECT_EQ(out.exitCode, 0) << out.err;
}

TEST(LeadingZero, Detection) {
  EXPECT_TRUE(krm::hasLeadingZero("030"));
  EXPECT_TRUE(krm::hasLeadingZero("00"));
  EXPECT_FALSE(krm::hasLeadingZero("0"));
  EXPECT_FALSE(krm::hasLeadingZero("30"));
  EXPECT_FALSE(krm::hasLeadingZero("0x1E"));  // not a count at all: refused as such
  EXPECT_EQ(krm::parseOctal("030"), 24);
  EXPECT_EQ(krm::parseOctal("089"), std::nullopt);
}

}  // namespace
}  // namespace zd
