// Plural forms for sentences that contain a count ("13 участников", "1 agreement"). A language names one
// of a few rule families in languages.csv (column `plural`); a counted UI string holds its forms separated
// by '|', in the order the family lists them. A string with fewer forms uses its last one, so a single form
// is always safe. Families (CLDR cardinal rules, integers only):
//   none         one form: kk, tr, az, uz, ky, zh, ja ... (Turkic nouns do not change after a numeral)
//   one_other    n = 1 | other: en, de, es, it, nl, sv ... (the default)
//   french       n = 0 or 1 | other: fr, pt-BR
//   east_slavic  n%10 = 1 and n%100 != 11 | n%10 in 2..4 and n%100 not in 12..14 | other: ru, uk, be
//   west_slavic  n = 1 | n in 2..4 | other: cs, sk
//   polish       n = 1 | n%10 in 2..4 and n%100 not in 12..14 | other: pl
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace db {

inline constexpr const char* kDefaultPluralRule = "one_other";

bool IsPluralRule(std::string_view rule);
std::string PluralRuleNames();  // "none, one_other, ..." for messages

// The index of the form to use for `n` under `rule` (0-based; an unknown rule behaves as one_other).
int PluralForm(std::string_view rule, int64_t n);

// Picks the form of `forms` ("участник|участника|участников") for `n`, and replaces "{n}" with n.
std::string PluralText(std::string_view forms, std::string_view rule, int64_t n);

}  // namespace db
