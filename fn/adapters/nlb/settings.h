// The NLB adapter's settings: the AWS Load Balancer Controller's annotations on a Service of type
// LoadBalancer, read as it reads them and written where it reads them (adapters/nlb/fields.h).
#pragma once

#include "adapters/settings.h"

namespace zd::adapters::nlb {

const LbSettings& settings();

}  // namespace zd::adapters::nlb
