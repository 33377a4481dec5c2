// The Athena calls' requests and the parsing of their answers, with no network: which fields each request sends,
// paging by NextToken, the header row rule, NULL against the empty string, and answers that are not Athena's.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "aws/services/athena_api.hpp"

namespace trailguard::aws {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Row = std::vector<std::optional<std::string>>;

// Answers each call with the next scripted body and keeps the requests.
class ScriptedAthena : public AwsClient {
 public:
  explicit ScriptedAthena(std::deque<std::string> answers) : answers_(std::move(answers)) {}
  Result<ApiResponse> call(const ApiCall& call) override {
    std::lock_guard lock(mutex_);
    requests.push_back(nlohmann::json::parse(call.json_body));
    operations.push_back(call.operation);
    if (answers_.empty()) return make_error(ErrorKind::service, call.operation, "no answer scripted", "Unscripted");
    auto body = std::move(answers_.front());
    answers_.pop_front();
    return ApiResponse{std::move(body), 200, 1};
  }
  std::vector<nlohmann::json> requests;
  std::vector<std::string> operations;

 private:
  std::mutex mutex_;
  std::deque<std::string> answers_;
};

std::string page(const std::vector<Row>& rows, const std::vector<std::string>& columns, const std::string& next = "") {
  nlohmann::json out;
  out["ResultSet"]["Rows"] = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json data = nlohmann::json::array();
    for (const auto& v : row) data.push_back(v ? nlohmann::json{{"VarCharValue", *v}} : nlohmann::json::object());
    out["ResultSet"]["Rows"].push_back({{"Data", data}});
  }
  for (const auto& c : columns) out["ResultSet"]["ResultSetMetadata"]["ColumnInfo"].push_back({{"Name", c}, {"Label", c}});
  if (!next.empty()) out["NextToken"] = next;
  return out.dump();
}

TEST(AthenaCalls, StartSendsTheQueryItsPlaceAndAnIdempotencyToken) {
  const auto call = start_query_execution_call("eu-west-1", "SELECT 1", {"db", "cat", "wg", "s3://out/p/"}, "tok");
  EXPECT_EQ(call.service, "athena");
  EXPECT_EQ(call.target_prefix, "AmazonAthena");
  EXPECT_EQ(call.operation, "StartQueryExecution");
  EXPECT_EQ(call.protocol, Protocol::json_1_1);
  const auto body = nlohmann::json::parse(call.json_body);
  EXPECT_EQ(body["QueryString"], "SELECT 1");
  EXPECT_EQ(body["ClientRequestToken"], "tok");
  EXPECT_EQ(body["QueryExecutionContext"], (nlohmann::json{{"Database", "db"}, {"Catalog", "cat"}}));
  EXPECT_EQ(body["WorkGroup"], "wg");
  EXPECT_EQ(body["ResultConfiguration"]["OutputLocation"], "s3://out/p/");
  // Empty fields stay out, so Athena's (and the workgroup's) defaults apply.
  const auto bare = nlohmann::json::parse(start_query_execution_call("eu-west-1", "SELECT 1", {}, "tok").json_body);
  EXPECT_FALSE(bare.contains("QueryExecutionContext"));
  EXPECT_FALSE(bare.contains("WorkGroup"));
  EXPECT_FALSE(bare.contains("ResultConfiguration"));
}

TEST(AthenaCalls, EachStartHasItsOwnTokenOfAthenasLength) {
  ScriptedAthena client({R"({"QueryExecutionId": "a"})", R"({"QueryExecutionId": "b"})"});
  ASSERT_EQ(*start_query(client, "us-east-1", "SELECT 1", {}), "a");
  ASSERT_EQ(*start_query(client, "us-east-1", "SELECT 1", {}), "b");
  const auto first = client.requests[0]["ClientRequestToken"].get<std::string>();
  const auto second = client.requests[1]["ClientRequestToken"].get<std::string>();
  EXPECT_GE(first.size(), 32u);
  EXPECT_LE(first.size(), 128u);
  EXPECT_NE(first, second);
}

TEST(AthenaResults, PagesAreFollowedByTheirTokensWithTheAskedPageSize) {
  ScriptedAthena client({page({{"n"}, {"1"}, {"2"}}, {"n"}, "t2"), page({{"3"}, {"4"}}, {"n"}, "t3"), page({{"5"}}, {"n"})});
  const auto table = get_results(client, "us-east-1", "q", {2, true});
  ASSERT_TRUE(table) << table.error().describe();
  EXPECT_EQ(table->rows, (std::vector<Row>{{"1"}, {"2"}, {"3"}, {"4"}, {"5"}}));
  ASSERT_EQ(client.requests.size(), 3u);
  EXPECT_FALSE(client.requests[0].contains("NextToken"));
  EXPECT_EQ(client.requests[1]["NextToken"], "t2");
  EXPECT_EQ(client.requests[2]["NextToken"], "t3");
  for (const auto& request : client.requests) {
    EXPECT_EQ(request["MaxResults"], 2);
    EXPECT_EQ(request["QueryExecutionId"], "q");
  }
  // A later page's first row that spells the column names is data: only the first page has the header.
  ScriptedAthena again({page({{"n"}, {"1"}}, {"n"}, "t2"), page({{"n"}, {"2"}}, {"n"})});
  EXPECT_EQ(get_results(again, "us-east-1", "q")->rows, (std::vector<Row>{{"1"}, {"n"}, {"2"}}));
}

TEST(AthenaResults, DefaultPageSizeIsAthenasMaximum) {
  ScriptedAthena client({page({}, {"n"})});
  ASSERT_TRUE(get_results(client, "us-east-1", "q"));
  EXPECT_EQ(client.requests[0]["MaxResults"], 1000);
  EXPECT_EQ(nlohmann::json::parse(get_query_results_call("r", "q", "", 5000).json_body)["MaxResults"], 1000);
}

TEST(AthenaResults, HeaderRowIsDroppedOnlyWhenItSpellsTheColumns) {
  QueryTable table;
  // Athena's header may differ in case from ColumnInfo's Name.
  ASSERT_TRUE(parse_query_results_page(page({{"EventName", "Region"}, {"a", "b"}}, {"eventname", "region"}), true, true, table));
  EXPECT_EQ(table.rows, (std::vector<Row>{{"a", "b"}}));
  // DDL answers (SHOW TABLES) have no header row: a first row that is not the names is kept.
  QueryTable ddl;
  ASSERT_TRUE(parse_query_results_page(page({{"cloudtrail_logs"}, {"other"}}, {"tab_name"}), true, true, ddl));
  EXPECT_EQ(ddl.rows.size(), 2u);
  // Told the query is not a SELECT, even a first row equal to the names is data.
  QueryTable kept;
  ASSERT_TRUE(parse_query_results_page(page({{"tab_name"}}, {"tab_name"}), true, false, kept));
  EXPECT_EQ(kept.rows, (std::vector<Row>{{"tab_name"}}));
  EXPECT_THAT(kept.columns, ElementsAre("tab_name"));
}

TEST(AthenaResults, NullIsNotTheEmptyString) {
  QueryTable table;
  ASSERT_TRUE(parse_query_results_page(page({{"a", "b"}, {std::nullopt, ""}}, {"a", "b"}), true, true, table));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_FALSE(table.rows[0][0].has_value());
  ASSERT_TRUE(table.rows[0][1].has_value());
  EXPECT_EQ(*table.rows[0][1], "");
}

TEST(AthenaResults, AnswersThatAreNotAthenasAreMalformed) {
  const auto bad = [](const std::string& body) {
    QueryTable table;
    const auto r = parse_query_results_page(body, true, true, table);
    return !r && r.error().kind == ErrorKind::malformed_input;
  };
  EXPECT_TRUE(bad("not json"));
  EXPECT_TRUE(bad(R"({"Rows": []})"));
  EXPECT_TRUE(bad(R"({"ResultSet": {"Rows": {}}})"));
  EXPECT_TRUE(bad(R"({"ResultSet": {"Rows": [{"Data": [{"VarCharValue": 3}]}]}})"));
  EXPECT_TRUE(bad(R"({"ResultSet": {"Rows": [{}]}})"));
  EXPECT_TRUE(bad(page({{"x", "y"}, {"1"}}, {"x", "y"})));  // a row narrower than the columns
  EXPECT_FALSE(bad(page({{"x", "y"}, {"1", "2"}}, {"x", "y"})));
  // A token that does not move would page forever.
  ScriptedAthena stuck({page({{"n"}}, {"n"}, "same"), page({{"1"}}, {"n"}, "same")});
  const auto table = get_results(stuck, "us-east-1", "q");
  ASSERT_FALSE(table);
  EXPECT_THAT(table.error().message, HasSubstr("NextToken"));
}

TEST(AthenaState, ParsesStateStatisticsAndTheReason) {
  const auto state = parse_query_execution(R"({"QueryExecution": {"QueryExecutionId": "q", "StatementType": "DML",
      "Status": {"State": "FAILED", "StateChangeReason": "SYNTAX_ERROR: line 1:8", "AthenaError": {"ErrorCategory": 2}},
      "Statistics": {"DataScannedInBytes": 123456789012, "EngineExecutionTimeInMillis": 4321, "TotalExecutionTimeInMillis": 5000}}})");
  ASSERT_TRUE(state) << state.error().describe();
  EXPECT_EQ(state->query_id, "q");
  EXPECT_EQ(state->status, QueryStatus::failed);
  EXPECT_EQ(state->state_change_reason, "SYNTAX_ERROR: line 1:8");
  EXPECT_EQ(state->error_category, 2);
  EXPECT_EQ(state->data_scanned_bytes, 123456789012);
  EXPECT_EQ(state->engine_execution_ms, 4321);
  EXPECT_EQ(state->total_execution_ms, 5000);
  for (const auto status : {QueryStatus::queued, QueryStatus::running, QueryStatus::succeeded, QueryStatus::cancelled}) {
    const auto body = std::string(R"({"QueryExecution": {"Status": {"State": ")") + std::string(to_string(status)) + "\"}}}";
    EXPECT_EQ(parse_query_execution(body)->status, status) << body;
  }
  EXPECT_FALSE(parse_query_execution(R"({"QueryExecution": {"Status": {"State": "DONE"}}})"));
  EXPECT_FALSE(parse_query_execution(R"({"QueryExecution": {}})"));
  EXPECT_FALSE(parse_start_query_execution(R"({})"));
}

TEST(AthenaState, SystemFailureIsAServiceErrorAndCancelledBySomeoneElseToo) {
  ScriptedAthena failed({R"({"QueryExecution": {"QueryExecutionId": "q", "Status": {"State": "FAILED",
      "StateChangeReason": "Internal error", "AthenaError": {"ErrorCategory": 1}}}})"});
  const auto a = wait_for_query(failed, "us-east-1", "q");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().kind, ErrorKind::service);
  EXPECT_EQ(a.error().message, "Internal error");
  ScriptedAthena cancelled({R"({"QueryExecution": {"QueryExecutionId": "q", "Status": {"State": "CANCELLED"}}})"});
  const auto b = wait_for_query(cancelled, "us-east-1", "q");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, "QueryCancelled");
  EXPECT_THAT(cancelled.operations, ElementsAre("GetQueryExecution"));  // nothing to stop
}

}  // namespace
}  // namespace trailguard::aws
