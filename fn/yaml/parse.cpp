#include "yaml/parse.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>
#include <vector>

#include "yaml/source_style.h"

namespace zd::yaml {
namespace {

// An istream over memory we already hold: no copy of a 200 MB input.
class MemoryBuf : public std::streambuf {
 public:
  explicit MemoryBuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());  // read-only use: get area only
    setg(p, p, p + s.size());
  }
};

struct Abort {
  ParseError error;
};

class Builder : public YAML::EventHandler {
 public:
  Builder(Tree& tree, std::string_view src, const Limits& limits)
      : tree_(tree), src_(src), limits_(limits) {}

  uint32_t document() const { return document_; }

  void OnDocumentStart(const YAML::Mark&) override {
    root_ = kNone;
    stack_.clear();
    pending_.clear();
    pendingLines_.clear();
    anchors_.clear();
  }

  void OnDocumentEnd() override {
    if (root_ != kNone && tree_.kind(root_) != Kind::Null) tree_.docs().push_back(root_);
    ++document_;
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    place(tree_.addNull(nullSpelling(src_, mark.pos), line(mark)), anchor, line(mark));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || anchors_[anchor] == kNone) {
      fail(mark, "alias refers to an anchor that is not complete here (recursive alias?)");
    }
    NodeId target = anchors_[anchor];
    uint64_t budget = limits_.maxAliasNodes - aliasNodes_;
    uint64_t n = countNodes(target, budget + 1);
    if (n > budget) {
      fail(mark, "expanding aliases would create more than " +
                     std::to_string(limits_.maxAliasNodes) +
                     " nodes (an alias bomb?); raise --max-alias-nodes if this input is trusted");
    }
    aliasNodes_ += n;
    place(tree_.copyOf(tree_, target), 0, line(mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Style style = tag == "?" ? Style::Plain : scalarStyleAt(src_, mark.pos);
    // "!" means the parser saw quotes or a block: never write it back bare.
    if (tag == "!" && style == Style::Plain) style = Style::Double;
    NodeId id = tree_.addScalar(value, style, line(mark));
    if (tag != "?" && tag != "!" && !tag.empty()) tree_.setTag(id, tag);
    place(id, anchor, line(mark));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(Kind::Seq, mark, tag, anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(Kind::Map, mark, tag, anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override {
    checkKeys();
    close();
  }

 private:
  struct Frame {
    NodeId id;
    size_t start;  // first pending kid of this container
    YAML::anchor_t anchor;
  };

  static uint32_t line(const YAML::Mark& m) { return static_cast<uint32_t>(m.line + 1); }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message) {
    throw Abort{ParseError{std::move(message), document_, line(mark),
                           static_cast<uint32_t>(mark.column + 1)}};
  }

  void place(NodeId id, YAML::anchor_t anchor, uint32_t line) {
    if (stack_.empty()) {
      root_ = id;
    } else {
      pending_.push_back(id);
      pendingLines_.push_back(line);
    }
    remember(anchor, id);
  }

  void remember(YAML::anchor_t anchor, NodeId id) {
    if (anchor == 0) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, kNone);
    anchors_[anchor] = id;
  }

  void open(Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            bool flow) {
    if (stack_.size() >= limits_.maxDepth) {
      fail(mark, "nesting deeper than " + std::to_string(limits_.maxDepth) +
                     " levels; raise --max-depth if this input is trusted");
    }
    NodeId id = tree_.addContainer(kind, line(mark), flow);
    if (tag != "?" && tag != "!" && !tag.empty()) tree_.setTag(id, tag);
    if (stack_.empty()) {
      root_ = id;
    } else {
      pending_.push_back(id);
      pendingLines_.push_back(line(mark));
    }
    // The anchor is bound at close(): an alias inside its own node is recursive.
    stack_.push_back(Frame{id, pending_.size(), anchor});
  }

  void close() {
    Frame f = stack_.back();
    stack_.pop_back();
    auto count = static_cast<uint32_t>(pending_.size() - f.start);
    tree_.setKids(f.id, pending_.data() + f.start, count);
    pending_.resize(f.start);
    pendingLines_.resize(f.start);
    remember(f.anchor, f.id);
  }

  // Duplicate or non-scalar keys make a map ambiguous: reject them.
  void checkKeys() {
    const Frame& f = stack_.back();
    std::vector<std::pair<std::string_view, uint32_t>> keys;  // text, line
    for (size_t i = f.start; i < pending_.size(); i += 2) {
      NodeId k = pending_[i];
      if (tree_.kind(k) == Kind::Map || tree_.kind(k) == Kind::Seq) {
        throw Abort{ParseError{"a map or list used as a mapping key is not supported",
                               document_, pendingLines_[i], 0}};
      }
      keys.emplace_back(tree_.str(k), pendingLines_[i]);
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (size_t i = 1; i < keys.size(); ++i) {
      if (keys[i].first == keys[i - 1].first) {
        throw Abort{ParseError{"duplicate mapping key \"" + std::string(keys[i].first) + "\"",
                               document_, keys[i].second, 0}};
      }
    }
  }

  uint64_t countNodes(NodeId id, uint64_t cap) const {
    uint64_t n = 1;
    uint32_t size = tree_.size(id);
    for (uint32_t i = 0; i < size && n <= cap; ++i) n += countNodes(tree_.kid(id, i), cap - n);
    return n;
  }

  Tree& tree_;
  std::string_view src_;
  const Limits& limits_;
  std::vector<Frame> stack_;
  std::vector<NodeId> pending_;
  std::vector<uint32_t> pendingLines_;  // source line of each pending kid
  std::vector<NodeId> anchors_;
  NodeId root_ = kNone;
  uint64_t aliasNodes_ = 0;
  uint32_t document_ = 0;
};

}  // namespace

std::string ParseError::describe() const {
  std::string out = "document " + std::to_string(document);
  if (line != 0) out += ", line " + std::to_string(line);
  if (column != 0) out += ", column " + std::to_string(column);
  return out + ": " + message;
}

std::optional<ParseError> parseStream(std::string_view input, const Limits& limits, Tree& tree) {
  if (auto bad = checkBytes(input, limits)) return bad;
  tree.reserveFor(input.size());
  MemoryBuf buf(input);
  std::istream in(&buf);
  Builder builder(tree, input, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Abort& a) {
    return a.error;
  } catch (const YAML::DeepRecursion& e) {
    return ParseError{"nesting too deep for the YAML parser; the limit is " +
                          std::to_string(limits.maxDepth) + " levels",
                      builder.document(), static_cast<uint32_t>(e.mark.line + 1),
                      static_cast<uint32_t>(e.mark.column + 1)};
  } catch (const YAML::Exception& e) {
    return ParseError{"not valid YAML: " + e.msg, builder.document(),
                      e.mark.is_null() ? 0 : static_cast<uint32_t>(e.mark.line + 1),
                      e.mark.is_null() ? 0 : static_cast<uint32_t>(e.mark.column + 1)};
  }
  return std::nullopt;
}

}  // namespace zd::yaml
