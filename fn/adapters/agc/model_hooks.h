// The AGC adapter's hooks into the timing model (timing/lb_model.h).
#pragma once

#include "timing/lb_model.h"

namespace zd::timing {

const LbModel& agcModel();

}  // namespace zd::timing
