// wait_for_query (athena_api.hpp): polling GetQueryExecution until a query ends, with backoff, a deadline and
// the user's stop flag.
#include <algorithm>
#include <thread>

#include "aws/services/athena_api.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;

bool stop_requested(const WaitOptions& options) { return options.stop != nullptr && options.stop->load(); }

// Without a test hook, sleeps in slices so that Ctrl-C ends a 2 s wait within 50 ms.
void pause(const WaitOptions& options, milliseconds delay) {
  if (options.sleep) {
    options.sleep(delay);
    return;
  }
  constexpr milliseconds kSlice{50};
  while (delay > milliseconds::zero() && !stop_requested(options)) {
    const auto slice = std::min(delay, kSlice);
    std::this_thread::sleep_for(slice);
    delay -= slice;
  }
}

// Stops the query trailguard gives up on; `why` is returned either way, with a failed stop added to its message.
Error give_up(AwsClient& client, const std::string& region, const std::string& query_id, Error why) {
  if (const auto stopped = stop_query(client, region, query_id); !stopped)
    why.message += "; StopQueryExecution failed too: " + stopped.error().describe();
  return why;
}

Error query_error(const std::string& where, const QueryState& state) {
  if (state.status == QueryStatus::cancelled)
    return make_error(ErrorKind::service, where,
                      "the query was cancelled" + (state.state_change_reason.empty() ? "" : ": " + state.state_change_reason),
                      "QueryCancelled");
  // ErrorCategory 2 is the user's: bad SQL, a table or column that does not exist, no access to the data.
  const auto kind = state.error_category == 2 ? ErrorKind::invalid_argument : ErrorKind::service;
  return make_error(kind, where, state.state_change_reason.empty() ? "the query failed" : state.state_change_reason,
                    "QueryFailed");
}

}  // namespace

Result<QueryState> wait_for_query(AwsClient& client, const std::string& region, const std::string& query_id,
                                  const WaitOptions& options) {
  const auto now = [&] { return options.clock ? options.clock() : std::chrono::steady_clock::now(); };
  const auto deadline = now() + options.timeout;
  const auto where = "athena query " + query_id + " in " + region;
  auto delay = std::max(options.first_delay, milliseconds(1));
  for (;;) {
    if (stop_requested(options))
      return give_up(client, region, query_id, make_error(ErrorKind::service, where, "stopped on request", "QueryStopped"));
    auto state = query_state(client, region, query_id);
    if (!state) return state.error();
    if (state->status == QueryStatus::succeeded) return state;
    if (is_final(state->status)) return query_error(where, *state);
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - now());
    if (left <= milliseconds::zero())
      return give_up(client, region, query_id,
                     make_error(ErrorKind::timeout, where,
                                "still " + std::string(to_string(state->status)) + " after " +
                                    std::to_string(options.timeout.count()) + " ms",
                                "QueryTimeout"));
    pause(options, std::min(delay, left));
    delay = std::min(delay * 2, std::max(options.max_delay, options.first_delay));
  }
}

}  // namespace trailguard::aws
