// The ALB adapter's settings: the AWS Load Balancer Controller's annotations, read as it reads
// them and written where it reads them (adapters/alb/fields.h).
#pragma once

#include "adapters/settings.h"

namespace zd::adapters::alb {

const LbSettings& settings();

}  // namespace zd::adapters::alb
