#include "yaml/write.h"

#include <algorithm>

#include "yaml/scalar_format.h"

namespace zd::yaml {
namespace {

class Writer {
 public:
  Writer(const Tree& tree, const Sink& sink)
      : t_(tree), out_(*sink.out), flush_(sink.flush), items_(sink.items) {}

  void document(NodeId root) {
    switch (t_.kind(root)) {
      case Kind::Map:
        if (t_.size(root) == 0) break;
        if (tag(root, false)) out_ += '\n';
        map(root, 0, false);
        return;
      case Kind::Seq:
        if (t_.size(root) == 0) break;
        if (tag(root, false)) out_ += '\n';
        seq(root, 0, false);
        return;
      default:
        break;
    }
    if (tag(root, false)) out_ += ' ';
    inlineValue(root, 2, true);
    out_ += '\n';
  }

 private:
  void indent(int n) { out_.append(static_cast<size_t>(n), ' '); }

  // Writes an explicit tag (`!!str`, `!local`) and reports whether it did.
  bool tag(NodeId id, bool leadingSpace) {
    if (!t_.node(id).tagged) return false;
    std::string text = tagSpelling(t_.tagOf(id));
    if (text.empty()) return false;
    if (leadingSpace) out_ += ' ';
    out_ += text;
    return true;
  }

  // A plain scalar whose tag cannot be written (`!!` alone, the bare core
  // prefix, or the non-specific `!`) was a string to the reader of the source:
  // that is what `!` means on a scalar. Written bare it could read back as
  // a number or bool, so it is quoted.
  Style styleOf(NodeId id) const {
    const Node& n = t_.node(id);
    if (n.style == Style::Plain && n.tagged && tagSpelling(t_.tagOf(id)).empty())
      return Style::Double;
    return n.style;
  }

  void key(NodeId k) {
    std::string_view s = t_.str(k);
    if (t_.kind(k) == Kind::Null) {
      out_ += s.empty() ? "null" : s;
      return;
    }
    if (tag(k, false)) out_ += ' ';
    switch (styleOf(k)) {
      case Style::Plain:
        if (plainReadsBack(s)) {
          out_ += s;
          return;
        }
        break;
      case Style::Single:
        if (appendSingleQuoted(s, out_)) return;
        break;
      default:
        break;
    }
    appendDoubleQuoted(s, out_);
  }

  // Readers (PyYAML, libyaml, go-yaml) refuse an implicit key longer than
  // 1024 characters. Counted in bytes as written (tag, quotes, escapes): at
  // least the character count.
  static constexpr size_t kMaxImplicitKey = 1024;

  // Writes a key; one too long to be implicit goes in explicit form, as
  // PyYAML writes it: `? key`, and the `:` that follows on a line of its own
  // at `ind`. Reports whether it did that.
  bool keyLine(NodeId k, int ind) {
    size_t start = out_.size();
    key(k);
    if (out_.size() - start <= kMaxImplicitKey) return false;
    out_.insert(start, "? ");
    out_ += '\n';
    indent(ind);
    return true;
  }

  // A scalar, null or empty container on the current line. `blockIndent` is
  // where a literal block's lines go.
  void inlineValue(NodeId v, int blockIndent, bool allowIndicator) {
    const Node& n = t_.node(v);
    if (n.kind == Kind::Map || n.kind == Kind::Seq) {
      out_ += n.kind == Kind::Map ? "{}" : "[]";
      return;
    }
    std::string_view s = t_.str(v);
    if (n.kind == Kind::Null) {
      out_ += s;
      return;
    }
    switch (styleOf(v)) {
      case Style::Plain:
        // Parsed plain text gets the same check: where it came from does not
        // make it safe here (a root scalar moves to column 0; the parser
        // decodes characters that must not go out raw).
        if (plainReadsBack(s)) {
          out_ += s;
          return;
        }
        break;
      case Style::Single:
        if (appendSingleQuoted(s, out_)) return;
        break;
      case Style::Literal:
      case Style::Folded:
        if (appendLiteral(s, blockIndent, allowIndicator, out_)) {
          out_.pop_back();  // the caller ends the line
          return;
        }
        break;
      case Style::Double:
        break;
    }
    appendDoubleQuoted(s, out_);
  }

  // A source flow collection (`args: ["--a", "--b"]`, `labels: {app: web}`)
  // stays on one line when it fits; a long one (a JSON-formatted manifest)
  // becomes block, which reads better than one long line.
  static constexpr size_t kFlowWidth = 100;

  bool flowLine(NodeId v, size_t used, std::string& line) const {
    line.clear();
    return t_.node(v).flow && flow(v, line) && used + line.size() <= kFlowWidth;
  }

  bool flow(NodeId v, std::string& o) const {
    if (!t_.tagOf(v).empty()) return false;
    // Items are written one at a time, between the hook's calls, so never on one line: a list
    // of items, or a List holding one, is written as a block.
    if (isItems(v)) return false;
    const Node& n = t_.node(v);
    if (n.kind == Kind::Seq || n.kind == Kind::Map) {
      bool map = n.kind == Kind::Map;
      o += map ? '{' : '[';
      for (uint32_t i = 0; i < n.b; ++i) {
        if (i > 0) o += (map && i % 2 == 1) ? ": " : ", ";
        if (!flow(t_.kid(v, i), o) || o.size() > kFlowWidth) return false;
      }
      o += map ? '}' : ']';
      return true;
    }
    std::string_view s = t_.str(v);
    if (n.kind == Kind::Null) {
      o += s.empty() ? "null" : s;
    } else if (n.style == Style::Plain && plainReadsBack(s, true)) {
      o += s;
    } else if (!(n.style == Style::Single && appendSingleQuoted(s, o))) {
      appendDoubleQuoted(s, o);
    }
    return true;
  }

  bool isBlock(NodeId v) const {
    Kind k = t_.kind(v);
    return (k == Kind::Map || k == Kind::Seq) && t_.size(v) > 0;
  }

  void map(NodeId m, int ind, bool firstInline) {
    uint32_t n = t_.mapSize(m);
    for (uint32_t i = 0; i < n; ++i) {
      maybeFlush();
      if (i > 0 || !firstInline) indent(ind);
      NodeId k = t_.keyAt(m, i);
      size_t keyWidth = keyLine(k, ind) ? 0 : t_.str(k).size();
      out_ += ':';
      NodeId v = t_.valueAt(m, i);
      bool tagged = tag(v, true);
      std::string line;
      if (isBlock(v) && !tagged && flowLine(v, static_cast<size_t>(ind) + keyWidth + 2, line)) {
        out_ += ' ';
        out_ += line;
        out_ += '\n';
        continue;
      }
      if (isBlock(v)) {
        out_ += '\n';
        if (t_.kind(v) == Kind::Map) {
          map(v, ind + 2, false);
        } else {
          seq(v, ind, false);
        }
        continue;
      }
      if (tagged || !(t_.kind(v) == Kind::Null && t_.str(v).empty())) out_ += ' ';
      inlineValue(v, ind + 2, true);
      out_ += '\n';
    }
  }

  bool isItems(NodeId s) const {
    return items_ && std::binary_search(items_->seqs.begin(), items_->seqs.end(), s);
  }

  void seq(NodeId s, int ind, bool firstInline) {
    const bool hooked = isItems(s);
    uint32_t n = t_.size(s);
    for (uint32_t i = 0; i < n; ++i) {
      maybeFlush();
      if (i > 0 || !firstInline) indent(ind);
      NodeId v = t_.kid(s, i);
      if (hooked) items_->before(v);
      element(v, ind);
      if (hooked) items_->after(v);
    }
  }

  void element(NodeId v, int ind) {
    out_ += '-';
    bool tagged = tag(v, true);
    std::string line;
    if (isBlock(v) && !tagged && flowLine(v, static_cast<size_t>(ind) + 2, line)) {
      out_ += ' ';
      out_ += line;
      out_ += '\n';
      return;
    }
    if (isBlock(v)) {
      if (tagged) {
        out_ += '\n';
        indent(ind + 2);
      } else {
        out_ += ' ';
      }
      if (t_.kind(v) == Kind::Map) {
        map(v, ind + 2, true);
      } else {
        seq(v, ind + 2, true);
      }
      return;
    }
    if (tagged || !(t_.kind(v) == Kind::Null && t_.str(v).empty())) out_ += ' ';
    inlineValue(v, ind + 2, false);
    out_ += '\n';
  }

  // Called between entries of the top levels: output leaves in chunks.
  void maybeFlush() {
    if (flush_ && out_.size() >= kChunk) flush_(out_);
  }
  static constexpr size_t kChunk = 1 << 16;

  const Tree& t_;
  std::string& out_;
  const std::function<void(std::string&)>& flush_;
  const ItemHook* items_;
};

}  // namespace

void writeDocument(const Tree& tree, NodeId root, const Sink& sink) {
  Writer(tree, sink).document(root);
}

void writeDocument(const Tree& tree, NodeId root, std::string& out) {
  writeDocument(tree, root, Sink{&out, nullptr});
}

void writeStream(const Tree& tree, const std::vector<NodeId>& roots, const Sink& sink) {
  for (size_t i = 0; i < roots.size(); ++i) {
    if (i > 0) *sink.out += "---\n";
    *sink.out += tree.headComment(roots[i]);
    if (sink.items) sink.items->before(roots[i]);
    writeDocument(tree, roots[i], sink);
    if (sink.items) sink.items->after(roots[i]);
  }
}

void writeStream(const Tree& tree, const std::vector<NodeId>& roots, std::string& out) {
  writeStream(tree, roots, Sink{&out, nullptr});
}

}  // namespace zd::yaml
