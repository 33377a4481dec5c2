// AwsClient over a scripted transport: signing, retries and their delays, statistics, error shapes.
#include <gtest/gtest.h>

#include <mutex>

#include "aws/aws_client.hpp"
#include "base/log.hpp"
#include "moto_calls.hpp"
#include "scripted_transport.hpp"
#include "static_credentials.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;
using testing::ScriptedTransport;
using testing::StaticCredentials;

struct SleepRecorder {
  std::mutex mutex;
  std::vector<milliseconds> delays;
  std::function<void(milliseconds)> function() {
    return [this](milliseconds d) {
      std::lock_guard lock(mutex);
      delays.push_back(d);
    };
  }
};

class HttpAwsClientTest : public ::testing::Test {
 protected:
  std::shared_ptr<AwsClient> client(std::vector<Result<HttpResponse>> script, int max_attempts = 3) {
    transport = std::make_shared<ScriptedTransport>(std::move(script));
    ClientConfig config;
    config.endpoints.endpoint_url = "http://127.0.0.1:9";  // never contacted: the transport is scripted
    config.retry.max_attempts = max_attempts;
    config.retry.sleep = sleeps.function();
    config.user_agent = "trailguard-test region/eu-west-1";
    return make_aws_client(config, credentials, transport, stats);
  }

  std::shared_ptr<StaticCredentials> credentials = StaticCredentials::fake();
  std::shared_ptr<ScriptedTransport> transport;
  std::shared_ptr<CallStats> stats = std::make_shared<CallStats>();
  SleepRecorder sleeps;
};

const HttpResponse kTrails = ScriptedTransport::ok(R"({"trailList": []})");
const HttpResponse kThrottled = ScriptedTransport::json_error(400, "ThrottlingException", "Rate exceeded");

TEST_F(HttpAwsClientTest, SignsEveryRequestForTheServiceAndRegion) {
  const auto result = client({kTrails})->call(testing::describe_trails("eu-west-1"));
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->body, R"({"trailList": []})");
  const auto sent = transport->requests();
  ASSERT_EQ(sent.size(), 1u);
  const std::string* authorization = sent[0].find_header("Authorization");
  ASSERT_NE(authorization, nullptr);
  EXPECT_EQ(authorization->rfind("AWS4-HMAC-SHA256 Credential=AKIAMOTOFAKEKEY00000/", 0), 0u) << *authorization;
  EXPECT_NE(authorization->find("/eu-west-1/cloudtrail/aws4_request"), std::string::npos) << *authorization;
  EXPECT_NE(authorization->find("x-amz-target"), std::string::npos);
  EXPECT_TRUE(sent[0].has_header("X-Amz-Date"));
  EXPECT_FALSE(sent[0].has_header("X-Amz-Security-Token"));
  EXPECT_EQ(*sent[0].find_header("User-Agent"), "trailguard-test region-eu-west-1");
  EXPECT_EQ(sent[0].url, "http://127.0.0.1:9/");
}

TEST_F(HttpAwsClientTest, GlobalServiceIsSignedForThePartitionsHomeRegionAndSessionTokenIsSent) {
  credentials = std::make_shared<StaticCredentials>(Credentials{"ASIATEMPORARY0000000", "secret", "the-token"});
  ApiCall call = testing::describe_trails("eu-west-1");
  call.service = "organizations";
  call.operation = "DescribeOrganization";
  call.target_prefix = "AWSOrganizationsV20161128";
  ASSERT_TRUE(client({ScriptedTransport::ok("{}")})->call(call));
  const auto sent = transport->requests();
  EXPECT_NE(sent[0].find_header("Authorization")->find("/us-east-1/organizations/aws4_request"), std::string::npos);
  ASSERT_TRUE(sent[0].has_header("X-Amz-Security-Token"));
  EXPECT_EQ(*sent[0].find_header("X-Amz-Security-Token"), "the-token");
}

TEST_F(HttpAwsClientTest, ThrottledTwiceThenSucceedsOnTheThirdAttempt) {
  const auto result = client({kThrottled, kThrottled, kTrails})->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 3);
  EXPECT_EQ(transport->requests().size(), 3u);
  EXPECT_EQ(credentials->calls, 3);  // asked again before every attempt
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.calls, 1);
  EXPECT_EQ(s.attempts, 3);
  EXPECT_EQ(s.failures, 0);
  ASSERT_EQ(sleeps.delays.size(), 2u);
  EXPECT_LT(sleeps.delays[0].count(), 100);  // full jitter under base * 2^0
  EXPECT_LT(sleeps.delays[1].count(), 200);  // and under base * 2^1
}

TEST_F(HttpAwsClientTest, ThrottledForeverFailsThrottledAfterMaxAttempts) {
  const auto result = client({kThrottled}, 4)->call(testing::describe_trails("eu-west-1"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::throttled);
  EXPECT_EQ(result.error().code, "ThrottlingException");
  EXPECT_EQ(result.error().message, "Rate exceeded (gave up after 4 attempts)");
  EXPECT_EQ(result.error().where, "cloudtrail DescribeTrails in eu-west-1");
  EXPECT_EQ(transport->requests().size(), 4u);
  EXPECT_EQ(sleeps.delays.size(), 3u);
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.attempts, 4);
  EXPECT_EQ(s.failures, 1);
}

TEST_F(HttpAwsClientTest, AccessDeniedIsNotRetried) {
  const auto result =
      client({ScriptedTransport::json_error(400, "AccessDeniedException", "not allowed"), kTrails})
          ->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::access_denied);
  EXPECT_EQ(result.error().code, "AccessDeniedException");
  EXPECT_EQ(result.error().message, "not allowed");
  EXPECT_EQ(transport->requests().size(), 1u);
  EXPECT_TRUE(sleeps.delays.empty());
}

TEST_F(HttpAwsClientTest, OtherClientErrorsAreNotRetried) {
  const auto result = client({ScriptedTransport::json_error(400, "InvalidTrailNameException"), kTrails})
                          ->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::service);
  EXPECT_EQ(transport->requests().size(), 1u);
}

TEST_F(HttpAwsClientTest, ServerErrorsAndTransportFailuresAreRetried) {
  const Result<HttpResponse> reset = make_error(ErrorKind::network, "127.0.0.1", "the connection failed");
  const Result<HttpResponse> slow = make_error(ErrorKind::timeout, "127.0.0.1", "no data for 1 ms");
  const HttpResponse html500{500, {}, "<!doctype html><html><title>500</title></html>"};
  const auto result = client({reset, slow, html500, HttpResponse{503, {}, ""}, kTrails}, 5)->call(testing::describe_trails());
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->attempts, 5);
}

TEST_F(HttpAwsClientTest, TransportFailureAfterRetriesKeepsKindAndNamesTheCall) {
  const Result<HttpResponse> reset = make_error(ErrorKind::network, "127.0.0.1", "the connection to 127.0.0.1 failed",
                                                "connection_failed");
  const auto result = client({reset})->call(testing::get_caller_identity("ap-south-1"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::network);
  EXPECT_EQ(result.error().code, "connection_failed");
  EXPECT_EQ(result.error().where, "sts GetCallerIdentity in ap-south-1");
  EXPECT_EQ(result.error().message, "the connection to 127.0.0.1 failed (gave up after 3 attempts)");
  EXPECT_EQ(stats->snapshot().at("sts.GetCallerIdentity").attempts, 3);
}

TEST_F(HttpAwsClientTest, MalformedSuccessfulAnswerIsMalformedInputNotRetried) {
  const auto result = client({ScriptedTransport::ok(R"({"trailList": [)"), kTrails})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::malformed_input);
  EXPECT_EQ(result.error().message, "the answer from 127.0.0.1 is not a JSON object");
  EXPECT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(stats->snapshot().at("cloudtrail.DescribeTrails").failures, 1);
}

TEST_F(HttpAwsClientTest, CredentialsFailureIsReturnedAsIsWithoutSending) {
  credentials->failure = make_error(ErrorKind::access_denied, "profile 'audit'", "the SSO token expired", "sso_expired");
  const auto result = client({kTrails})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().where, "profile 'audit'");
  EXPECT_EQ(result.error().message, "the SSO token expired");
  EXPECT_EQ(result.error().code, "sso_expired");
  EXPECT_TRUE(transport->requests().empty());
  const auto s = stats->snapshot().at("cloudtrail.DescribeTrails");
  EXPECT_EQ(s.attempts, 0);
  EXPECT_EQ(s.failures, 1);
}

// A provider whose keys change between calls, as a refreshing provider's do.
class RotatingCredentials final : public CredentialsProvider {
 public:
  Result<Credentials> credentials() override {
    ++calls_;
    return Credentials{"AKIAROTATING" + std::string(8 - std::to_string(calls_).size(), '0') + std::to_string(calls_), "s", ""};
  }
  std::string description() const override { return "rotating"; }

 private:
  int calls_ = 0;
};

TEST_F(HttpAwsClientTest, EachAttemptIsSignedWithFreshCredentials) {
  auto rotating = std::make_shared<RotatingCredentials>();
  transport = std::make_shared<ScriptedTransport>(std::vector<Result<HttpResponse>>{kThrottled, kTrails});
  ClientConfig config;
  config.endpoints.endpoint_url = "http://127.0.0.1:9";
  config.retry.sleep = sleeps.function();
  ASSERT_TRUE(make_aws_client(config, rotating, transport, stats)->call(testing::describe_trails()));
  const auto sent = transport->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_NE(sent[0].find_header("Authorization")->find("AKIAROTATING00000001/"), std::string::npos);
  EXPECT_NE(sent[1].find_header("Authorization")->find("AKIAROTATING00000002/"), std::string::npos);
}

TEST_F(HttpAwsClientTest, RetryQuotaStopsRetriesWhenExhausted) {
  auto c = client({kThrottled}, 3);
  // 500 tokens / 5 per retry = 100 retries, then none: call 50 fails after 3 attempts, call 51 after 1.
  for (int i = 0; i < 50; ++i) ASSERT_FALSE(c->call(testing::describe_trails()));
  EXPECT_EQ(transport->requests().size(), 150u);
  const auto after = c->call(testing::describe_trails());
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().kind, ErrorKind::throttled);
  EXPECT_EQ(transport->requests().size(), 151u);
}

TEST_F(HttpAwsClientTest, RetryQuotaCanBeTurnedOff) {
  transport = std::make_shared<ScriptedTransport>(std::vector<Result<HttpResponse>>{kThrottled});
  ClientConfig config;
  config.endpoints.endpoint_url = "http://127.0.0.1:9";
  config.retry.sleep = sleeps.function();
  config.retry.retry_quota = false;
  auto c = make_aws_client(config, credentials, transport, stats);
  for (int i = 0; i < 60; ++i) ASSERT_FALSE(c->call(testing::describe_trails()));
  EXPECT_EQ(transport->requests().size(), 180u);
}

TEST_F(HttpAwsClientTest, MaxAttemptsBelowOneMeansOne) {
  const auto result = client({kThrottled, kTrails}, 0)->call(testing::describe_trails());
  ASSERT_FALSE(result);
  EXPECT_EQ(transport->requests().size(), 1u);
  EXPECT_EQ(result.error().message, "Rate exceeded");
}

TEST_F(HttpAwsClientTest, QueryCallsAreFormEncodedAndXmlChecked) {
  const auto result = client({ScriptedTransport::ok("<DescribeRegionsResponse/>")})->call(testing::describe_regions());
  ASSERT_TRUE(result) << result.error().describe();
  const auto sent = transport->requests();
  EXPECT_EQ(sent[0].body, "Action=DescribeRegions&Version=2016-11-15&AllRegions=true");
  EXPECT_NE(sent[0].find_header("Authorization")->find("/us-east-1/ec2/aws4_request"), std::string::npos);
}

TEST_F(HttpAwsClientTest, SecretsNeverAppearInErrors) {
  credentials = std::make_shared<StaticCredentials>(Credentials{"AKIAMOTOFAKEKEY00000", "TopSecretKey", "TopToken"});
  const auto result = client({kThrottled})->call(testing::describe_trails());
  ASSERT_FALSE(result);
  const std::string all = result.error().describe() + result.error().code;
  EXPECT_EQ(all.find("TopSecretKey"), std::string::npos);
  EXPECT_EQ(all.find("TopToken"), std::string::npos);
  EXPECT_EQ(all.find("Signature="), std::string::npos);
}

TEST_F(HttpAwsClientTest, DebugLogShowsEachAttemptButNoSecrets) {
  credentials = std::make_shared<StaticCredentials>(Credentials{"ASIATEMPORARY0000000", "TopSecretKey", "TopToken"});
  const LogLevel before = log_level();
  set_log_level(LogLevel::debug);
  ::testing::internal::CaptureStderr();
  const auto result = client({kThrottled, kTrails})->call(testing::describe_trails("eu-west-1"));
  const std::string logged = ::testing::internal::GetCapturedStderr();
  set_log_level(before);
  ASSERT_TRUE(result);
  EXPECT_NE(logged.find("cloudtrail DescribeTrails in eu-west-1: attempt 1 to 127.0.0.1: HTTP 400"), std::string::npos)
      << logged;
  EXPECT_NE(logged.find("retrying in"), std::string::npos) << logged;
  EXPECT_NE(logged.find("attempt 2 to 127.0.0.1: HTTP 200"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("TopSecretKey"), std::string::npos);
  EXPECT_EQ(logged.find("TopToken"), std::string::npos);
  EXPECT_EQ(logged.find("Signature="), std::string::npos);
}

}  // namespace
}  // namespace trailguard::aws
