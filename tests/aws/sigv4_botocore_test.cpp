// Signs 1,500 generated requests with our signer and with botocore (tests/aws/gen_sigv4_cases.py
// runs botocore's own SigV4Auth / S3SigV4Auth), and requires the same bytes: Authorization,
// canonical request, string to sign and the headers left on the request.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "aws/sigv4.hpp"

namespace trailguard::aws {
namespace {

namespace fs = std::filesystem;

constexpr int kMinimumCases = 1000;

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// botocore is installed for the pyenv interpreter; fall back to python3 on PATH.
std::string python() {
  if (const char* home = std::getenv("HOME"); home != nullptr) {
    const fs::path shim = fs::path(home) / ".pyenv" / "shims" / "python3";
    std::error_code ec;
    if (fs::exists(shim, ec)) return shim.string();
  }
  return "python3";
}

std::string hex_decode(const std::string& hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// Shows invisible characters, so a whitespace difference can be seen in a failure message.
std::string visible(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n\n";
    } else if (c < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

class TempFile {
 public:
  TempFile() : path_(fs::temp_directory_path() / ("trailguard_sigv4_cases_" + std::to_string(::getpid()) + ".json")) {}
  ~TempFile() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(SigV4Botocore, EveryGeneratedRequestIsSignedExactlyAsBotocoreSignsIt) {
  TempFile cases_file;
  const std::string script = std::string(TRAILGUARD_SOURCE_DIR) + "/tests/aws/gen_sigv4_cases.py";
  const std::string command = shell_quote(python()) + " " + shell_quote(script) + " " + shell_quote(cases_file.path().string());
  ASSERT_EQ(std::system(command.c_str()), 0) << "the botocore case generator failed: " << command;

  std::ifstream in(cases_file.path(), std::ios::binary);
  ASSERT_TRUE(in) << "no case file at " << cases_file.path();
  const nlohmann::json document = nlohmann::json::parse(in);
  const auto& cases = document.at("cases");
  ASSERT_GE(cases.size(), static_cast<std::size_t>(kMinimumCases));

  int compared = 0;
  int failures = 0;
  for (const auto& c : cases) {
    HttpRequest request;
    request.method = c.at("method").get<std::string>();
    request.url = c.at("url").get<std::string>();
    for (const auto& header : c.at("headers")) {
      request.headers.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
    }
    request.body = hex_decode(c.at("body_hex").get<std::string>());
    const Credentials credentials{c.at("access_key_id").get<std::string>(), c.at("secret_access_key").get<std::string>(),
                                  c.at("session_token").get<std::string>()};
    const SigningParams params{c.at("service").get<std::string>(), c.at("region").get<std::string>(),
                               std::chrono::sys_seconds{std::chrono::seconds{c.at("epoch_seconds").get<long long>()}},
                               c.at("s3").get<bool>()};
    const auto& expected = c.at("expected");

    const Result<SigningDetails> details = sign_v4(request, credentials, params);
    ++compared;
    if (!details) {
      ADD_FAILURE() << "case " << c.at("id") << " (" << request.url << "): " << details.error().describe();
      if (++failures >= 10) break;
      continue;
    }
    const std::string* authorization = request.find_header("Authorization");
    const std::string actual_authorization = authorization != nullptr ? *authorization : "<no Authorization header>";
    std::vector<std::pair<std::string, std::string>> expected_headers;
    for (const auto& header : expected.at("headers")) {
      expected_headers.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
    }
    const std::string expected_canonical = expected.at("canonical_request").get<std::string>();
    if (actual_authorization != expected.at("authorization").get<std::string>() ||
        details->canonical_request != expected_canonical ||
        details->string_to_sign != expected.at("string_to_sign").get<std::string>() ||
        request.headers != expected_headers) {
      std::ostringstream headers_note;
      if (request.headers != expected_headers) {
        headers_note << "\nheaders differ; ours:";
        for (const auto& [n, v] : request.headers) headers_note << "\n  " << n << ": " << visible(v);
        headers_note << "\nbotocore's:";
        for (const auto& [n, v] : expected_headers) headers_note << "\n  " << n << ": " << visible(v);
      }
      ADD_FAILURE() << "case " << c.at("id") << " " << c.at("method").get<std::string>() << " " << request.url
                    << (params.s3 ? " (S3)" : "") << "\nAuthorization, ours:\n  " << actual_authorization
                    << "\nbotocore's:\n  " << expected.at("authorization").get<std::string>()
                    << "\ncanonical request, ours:\n" << visible(details->canonical_request)
                    << "\nbotocore's:\n" << visible(expected_canonical) << headers_note.str();
      if (++failures >= 10) break;
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GE(compared, kMinimumCases) << "too few cases compared for the test to mean anything";
  std::cout << "compared " << compared << " requests with botocore " << document.at("botocore_version").get<std::string>()
            << ", " << failures << " differed\n";
}

}  // namespace
}  // namespace trailguard::aws
