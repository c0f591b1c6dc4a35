// An explicit null (`null`, `~`, nothing) is how Kubernetes spells an absent
// field: for every map, list or number the function reads or writes, a
// manifest with the field null must get exactly the results (and so the
// edits) of the same manifest without it.
#include <gtest/gtest.h>

#include <tuple>

#include "krm/absent.h"
#include "krm/run.h"
#include "test_support.h"

namespace zd {
namespace {

struct Case {
  const char* name;
  const char* written;  // lines of kWebApp
  const char* asNull;   // ... with the field null
  const char* absent;   // ... without it
};

const Case kCases[] = {
    {"strategy",
     "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      "
     "maxUnavailable: 0\n",
     "  strategy: null\n", ""},
    {"rollingUpdate", "    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n",
     "    rollingUpdate: ~\n", ""},
    {"maxSurge", "      maxSurge: 1\n", "      maxSurge: NULL\n", ""},
    {"replicas", "  replicas: 3\n", "  replicas: Null\n", ""},
    {"minReadySeconds", "  minReadySeconds: 30\n", "  minReadySeconds:\n", ""},
    {"grace", "      terminationGracePeriodSeconds: 60\n",
     "      terminationGracePeriodSeconds: ~\n", ""},
    {"readinessProbe",
     "        readinessProbe:\n          httpGet:\n            path: /ready\n            port: "
     "8080\n          periodSeconds: 5\n",
     "        readinessProbe: ~\n", ""},
    {"httpGet", "          httpGet:\n            path: /ready\n            port: 8080\n",
     "          httpGet: null\n", ""},
    {"periodSeconds", "          periodSeconds: 5\n", "          periodSeconds: null\n", ""},
    {"lifecycle",
     "        lifecycle:\n          preStop:\n            exec:\n              command: "
     "[\"sleep\", \"30\"]\n",
     "        lifecycle: null\n", ""},
    {"preStop",
     "          preStop:\n            exec:\n              command: [\"sleep\", \"30\"]\n",
     "          preStop: null\n", "          {}\n"},
    {"sleep beside exec", "              command: [\"sleep\", \"30\"]\n",
     "              command: [\"sleep\", \"30\"]\n            sleep: null\n",
     "              command: [\"sleep\", \"30\"]\n"},
    {"ports", "        ports:\n        - containerPort: 8080\n", "        ports: null\n", ""},
    {"annotations", "  annotations:\n    alb.ingress.kubernetes.io/target-type: ip\n",
     "  annotations: ~\n", ""},
};

using Shown = std::tuple<int, std::string, std::string, std::string, std::string, std::string>;

// Everything a result says, so that two runs compare equal only when they
// report (and make) the same changes.
std::vector<Shown> shown(const krm::RunOutput& out) {
  std::vector<Shown> v;
  for (const krm::Result& r : out.results) {
    v.emplace_back(static_cast<int>(r.severity), r.resource ? r.resource->display() : "",
                   r.fieldPath, r.message, r.current ? r.current->text : "-",
                   r.proposed ? r.proposed->text : "-");
  }
  return v;
}

// `exitCode`: 0 when the function edits; check mode finds kWebApp unprepared (1).
void expectNullIsAbsent(const krm::RunOptions& options, int exitCode = 0,
                        const std::string& base = test::kWebApp) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    krm::RunOutput withNull = krm::run(test::replaced(base, c.written, c.asNull), options);
    krm::RunOutput without = krm::run(test::replaced(base, c.written, c.absent), options);
    EXPECT_EQ(withNull.exitCode, exitCode) << withNull.err;
    EXPECT_EQ(withNull.exitCode, without.exitCode);
    EXPECT_EQ(shown(withNull), shown(without)) << "null:\n"
                                               << withNull.err << "absent:\n"
                                               << without.err;
  }
}

TEST(ExplicitNull, ReadsAndWritesLikeAnAbsentField) {
  expectNullIsAbsent(test::presetOptions("alb-ip"));
}

// AGIC reads more of the probe (httpGet or not) than the ALB presets.
TEST(ExplicitNull, ReadsAndWritesLikeAnAbsentFieldUnderAgic) {
  std::string agic = test::replaced(test::kWebApp, "ingressClassName: alb",
                                    "ingressClassName: azure-application-gateway");
  expectNullIsAbsent(test::presetOptions("agic"), 0, agic);
}

TEST(ExplicitNull, ChecksLikeAnAbsentField) {
  expectNullIsAbsent(test::presetOptions("alb-ip", true), 1);
}

TEST(ExplicitNull, ANullReadinessProbeIsReplacedByTheConfiguredOne) {
  krm::RunOptions o = test::presetOptions("alb-ip");
  krm::Setting s;
  s.key = "readinessProbePath";
  s.where = "--readiness-probe-path";
  s.text = "/healthz";
  o.flags.push_back(s);
  expectNullIsAbsent(o);
  std::string in =
      test::replaced(test::kWebApp,
                     "        readinessProbe:\n          httpGet:\n            path: /ready\n"
                     "            port: 8080\n          periodSeconds: 5\n",
                     "        readinessProbe: null\n");
  krm::RunOutput out = krm::run(in, o);
  EXPECT_NE(
      out.out.find("        readinessProbe:\n          httpGet:\n            path: /healthz\n"),
      std::string::npos)
      << out.out;
}

// A parser may report `null` as a plain scalar rather than a null node
// (yaml-cpp does the latter, libyaml the former): both are absent.
TEST(ExplicitNull, AbsentWhicheverWayTheParserReportsIt) {
  yaml::Tree t;
  for (const char* s : {"", "~", "null", "Null", "NULL"}) {
    EXPECT_TRUE(krm::isAbsent(t, t.addNull(s))) << s;
    EXPECT_TRUE(krm::isAbsent(t, t.addScalar(s, yaml::Style::Plain))) << s;
    EXPECT_FALSE(krm::isAbsent(t, t.addScalar(s, yaml::Style::Double))) << s;
  }
  yaml::NodeId str = t.addScalar("null", yaml::Style::Plain);
  t.setTag(str, "tag:yaml.org,2002:str");
  EXPECT_FALSE(krm::isAbsent(t, str));
  EXPECT_FALSE(krm::isAbsent(t, t.addScalar("nil", yaml::Style::Plain)));
  EXPECT_FALSE(krm::isAbsent(t, t.addContainer(yaml::Kind::Map)));
  EXPECT_TRUE(krm::isAbsent(t, yaml::kNone));
}

}  // namespace
}  // namespace zd
