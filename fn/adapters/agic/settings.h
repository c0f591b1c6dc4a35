// The AGIC adapter's settings: Application Gateway Ingress Controller annotations on the Ingress,
// read as AGIC reads them (adapters/agic/fields.h).
#pragma once

#include "adapters/settings.h"

namespace zd::adapters::agic {

const LbSettings& settings();

}  // namespace zd::adapters::agic
