#include "db/model/plural.h"

#include <vector>

namespace db {

namespace {

struct Rule {
  const char* name;
  int (*form)(int64_t n);
};

const Rule kRules[] = {
    {"none", [](int64_t) { return 0; }},
    {"one_other", [](int64_t n) { return n == 1 ? 0 : 1; }},
    {"french", [](int64_t n) { return n == 0 || n == 1 ? 0 : 1; }},
    {"east_slavic",
     [](int64_t n) {
       int64_t d = n % 10, h = n % 100;
       if (d == 1 && h != 11) return 0;
       if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return 1;
       return 2;
     }},
    {"west_slavic", [](int64_t n) { return n == 1 ? 0 : n >= 2 && n <= 4 ? 1 : 2; }},
    {"polish",
     [](int64_t n) {
       int64_t d = n % 10, h = n % 100;
       if (n == 1) return 0;
       if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return 1;
       return 2;
     }},
};

const Rule* Find(std::string_view name) {
  for (const auto& r : kRules)
    if (name == r.name) return &r;
  return nullptr;
}

}  // namespace

bool IsPluralRule(std::string_view rule) { return Find(rule) != nullptr; }

std::string PluralRuleNames() {
  std::string out;
  for (const auto& r : kRules) out += (out.empty() ? "" : ", ") + std::string(r.name);
  return out;
}

int PluralForm(std::string_view rule, int64_t n) {
  const Rule* r = Find(rule);
  if (!r) r = Find(kDefaultPluralRule);
  return r->form(n < 0 ? -n : n);
}

std::string PluralText(std::string_view forms, std::string_view rule, int64_t n) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t bar = forms.find('|', start);
    parts.push_back(forms.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  size_t i = std::min(parts.size() - 1, static_cast<size_t>(PluralForm(rule, n)));
  std::string out(parts[i]), number = std::to_string(n);
  for (size_t at; (at = out.find("{n}")) != std::string::npos;) out.replace(at, 3, number);
  return out;
}

}  // namespace db
