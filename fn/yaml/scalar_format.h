// How one scalar is spelled on output. Separate from the tree walk so the
// rules for each style can be read (and tested) on their own.
#pragma once

#include <string>
#include <string_view>

#include "yaml/tree.h"

namespace zd::yaml {

void appendDoubleQuoted(std::string_view text, std::string& out);

// False (and nothing appended) when single quotes cannot hold `text`.
bool appendSingleQuoted(std::string_view text, std::string& out);

// Appends a literal block scalar: the header (`|`, `|-`, `|+`, maybe an
// indentation indicator) and the content lines at `indent` spaces.
// False (nothing appended) when a block cannot hold `text` exactly, or when
// it would need an indentation indicator and `allowIndicator` is false.
bool appendLiteral(std::string_view text, int indent, bool allowIndicator, std::string& out);

// True when `text` written bare reads back as the same string, in block
// context or, with `inFlow`, inside `[...]` / `{...}`.
bool plainReadsBack(std::string_view text, bool inFlow = false);

// How a tag is written: `!!str`, `!local`, `!<tag:example.com,2000:x>`, with
// every character PyYAML or go-yaml would not take there %-escaped (they
// decode it back). "" when nothing a reader takes as a tag can be written:
// no tag, the non-specific `!`, or a handle with nothing after it.
std::string tagSpelling(std::string_view tag);

// Style for a string the function creates: plain when a reader would still
// see a string ("web", "ip"), double-quoted when it would see a number, bool
// or null ("30", "true", "on", "null", "1e3", "0755", "").
Style stringStyle(std::string_view text);

// The plain spellings a YAML 1.1/1.2 reader (go-yaml, PyYAML) types as null:
// nothing, `~`, `null`, `Null`, `NULL`.
bool isNullSpelling(std::string_view text);

}  // namespace zd::yaml
