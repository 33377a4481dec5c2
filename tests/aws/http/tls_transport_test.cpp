// TLS through the libcurl transport: moto serving HTTPS with a self-signed certificate made here.
// The certificate is trusted only when it is the configured CA bundle (AWS_CA_BUNDLE); verification
// can never be switched off.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>

#include "aws/aws_client.hpp"
#include "aws/http_transport.hpp"
#include "loopback_env.hpp"
#include "moto_calls.hpp"
#include "static_credentials.hpp"
#include "support/moto_server.hpp"
#include "support/run_process.hpp"

namespace trailguard::aws {
namespace {

namespace fs = std::filesystem;

// A self-signed certificate for 127.0.0.1 (EC P-256: quick to make), in a directory removed afterwards.
struct SelfSigned {
  SelfSigned() {
    char pattern[] = "/tmp/trailguard-tls-XXXXXX";
    const char* made = mkdtemp(pattern);
    if (made == nullptr) throw std::runtime_error("mkdtemp failed");
    dir = made;
  }
  ~SelfSigned() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  void make(const std::string& name) {
    const auto result = test_support::run_process(
        {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key(name), "-out", cert(name), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"});
    if (result.exit_code != 0) throw std::runtime_error("openssl failed: " + result.err);
  }
  std::string cert(const std::string& name) const { return (dir / (name + "-cert.pem")).string(); }
  std::string key(const std::string& name) const { return (dir / (name + "-key.pem")).string(); }
  fs::path dir;
};

Result<ApiResponse> describe_trails_over(const std::string& url, const TransportOptions& options) {
  ClientConfig config;
  config.endpoints.endpoint_url = url;
  config.retry.max_attempts = 1;
  return make_aws_client(config, testing::StaticCredentials::fake(), make_curl_transport(options),
                         std::make_shared<CallStats>())
      ->call(testing::describe_trails());
}

TEST(HttpTlsTransport, TrustsOnlyTheConfiguredCaBundle) {
  testing::ScopedEnv env;
  testing::bypass_proxies_for_loopback(env);
  SelfSigned certificates;
  certificates.make("server");
  certificates.make("other");
  test_support::MotoServerOptions options;
  options.https = true;
  options.extra_args = {"-c", certificates.cert("server"), "-k", certificates.key("server")};
  test_support::MotoServer moto(options);
  ASSERT_EQ(moto.url().rfind("https://127.0.0.1:", 0), 0u);

  TransportOptions trusted;
  trusted.ca_bundle = certificates.cert("server");
  const auto ok = describe_trails_over(moto.url(), trusted);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_NE(ok->body.find("trailList"), std::string::npos);

  const auto system_store = describe_trails_over(moto.url(), TransportOptions{});
  ASSERT_FALSE(system_store);
  EXPECT_EQ(system_store.error().kind, ErrorKind::network);
  EXPECT_EQ(system_store.error().code, "tls_failed") << system_store.error().describe();
  EXPECT_NE(system_store.error().message.find("127.0.0.1"), std::string::npos);

  TransportOptions wrong;
  wrong.ca_bundle = certificates.cert("other");
  const auto other = describe_trails_over(moto.url(), wrong);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "tls_failed") << other.error().describe();

  TransportOptions missing;
  missing.ca_bundle = (certificates.dir / "no-such-bundle.pem").string();
  const auto absent = describe_trails_over(moto.url(), missing);
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().kind, ErrorKind::network) << absent.error().describe();
}

}  // namespace
}  // namespace trailguard::aws
