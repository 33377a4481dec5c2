// Amazon Athena (JSON 1.1, target AmazonAthena.<Operation>): start a SQL query, follow it to its end, read its
// result set as a plain table. The SQL itself is written above this layer (sources/logs); here it is text.
// Functions taking an AwsClient& make the calls (the client retries throttling and transient failures);
// the *_call makers and parse_* functions are the pure halves, tested on their own.
// Thread-safety: none of these keep state; wait_for_query only reads the stop flag.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// Where a query runs and where Athena writes its results. Empty fields are not sent (Athena's defaults: the
// AwsDataCatalog catalog, the "primary" workgroup, the workgroup's own output location).
struct QueryPlace {
  std::string database;
  std::string catalog;
  std::string workgroup;
  std::string output_location;  // s3://bucket/prefix/
};

// `client_request_token` makes StartQueryExecution idempotent (32 to 128 characters), so the client's retry
// of a start whose answer was lost does not run the query twice. Callers outside the SDKs must send one.
ApiCall start_query_execution_call(const std::string& region, const std::string& sql, const QueryPlace& place,
                                   const std::string& client_request_token);
ApiCall get_query_execution_call(const std::string& region, const std::string& query_id);
// An empty token asks for the first page; max_results is 1 to 1000 (Athena's limit).
ApiCall get_query_results_call(const std::string& region, const std::string& query_id, const std::string& next_token,
                               int max_results);
ApiCall stop_query_execution_call(const std::string& region, const std::string& query_id);

enum class QueryStatus { queued, running, succeeded, failed, cancelled };
std::string_view to_string(QueryStatus status);  // Athena's spelling: "QUEUED", ...
bool is_final(QueryStatus status);

struct QueryState {
  std::string query_id;
  QueryStatus status = QueryStatus::queued;
  std::string state_change_reason;  // why it FAILED or was CANCELLED (may be empty)
  std::string statement_type;       // DML (SELECT, CTAS, INSERT), DDL, UTILITY
  int error_category = 0;           // Status.AthenaError.ErrorCategory: 1 system, 2 user, 3 other; 0 none
  std::int64_t data_scanned_bytes = 0;
  std::int64_t engine_execution_ms = 0;
  std::int64_t total_execution_ms = 0;
};

Result<std::string> parse_start_query_execution(std::string_view body);  // the QueryExecutionId
Result<QueryState> parse_query_execution(std::string_view body);

// A result set: column names, and rows of values where NULL (nullopt) and the empty string are different.
struct QueryTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// One GetQueryResults page appended to `table`; `first_page` takes the column names from its metadata and, with
// `drop_header_row`, drops the header row (see get_results). Returns the next page's token ("" at the end).
Result<std::string> parse_query_results_page(std::string_view body, bool first_page, bool drop_header_row,
                                             QueryTable& table);

// Starts `sql`; returns its QueryExecutionId.
Result<std::string> start_query(AwsClient& client, const std::string& region, const std::string& sql,
                                const QueryPlace& place);
Result<QueryState> query_state(AwsClient& client, const std::string& region, const std::string& query_id);
Status stop_query(AwsClient& client, const std::string& region, const std::string& query_id);

struct WaitOptions {
  std::chrono::milliseconds first_delay{100};  // between the first polls; doubled after each
  std::chrono::milliseconds max_delay{2000};
  std::chrono::milliseconds timeout{std::chrono::minutes(30)};  // Athena's own DML timeout is 30 min by default
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: set by a signal handler, checked at least every 50 ms
  // Test hooks; empty: std::this_thread::sleep_for and std::chrono::steady_clock::now.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::steady_clock::time_point()> clock;
};

// Polls GetQueryExecution until the query ends. SUCCEEDED: its final state. FAILED: an Error whose message is
// Athena's StateChangeReason (kind invalid_argument for a user error such as bad SQL or a missing table, else
// service; code "QueryFailed"). CANCELLED by someone else: service, "QueryCancelled". When the stop flag is set
// (code "QueryStopped") or the timeout passes (kind timeout), the query is stopped with StopQueryExecution first,
// so it does not go on scanning (and costing) after trailguard gave up on it.
Result<QueryState> wait_for_query(AwsClient& client, const std::string& region, const std::string& query_id,
                                  const WaitOptions& options = {});

struct ResultsOptions {
  int max_results = 1000;  // rows per GetQueryResults page
  // A SELECT's results (StatementType DML) begin with a row of the column names; see get_results.
  bool drop_header_row = true;
};

// Every page of a finished query's results. The header row: Athena returns the column names as the first row of
// the first page of a SELECT's results (not of DDL ones such as SHOW TABLES). It is dropped when drop_header_row is
// set and that row's values are the column names of ResultSetMetadata (Name or Label, ignoring case): a first row
// that is not the header is data and is kept. Pass drop_header_row = (state.statement_type == "DML").
Result<QueryTable> get_results(AwsClient& client, const std::string& region, const std::string& query_id,
                               const ResultsOptions& options = {});

}  // namespace trailguard::aws
