#include "aws/services/athena_api.hpp"

#include <algorithm>
#include <cctype>
#include <random>

#include <nlohmann/json.hpp>

#include "aws/services/json_call.hpp"

namespace trailguard::aws {
namespace {

constexpr const char* kTargetPrefix = "AmazonAthena";

ApiCall athena_call(const std::string& region, std::string operation, const nlohmann::json& body) {
  return json_1_1_call("athena", region, kTargetPrefix, std::move(operation), body);
}

Error bad_answer(std::string_view operation, std::string_view what) {
  return make_error(ErrorKind::malformed_input, std::string(operation) + " answer", std::string(what), "malformed_json");
}

std::string text_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t number_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// 32 random hex digits after a prefix: within the token's 32 to 128 characters, unique per start.
std::string new_client_request_token() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  constexpr char kHex[] = "0123456789abcdef";
  std::string token = "trailguard-";
  for (int i = 0; i < 32; ++i) token += kHex[random() % 16];
  return token;
}

std::optional<QueryStatus> status_of(std::string_view state) {
  if (state == "QUEUED") return QueryStatus::queued;
  if (state == "RUNNING") return QueryStatus::running;
  if (state == "SUCCEEDED") return QueryStatus::succeeded;
  if (state == "FAILED") return QueryStatus::failed;
  if (state == "CANCELLED") return QueryStatus::cancelled;
  return std::nullopt;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

// Whether `row` spells the column names: the header row Athena puts first in a SELECT's results.
bool is_header_row(const std::vector<std::optional<std::string>>& row, const nlohmann::json& column_info) {
  if (row.empty() || row.size() != column_info.size()) return false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (!row[i]) return false;
    const auto& column = column_info[i];
    if (!same_ignoring_case(*row[i], text_of(column, "Name")) && !same_ignoring_case(*row[i], text_of(column, "Label")))
      return false;
  }
  return true;
}

}  // namespace

ApiCall start_query_execution_call(const std::string& region, const std::string& sql, const QueryPlace& place,
                                   const std::string& client_request_token) {
  nlohmann::json body = {{"QueryString", sql}, {"ClientRequestToken", client_request_token}};
  nlohmann::json context = nlohmann::json::object();
  if (!place.database.empty()) context["Database"] = place.database;
  if (!place.catalog.empty()) context["Catalog"] = place.catalog;
  if (!context.empty()) body["QueryExecutionContext"] = std::move(context);
  if (!place.workgroup.empty()) body["WorkGroup"] = place.workgroup;
  if (!place.output_location.empty()) body["ResultConfiguration"] = {{"OutputLocation", place.output_location}};
  return athena_call(region, "StartQueryExecution", body);
}

ApiCall get_query_execution_call(const std::string& region, const std::string& query_id) {
  return athena_call(region, "GetQueryExecution", {{"QueryExecutionId", query_id}});
}

ApiCall get_query_results_call(const std::string& region, const std::string& query_id, const std::string& next_token,
                               int max_results) {
  nlohmann::json body = {{"QueryExecutionId", query_id}, {"MaxResults", std::clamp(max_results, 1, 1000)}};
  if (!next_token.empty()) body["NextToken"] = next_token;
  return athena_call(region, "GetQueryResults", body);
}

ApiCall stop_query_execution_call(const std::string& region, const std::string& query_id) {
  return athena_call(region, "StopQueryExecution", {{"QueryExecutionId", query_id}});
}

std::string_view to_string(QueryStatus status) {
  switch (status) {
    case QueryStatus::queued: return "QUEUED";
    case QueryStatus::running: return "RUNNING";
    case QueryStatus::succeeded: return "SUCCEEDED";
    case QueryStatus::failed: return "FAILED";
    case QueryStatus::cancelled: return "CANCELLED";
  }
  return "?";
}

bool is_final(QueryStatus status) {
  return status == QueryStatus::succeeded || status == QueryStatus::failed || status == QueryStatus::cancelled;
}

Result<std::string> parse_start_query_execution(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("StartQueryExecution", "is not a JSON object");
  auto id = text_of(doc, "QueryExecutionId");
  if (id.empty()) return bad_answer("StartQueryExecution", "QueryExecutionId is missing");
  return id;
}

Result<QueryState> parse_query_execution(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer("GetQueryExecution", "is not a JSON object");
  const auto execution = doc.find("QueryExecution");
  if (execution == doc.end() || !execution->is_object()) return bad_answer("GetQueryExecution", "QueryExecution is missing");
  const auto status = execution->find("Status");
  if (status == execution->end() || !status->is_object()) return bad_answer("GetQueryExecution", "Status is missing");
  const auto state_text = text_of(*status, "State");
  const auto parsed = status_of(state_text);
  if (!parsed) return bad_answer("GetQueryExecution", "unknown State \"" + state_text + "\"");
  QueryState state;
  state.query_id = text_of(*execution, "QueryExecutionId");
  state.status = *parsed;
  state.state_change_reason = text_of(*status, "StateChangeReason");
  state.statement_type = text_of(*execution, "StatementType");
  if (const auto error = status->find("AthenaError"); error != status->end() && error->is_object())
    state.error_category = static_cast<int>(number_of(*error, "ErrorCategory"));
  if (const auto stats = execution->find("Statistics"); stats != execution->end() && stats->is_object()) {
    state.data_scanned_bytes = number_of(*stats, "DataScannedInBytes");
    state.engine_execution_ms = number_of(*stats, "EngineExecutionTimeInMillis");
    state.total_execution_ms = number_of(*stats, "TotalExecutionTimeInMillis");
  }
  return state;
}

Result<std::string> parse_query_results_page(std::string_view body, bool first_page, bool drop_header_row,
                                             QueryTable& table) {
  constexpr std::string_view kOp = "GetQueryResults";
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad_answer(kOp, "is not a JSON object");
  const auto result_set = doc.find("ResultSet");
  if (result_set == doc.end() || !result_set->is_object()) return bad_answer(kOp, "ResultSet is missing");
  nlohmann::json column_info = nlohmann::json::array();
  if (const auto metadata = result_set->find("ResultSetMetadata"); metadata != result_set->end() && metadata->is_object()) {
    if (const auto info = metadata->find("ColumnInfo"); info != metadata->end() && info->is_array()) column_info = *info;
  }
  if (first_page) {
    table.columns.clear();
    for (const auto& column : column_info) table.columns.push_back(text_of(column, "Name"));
  }
  const auto rows = result_set->find("Rows");
  if (rows != result_set->end() && !rows->is_null()) {
    if (!rows->is_array()) return bad_answer(kOp, "Rows is not a list");
    bool first_row = first_page;
    for (const auto& row : *rows) {
      const auto data = row.is_object() ? row.find("Data") : row.end();
      if (!row.is_object() || data == row.end() || !data->is_array()) return bad_answer(kOp, "a row has no Data list");
      std::vector<std::optional<std::string>> values;
      for (const auto& datum : *data) {
        if (!datum.is_object()) return bad_answer(kOp, "a value is not an object");
        // Athena leaves VarCharValue out for NULL and sends "" for the empty string.
        const auto value = datum.find("VarCharValue");
        if (value == datum.end() || value->is_null()) {
          values.emplace_back(std::nullopt);
        } else if (value->is_string()) {
          values.emplace_back(value->get<std::string>());
        } else {
          return bad_answer(kOp, "a VarCharValue is not a string");
        }
      }
      const bool header = first_row && drop_header_row && is_header_row(values, column_info);
      first_row = false;
      if (header) continue;
      if (!table.columns.empty() && values.size() != table.columns.size())
        return bad_answer(kOp, "a row has " + std::to_string(values.size()) + " values for " +
                                   std::to_string(table.columns.size()) + " columns");
      table.rows.push_back(std::move(values));
    }
  }
  return text_of(doc, "NextToken");
}

Result<std::string> start_query(AwsClient& client, const std::string& region, const std::string& sql,
                                const QueryPlace& place) {
  // One token for the client's every attempt: a retried start returns the first one's QueryExecutionId.
  const auto answer = client.call(start_query_execution_call(region, sql, place, new_client_request_token()));
  if (!answer) return answer.error();
  return parse_start_query_execution(answer->body);
}

Result<QueryState> query_state(AwsClient& client, const std::string& region, const std::string& query_id) {
  const auto answer = client.call(get_query_execution_call(region, query_id));
  if (!answer) return answer.error();
  return parse_query_execution(answer->body);
}

Status stop_query(AwsClient& client, const std::string& region, const std::string& query_id) {
  const auto answer = client.call(stop_query_execution_call(region, query_id));
  if (!answer) return answer.error();
  return ok_status();
}

Result<QueryTable> get_results(AwsClient& client, const std::string& region, const std::string& query_id,
                               const ResultsOptions& options) {
  QueryTable table;
  std::string token;
  bool first_page = true;
  do {
    const auto answer = client.call(get_query_results_call(region, query_id, token, options.max_results));
    if (!answer) return answer.error();
    auto next = parse_query_results_page(answer->body, first_page, options.drop_header_row, table);
    if (!next) return next.error();
    if (!next->empty() && *next == token)
      return bad_answer("GetQueryResults", "NextToken did not change between pages");
    token = std::move(*next);
    first_page = false;
  } while (!token.empty());
  return table;
}

}  // namespace trailguard::aws
