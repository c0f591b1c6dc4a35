// The ALB adapter's field table: the AWS Load Balancer Controller's annotations on the Ingress and
// its backend Services (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/
// guide/ingress/annotations/).
#pragma once

#include "adapters/field_table.h"

namespace zd::adapters::alb {

inline constexpr const char* kPrefix = "alb.ingress.kubernetes.io/";
inline constexpr const char* kTgAttributes = "alb.ingress.kubernetes.io/target-group-attributes";
inline constexpr const char* kLbAttributes = "alb.ingress.kubernetes.io/load-balancer-attributes";

const FieldTable& fields();

// The spot of a field the table has (a programming error otherwise).
const FieldSpot& spot(std::string_view field);

}  // namespace zd::adapters::alb
