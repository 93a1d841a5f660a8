#include "db/field/stats.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "db/base/files.h"
#include "db/base/text.h"
#include "db/snapshot/sqlite.h"

namespace db {

struct UsageStats::Db {
  Database db;
};

Result<std::unique_ptr<UsageStats>> UsageStats::Open(const std::string& path) {
  try {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    Database d(path, Database::Mode::ReadWriteCreate);
    d.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
           "CREATE TABLE IF NOT EXISTS usage (day TEXT NOT NULL, event TEXT NOT NULL, count INTEGER NOT NULL,"
           " PRIMARY KEY (day, event)) STRICT;");
    std::unique_ptr<UsageStats> s(new UsageStats());
    s->db_ = std::make_unique<Db>(Db{std::move(d)});
    s->worker_ = std::thread([p = s.get()] { p->Run(); });
    return s;
  } catch (const SqliteError& e) {
    return Error{"usage counts " + path + ": " + e.what()};
  }
}

UsageStats::~UsageStats() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void UsageStats::Count(const std::string& day, const std::string& event) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_[{day, event}]++;
  }
  cv_.notify_all();
}

void UsageStats::Commit(std::map<std::pair<std::string, std::string>, int64_t>& batch) {
  if (batch.empty()) return;
  try {
    Transaction tx(db_->db);
    auto st = db_->db.Prepare(
        "INSERT INTO usage (day, event, count) VALUES (?, ?, ?) ON CONFLICT (day, event) DO UPDATE SET count = count + excluded.count");
    for (const auto& [key, n] : batch) {
      st.Bind(1, std::string_view(key.first)).Bind(2, std::string_view(key.second)).Bind(3, n);
      st.Run();
    }
    tx.Commit();
    std::lock_guard<std::mutex> lock(mu_);
    problem_.clear();
  } catch (const std::exception& e) {  // the worker's boundary: a full disk, a damaged file, memory
    std::fprintf(stderr, "forum-kiosk: usage counts not saved: %s\n", e.what());
    {
      std::lock_guard<std::mutex> lock(mu_);
      problem_ = std::string("usage counts not saved: ") + e.what();
    }  // the transaction was rolled back when `tx` went out of scope
  }
  batch.clear();
}

void UsageStats::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    // A batch every 2 s at most: a busy kiosk writes a few commits a minute, an idle one none.
    cv_.wait_for(lock, std::chrono::seconds(2), [&] { return stop_ || flush_; });
    auto batch = std::move(queue_);
    queue_.clear();
    bool stopping = stop_;
    lock.unlock();
    Commit(batch);
    lock.lock();
    ++generation_;
    flush_ = false;
    flushed_.notify_all();
    if (stopping && queue_.empty()) return;
  }
}

std::string UsageStats::problem() {
  std::lock_guard<std::mutex> lock(mu_);
  return problem_;
}

void UsageStats::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t target = generation_ + 1;
  flush_ = true;
  cv_.notify_all();
  flushed_.wait(lock, [&] { return generation_ >= target; });
}

Result<std::string> UsageStats::ExportCsv(const std::string& path) {
  Flush();
  std::string csv = "day,event,count\n";
  try {
    std::lock_guard<std::mutex> lock(mu_);  // the worker is idle between batches; keep it so
    auto st = db_->db.Prepare("SELECT day, event, count FROM usage ORDER BY day, event");
    while (st.Step()) {
      csv += st.Text(0) + "," + CsvField(st.Text(1)) + "," + std::to_string(st.Int(2)) + "\n";
    }
  } catch (const SqliteError& e) {
    return Error{std::string("cannot read the usage counts: ") + e.what()};
  }
  if (!WriteFileAtomic(path, csv)) return Error{"cannot write " + path};
  return path;
}

}  // namespace db
