// credential_process: small shell scripts written by each test stand in for the credential helper.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "aws/credentials/resolve_credentials.hpp"
#include "aws/credentials/timestamp.hpp"
#include "test_env.hpp"

namespace trailguard::aws {
namespace {

using testing::TestEnv;

class CredentialsProcess : public ::testing::Test {
 protected:
  // A script that appends a line to ./calls (to count runs) and then runs `body`.
  std::string script(const std::string& name, const std::string& body) {
    const auto path = env.dir.write(name, "#!/bin/sh\necho run >> '" + (env.dir.path() / "calls").string() + "'\n" + body,
                                    /*executable=*/true);
    return path.string();
  }
  void use(const std::string& command) { env.config("[default]\ncredential_process = " + command + "\n"); }
  int runs() const {
    std::ifstream in(env.dir.path() / "calls");
    int lines = 0;
    std::string line;
    while (std::getline(in, line)) ++lines;
    return lines;
  }
  Result<std::shared_ptr<CredentialsProvider>> resolve() { return resolve_credentials(env.options()); }

  TestEnv env;
};

std::string in_an_hour() { return format_timestamp(std::chrono::system_clock::now() + std::chrono::hours(1)); }

TEST_F(CredentialsProcess, LongTermKeysAreFetchedOnce) {
  use(script("creds.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS\", \"SecretAccessKey\": \"process-secret\"}'\n"));
  auto provider = resolve();
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->description(), "credential_process of profile 'default' ('" +
                                            (env.dir.path() / "creds.sh").string() + "')");
  for (int i = 0; i < 3; ++i) {
    auto credentials = (*provider)->credentials();
    ASSERT_TRUE(credentials) << credentials.error().describe();
    EXPECT_EQ(credentials->access_key_id, "AKIAPROCESS");
    EXPECT_EQ(credentials->secret_access_key, "process-secret");
    EXPECT_FALSE(credentials->has_session_token());
  }
  EXPECT_EQ(runs(), 1);
}

TEST_F(CredentialsProcess, TemporaryCredentialsWithExpiration) {
  use(script("creds.sh", "cat <<EOF\n{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESS\", \"SecretAccessKey\": \"s\",\n"
                         " \"SessionToken\": \"process-token\", \"Expiration\": \"" + in_an_hour() + "\"}\nEOF\n"));
  auto provider = resolve();
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials) << credentials.error().describe();
  EXPECT_EQ(credentials->session_token, "process-token");
  ASSERT_TRUE((*provider)->credentials());
  EXPECT_EQ(runs(), 1) << "an hour left: cached";
}

TEST_F(CredentialsProcess, CredentialsCloseToExpiryAreFetchedAgain) {
  const auto soon = format_timestamp(std::chrono::system_clock::now() + std::chrono::minutes(3));
  use(script("creds.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIA\", \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", "
                         "\"Expiration\": \"" + soon + "\"}'\n"));
  auto provider = resolve();
  ASSERT_TRUE(provider) << provider.error().describe();
  ASSERT_TRUE((*provider)->credentials());
  EXPECT_EQ(runs(), 2) << "within the 5-minute refresh window: run again, as botocore does";
}

TEST_F(CredentialsProcess, NonZeroExitIsAnErrorWithItsMessage) {
  use(script("creds.sh", "echo 'token expired, run sso login' >&2\nexit 3\n"));
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "CredentialProcessFailed");
  EXPECT_EQ(provider.error().where, "credential_process of profile 'default'");
  EXPECT_NE(provider.error().message.find("exited with status 3: token expired, run sso login"), std::string::npos)
      << provider.error().message;
}

TEST_F(CredentialsProcess, BadJsonIsAnErrorThatDoesNotEchoTheOutput) {
  use(script("creds.sh", "echo 'AccessKeyId=AKIAX SecretAccessKey=do-not-print-me'\n"));
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().kind, ErrorKind::malformed_input);
  EXPECT_NE(provider.error().message.find("not JSON"), std::string::npos) << provider.error().message;
  EXPECT_EQ(provider.error().describe().find("do-not-print-me"), std::string::npos) << provider.error().describe();
}

TEST_F(CredentialsProcess, VersionMustBeOne) {
  use(script("creds.sh", "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}'\n"));
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.error().message.find("unsupported \"Version\" 2"), std::string::npos) << provider.error().message;

  use(script("creds2.sh", "echo '{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"s\"}'\n"));
  provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.error().message.find("no \"Version\""), std::string::npos) << provider.error().message;
}

TEST_F(CredentialsProcess, MissingSecretIsAnError) {
  use(script("creds.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'\n"));
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_NE(provider.error().message.find("no \"SecretAccessKey\""), std::string::npos) << provider.error().message;
}

TEST_F(CredentialsProcess, ExpiredCredentialsAreAnError) {
  use(script("creds.sh", "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIA\", \"SecretAccessKey\": \"s\", "
                         "\"SessionToken\": \"t\", \"Expiration\": \"2020-01-01T00:00:00Z\"}'\n"));
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().code, "ExpiredCredentials");
  EXPECT_NE(provider.error().message.find("expired at 2020-01-01T00:00:00Z"), std::string::npos) << provider.error().message;
}

TEST_F(CredentialsProcess, ArgumentsAreSplitLikeShlexAndNeverGoThroughAShell) {
  // The script puts its arguments, joined by '|', into the access key id.
  const std::string path = script("my creds.sh",
                                  "printf '{\"Version\": 1, \"AccessKeyId\": \"%s|%s|%s|%s\", \"SecretAccessKey\": \"s\"}' "
                                  "\"$1\" \"$2\" \"$3\" \"$4\"\n");
  use("'" + path + "' \"two words\" $HOME ';touch " + (env.dir.path() / "pwned").string() + "' a\\ b");
  auto provider = resolve();
  ASSERT_TRUE(provider) << provider.error().describe();
  auto credentials = (*provider)->credentials();
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "two words|$HOME|;touch " + (env.dir.path() / "pwned").string() + "|a b");
  EXPECT_FALSE(std::filesystem::exists(env.dir.path() / "pwned"));
}

TEST_F(CredentialsProcess, ProgramThatCannotBeStartedIsAnError) {
  use((env.dir.path() / "no-such-program").string() + " --flag");
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().kind, ErrorKind::not_found);
  EXPECT_NE(provider.error().message.find("cannot be started"), std::string::npos) << provider.error().message;
}

TEST_F(CredentialsProcess, UnclosedQuoteIsAnError) {
  use("/bin/echo 'unclosed");
  auto provider = resolve();
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().kind, ErrorKind::invalid_argument);
}

TEST_F(CredentialsProcess, TimeoutStopsAHangingProgram) {
  use(script("creds.sh", "exec sleep 30\n"));
  auto options = env.options();
  options.process_timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  auto provider = resolve_credentials(options);
  ASSERT_FALSE(provider);
  EXPECT_EQ(provider.error().kind, ErrorKind::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(CredentialsProcess, ProgramInheritsNoOtherDescriptors) {
  const int fd = ::open("/dev/null", O_RDONLY);  // not close-on-exec, as a careless library might leave one
  ASSERT_GE(fd, 3);
  use(script("creds.sh", "if [ -e /dev/fd/" + std::to_string(fd) + " ]; then k=LEAKED; else k=CLOSED; fi\n"
                         "echo '{\"Version\": 1, \"AccessKeyId\": \"'$k'\", \"SecretAccessKey\": \"s\"}'\n"));
  auto provider = resolve();
  ::close(fd);
  ASSERT_TRUE(provider) << provider.error().describe();
  EXPECT_EQ((*provider)->credentials()->access_key_id, "CLOSED");
}

TEST_F(CredentialsProcess, LargeOutputOnBothStreamsDoesNotDeadlock) {
  use(script("creds.sh", "i=0; while [ $i -lt 3000 ]; do echo 'noise noise noise noise noise noise noise' >&2; i=$((i+1)); done\n"
                         "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIABIG\", \"SecretAccessKey\": \"s\", \"Pad\": \"'\n"
                         "i=0; while [ $i -lt 3000 ]; do printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; i=$((i+1)); done\n"
                         "printf '\"}'\n"));
  auto provider = resolve();
  ASSERT_TRUE(provider) << provider.error().describe();
}

}  // namespace
}  // namespace trailguard::aws
