// Errors as values: what the db layer hands to its callers (the kiosk, the staff tool) instead of throwing.
#pragma once
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace db {

// A failure a staff member can act on: what went wrong and where ("forum.snapshot: schema version 3, this
// kiosk reads 1").
struct Error {
  std::string message;
};

// Either a value or an Error. Check ok() before value(). [[nodiscard]]: a Result dropped unread is a failure
// nobody hears of; a caller that really does not care says so with (void) and a comment why.
template <class T>
class [[nodiscard]] Result {
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

// The exception boundary of a thread (or of any call that must not throw through its caller: a frame, a
// worker's loop): runs `f` and turns whatever it throws into an Error. nullopt when `f` returned normally.
// `what` names the work in the message ("checking the inboxes").
template <class F>
std::optional<Error> Guard(const std::string& what, F&& f) noexcept {
  try {
    f();
    return std::nullopt;
  } catch (const std::bad_alloc&) {
    return Error{what + ": out of memory"};
  } catch (const std::exception& e) {
    return Error{what + ": " + e.what()};
  } catch (...) {
    return Error{what + ": an unexpected failure"};
  }
}

}  // namespace db
