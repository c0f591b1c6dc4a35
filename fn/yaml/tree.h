// A compact, ordered YAML tree that remembers what a faithful writer needs:
// key order, scalar style (plain, quoted, block) and the source line.
// Nodes live in one vector, children in another, scalar text in one arena:
// a few allocations for a whole ResourceList, instead of one per node.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "yaml/chunked.h"
#include "yaml/text_pool.h"

namespace zd::yaml {

using NodeId = uint32_t;
inline constexpr NodeId kNone = UINT32_MAX;

enum class Kind : uint8_t { Null, Scalar, Map, Seq };

// The phrase messages use for a node's kind: "a map", "a list", "a scalar", "null".
constexpr const char* kindPhrase(Kind k) {
  return k == Kind::Map    ? "a map"
         : k == Kind::Seq  ? "a list"
         : k == Kind::Null ? "null"
                           : "a scalar";
}

// How a scalar was written. Plain scalars are the only ones whose type a
// reader infers (int, bool, ...), so every other style means "string".
enum class Style : uint8_t { Plain, Single, Double, Literal, Folded };

// 12 bytes: a 30 MB ResourceList has about two million of these. (Source
// lines are needed only while parsing; the parser keeps them aside.)
struct Node {
  Kind kind = Kind::Null;
  Style style = Style::Plain;
  bool flow = false;    // a container written `[a, b]` / `{k: v}` in the source
  bool tagged : 1;      // has an explicit tag (rare: kept aside, in Tree::tagOf_)
  bool fromSource : 1;  // parsed, not created by the function
  uint32_t a = 0;       // scalar/null: text offset; container: first kid offset
  uint32_t b = 0;       // scalar/null: text length; container: kid count
  Node() : tagged(false), fromSource(false) {}
};

class Tree {
 public:
  Tree();

  // Reading.
  const Node& node(NodeId id) const { return nodes_[id]; }
  // Accessors accept kNone (an absent node) and answer "null, empty".
  Kind kind(NodeId id) const { return id == kNone ? Kind::Null : nodes_[id].kind; }
  bool isMap(NodeId id) const { return id != kNone && nodes_[id].kind == Kind::Map; }
  bool isSeq(NodeId id) const { return id != kNone && nodes_[id].kind == Kind::Seq; }
  bool isScalar(NodeId id) const { return id != kNone && nodes_[id].kind == Kind::Scalar; }
  // Text of a scalar or null ("" for containers).
  std::string_view str(NodeId id) const;
  // Plain scalars are typed by the reader; anything quoted or block is a string.
  bool isString(NodeId id) const;
  const std::string& tagOf(NodeId id) const;
  uint32_t size(NodeId id) const {
    return id != kNone && nodes_[id].kind >= Kind::Map ? nodes_[id].b : 0;
  }
  // i-th kid of a container: for maps, 2i is a key and 2i+1 its value.
  NodeId kid(NodeId id, uint32_t i) const { return kids_[nodes_[id].a + i]; }
  uint32_t mapSize(NodeId id) const { return size(id) / 2; }
  NodeId keyAt(NodeId map, uint32_t i) const { return kid(map, 2 * i); }
  NodeId valueAt(NodeId map, uint32_t i) const { return kid(map, 2 * i + 1); }
  // Value of `key` in a map, kNone if absent or if `map` is not a map.
  NodeId get(NodeId map, std::string_view key) const;
  // get() along a path of keys.
  NodeId at(NodeId map, std::initializer_list<std::string_view> path) const;

  // Building (used by the parser and by rewrites).
  NodeId addScalar(std::string_view text, Style style, uint32_t line = 0);
  NodeId addNull(std::string_view text = "", uint32_t line = 0);
  NodeId addContainer(Kind kind, uint32_t line = 0, bool flow = false);
  void setKids(NodeId container, const NodeId* first, uint32_t count);
  void setTag(NodeId id, const std::string& tag);
  NodeId copyOf(const Tree& from, NodeId id);  // deep copy, possibly across trees

  // Editing in place.
  void setScalar(NodeId id, std::string_view text, Style style);
  // Sets map[key] = value (replacing, or appending at the end).
  void set(NodeId map, std::string_view key, NodeId value);
  // Returns map[key], creating an empty map (or seq) there when absent.
  NodeId ensureMap(NodeId map, std::string_view key);
  NodeId ensureSeq(NodeId map, std::string_view key);
  bool erase(NodeId map, std::string_view key);
  void push(NodeId seq, NodeId value);
  void removeKid(NodeId seq, uint32_t index);
  // Removes every kid of the sequence `seq` for which drop(kid) holds, in one
  // pass (removeKid for each would be quadratic in a long list).
  template <class Drop>
  void removeKidsIf(NodeId seq, Drop drop);

  // Edits made after startJournal() can be undone by rollback(): the
  // function's rewrites are kept only when no error is found (exit 1 hands
  // the items back as they came). Costs one entry per edit, nothing per node.
  void startJournal();
  void rollback();
  void endJournal();  // keeps the edits

  // A point to come back to while a journal is open. rollbackTo(m) undoes the edits made since
  // mark() and frees the nodes, kid slots and text made since: a workload's rewrite is undone this
  // way once it is written, so the tree holds the input and one workload's edits, never the whole
  // output.
  struct Mark {
    size_t nodes, kids, journal;
    TextPool::Mark text;
  };
  Mark mark() const { return Mark{nodes_.size(), kids_.size(), journal_.size(), text_.mark()}; }
  void rollbackTo(const Mark& m);
  // What the tree's nodes and kid slots took when the journal started, and what they and the
  // journal have grown by since.
  size_t bytesAtJournal() const {
    return journalStart_.nodes * sizeof(Node) + journalStart_.kids * sizeof(NodeId);
  }
  size_t bytesSinceJournal() const {
    return (nodes_.size() - journalStart_.nodes) * sizeof(Node) +
           (kids_.size() - journalStart_.kids) * sizeof(NodeId) + journal_.size() * sizeof(Undo);
  }

  // Room for a parse of `bytes` of YAML, so the vectors do not grow by
  // copying (untouched reserved pages cost no memory).
  void reserveFor(size_t bytes);
  // Empties the tree, keeping its memory for reuse.
  void clear();

  // Documents of a parsed stream, in order.
  std::vector<NodeId>& docs() { return docs_; }
  const std::vector<NodeId>& docs() const { return docs_; }
  // The comment lines a stream document opens with (Helm's `# Source: chart/templates/x.yaml`),
  // newline-terminated; written back before it in stream mode. Empty for most documents.
  void setHeadComment(NodeId doc, std::string lines) { headComments_[doc] = std::move(lines); }
  std::string_view headComment(NodeId doc) const {
    auto it = headComments_.find(doc);
    return it == headComments_.end() ? std::string_view() : std::string_view(it->second);
  }
  size_t nodeCount() const { return nodes_.size(); }
  size_t textBytes() const { return text_.size(); }

 private:
  void appendKid(NodeId container, NodeId kid);
  void noteNode(NodeId id);
  void noteKid(uint32_t slot);
  void requireNew(NodeId id, const char* what) const;
  void rebuildWithout(NodeId container, uint32_t from, uint32_t count);
  uint32_t addText(std::string_view text);

  Chunked<Node> nodes_;
  Chunked<NodeId> kids_;
  TextPool text_;
  std::vector<std::string> tags_;                       // [0] is "" (no tag)
  std::unordered_map<std::string, uint32_t> tagIndex_;  // tag -> index into tags_
  std::unordered_map<NodeId, uint32_t> tagOf_;          // node -> index into tags_
  std::vector<NodeId> docs_;
  std::unordered_map<NodeId, std::string> headComments_;

  // Old states, in edit order. Kid ranges are never overwritten in place
  // (appends go to the end of kids_), so a container's old (a, b) is enough.
  struct Undo {
    bool isKid;
    uint32_t index;  // node id, or slot in kids_
    Node node;       // isKid: node.a holds the old kid
  };
  bool journaling_ = false;
  NodeId journalBase_ = 0;  // nodes from here on were made after startJournal()
  Mark journalStart_{};
  Chunked<Undo> journal_;  // chunks: a long journal never holds two copies while it grows
};

template <class Drop>
void Tree::removeKidsIf(NodeId seq, Drop drop) {
  const Node n = nodes_[seq];
  std::vector<NodeId> kept;
  kept.reserve(n.b);
  for (uint32_t i = 0; i < n.b; ++i) {
    if (!drop(kids_[n.a + i])) kept.push_back(kids_[n.a + i]);
  }
  if (kept.size() == n.b) return;
  noteNode(seq);
  nodes_[seq].a = static_cast<uint32_t>(kids_.size());
  nodes_[seq].b = static_cast<uint32_t>(kept.size());
  kids_.append(kept.begin(), kept.end());
}

}  // namespace zd::yaml
