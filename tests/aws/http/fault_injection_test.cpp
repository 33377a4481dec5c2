// The client and the libcurl transport against moto behind tests/aws/http/fault_proxy.py: throttling,
// denials, resets, truncated and malformed answers, read timeouts, retries and their counts, connection
// reuse, proxies from the environment.
#include <gtest/gtest.h>

#include <thread>

#include "aws/aws_client.hpp"
#include "aws/http_transport.hpp"
#include "loopback_env.hpp"
#include "moto_calls.hpp"
#include "static_credentials.hpp"
#include "support/fault_proxy.hpp"
#include "support/local_http.hpp"
#include "support/moto_server.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;
using testing::StaticCredentials;
using Clock = std::chrono::steady_clock;

class HttpFaultInjectionTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::bypass_proxies_for_loopback(env); }

  std::shared_ptr<AwsClient> client(int max_attempts = 3, TransportOptions transport_options = {},
                                    std::string endpoint = {}) {
    ClientConfig config;
    config.endpoints.endpoint_url = endpoint.empty() ? proxy.url() : endpoint;
    config.retry.max_attempts = max_attempts;
    config.retry.base_delay = milliseconds(1);  // real sleeps, but short
    config.retry.max_throttled_attempts = max_throttled_attempts;
    config.rate_limit.max_rate = 1000;  // so are the rate limiter's (its behaviour: rate_limiter_test, aws_client_test)
    return make_aws_client(config, StaticCredentials::fake(), make_curl_transport(transport_options), stats);
  }

  OperationStats stats_of(const std::string& operation) { return stats->snapshot().at(operation); }

  std::vector<test_support::FaultProxyRecord> requests_for(const std::string& operation) {
    std::vector<test_support::FaultProxyRecord> out;
    for (auto& r : proxy.log()) {
      if (r.operation == operation) out.push_back(std::move(r));
    }
    return out;
  }

  int max_throttled_attempts = 15;
  testing::ScopedEnv env;
  test_support::MotoServer moto;
  test_support::FaultProxy proxy{moto.port()};
  std::shared_ptr<CallStats> stats = std::make_shared<CallStats>();
};

TEST_F(HttpFaultInjectionTest, ThrottledTwiceThenSucceeds) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
                       "code": "ThrottlingException", "message": "Rate exceeded", "times": 2}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 3);
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 3);
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").calls, 1);
  const auto seen = requests_for("DescribeTrails");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].fault, "status");
  EXPECT_EQ(seen[1].fault, "status");
  EXPECT_EQ(seen[2].fault, "pass");
  EXPECT_EQ(seen[2].status, 200);
}

TEST_F(HttpFaultInjectionTest, ThrottledForeverFailsThrottledAfterMaxAttempts) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
                       "code": "ThrottlingException", "message": "Rate exceeded", "type_prefix": "com.amazon#",
                       "message_key": "Message"}])");
  max_throttled_attempts = 4;
  const auto result = client(4)->call(testing::describe_trails("eu-west-1"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::throttled) << result.error().describe();
  EXPECT_EQ(result.error().code, "ThrottlingException");
  EXPECT_EQ(result.error().message, "Rate exceeded (gave up after 4 attempts)");
  EXPECT_EQ(result.error().where, "cloudtrail DescribeTrails in eu-west-1");
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 4);
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").failures, 1);
  EXPECT_EQ(requests_for("DescribeTrails").size(), 4u);
}

TEST_F(HttpFaultInjectionTest, XmlThrottlingOfQueryCallsIsRetried) {
  proxy.set_rules(R"([{"match": {"action": "GetCallerIdentity"}, "fault": "status", "status": 400, "format": "xml",
                       "code": "Throttling", "times": 1},
                      {"match": {"action": "DescribeRegions"}, "fault": "status", "status": 503, "format": "ec2",
                       "code": "RequestLimitExceeded", "times": 2}])");
  auto c = client();
  const auto identity = c->call(testing::get_caller_identity());
  ASSERT_TRUE(identity) << identity.error().describe();
  EXPECT_EQ(identity->attempts, 2);
  const auto regions = c->call(testing::describe_regions());
  ASSERT_TRUE(regions) << regions.error().describe();
  EXPECT_EQ(regions->attempts, 3);
}

TEST_F(HttpFaultInjectionTest, AccessDeniedIsNotRetried) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 403,
                       "code": "AccessDeniedException", "message": "User is not authorized"}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::access_denied);
  EXPECT_EQ(result.error().code, "AccessDeniedException");
  EXPECT_EQ(result.error().message, "User is not authorized");
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 1);
  EXPECT_EQ(requests_for("DescribeTrails").size(), 1u);
}

TEST_F(HttpFaultInjectionTest, Html500IsRetriedAndReportedWithoutTheBody) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 500, "format": "html"}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::service);
  EXPECT_EQ(result.error().message, "HTTP 500 from 127.0.0.1 (gave up after 3 attempts)");
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 3);
}

TEST_F(HttpFaultInjectionTest, ConnectionResetIsANetworkErrorAfterRetries) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "reset"}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::network) << result.error().describe();
  EXPECT_NE(result.error().message.find("127.0.0.1"), std::string::npos) << result.error().message;
  EXPECT_EQ(result.error().where, "cloudtrail DescribeTrails in us-east-1");
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 3);
}

TEST_F(HttpFaultInjectionTest, ResetOnceThenRecovers) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "reset", "times": 1}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 2);
}

TEST_F(HttpFaultInjectionTest, TruncatedBodyIsANetworkError) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "truncate"}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::network) << result.error().describe();
  EXPECT_EQ(result.error().code, "truncated") << result.error().describe();
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 3);
}

TEST_F(HttpFaultInjectionTest, MalformedJsonIsMalformedInputNotRetried) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "malformed_json"}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::malformed_input) << result.error().describe();
  EXPECT_EQ(result.error().message, "the answer from 127.0.0.1 is not a JSON object");
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 1);
}

TEST_F(HttpFaultInjectionTest, MalformedJsonErrorBodyIsAServiceErrorNamingTheStatus) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
                       "body": "{\"__type\": \"Thrott", "content_type": "application/x-amz-json-1.1"}])");
  const auto result = client()->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::service);
  EXPECT_EQ(result.error().message, "HTTP 400 from 127.0.0.1");
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 1);
}

TEST_F(HttpFaultInjectionTest, ReadTimeoutStrikesWhenNoByteArrivesInTime) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "delay", "delay_ms": 4000}])");
  TransportOptions options;
  options.read_timeout = milliseconds(300);
  const auto started = Clock::now();
  const auto result = client(1, options)->call(testing::describe_trails());
  const auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::timeout) << result.error().describe();
  EXPECT_EQ(result.error().code, "read_timeout");
  EXPECT_EQ(result.error().message, "no data from 127.0.0.1 for 300 ms (read timeout)");
  EXPECT_GE(elapsed.count(), 300);
  EXPECT_LT(elapsed.count(), 1500);
}

TEST_F(HttpFaultInjectionTest, ReadTimeoutIsRetried) {
  // moto loads CloudTrail on its first call, which on a busy machine can take longer than the 300 ms
  // timeout below: warm it first, so the retry is measured against a steady upstream.
  ASSERT_TRUE(client(3)->call(testing::describe_trails()));
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "delay", "delay_ms": 3000, "times": 1}])");
  TransportOptions options;
  options.read_timeout = milliseconds(300);
  const auto result = client(3, options)->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 2);
}

TEST_F(HttpFaultInjectionTest, SlowButSteadyAnswerIsNotATimeout) {
  proxy.set_latency(milliseconds(200));  // every request waits 200 ms, under the 1 s read timeout
  TransportOptions options;
  options.read_timeout = milliseconds(1000);
  const auto result = client(1, options)->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
}

TEST_F(HttpFaultInjectionTest, ConnectionRefusedIsANetworkErrorAfterRetries) {
  const int closed_port = test_support::free_local_port();
  const auto result = client(3, {}, "http://127.0.0.1:" + std::to_string(closed_port))->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::network);
  EXPECT_EQ(result.error().code, "connect_failed");
  EXPECT_NE(result.error().message.find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(stats_of("cloudtrail.DescribeTrails").attempts, 3);
}

TEST_F(HttpFaultInjectionTest, ConnectionsAreReusedBetweenCallsOfAThread) {
  auto c = client();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(c->call(testing::describe_trails()));
  const auto seen = requests_for("DescribeTrails");
  ASSERT_EQ(seen.size(), 5u);
  for (const auto& r : seen) EXPECT_EQ(r.connection, seen[0].connection) << "request " << r.seq;
}

TEST_F(HttpFaultInjectionTest, LatencyIsAddedToEveryRequestAndTimed) {
  proxy.set_latency(milliseconds(30));
  auto c = client();
  const auto started = Clock::now();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c->call(testing::describe_trails()));
  EXPECT_GE(std::chrono::duration_cast<milliseconds>(Clock::now() - started).count(), 90);
  const auto seen = requests_for("DescribeTrails");
  ASSERT_EQ(seen.size(), 3u);
  for (const auto& r : seen) EXPECT_GE(r.duration_ms, 30.0);
}

TEST_F(HttpFaultInjectionTest, ConcurrentCallsFromManyThreads) {
  proxy.set_rules(R"([{"match": {"operation": "DescribeTrails"}, "fault": "status", "status": 400,
                       "code": "ThrottlingException", "times": 5}])");
  auto c = client(10);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        if (!c->call(testing::describe_trails())) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  const auto s = stats_of("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.calls, 20);
  EXPECT_EQ(s.attempts, 25);  // every injected throttle cost one retry
  EXPECT_EQ(s.throttled, 5);
  EXPECT_EQ(requests_for("DescribeTrails").size(), 25u);
}

// libcurl reads http_proxy itself; the uppercase HTTP_PROXY only through the transport (as the AWS CLI
// reads it). NO_PROXY applies to both.
TEST_F(HttpFaultInjectionTest, ProxiesComeFromTheEnvironment) {
  auto direct = client(1, {}, moto.url());  // to moto itself: only a proxy setting sends it to the proxy
  for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy",
                           "NO_PROXY", "no_proxy"}) {
    env.unset(name);
  }
  ASSERT_TRUE(direct->call(testing::describe_trails()));
  EXPECT_TRUE(proxy.log().empty());

  env.set("HTTP_PROXY", proxy.url());
  ASSERT_TRUE(direct->call(testing::describe_trails()));
  auto seen = proxy.log();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].absolute_form);

  env.set("NO_PROXY", "127.0.0.1");
  ASSERT_TRUE(direct->call(testing::describe_trails()));
  EXPECT_EQ(proxy.log().size(), 1u);

  env.unset("NO_PROXY");
  env.unset("HTTP_PROXY");
  env.set("http_proxy", proxy.url());
  ASSERT_TRUE(direct->call(testing::describe_trails()));
  seen = proxy.log();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[1].absolute_form);
}

}  // namespace
}  // namespace trailguard::aws
