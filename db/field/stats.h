// Anonymous usage counts for the organizers and exhibitors: per day and event ("view:map",
// "profile:astana-hub", "search"), a number. Never text a visitor typed, never anything about a person.
// A separate writable SQLite database in WAL mode with full sync, so a count committed survives power loss;
// counting is a queue push (the UI thread never waits for the disk), a worker thread commits in batches.
#pragma once
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "db/base/result.h"

namespace db {

class UsageStats {
 public:
  // Opens (creating) the database at `path`. Error when it cannot be opened or created.
  static Result<std::unique_ptr<UsageStats>> Open(const std::string& path);
  ~UsageStats();  // commits what is queued, stops the worker
  UsageStats(const UsageStats&) = delete;
  UsageStats& operator=(const UsageStats&) = delete;

  // Counts one `event` on `day` (YYYY-MM-DD, the venue's date). Cheap; thread-safe.
  void Count(const std::string& day, const std::string& event);
  // Commits what is queued and waits for it.
  void Flush();
  // Writes every count as CSV (day,event,count) to `path`, atomically. Flushes first.
  Result<std::string> ExportCsv(const std::string& path);
  // Why the last batch could not be saved; empty when it was. Thread-safe copy.
  std::string problem();

 private:
  UsageStats() = default;
  void Run();
  void Commit(std::map<std::pair<std::string, std::string>, int64_t>& batch);
  struct Db;
  std::unique_ptr<Db> db_;
  std::mutex mu_;
  std::condition_variable cv_, flushed_;
  std::map<std::pair<std::string, std::string>, int64_t> queue_;  // guarded by mu_
  bool stop_ = false, flush_ = false;                             // guarded by mu_
  uint64_t generation_ = 0;                                       // guarded by mu_: batches committed
  std::string problem_;                                           // guarded by mu_
  std::thread worker_;
};

}  // namespace db
