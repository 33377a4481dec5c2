// Evaluating accounts and writing the report in the chosen formats, shared by every command that reports.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/exit_codes.hpp"
#include "control/options.hpp"
#include "model/account.hpp"
#include "report/formats.hpp"
#include "report/ndjson_writer.hpp"
#include "report/report.hpp"

namespace trailguard::cli {

struct ReportOptions {
  std::string format = "text";  // one format, or several separated by commas (then --out-dir)
  std::string out_file;
  std::string out_dir;
  bool allow_excluded = false;
  bool no_color = false;
  bool details = false;  // text: one row per region instead of regions grouped by status and reasons
  bool prove_delivery = false;  // scan --prove-delivery (set by scan, not a report flag)
};

// What the caller knows about the run that the writers need beyond the Report.
struct WriteContext {
  bool ndjson_streamed = false;  // the accounts went to ndjson() as they finished: only the summary is left
  report::StreamEnd end;         // whether the run was cut short
  bool organization = false;     // scan --org: the text report has one line per account
};

void add_report_options(CLI::App& command, ReportOptions& options);

// Where each format goes: standard output, --out FILE, or DIR/report.<ext> for each format of --out-dir.
// Opened before anything is read, so that an unwritable destination is a usage error before any AWS call
// or evidence file, never after a long scan.
class ReportOutputs {
 public:
  // nullopt after logging why (several formats without --out-dir, a file or directory that cannot be written).
  static std::optional<ReportOutputs> open(const ReportOptions& options);

  // The -o ndjson destination, for writing accounts as they finish (scan --org); nullptr without ndjson.
  std::ostream* ndjson();

  // Every format; ndjson as its summary line only when its accounts were streamed to ndjson() already.
  // false after logging a write failure.
  bool write(const report::Report& report, const WriteContext& context = {});

 private:
  struct Output {
    const report::Format* format;
    std::unique_ptr<std::ofstream> file;  // null: standard output
  };
  explicit ReportOutputs(const ReportOptions& options) : options_(&options) {}
  const ReportOptions* options_;
  std::vector<Output> outputs_;
};

// How the evaluator reads the control under these options (--allow-excluded-event-sources, --prove-delivery).
control::EvaluationOptions evaluation_options_of(const ReportOptions& options);

// A Report stamped with its time (milliseconds since the epoch) and trailguard's version.
report::Report new_report();

// The accounts judged into a stamped Report (new_report()) with the options' evaluation settings.
report::Report evaluate_accounts(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                                 const std::string& source, const ReportOptions& options);

ExitCode evaluate_and_report(const std::vector<model::Account>& accounts, const std::vector<std::string>& problems,
                             const std::string& source, const ReportOptions& options, ReportOutputs& outputs);

}  // namespace trailguard::cli
