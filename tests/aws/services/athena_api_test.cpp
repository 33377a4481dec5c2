// The Athena calls (aws/services/athena_api) through the real client and libcurl against a moto_server of the
// test's own, with tests/aws/http/fault_proxy.py in front where moto cannot play Athena's part: moto runs no SQL
// (a test queues the rows GetQueryResults returns), never fails a query and never pages. Loopback only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <nlohmann/json.hpp>

#include "../http/loopback_env.hpp"
#include "../http/static_credentials.hpp"
#include "aws/aws_client.hpp"
#include "aws/http_transport.hpp"
#include "aws/services/athena_api.hpp"
#include "support/fault_proxy.hpp"
#include "support/moto_server.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Row = std::vector<std::optional<std::string>>;

constexpr const char* kRegion = "us-east-1";  // moto's queue of results is per account and region

nlohmann::json row_of(const Row& values) {
  nlohmann::json data = nlohmann::json::array();
  for (const auto& value : values) data.push_back(value ? nlohmann::json{{"VarCharValue", *value}} : nlohmann::json::object());
  return {{"Data", data}};
}

nlohmann::json columns_of(const std::vector<std::string>& names) {
  nlohmann::json info = nlohmann::json::array();
  for (const auto& name : names) info.push_back({{"Name", name}, {"Label", name}, {"Type", "varchar"}});
  return info;
}

// A GetQueryResults answer as Athena writes it: the rows, the columns, maybe a NextToken.
nlohmann::json results_page(const std::vector<Row>& rows, const std::vector<std::string>& columns, const std::string& next) {
  nlohmann::json out = {{"ResultSet", {{"Rows", nlohmann::json::array()}, {"ResultSetMetadata", {{"ColumnInfo", columns_of(columns)}}}}}};
  for (const auto& row : rows) out["ResultSet"]["Rows"].push_back(row_of(row));
  if (!next.empty()) out["NextToken"] = next;
  return out;
}

class AthenaApiTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::bypass_proxies_for_loopback(env); }

  std::shared_ptr<AwsClient> client(const std::string& endpoint) {
    ClientConfig config;
    config.endpoints.endpoint_url = endpoint;
    config.retry.sleep = [this](milliseconds) { ++retry_sleeps; };
    config.rate_limit.max_rate = 1000;
    return make_aws_client(config, testing::StaticCredentials::fake(), make_curl_transport(TransportOptions{}),
                           std::make_shared<CallStats>());
  }

  // Each new QueryExecutionId that asks for results takes the next queued result set.
  void queue_results(const std::vector<Row>& rows, const std::vector<std::string>& columns) {
    nlohmann::json result = {{"rows", nlohmann::json::array()}, {"column_info", columns_of(columns)}};
    for (const auto& row : rows) result["rows"].push_back(row_of(row));
    const nlohmann::json body = {{"account_id", "123456789012"}, {"region", kRegion}, {"results", {result}}};
    const auto reply = moto.request("POST", "/moto-api/static/athena/query-results", body.dump(), "application/json");
    ASSERT_EQ(reply.status, 201) << reply.body;
  }

  // moto moves a query QUEUED -> RUNNING -> SUCCEEDED one step per `polls` GetQueryExecution calls.
  void advance_every(int polls) {
    const nlohmann::json body = {{"model_name", "athena::execution"}, {"transition", {{"progression", "manual"}, {"times", polls}}}};
    const auto reply = moto.request("POST", "/moto-api/state-manager/set-transition", body.dump(), "application/json");
    ASSERT_EQ(reply.status, 201) << reply.body;
  }

  int count(const std::string& operation) {
    int n = 0;
    for (const auto& record : proxy.log()) n += record.operation == operation ? 1 : 0;
    return n;
  }

  WaitOptions recording_waits() {
    WaitOptions options;
    options.sleep = [this](milliseconds delay) { waits.push_back(delay.count()); };
    return options;
  }

  const QueryPlace place{"cloudtrail_logs", "AwsDataCatalog", "", "s3://athena-results/trailguard/"};
  testing::ScopedEnv env;
  test_support::MotoServer moto;
  test_support::FaultProxy proxy{moto.port()};
  std::vector<long> waits;
  std::atomic<int> retry_sleeps{0};
};

TEST_F(AthenaApiTest, SucceededQueryReturnsItsRowsWithNullsAndWithoutTheHeaderRow) {
  queue_results({{"eventname", "region", "errorcode"},
                 {"StopLogging", "eu-west-1", std::nullopt},
                 {"DeleteTrail", "", "AccessDenied"}},
                {"eventname", "region", "errorcode"});
  advance_every(2);
  auto athena = client(moto.url());
  const auto id = start_query(*athena, kRegion, "SELECT eventname, region, errorcode FROM cloudtrail", place);
  ASSERT_TRUE(id) << id.error().describe();
  EXPECT_FALSE(id->empty());

  const auto state = wait_for_query(*athena, kRegion, *id, recording_waits());
  ASSERT_TRUE(state) << state.error().describe();
  EXPECT_EQ(state->status, QueryStatus::succeeded);
  EXPECT_EQ(state->query_id, *id);
  EXPECT_EQ(state->statement_type, "DML");
  // Polled QUEUED, RUNNING, RUNNING, then SUCCEEDED: three waits, each twice the one before.
  EXPECT_THAT(waits, ElementsAre(100, 200, 400));

  const auto table = get_results(*athena, kRegion, *id, {1000, state->statement_type == "DML"});
  ASSERT_TRUE(table) << table.error().describe();
  EXPECT_THAT(table->columns, ElementsAre("eventname", "region", "errorcode"));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0], (Row{"StopLogging", "eu-west-1", std::nullopt}));
  EXPECT_EQ(table->rows[1], (Row{"DeleteTrail", "", "AccessDenied"}));
  EXPECT_TRUE(table->rows[1][1].has_value());  // the empty string is not NULL
}

TEST_F(AthenaApiTest, StartSendsThePlaceMotoKeeps) {
  auto athena = client(moto.url());
  const auto id = start_query(*athena, kRegion, "SELECT 1", place);
  ASSERT_TRUE(id) << id.error().describe();
  const auto answer = athena->call(get_query_execution_call(kRegion, *id));
  ASSERT_TRUE(answer) << answer.error().describe();
  const auto execution = nlohmann::json::parse(answer->body)["QueryExecution"];
  EXPECT_EQ(execution["Query"], "SELECT 1");
  EXPECT_EQ(execution["QueryExecutionContext"]["Database"], "cloudtrail_logs");
  EXPECT_EQ(execution["QueryExecutionContext"]["Catalog"], "AwsDataCatalog");
  EXPECT_THAT(execution["ResultConfiguration"]["OutputLocation"].get<std::string>(),
              HasSubstr("s3://athena-results/trailguard/"));
}

TEST_F(AthenaApiTest, ResultsLargerThanAPageAreReadPageByPage) {
  // moto answers every GetQueryResults in one page: the proxy answers the first page, with a NextToken, as Athena
  // would; the second request goes through to moto and its queued rows.
  std::vector<Row> second_page;
  for (int i = 0; i < 1500; ++i) second_page.push_back({"event-" + std::to_string(i), i % 3 == 0 ? std::nullopt : Row::value_type("x")});
  queue_results(second_page, {"eventname", "note"});
  std::vector<Row> first_page = {{"eventname", "note"}};
  for (int i = 0; i < 999; ++i) first_page.push_back({"first-" + std::to_string(i), "y"});
  proxy.set_rules(nlohmann::json::array({{{"match", {{"operation", "GetQueryResults"}}}, {"fault", "answer"},
                                          {"body", results_page(first_page, {"eventname", "note"}, "page-2")}, {"times", 1}}})
                      .dump());
  auto athena = client(proxy.url());
  const auto id = start_query(*athena, kRegion, "SELECT eventname, note FROM cloudtrail", place);
  ASSERT_TRUE(id) << id.error().describe();
  const auto table = get_results(*athena, kRegion, *id);
  ASSERT_TRUE(table) << table.error().describe();
  EXPECT_EQ(count("GetQueryResults"), 2);
  ASSERT_EQ(table->rows.size(), 999u + 1500u);  // the first page's header row dropped, the second page's rows all kept
  EXPECT_EQ(table->rows[0], (Row{"first-0", "y"}));
  EXPECT_EQ(table->rows[998], (Row{"first-998", "y"}));
  EXPECT_EQ(table->rows[999], (Row{"event-0", std::nullopt}));
  EXPECT_EQ(table->rows.back(), (Row{"event-1499", "x"}));
}

TEST_F(AthenaApiTest, FailedQueryIsAnErrorWithAthenasReason) {
  const std::string reason = "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.cloudtrail_logs.nope' does not exist";
  const nlohmann::json failed = {{"QueryExecution",
                                  {{"QueryExecutionId", "q-1"},
                                   {"StatementType", "DML"},
                                   {"Status", {{"State", "FAILED"}, {"StateChangeReason", reason},
                                               {"AthenaError", {{"ErrorCategory", 2}, {"ErrorType", 1006}}}}}}}};
  proxy.set_rules(nlohmann::json::array({{{"match", {{"operation", "GetQueryExecution"}}}, {"fault", "answer"}, {"body", failed}}}).dump());
  auto athena = client(proxy.url());
  const auto id = start_query(*athena, kRegion, "SELECT * FROM nope", place);
  ASSERT_TRUE(id) << id.error().describe();
  const auto state = wait_for_query(*athena, kRegion, *id, recording_waits());
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().message, reason);
  EXPECT_EQ(state.error().code, "QueryFailed");
  EXPECT_EQ(state.error().kind, ErrorKind::invalid_argument);  // category 2: the user's query
  EXPECT_THAT(state.error().where, HasSubstr(*id));
  EXPECT_TRUE(waits.empty());
  EXPECT_EQ(count("StopQueryExecution"), 0);  // a failed query has nothing left to stop
}

TEST_F(AthenaApiTest, StopFlagStopsTheQuery) {
  advance_every(1000);  // stays QUEUED
  auto athena = client(proxy.url());
  const auto id = start_query(*athena, kRegion, "SELECT 1", place);
  ASSERT_TRUE(id) << id.error().describe();
  std::atomic<bool> stop{false};
  WaitOptions options = recording_waits();
  options.stop = &stop;
  options.sleep = [&](milliseconds delay) {
    waits.push_back(delay.count());
    if (waits.size() == 2) stop = true;  // Ctrl-C during the second wait
  };
  const auto state = wait_for_query(*athena, kRegion, *id, options);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().code, "QueryStopped");
  EXPECT_EQ(count("GetQueryExecution"), 2);
  EXPECT_EQ(count("StopQueryExecution"), 1);
  const auto after = query_state(*athena, kRegion, *id);
  ASSERT_TRUE(after) << after.error().describe();
  EXPECT_EQ(after->status, QueryStatus::cancelled);  // moto saw the stop
}

TEST_F(AthenaApiTest, RealSleepsEndSoonAfterTheStopFlag) {
  advance_every(1000);
  auto athena = client(moto.url());
  const auto id = start_query(*athena, kRegion, "SELECT 1", place);
  ASSERT_TRUE(id) << id.error().describe();
  std::atomic<bool> stop{false};
  WaitOptions options;
  options.first_delay = milliseconds(5000);  // one long wait, cut short by the flag
  options.max_delay = milliseconds(5000);
  options.stop = &stop;
  std::thread ctrl_c([&] {
    std::this_thread::sleep_for(milliseconds(300));
    stop = true;
  });
  const auto started = std::chrono::steady_clock::now();
  const auto state = wait_for_query(*athena, kRegion, *id, options);
  const auto took = std::chrono::steady_clock::now() - started;
  ctrl_c.join();
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().code, "QueryStopped");
  EXPECT_LT(took, milliseconds(2500));
  EXPECT_EQ(query_state(*athena, kRegion, *id)->status, QueryStatus::cancelled);
}

TEST_F(AthenaApiTest, DeadlineStopsTheQueryAndIsATimeout) {
  advance_every(1000);
  auto athena = client(moto.url());
  const auto id = start_query(*athena, kRegion, "SELECT 1", place);
  ASSERT_TRUE(id) << id.error().describe();
  auto now = std::chrono::steady_clock::now();
  WaitOptions options;
  options.timeout = milliseconds(5000);
  options.clock = [&] { return now; };
  options.sleep = [&](milliseconds delay) {
    waits.push_back(delay.count());
    now += delay;
  };
  const auto state = wait_for_query(*athena, kRegion, *id, options);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().kind, ErrorKind::timeout);
  // 100, 200, 400, 800, 1600, then capped at 2000 and cut to what is left of the 5 s.
  EXPECT_THAT(waits, ElementsAre(100, 200, 400, 800, 1600, 1900));
  EXPECT_EQ(query_state(*athena, kRegion, *id)->status, QueryStatus::cancelled);
}

TEST_F(AthenaApiTest, ThrottledCallsAreRetriedByTheClient) {
  queue_results({{"n"}, {"7"}}, {"n"});
  proxy.set_rules(R"([{"match": {"operation": "GetQueryResults"}, "fault": "status", "status": 400,
                       "code": "ThrottlingException", "message": "Rate exceeded", "times": 2},
                      {"match": {"operation": "StartQueryExecution"}, "fault": "status", "status": 400,
                       "code": "TooManyRequestsException", "message": "too many queries", "times": 1}])");
  auto athena = client(proxy.url());
  const auto id = start_query(*athena, kRegion, "SELECT count(*) AS n FROM cloudtrail", place);
  ASSERT_TRUE(id) << id.error().describe();
  const auto table = get_results(*athena, kRegion, *id);
  ASSERT_TRUE(table) << table.error().describe();
  EXPECT_EQ(table->rows, (std::vector<Row>{{"7"}}));
  EXPECT_EQ(count("GetQueryResults"), 3);
  EXPECT_EQ(count("StartQueryExecution"), 2);
  EXPECT_GE(retry_sleeps.load(), 3);
}

TEST_F(AthenaApiTest, AccessDeniedIsNotRetried) {
  proxy.set_rules(R"([{"match": {"operation": "StartQueryExecution"}, "fault": "status", "status": 400,
                       "code": "AccessDeniedException", "message": "not authorized to perform athena:StartQueryExecution"}])");
  const auto id = start_query(*client(proxy.url()), kRegion, "SELECT 1", place);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().kind, ErrorKind::access_denied);
  EXPECT_EQ(id.error().code, "AccessDeniedException");
  EXPECT_EQ(count("StartQueryExecution"), 1);
}

TEST_F(AthenaApiTest, UnknownWorkgroupIsMotosInvalidRequestException) {
  QueryPlace elsewhere = place;
  elsewhere.workgroup = "no-such-workgroup";
  const auto id = start_query(*client(proxy.url()), kRegion, "SELECT 1", elsewhere);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, "InvalidRequestException");
  EXPECT_EQ(id.error().kind, ErrorKind::service);
  EXPECT_THAT(id.error().message, HasSubstr("WorkGroup does not exist"));
  EXPECT_EQ(count("StartQueryExecution"), 1);  // a 400 that is not throttling is not retried
}

}  // namespace
}  // namespace trailguard::aws
