#include "yaml/parse.h"

#include <yaml.h>

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "yaml/scalar_format.h"
#include "yaml/utf8.h"

namespace zd::yaml {
namespace {

struct Abort {
  ParseError error;
};

// libyaml's event, freed however the handling of it ends.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() { yaml_event_delete(&e_); }
  yaml_event_t* get() { return &e_; }
  const yaml_event_t* operator->() const { return &e_; }

 private:
  yaml_event_t e_{};
};

// libyaml's parser state, freed on every path out.
class Parser {
 public:
  explicit Parser(std::string_view input) {
    yaml_parser_initialize(&p_);
    // Reads straight from our buffer: no copy of a 200 MB input.
    yaml_parser_set_input_string(&p_, reinterpret_cast<const unsigned char*>(input.data()),
                                 input.size());
    // No yaml_parser_set_encoding: detection is what skips a leading BOM, and
    // checkBytes has already made sure the input is UTF-8.
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  ~Parser() { yaml_parser_delete(&p_); }
  bool next(Event& event) { return yaml_parser_parse(&p_, event.get()) != 0; }
  const yaml_parser_t& state() const { return p_; }

 private:
  yaml_parser_t p_{};
};

std::string_view text(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

Style styleOf(yaml_scalar_style_t s) {
  switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return Style::Single;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return Style::Double;
    case YAML_LITERAL_SCALAR_STYLE:
      return Style::Literal;
    case YAML_FOLDED_SCALAR_STYLE:
      return Style::Folded;
    default:
      return Style::Plain;
  }
}

// How a null key is compared: NUL cannot occur in checked input, so no
// string key can equal it.
constexpr std::string_view kNullKey("\0null", 5);

// Turns libyaml's events into a Tree; every limit is checked as it goes, so
// hostile input is refused before it costs memory.
class Builder {
 public:
  Builder(Tree& tree, const Limits& limits, std::string_view input)
      : tree_(tree), limits_(limits), input_(input), cursorBytes_(bomBytes()) {}

  // Documents are numbered as the envelope numbers them: empty ones do not count.
  uint32_t document() const { return static_cast<uint32_t>(tree_.docs().size()); }

  // Returns false at the end of the stream.
  bool handle(const Event& e) {
    const yaml_mark_t& mark = e->start_mark;
    if (stack_.empty() && root_ == kNone && startsNode(e->type)) head_ = headComment(mark.index);
    switch (e->type) {
      case YAML_STREAM_END_EVENT:
        return false;
      case YAML_DOCUMENT_START_EVENT:
        startDocument();
        break;
      case YAML_DOCUMENT_END_EVENT:
        if (root_ != kNone && tree_.kind(root_) != Kind::Null) {
          tree_.docs().push_back(root_);
          if (!head_.empty()) tree_.setHeadComment(root_, std::move(head_));
        }
        headFrom_ = e->end_mark.index;
        break;
      case YAML_ALIAS_EVENT:
        alias(mark, text(e->data.alias.anchor));
        break;
      case YAML_SCALAR_EVENT:
        scalar(e);
        break;
      case YAML_SEQUENCE_START_EVENT:
        open(Kind::Seq, mark, text(e->data.sequence_start.tag), text(e->data.sequence_start.anchor),
             e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
        break;
      case YAML_MAPPING_START_EVENT:
        open(Kind::Map, mark, text(e->data.mapping_start.tag), text(e->data.mapping_start.anchor),
             e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
        break;
      case YAML_MAPPING_END_EVENT:
        checkKeys();
        close();
        break;
      case YAML_SEQUENCE_END_EVENT:
        close();
        break;
      default:
        break;
    }
    return true;
  }

 private:
  struct Frame {
    NodeId id;
    size_t start;        // first pending kid of this container
    std::string anchor;  // bound at close: an alias inside its own node is recursive
  };

  static uint32_t line(const yaml_mark_t& m) { return static_cast<uint32_t>(m.line + 1); }

  [[noreturn]] void fail(const yaml_mark_t& mark, std::string message) const {
    throw Abort{ParseError{std::move(message), document(), line(mark),
                           static_cast<uint32_t>(mark.column + 1)}};
  }

  static bool startsNode(yaml_event_type_t type) {
    return type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT ||
           type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT;
  }

  // The whole comment lines between the previous document's end and this document's first
  // node: Helm 3 finds a chart's templates again by their `# Source:` line after its
  // post-renderer ran, so stream mode must hand them back.
  std::string headComment(size_t nodeIndex) {
    std::string out;
    size_t from = byteOffset(headFrom_);
    std::string_view span = input_.substr(from, byteOffset(nodeIndex) - from);
    while (!span.empty()) {
      size_t eol = span.find('\n');
      std::string_view line = span.substr(0, eol);
      span = eol == std::string_view::npos ? std::string_view() : span.substr(eol + 1);
      size_t first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos || line[first] != '#') continue;
      line = line.substr(first);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (writable(line)) out.append(line).push_back('\n');
    }
    return out;
  }

  // A comment line is written back only when the writer would write its characters as they are:
  // no control character, line break to YAML 1.1 (U+0085, U+2028/9) or byte-order mark.
  static bool writable(std::string_view line) {
    for (size_t i = 0; i < line.size();) {
      auto c = static_cast<unsigned char>(line[i]);
      if (c < 0x80) {
        if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
        ++i;
        continue;
      }
      size_t n = utf8Length(line, i);
      if (n == 0) return false;
      uint32_t cp = codePoint(line, i, n);
      if (cp <= 0x9F || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
          cp == 0xFFFF)
        return false;
      i += n;
    }
    return true;
  }

  // The byte offset of libyaml's mark index, which counts characters (a BOM not included).
  // Documents come in order, so one forward pass over the input serves them all.
  size_t byteOffset(size_t charIndex) {
    if (charIndex < cursorChars_) cursorChars_ = 0, cursorBytes_ = bomBytes();
    const auto* p = reinterpret_cast<const unsigned char*>(input_.data());
    while (cursorChars_ < charIndex && cursorBytes_ < input_.size()) {
      ++cursorBytes_;
      while (cursorBytes_ < input_.size() && (p[cursorBytes_] & 0xC0) == 0x80) ++cursorBytes_;
      ++cursorChars_;
    }
    return cursorBytes_;
  }

  size_t bomBytes() const { return input_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

  void startDocument() {
    root_ = kNone;
    head_.clear();
    stack_.clear();
    pending_.clear();
    pendingLines_.clear();
    anchors_.clear();
    anchorNames_.clear();
  }

  // An anchor defined twice makes readers disagree on what a later alias
  // means (go-yaml binds it when the node starts, PyYAML refuses), so it is
  // refused here rather than read one of the ways.
  void defineAnchor(const yaml_mark_t& mark, std::string_view name) {
    if (name.empty()) return;
    if (!anchorNames_.emplace(name).second) {
      fail(mark,
           "anchor &" + std::string(name) +
               " is defined twice in this document: YAML readers disagree on which one an alias "
               "means; rename one");
    }
  }

  void scalar(const Event& e) {
    const auto& s = e->data.scalar;
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    std::string_view tag = text(s.tag);
    uint32_t at = line(e->start_mark);
    defineAnchor(e->start_mark, text(s.anchor));
    Style style = styleOf(s.style);
    NodeId id;
    if (tag.empty() && style == Style::Plain && isNullSpelling(value)) {
      id = tree_.addNull(value, at);
    } else if (tag.empty() && style == Style::Plain && s.anchor == nullptr && atKey()) {
      id = sharedKey(value, at);
    } else {
      // `!` (non-specific) means "a string": never write it back bare.
      if (tag == "!" && style == Style::Plain) style = Style::Double;
      id = tree_.addScalar(value, style, at);
      if (!tag.empty() && tag != "!") tree_.setTag(id, std::string(tag));
    }
    place(id, text(s.anchor), at);
  }

  bool atKey() const {
    return !stack_.empty() && tree_.isMap(stack_.back().id) &&
           (pending_.size() - stack_.back().start) % 2 == 0;
  }

  // A plain mapping key is one node however often it appears: a manifest's keys repeat
  // ("name", "spec", "image") and make a third of its nodes. Keys are never edited (rewrites
  // set values, and append keys of their own), so sharing them changes nothing else. The first
  // 4,096 distinct ones are kept: a map of a million keys must not grow the table.
  NodeId sharedKey(std::string_view text, uint32_t at) {
    auto found = sharedKeys_.find(text);
    if (found != sharedKeys_.end()) return found->second;
    NodeId id = tree_.addScalar(text, Style::Plain, at);
    if (sharedKeys_.size() < 4096) sharedKeys_.emplace(keyTexts_.emplace_back(text), id);
    return id;
  }

  void alias(const yaml_mark_t& mark, std::string_view name) {
    for (const Frame& f : stack_) {
      if (f.anchor == name)
        fail(mark, "recursive alias: *" + std::string(name) + " is inside the node it refers to");
    }
    auto it = anchors_.find(std::string(name));
    if (it == anchors_.end()) {
      fail(mark, "alias *" + std::string(name) + ": the anchor is not defined before it");
    }
    uint64_t budget = limits_.maxAliasNodes - aliasNodes_;
    Size size = measure(it->second, budget + 1);
    if (size.nodes > budget) {
      fail(mark, "expanding aliases would create more than " +
                     std::to_string(limits_.maxAliasNodes) +
                     " nodes (an alias bomb?); raise --max-alias-nodes if this input is trusted");
    }
    if (stack_.size() + size.depth > limits_.maxDepth) depthError(mark);
    aliasNodes_ += size.nodes;
    place(tree_.copyOf(tree_, it->second), {}, line(mark));
  }

  void place(NodeId id, std::string_view anchor, uint32_t at) {
    if (stack_.empty()) {
      root_ = id;
    } else {
      pending_.push_back(id);
      pendingLines_.push_back(at);
    }
    if (!anchor.empty()) anchors_[std::string(anchor)] = id;
  }

  [[noreturn]] void depthError(const yaml_mark_t& mark) const {
    fail(mark, "nesting deeper than " + std::to_string(limits_.maxDepth) +
                   " levels; raise --max-depth if this input is trusted");
  }

  void open(Kind kind, const yaml_mark_t& mark, std::string_view tag, std::string_view anchor,
            bool flow) {
    if (stack_.size() >= limits_.maxDepth) depthError(mark);
    defineAnchor(mark, anchor);
    NodeId id = tree_.addContainer(kind, line(mark), flow);
    if (!tag.empty() && tag != "!") tree_.setTag(id, std::string(tag));
    place(id, {}, line(mark));
    stack_.push_back(Frame{id, pending_.size(), std::string(anchor)});
  }

  void close() {
    Frame& f = stack_.back();
    auto count = static_cast<uint32_t>(pending_.size() - f.start);
    tree_.setKids(f.id, pending_.data() + f.start, count);
    pending_.resize(f.start);
    pendingLines_.resize(f.start);
    if (!f.anchor.empty()) anchors_[f.anchor] = f.id;
    stack_.pop_back();
  }

  // Duplicate or non-scalar keys make a map ambiguous: reject them.
  void checkKeys() {
    const Frame& f = stack_.back();
    keys_.clear();
    for (size_t i = f.start; i < pending_.size(); i += 2) {
      NodeId k = pending_[i];
      if (tree_.kind(k) == Kind::Map || tree_.kind(k) == Kind::Seq) {
        throw Abort{ParseError{"a map or list used as a mapping key is not supported", document(),
                               pendingLines_[i], 0}};
      }
      // Every spelling of null (`~`, `null`, nothing) is the same key.
      keys_.emplace_back(tree_.kind(k) == Kind::Null ? kNullKey : tree_.str(k), pendingLines_[i]);
    }
    std::stable_sort(keys_.begin(), keys_.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (size_t i = 1; i < keys_.size(); ++i) {
      if (keys_[i].first == keys_[i - 1].first) {
        std::string_view shown = keys_[i].first == kNullKey ? "null (a null key)" : keys_[i].first;
        throw Abort{ParseError{"duplicate mapping key \"" + std::string(shown) + "\"", document(),
                               keys_[i].second, 0}};
      }
    }
  }

  struct Size {
    uint64_t nodes;
    uint32_t depth;  // containers nested, as --max-depth counts them: 0 for a scalar
  };

  // Counts at most about `cap` nodes, so measuring an alias bomb stays cheap.
  Size measure(NodeId id, uint64_t cap) const {
    bool container = tree_.kind(id) == Kind::Map || tree_.kind(id) == Kind::Seq;
    Size s{1, container ? 1u : 0u};
    uint32_t n = tree_.size(id);
    for (uint32_t i = 0; i < n && s.nodes <= cap; ++i) {
      Size k = measure(tree_.kid(id, i), cap - s.nodes);
      s.nodes += k.nodes;
      s.depth = std::max(s.depth, k.depth + 1);
    }
    return s;
  }

  Tree& tree_;
  const Limits& limits_;
  std::vector<Frame> stack_;
  std::vector<NodeId> pending_;
  std::deque<std::string> keyTexts_;  // a deque never moves them: the views below stay valid
  std::unordered_map<std::string_view, NodeId> sharedKeys_;
  std::vector<uint32_t> pendingLines_;                       // source line of each pending kid
  std::vector<std::pair<std::string_view, uint32_t>> keys_;  // scratch for checkKeys
  std::unordered_map<std::string, NodeId> anchors_;          // bound when the node is complete
  std::unordered_set<std::string> anchorNames_;              // every anchor of this document
  NodeId root_ = kNone;
  std::string_view input_;
  std::string head_;     // the current document's head comment lines
  size_t headFrom_ = 0;  // where the previous document ended (a character index)
  size_t cursorChars_ = 0, cursorBytes_ = 0;
  uint64_t aliasNodes_ = 0;
};

// Byte offset of 0-based (line, column) as libyaml counts them: lines end at
// LF, CR LF or a lone CR; columns count characters, not bytes.
size_t offsetOf(std::string_view s, size_t line, size_t column) {
  size_t i = 0;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // libyaml does not count the BOM
  for (size_t l = 0; l < line && i < s.size(); ++i) {
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++l;
  }
  for (size_t c = 0; c < column && i < s.size(); ++c) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// The one mistake people make most, and libyaml's words for it do not say so:
// a tab where the error is, or in the indentation of its line.
bool tabAt(std::string_view s, const yaml_mark_t& m) {
  size_t at = offsetOf(s, m.line, m.column);
  if (at < s.size() && s[at] == '\t') return true;
  for (size_t i = offsetOf(s, m.line, 0); i < s.size() && (s[i] == ' ' || s[i] == '\t'); ++i) {
    if (s[i] == '\t') return true;
  }
  return false;
}

// libyaml's "problem" plus its "context" ("while parsing a block mapping").
ParseError syntaxError(const yaml_parser_t& p, std::string_view input, uint32_t document) {
  std::string message = "not valid YAML: " + std::string(p.problem ? p.problem : "unknown error");
  if (p.context) message += " " + std::string(p.context);
  const yaml_mark_t& m = p.problem_mark;
  if (tabAt(input, m)) message += " (a tab: YAML indents with spaces only)";
  return ParseError{std::move(message), document, static_cast<uint32_t>(m.line + 1),
                    static_cast<uint32_t>(m.column + 1)};
}

// Is the node of this event a document's whole content, or a null (an empty
// document, which the envelope does not count)?
bool startsContent(const Event& e) {
  if (e->type == YAML_MAPPING_START_EVENT || e->type == YAML_SEQUENCE_START_EVENT ||
      e->type == YAML_ALIAS_EVENT) {
    return true;
  }
  const auto& s = e->data.scalar;
  return e->type == YAML_SCALAR_EVENT &&
         !(s.tag == nullptr && styleOf(s.style) == Style::Plain &&
           isNullSpelling(std::string_view(reinterpret_cast<const char*>(s.value), s.length)));
}

// The index (as the envelope counts: non-empty documents) of the document
// holding 1-based `line`, for errors the byte checks find before any parse:
// parses the text before that line and counts the documents it completes.
// (A syntax error earlier in the stream, which the byte error is reported
// before, may make the count approximate.)
uint32_t documentOfLine(std::string_view input, uint32_t line) {
  size_t cut = offsetOf(input, line - 1, 0);
  Parser parser(input.substr(0, cut));
  uint32_t complete = 0;
  bool content = false;
  for (;;) {
    Event e;
    // The cut may fall inside a flow collection: the text so far is then not
    // valid YAML, but every document before the current one is complete.
    if (!parser.next(e) || e->type == YAML_STREAM_END_EVENT) return complete;
    if (e->type == YAML_DOCUMENT_START_EVENT) content = false;
    if (e->type == YAML_DOCUMENT_END_EVENT) {
      // A document that runs to the cut is the one the line belongs to.
      if (content && e->end_mark.index < cut) ++complete;
      content = false;
    } else if (!content && e->type != YAML_DOCUMENT_START_EVENT &&
               e->type != YAML_STREAM_START_EVENT) {
      content = startsContent(e);
    }
  }
}

}  // namespace

std::string ParseError::describe() const {
  std::string out;
  auto add = [&](const char* what, uint32_t n) {
    out += out.empty() ? "" : ", ";
    out += what + std::to_string(n);
  };
  if (document != kNoDocument) add("document ", document);
  if (line != 0) add("line ", line);
  if (column != 0) add("column ", column);
  return out.empty() ? message : out + ": " + message;
}

std::optional<ParseError> parseStream(std::string_view input, const Limits& limits, Tree& tree) {
  if (auto bad = checkBytes(input, limits)) {
    if (bad->line != 0) bad->document = documentOfLine(input, bad->line);
    return bad;
  }
  tree.reserveFor(input.size());
  // libyaml asserts on a null buffer, which an empty string_view may carry.
  Parser parser(input.data() ? input : std::string_view(""));
  Builder builder(tree, limits, input);
  try {
    for (;;) {
      Event event;
      if (!parser.next(event)) return syntaxError(parser.state(), input, builder.document());
      if (!builder.handle(event)) break;
    }
  } catch (const Abort& a) {
    return a.error;
  }
  return std::nullopt;
}

}  // namespace zd::yaml
