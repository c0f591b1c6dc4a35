// One result of the KRM functions spec (message, severity, resourceRef,
// field), and their deterministic order and serialisation. The spec's `file`
// is left out: the function reads a ResourceList, not files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/tree.h"

namespace zd::krm {

// One byte: a large run holds a million results (ResultStore).
enum class Severity : uint8_t { Error, Warning, Info };
const char* severityName(Severity s);

struct ResourceRef {
  std::string apiVersion, kind, name, namespace_;
  // `kind/namespace/name`, or `kind/name` without a namespace: how messages name it.
  std::string display() const;
};
// display()'s text for a resourceRef kept as views (ResultStore), appended to `out`.
void appendDisplay(std::string_view kind, std::string_view namespace_, std::string_view name,
                   std::string& out);

// A value shown in a result: `text` as written, `isString` keeps "30" apart from 30.
struct ShownValue {
  std::string text;
  bool isString = false;
};

struct Result {
  std::string message;
  Severity severity = Severity::Info;
  std::optional<ResourceRef> resource;
  std::string fieldPath;  // `spec.template.spec.containers[0].lifecycle.preStop`
  std::optional<ShownValue> current, proposed;
  // A reference the scope graph could not follow (a backend Service, action or workload not in
  // the input): a warning when rewriting, an error in check mode, which cannot vouch for it.
  bool unresolved = false;
};

// Stable order: errors first, then by resource, field and message.
void sortResults(std::vector<Result>& results);
bool hasErrors(const std::vector<Result>& results);

// A result's text wherever it is kept, in a Result or in a ResultStore's tables: the two
// formatters below read this, so both forms are written by the same code.
struct ResultText {
  std::string_view message;
  Severity severity = Severity::Info;
  bool hasResource = false;
  std::string_view apiVersion, kind, name, namespace_;
  std::string_view fieldPath;
  bool hasCurrent = false, hasProposed = false;
  std::string_view current, proposed;
  bool currentIsString = false, proposedIsString = false;
};
ResultText textOf(const Result& r);

// Appends one item of the `results:` list: `- message: ...` and its fields, as the tree
// writer would lay them out.
void appendResultYaml(const ResultText& r, std::string& out);

// Appends kpt's one-line form: `[error] apps/v1/Deployment/ns/web spec.x: message`.
void appendResultLine(const ResultText& r, std::string& out);
std::string resultLine(const Result& r);

}  // namespace zd::krm
