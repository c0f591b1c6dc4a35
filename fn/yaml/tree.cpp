#include "yaml/tree.h"

#include <stdexcept>

namespace zd::yaml {

Tree::Tree() { tags_.emplace_back(); }

std::string_view Tree::str(NodeId id) const {
  if (id == kNone) return {};
  const Node& n = nodes_[id];
  if (n.kind >= Kind::Map) return {};
  return text_.at(n.a, n.b);
}

bool Tree::isString(NodeId id) const {
  if (id == kNone) return false;
  const Node& n = nodes_[id];
  if (n.kind != Kind::Scalar) return false;
  if (n.tagged) return tagOf(id) == "tag:yaml.org,2002:str";
  return n.style != Style::Plain;
}

NodeId Tree::get(NodeId map, std::string_view key) const {
  if (!isMap(map)) return kNone;
  const Node& n = nodes_[map];
  for (uint32_t i = 0; i + 1 < n.b; i += 2) {
    NodeId k = kids_[n.a + i];
    if (nodes_[k].kind == Kind::Scalar && str(k) == key) return kids_[n.a + i + 1];
  }
  return kNone;
}

NodeId Tree::at(NodeId map, std::initializer_list<std::string_view> path) const {
  NodeId cur = map;
  for (std::string_view key : path) {
    cur = get(cur, key);
    if (cur == kNone) return kNone;
  }
  return cur;
}

uint32_t Tree::addText(std::string_view text) { return text_.add(text); }

NodeId Tree::addScalar(std::string_view text, Style style, uint32_t line) {
  Node n;
  n.kind = Kind::Scalar;
  n.style = style;
  n.a = addText(text);
  n.b = static_cast<uint32_t>(text.size());
  n.fromSource = line != 0;
  nodes_.push_back(n);
  return static_cast<NodeId>(nodes_.size() - 1);
}

NodeId Tree::addNull(std::string_view text, uint32_t line) {
  NodeId id = addScalar(text, Style::Plain, line);
  nodes_[id].kind = Kind::Null;
  return id;
}

NodeId Tree::addContainer(Kind kind, uint32_t line, bool flow) {
  Node n;
  n.kind = kind;
  n.flow = flow;
  n.a = static_cast<uint32_t>(kids_.size());
  n.fromSource = line != 0;
  nodes_.push_back(n);
  return static_cast<NodeId>(nodes_.size() - 1);
}

void Tree::setKids(NodeId container, const NodeId* first, uint32_t count) {
  requireNew(container, "setKids");
  Node& n = nodes_[container];
  n.a = static_cast<uint32_t>(kids_.size());
  n.b = count;
  kids_.append(first, first + count);
}

void Tree::setTag(NodeId id, const std::string& tag) {
  requireNew(id, "setTag");
  uint32_t index = 0;
  if (!tag.empty()) {
    // A map, not a search: an input of many distinct tags must stay linear.
    auto [it, added] = tagIndex_.try_emplace(tag, static_cast<uint32_t>(tags_.size()));
    if (added) tags_.push_back(tag);
    index = it->second;
  }
  nodes_[id].tagged = index != 0;
  if (index != 0) {
    tagOf_[id] = index;
  } else {
    tagOf_.erase(id);
  }
}

const std::string& Tree::tagOf(NodeId id) const {
  if (id == kNone || !nodes_[id].tagged) return tags_[0];
  return tags_[tagOf_.at(id)];
}

void Tree::clear() {
  nodes_.clear();
  kids_.clear();
  text_.clear();
  tags_.resize(1);
  tagIndex_.clear();
  tagOf_.clear();
  docs_.clear();
  headComments_.clear();
  journal_.clear();
  journaling_ = false;
}

void Tree::reserveFor(size_t bytes) {
  // Measured on Kubernetes manifests: scalar text (short strings pooled) about a sixth of the
  // input; reserve above. Nodes and kids grow in chunks (yaml/chunked.h) and need no reserve.
  text_.reserve(bytes / 2 + 64);
}

// `from` may be this tree (alias expansion): hold copies, not references,
// across calls that grow nodes_ or text_.
NodeId Tree::copyOf(const Tree& from, NodeId id) {
  const Node src = from.nodes_[id];
  NodeId out;
  if (src.kind >= Kind::Map) {
    std::vector<NodeId> copies;
    copies.reserve(src.b);
    for (uint32_t i = 0; i < src.b; ++i) copies.push_back(copyOf(from, from.kids_[src.a + i]));
    out = addContainer(src.kind, src.fromSource ? 1 : 0, src.flow);
    setKids(out, copies.data(), static_cast<uint32_t>(copies.size()));
  } else {
    const std::string text(from.str(id));
    out = addScalar(text, src.style, src.fromSource ? 1 : 0);
    nodes_[out].kind = src.kind;
  }
  if (src.tagged) setTag(out, std::string(from.tagOf(id)));
  return out;
}

void Tree::startJournal() {
  journaling_ = true;
  journalBase_ = static_cast<NodeId>(nodes_.size());
  journal_.clear();
  journalStart_ = mark();
}

// setTag and setKids are not journaled: while a journal is open they may only
// touch nodes made after it started, which a rollback leaves unreachable.
void Tree::requireNew(NodeId id, const char* what) const {
  if (journaling_ && id < journalBase_) {
    throw std::logic_error(std::string(what) + " on a node that existed before the journal");
  }
}

void Tree::rollback() {
  rollbackTo(journalStart_);
  journaling_ = false;
}

// Nodes made after the mark may carry a stale tagOf_ entry; harmless, since tagOf() asks the
// node's `tagged` bit first and a new node starts untagged.
void Tree::rollbackTo(const Mark& m) {
  for (size_t i = journal_.size(); i-- > m.journal;) {
    const Undo& u = journal_[i];
    if (u.isKid) {
      kids_[u.index] = u.node.a;
    } else {
      nodes_[u.index] = u.node;
    }
  }
  journal_.truncate(m.journal);
  nodes_.truncate(m.nodes);
  kids_.truncate(m.kids);
  text_.rollbackTo(m.text);
}

void Tree::endJournal() {
  journal_.clear();
  journaling_ = false;
}

void Tree::noteNode(NodeId id) {
  if (journaling_) journal_.push_back(Undo{false, id, nodes_[id]});
}

void Tree::noteKid(uint32_t slot) {
  if (!journaling_) return;
  Node old;
  old.a = kids_[slot];
  journal_.push_back(Undo{true, slot, old});
}

void Tree::setScalar(NodeId id, std::string_view text, Style style) {
  Node& n = nodes_[id];
  if (n.kind >= Kind::Map) throw std::logic_error("setScalar on a container");
  noteNode(id);
  uint32_t off = addText(text);
  Node& m = nodes_[id];  // addText does not touch nodes_, but stay explicit
  m.kind = Kind::Scalar;
  m.style = style;
  m.a = off;
  m.b = static_cast<uint32_t>(text.size());
  // Untagged, but tagOf_ keeps its entry: a rollback restores `tagged`.
  m.tagged = false;
}

// Appending to a container whose kids are not at the end of kids_ moves its
// range there first; rewrites touch few containers, so this stays cheap.
void Tree::appendKid(NodeId container, NodeId kid) {
  noteNode(container);
  Node& n = nodes_[container];
  if (n.a + n.b != kids_.size()) {
    auto start = static_cast<uint32_t>(kids_.size());
    for (uint32_t i = 0; i < n.b; ++i) kids_.push_back(kids_[n.a + i]);
    nodes_[container].a = start;
  }
  kids_.push_back(kid);
  nodes_[container].b += 1;
}

void Tree::set(NodeId map, std::string_view key, NodeId value) {
  const Node& n = nodes_[map];
  for (uint32_t i = 0; i + 1 < n.b; i += 2) {
    NodeId k = kids_[n.a + i];
    if (nodes_[k].kind == Kind::Scalar && str(k) == key) {
      noteKid(n.a + i + 1);
      kids_[n.a + i + 1] = value;
      return;
    }
  }
  NodeId k = addScalar(key, Style::Plain);
  appendKid(map, k);
  appendKid(map, value);
}

NodeId Tree::ensureMap(NodeId map, std::string_view key) {
  NodeId v = get(map, key);
  if (v != kNone && nodes_[v].kind == Kind::Map) return v;
  NodeId m = addContainer(Kind::Map);
  set(map, key, m);
  return m;
}

NodeId Tree::ensureSeq(NodeId map, std::string_view key) {
  NodeId v = get(map, key);
  if (v != kNone && nodes_[v].kind == Kind::Seq) return v;
  NodeId s = addContainer(Kind::Seq);
  set(map, key, s);
  return s;
}

// Removal rewrites the container's range at the end of kids_ (the old range
// becomes garbage), so no other container's offsets move.
void Tree::rebuildWithout(NodeId container, uint32_t from, uint32_t count) {
  noteNode(container);
  const Node n = nodes_[container];
  auto start = static_cast<uint32_t>(kids_.size());
  for (uint32_t i = 0; i < n.b; ++i) {
    if (i < from || i >= from + count) kids_.push_back(kids_[n.a + i]);
  }
  nodes_[container].a = start;
  nodes_[container].b = n.b - count;
}

bool Tree::erase(NodeId map, std::string_view key) {
  const Node& n = nodes_[map];
  for (uint32_t i = 0; i + 1 < n.b; i += 2) {
    NodeId k = kids_[n.a + i];
    if (nodes_[k].kind == Kind::Scalar && str(k) == key) {
      rebuildWithout(map, i, 2);
      return true;
    }
  }
  return false;
}

void Tree::push(NodeId seq, NodeId value) { appendKid(seq, value); }

void Tree::removeKid(NodeId seq, uint32_t index) { rebuildWithout(seq, index, 1); }

}  // namespace zd::yaml
