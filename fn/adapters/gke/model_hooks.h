// The GKE adapter's hooks into the timing model (timing/lb_model.h).
#pragma once

#include "timing/lb_model.h"

namespace zd::timing {

const LbModel& gkeModel();

}  // namespace zd::timing
