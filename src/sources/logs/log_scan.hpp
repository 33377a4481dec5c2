// scan_logs: every file of every store through read -> gunzip -> parse -> tally, on several threads at
// once, the listing overlapped with the work (a bounded queue between them, so memory does not grow with
// the number of files). A file that cannot be read, inflated or parsed is an error in the result, and the
// scan goes on.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/log_activity.hpp"
#include "sources/logs/log_store.hpp"

namespace trailguard::sources::logs {

struct LogScanOptions {
  LogSelection selection;
  std::set<std::string> expected_regions;
  std::size_t threads = 2;                       // workers reading, inflating and parsing
  std::uint64_t max_file_bytes = 256ull << 20;   // per file, stored and inflated
  // Called from worker threads with each file's inflated bytes (for --validate); may be empty.
  std::function<void(const LogObject&, const std::string& described_as, std::string_view inflated,
                     const ObjectRead& read)>
      on_inflated;
  // Called from the listing thread about once a second on long runs: files listed, files done.
  std::function<void(std::uint64_t listed, std::uint64_t done)> progress;
};

model::LogActivity scan_logs(const std::vector<LogStore*>& stores, const LogScanOptions& options);

}  // namespace trailguard::sources::logs
