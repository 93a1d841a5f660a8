#include "app/state/search_runner.h"

#include "app/state/app_state.h"
#include "db/base/result.h"

namespace app {

SearchRunner::SearchRunner(std::function<void()> wake) : wake_(std::move(wake)), thread_([this] { Run(); }) {}

SearchRunner::~SearchRunner() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void SearchRunner::Ask(Question q) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    next_ = std::move(q);
  }
  cv_.notify_one();
}

std::optional<SearchRunner::Answer> SearchRunner::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(answer_, std::nullopt);
}

void SearchRunner::Run() {
  for (;;) {
    Question q;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || next_; });
      if (stop_) return;
      q = std::move(*next_);
      next_.reset();
    }
    Answer a{q.key, {}, {}};
    // The thread's exception boundary: a failure is the answer's error ("search is not working").
    if (auto failed = db::Guard("searching", [&] {
          auto found = db::Search(*q.catalog, q.query, q.lang, q.per_group);
          if (found) a.results = std::move(found.value());
          else a.error = found.error().message;
        }))
      a.error = failed->message;
    q.catalog.reset();  // before the answer is posted: the last owner of a catalog swapped out frees it here
    {
      std::lock_guard<std::mutex> lock(mu_);
      answer_ = std::move(a);
    }
    if (wake_) wake_();
  }
}

bool TakeSearchAnswer(AppState& s) {
  if (!s.searcher) return false;
  std::optional<SearchRunner::Answer> a = s.searcher->Take();
  if (!a || s.search_asked.empty() || a->key != s.search_asked) return false;
  s.search_results = std::move(a->results);
  s.search_error = std::move(a->error);
  s.search_results_for = std::move(s.search_asked);
  s.search_asked.clear();
  return true;
}

}  // namespace app
