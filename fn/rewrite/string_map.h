// The AWS Load Balancer Controller's stringMap annotations
// (target-group-attributes, load-balancer-attributes): `k1=v1,k2=v2`.
// Read as the controller reads them (pkg/annotations/parser.go at 225f445:
// ParseStringMapAnnotation, splitKeyValuePairs), so the function checks the
// numbers the controller will send; edited so that whatever the user wrote
// around the one value the function changes (layout, escapes) stays as it was.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zd::rewrite {

struct StringMap {
  // Keys in order of first appearance; a later duplicate's value wins.
  std::vector<std::pair<std::string, std::string>> items;
  // Non-empty when the controller refuses the annotation (and so fails to
  // reconcile the Ingress): which item and why. `items` is then empty.
  std::string invalid;
  // When the text ends with a comma followed by blanks only, the last item
  // as the controller reads it, that comma kept in its value ("a=1,"); else "".
  std::string endsWithComma;
};

StringMap parseStringMap(std::string_view text);

// Why the function refuses to read or edit this annotation, or "": what the
// controller refuses, and what it accepts but AWS would not (a value across
// lines, a trailing comma glued to the last value), since editing those would
// mean guessing what the user meant.
std::string stringMapRefusal(const StringMap& map);

// `text` with `key` set to `value`, for text parseStringMap reads with no
// refusal. The item that wins (the last with that key) gets the new value in
// place; a missing key is appended with the separator the text already uses
// (`,`, `, `, `,\n` in a block of one attribute per line), before any
// trailing blanks or line break.
std::string withStringMapValue(std::string_view text, const std::string& key,
                               const std::string& value);

// Go's strings.TrimSpace: Unicode white space at both ends (ASCII blanks and
// line breaks, U+0085, U+00A0, U+2000..U+200A, ...), as the controller trims.
std::string_view trimSpace(std::string_view s);

}  // namespace zd::rewrite
