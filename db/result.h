// Errors as values: what the db layer hands to its callers (the kiosk, the staff tool) instead of throwing.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace db {

// A failure a staff member can act on: what went wrong and where ("forum.snapshot: schema version 3, this
// kiosk reads 1").
struct Error {
  std::string message;
};

// Either a value or an Error. Check ok() before value().
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace db
