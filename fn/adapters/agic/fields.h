// The AGIC adapter's field table: Application Gateway Ingress Controller annotations, all on the
// Ingress (https://github.com/Azure/application-gateway-kubernetes-ingress/blob/master/docs/
// annotations.md); AGIC reads no Service-level variant.
#pragma once

#include "adapters/field_table.h"

namespace zd::adapters::agic {

inline constexpr const char* kPrefix = "appgw.ingress.kubernetes.io/";

const FieldTable& fields();

// The spot of a field the table has (a programming error otherwise).
const FieldSpot& spot(std::string_view field);

}  // namespace zd::adapters::agic
