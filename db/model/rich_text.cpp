#include "db/model/rich_text.h"

namespace db {

namespace {
bool IsItem(RichBlock::Kind k) { return k == RichBlock::Kind::Bullet || k == RichBlock::Kind::Numbered; }
}  // namespace

std::string PlainText(const RichText& text) {
  std::string out;
  const RichBlock* previous = nullptr;
  for (const auto& b : text.blocks) {
    // Items of one list (same kind, or nested) follow each other; a bullet list after a numbered one does not.
    bool same_list = previous && IsItem(previous->kind) && IsItem(b.kind) &&
                     (previous->kind == b.kind || previous->depth != b.depth);
    if (previous) out += same_list ? "\n" : "\n\n";
    for (const auto& s : b.spans) out += s.text;
    previous = &b;
  }
  return out;
}

}  // namespace db
