// The main of every doctest binary. It fails a run whose --test-case filter matches no test case: CTest runs
// each case by name, and a name CTest has mangled (it cuts a list at ';') would otherwise match nothing and
// "pass" having run nothing.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>

namespace {

// Written by the listener when the run ends; read by main after it. -1: no run ended (a --list-... query).
int g_cases_matched = -1;

struct MatchCounter : doctest::IReporter {
  explicit MatchCounter(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override {
    g_cases_matched = static_cast<int>(stats.numTestCasesPassingFilters);
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

DOCTEST_REGISTER_LISTENER("match_counter", 0, MatchCounter);

bool NamesTestCases(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    for (const char* flag : {"--test-case=", "-tc=", "--dt-test-case=", "--dt-tc="})
      if (std::strncmp(argv[i], flag, std::strlen(flag)) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) return result;
  if (result == 0 && g_cases_matched == 0 && NamesTestCases(argc, argv)) {
    std::fprintf(stderr, "no test case matches the --test-case filter: nothing ran (a ';' in a test name? CTest cuts names there)\n");
    return 1;
  }
  return result;
}
