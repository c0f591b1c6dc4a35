#include "disruption/eviction_notice.h"

#include <string>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "krm/value_parse.h"

namespace zd::disruption {

std::optional<krm::Result> graceBeyondNotice(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                             size_t workload, int64_t noticeSeconds) {
  const yaml::NodeId holder = scope::podTemplateHolder(idx, workload);
  const yaml::NodeId g =
      krm::field(t, holder, {"spec", "template", "spec", "terminationGracePeriodSeconds"});
  // The Kubernetes default; a value of the wrong type is observe()'s error, reported already.
  const std::optional<int64_t> grace =
      g == yaml::kNone ? std::optional<int64_t>(30) : krm::parseCount(t.str(g), krm::kMaxSetting);
  if (!grace || *grace <= noticeSeconds) return std::nullopt;
  krm::Result r;
  r.severity = krm::Severity::Warning;
  r.resource = krm::refOf(t, holder);
  r.fieldPath = "spec.template.spec.terminationGracePeriodSeconds";
  r.message = "DR5: grace period " + std::to_string(*grace) +
              " s is longer than the notice the platform gives before it takes a node away "
              "(config evictionNoticeSeconds " +
              std::to_string(noticeSeconds) +
              "): on a spot interruption or a forced drain the pod is killed before its preStop "
              "sleep and shutdown end, and requests in flight fail; the load balancer needs that "
              "long, so keep such pods off nodes with a shorter notice, or drain those nodes "
              "ahead of it";
  return r;
}

}  // namespace zd::disruption
