// Ctrl-C for long runs (scan --org, fix --org): while a StopSignals lives, SIGINT and SIGTERM set a flag that
// the run polls between accounts, so accounts already started finish and what was gathered is kept; a second
// Ctrl-C ends the process at once. Not thread-safe to construct: one per process at a time (it owns the handlers).
#pragma once

#include <atomic>
#include <csignal>

namespace trailguard::cli {

// The flag the handlers set; false again whenever a StopSignals is made.
const std::atomic<bool>& stop_requested();

class StopSignals {
 public:
  StopSignals();
  ~StopSignals();  // restores the previous handlers
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace trailguard::cli
