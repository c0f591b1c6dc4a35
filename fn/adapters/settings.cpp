#include "adapters/settings.h"

namespace zd::adapters {

size_t holderOf(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                const FieldSpot& spot) {
  if (spot.holder == Holder::FrontDoor) return b.frontDoor;
  yaml::NodeId annotations = t.at(idx.objects[b.service].node, {"metadata", "annotations"});
  const bool onService =
      b.frontDoorShared || t.get(annotations, std::string(spot.annotation)) != yaml::kNone;
  return onService ? b.service : b.frontDoor;
}

}  // namespace zd::adapters
