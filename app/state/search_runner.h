// The visitor's search on a thread of its own, so that a keystroke's frame never waits for it: a single
// letter at 20,000 exhibitors takes FTS5 hundreds of milliseconds (it reads every match, docs/PERFORMANCE.md),
// and the keyboard must answer the next tap meanwhile. The kiosk gives AppState one (AppState::searcher);
// without it UpdateSearch answers at once, as the UI tests' harness has it.
//
// One question at a time: a question asked while another runs waits, and a newer one replaces it (typing
// faster than the search only costs the queries nobody would see). The answer to the last question is kept
// for the UI thread, which takes it at a frame boundary (TakeSearchAnswer).
// May include db/ and app/state only.
#pragma once
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "db/model/catalog.h"
#include "db/snapshot/search.h"

namespace app {

struct AppState;

class SearchRunner {
 public:
  // `wake` (may be null): called on the runner's thread after an answer is ready, to end the loop's wait.
  explicit SearchRunner(std::function<void()> wake);
  ~SearchRunner();  // the question running is finished, then the thread ends
  SearchRunner(const SearchRunner&) = delete;
  SearchRunner& operator=(const SearchRunner&) = delete;

  struct Question {
    std::shared_ptr<const db::Catalog> catalog;  // kept alive until answered
    std::string query, lang;
    size_t per_group = 8;
    std::string key;  // AppState::search_results_for of the answer
  };
  struct Answer {
    std::string key;
    db::SearchResults results;
    std::string error;  // db::Search's error, or a failure of the thread's own
  };
  void Ask(Question q);
  std::optional<Answer> Take();  // the last answer, once

 private:
  void Run();
  std::function<void()> wake_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<Question> next_;  // guarded by mu_
  std::optional<Answer> answer_;  // guarded by mu_
  bool stop_ = false;             // guarded by mu_
  std::thread thread_;            // last: started when the rest exists
};

// At a frame boundary: the runner's answer into the state when it answers the question the state still asks
// (AppState::search_asked); an older one is dropped. True when the results changed.
bool TakeSearchAnswer(AppState& s);

}  // namespace app
