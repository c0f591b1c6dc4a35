// Parses a YAML stream into a Tree with libyaml's event API (the parser
// go-yaml, kubectl's, was ported from): each scalar keeps its style, every
// limit is checked as the events arrive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "yaml/tree.h"

namespace zd::yaml {

// Hard limits against hostile input; each is overridable by a flag.
struct Limits {
  uint64_t maxInputBytes = 256ull << 20;  // --max-input-bytes
  uint32_t maxDepth = 256;                // --max-depth (nesting of maps and lists)
  uint64_t maxAliasNodes = 100000;        // --max-alias-nodes (nodes created by expanding aliases)
};

// ParseError::document when the error is not placed in a document: the byte
// checks run before any document is found (their line is the stream's).
inline constexpr uint32_t kNoDocument = UINT32_MAX;

struct ParseError {
  std::string message;           // what is wrong and what was expected
  uint32_t document = 0;         // 0-based index among the non-empty documents, or kNoDocument
  uint32_t line = 0;             // 1-based; 0 when unknown
  uint32_t column = 0;           // 1-based; 0 when unknown
  std::string describe() const;  // "document 2, line 14, column 3: ...", "line 14, ..."
};

// Fills tree.docs() with one root per non-empty document.
// Documents that are empty (e.g. between two `---`) are skipped.
std::optional<ParseError> parseStream(std::string_view input, const Limits& limits, Tree& tree);

// Checks the bytes before parsing: UTF-8 validity, NUL bytes, size.
std::optional<ParseError> checkBytes(std::string_view input, const Limits& limits);

}  // namespace zd::yaml
