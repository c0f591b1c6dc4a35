#include "adapters/settings.h"

namespace zd::adapters {

std::string annotationPath(std::string_view annotation) {
  return "metadata.annotations." + std::string(annotation);
}

krm::Severity resultSeverity(timing::Severity s) {
  return s == timing::Severity::Warning ? krm::Severity::Warning : krm::Severity::Info;
}

size_t holderOf(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                const FieldSpot& spot, const LbSettings* settings) {
  if (spot.holder == Holder::FrontDoor || spot.holder == Holder::FrontDoorPolicy)
    return b.frontDoor;
  if (spot.holder == Holder::Policy) {
    if (!settings || !settings->policyHolder) return b.service;
    return settings->policyHolder(t, idx, b, spot).value_or(b.service);
  }
  yaml::NodeId annotations = t.at(idx.objects[b.service].node, {"metadata", "annotations"});
  const bool onService =
      b.frontDoorShared || t.get(annotations, std::string(spot.annotation)) != yaml::kNone;
  return onService ? b.service : b.frontDoor;
}

}  // namespace zd::adapters
