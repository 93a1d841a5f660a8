#include "platform/config.h"

#include <toml++/toml.h>

#include <set>

#include "db/base/text.h"

namespace platform {

namespace {

struct Reader {
  const std::string& file;
  std::vector<std::string>& problems;
  const toml::table& t;

  std::string Where(const toml::node* n) const {
    int line = n ? static_cast<int>(n->source().begin.line) : 0;
    return file + ":" + std::to_string(line);
  }
  void Problem(const char* key, const toml::node* n, const std::string& what) {
    problems.push_back(Where(n) + ": " + key + ": " + what + "; using the default");
  }

  void String(const char* key, std::string& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (auto v = n->value<std::string>()) out = *v;
    else Problem(key, n, "expected a string in quotes");
  }
  void Bool(const char* key, bool& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    if (auto v = n->value<bool>()) out = *v;
    else Problem(key, n, "expected true or false");
  }
  template <typename T>
  void Number(const char* key, T& out, double min, double max) {
    const toml::node* n = t.get(key);
    if (!n) return;
    auto v = n->value<double>();
    if (!v) return Problem(key, n, "expected a number");
    if (*v < min || *v > max) return Problem(key, n, "out of range (" + std::to_string(min) + " .. " + std::to_string(max) + ")");
    out = static_cast<T>(*v);
  }
  void Strings(const char* key, std::vector<std::string>& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) return Problem(key, n, "expected a list of strings, e.g. [\"/media/forum\"]");
    std::vector<std::string> values;
    for (const auto& item : *a) {
      auto v = item.value<std::string>();
      if (!v) return Problem(key, &item, "expected a list of strings");
      values.push_back(*v);
    }
    out = std::move(values);
  }
};

}  // namespace

Config LoadConfig(const std::string& path, std::vector<std::string>& problems) {
  Config c;
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    problems.push_back(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()) +
                       "; the whole file is ignored, every key has its default");
    return c;
  }
  Reader r{path, problems, t};
  r.String("kiosk_id", c.kiosk_id);
  r.String("data_dir", c.data_dir);
  r.Strings("inbox", c.inboxes);
  r.Bool("allow_unsigned", c.allow_unsigned);
  r.Number("rescan_s", c.rescan_s, 1, 3600);
  r.Number("settle_s", c.settle_s, 0, 60);
  r.Number("max_snapshot_mb", c.max_snapshot_mb, 1, 16384);
  r.Number("pair_grace_s", c.pair_grace_s, 0, 86400);
  r.Number("rejected_max_mb", c.rejected_max_mb, 0, 1 << 20);
  r.String("outbox", c.outbox);
  r.Number("heartbeat_s", c.heartbeat_s, 5, 86400);
  r.String("default_language", c.default_language);
  r.Number("idle_timeout_s", c.idle_timeout_s, 0, 86400);
  r.String("staff_pin_hash", c.staff_pin_hash);
  if (!c.staff_pin_hash.empty() && c.staff_pin_hash.rfind("$argon2", 0) != 0) {
    r.Problem("staff_pin_hash", t.get("staff_pin_hash"), "not a PIN hash (make one with forum-kiosk --set-pin)");
    c.staff_pin_hash.clear();
  }
  r.Number("rotation", c.rotation, 0, 270);
  if (c.rotation % 90) {
    r.Problem("rotation", t.get("rotation"), "must be 0, 90, 180 or 270");
    c.rotation = 0;
  }
  r.Bool("allow_quit", c.allow_quit);
  r.String("stats_db", c.stats_db);
  if (const toml::node* n = t.get("you_are_here")) {
    const toml::table* here = n->as_table();
    auto x = here ? here->get("x") : nullptr, y = here ? here->get("y") : nullptr;
    auto facing = here ? here->get("facing_deg") : nullptr;
    auto level = here ? here->get("level") : nullptr;
    if (!x || !y || !x->value<double>() || !y->value<double>() || (facing && !facing->value<double>()) ||
        (level && !level->is_integer())) {
      r.Problem("you_are_here", n, "expected { x = metres, y = metres, facing_deg = degrees, level = the level's ordinal }");
    } else {
      c.here_level = level ? int(*level->value<int64_t>()) : 0;
      c.has_position = true;
      c.here_x = *x->value<double>();
      c.here_y = *y->value<double>();
      c.here_facing_deg = facing ? *facing->value<double>() : 0;
    }
  }
  std::vector<std::string> keys;
  r.Strings("trusted_keys", keys);
  const toml::node* key_node = t.get("trusted_keys");
  for (const auto& k : keys) {
    // A key's base64 line, or the path of a .pub file.
    std::string text = k;
    if (!k.empty() && k[0] == '/') {
      auto file = db::ReadWholeFile(k);
      if (!file) {
        r.Problem("trusted_keys", key_node, "cannot read the key file " + k + " (skipped)");
        continue;
      }
      text = *file;
    }
    auto parsed = db::ParsePublicKey(text);
    if (parsed) c.trusted_keys.push_back(parsed.value());
    else problems.push_back(r.Where(key_node) + ": trusted_keys: '" + k.substr(0, 24) + "...': " + parsed.error().message + " (skipped)");
  }
  static const std::set<std::string> known = {"kiosk_id", "data_dir", "inbox", "trusted_keys", "allow_unsigned",
                                              "rescan_s", "settle_s", "max_snapshot_mb", "pair_grace_s", "rejected_max_mb", "outbox", "heartbeat_s", "default_language",
                                              "idle_timeout_s", "you_are_here", "staff_pin_hash", "rotation",
                                              "allow_quit", "stats_db"};
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str()))) problems.push_back(r.Where(&v) + ": " + std::string(k.str()) + ": unknown key (ignored)");
  return c;
}

}  // namespace platform
