#include "krm/result.h"

#include <algorithm>
#include <tuple>

#include "yaml/scalar_format.h"

namespace zd::krm {

using yaml::Style;

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "info";
}

std::string ResourceRef::display() const {
  std::string out;
  appendDisplay(kind, namespace_, name, out);
  return out;
}

void appendDisplay(std::string_view kind, std::string_view namespace_, std::string_view name,
                   std::string& out) {
  out += kind;
  out += '/';
  if (!namespace_.empty()) {
    out += namespace_;
    out += '/';
  }
  out += name;
}

void sortResults(std::vector<Result>& results) {
  static const std::string none;
  // References, not copies: tens of thousands of results are compared
  // n log n times on a monorepo's render.
  auto key = [](const Result& r) {
    const ResourceRef* ref = r.resource ? &*r.resource : nullptr;
    return std::tie(r.severity, ref ? ref->namespace_ : none, ref ? ref->kind : none,
                    ref ? ref->name : none, r.fieldPath, r.message);
  };
  std::stable_sort(results.begin(), results.end(),
                   [&](const Result& a, const Result& b) { return key(a) < key(b); });
}

bool hasErrors(const std::vector<Result>& results) {
  return std::any_of(results.begin(), results.end(),
                     [](const Result& r) { return r.severity == Severity::Error; });
}

ResultText textOf(const Result& r) {
  ResultText t;
  t.message = r.message;
  t.severity = r.severity;
  if (r.resource) {
    t.hasResource = true;
    t.apiVersion = r.resource->apiVersion;
    t.kind = r.resource->kind;
    t.name = r.resource->name;
    t.namespace_ = r.resource->namespace_;
  }
  t.fieldPath = r.fieldPath;
  if (r.current) {
    t.hasCurrent = true;
    t.current = r.current->text;
    t.currentIsString = r.current->isString;
  }
  if (r.proposed) {
    t.hasProposed = true;
    t.proposed = r.proposed->text;
    t.proposedIsString = r.proposed->isString;
  }
  return t;
}

namespace {

// Each result is written straight out, in the layout the tree writer gives
// (strings typed by stringStyle, two-space indent): building a tree per
// result cost more than the whole transform on large inputs.
class ResultWriter {
 public:
  explicit ResultWriter(std::string& out) : out_(out) {}

  void write(const ResultText& r) {
    out_ += "- ";
    field(0, "message", r.message);
    line(2, "severity", severityName(r.severity));
    if (r.hasResource) {
      open(2, "resourceRef");
      field(4, "apiVersion", r.apiVersion);
      field(4, "kind", r.kind);
      field(4, "name", r.name);
      if (!r.namespace_.empty()) field(4, "namespace", r.namespace_);
    }
    if (r.hasResource && !r.fieldPath.empty()) {
      open(2, "field");
      field(4, "path", r.fieldPath);
      if (r.hasCurrent) shown(4, "currentValue", r.current, r.currentIsString);
      if (r.hasProposed) shown(4, "proposedValue", r.proposed, r.proposedIsString);
    }
  }

 private:
  void key(int indent, std::string_view name) {
    out_.append(static_cast<size_t>(indent), ' ');
    out_ += name;
    out_ += ':';
  }
  void open(int indent, std::string_view name) {
    key(indent, name);
    out_ += '\n';
  }
  // A value that is known to read back plain (severity).
  void line(int indent, std::string_view name, std::string_view value) {
    key(indent, name);
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }
  void scalar(std::string_view text, bool asString) {
    bool plain = asString ? yaml::stringStyle(text) == Style::Plain : yaml::plainReadsBack(text);
    if (plain) {
      out_ += text;
    } else {
      yaml::appendDoubleQuoted(text, out_);
    }
  }
  void field(int indent, std::string_view name, std::string_view value) {
    key(indent, name);
    out_ += ' ';
    scalar(value, true);
    out_ += '\n';
  }
  void shown(int indent, std::string_view name, std::string_view text, bool isString) {
    key(indent, name);
    out_ += ' ';
    scalar(text, isString);
    out_ += '\n';
  }

  std::string& out_;
};

}  // namespace

void appendResultYaml(const ResultText& r, std::string& out) { ResultWriter(out).write(r); }

void appendResultLine(const ResultText& r, std::string& out) {
  out += '[';
  out += severityName(r.severity);
  out += ']';
  if (r.hasResource) {
    out += ' ';
    out += r.apiVersion;
    out += '/';
    out += r.kind;
    out += '/';
    if (!r.namespace_.empty()) {
      out += r.namespace_;
      out += '/';
    }
    out += r.name;
  }
  if (!r.fieldPath.empty()) {
    out += ' ';
    out += r.fieldPath;
  }
  out += ": ";
  out += r.message;
}

std::string resultLine(const Result& r) {
  std::string out;
  appendResultLine(textOf(r), out);
  return out;
}

}  // namespace zd::krm
