// The libcurl transport alone, against raw loopback sockets: what it sends, how it reads an answer,
// and its connect timeout (a listener whose accept queue is full never completes a handshake).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "aws/http_transport.hpp"
#include "loopback_env.hpp"

namespace trailguard::aws {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

int listen_on_loopback(int backlog, int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, backlog) != 0) {
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

// Accepts one connection, keeps what it received, answers `reply` and closes.
class OneShotServer {
 public:
  explicit OneShotServer(std::string reply) : reply_(std::move(reply)) {
    fd_ = listen_on_loopback(1, port_);
    thread_ = std::thread([this] {
      const int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      char buffer[65536];
      while (received_.find("\r\n\r\n") == std::string::npos || !body_complete()) {
        const ssize_t n = recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        received_.append(buffer, static_cast<std::size_t>(n));
      }
      (void)!send(client, reply_.data(), reply_.size(), MSG_NOSIGNAL);
      close(client);
    });
  }
  ~OneShotServer() {
    shutdown(fd_, SHUT_RDWR);  // wakes accept() if nobody came
    if (thread_.joinable()) thread_.join();
    close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  // What the client sent; waits until the exchange is over.
  const std::string& received() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  bool body_complete() const {
    const auto end = received_.find("\r\n\r\n");
    const auto at = received_.find("Content-Length: ");
    if (at == std::string::npos || at > end) return true;
    return received_.size() >= end + 4 + std::stoul(received_.substr(at + 16));
  }
  std::string reply_;
  int fd_ = -1;
  int port_ = 0;
  std::string received_;
  std::thread thread_;
};

// Over libcurl's threshold (1 MiB) for "Expect: 100-continue", which would cost a round trip.
constexpr std::size_t kLargeBody = 1200 * 1024;

class HttpCurlTransportTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::bypass_proxies_for_loopback(env); }
  testing::ScopedEnv env;
};

TEST_F(HttpCurlTransportTest, SendsHeadersAndBodyAsGivenAndReadsAnErrorStatusAsAnAnswer) {
  OneShotServer server(
      "HTTP/1.1 403 Forbidden\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amzn-ErrorType:  AccessDenied \r\n"
      "Content-Length: 26\r\nConnection: close\r\n\r\n{\"__type\": \"AccessDenied\"}");
  HttpRequest request{"POST", server.url(), {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "T.Op"},
                                             {"X-Empty", ""}}, std::string(kLargeBody, 'x')};
  const auto response = make_curl_transport({})->send(request);
  ASSERT_TRUE(response) << response.error().describe();
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(response->body, "{\"__type\": \"AccessDenied\"}");
  ASSERT_GE(response->headers.size(), 2u);
  EXPECT_EQ(response->headers[0], (std::pair<std::string, std::string>{"Content-Type", "application/x-amz-json-1.1"}));
  EXPECT_EQ(response->headers[1], (std::pair<std::string, std::string>{"X-Amzn-ErrorType", "AccessDenied"}));

  const std::string& sent = server.received();
  EXPECT_EQ(sent.rfind("POST / HTTP/1.1\r\n", 0), 0u) << sent.substr(0, 400);
  EXPECT_NE(sent.find("\r\nX-Amz-Target: T.Op\r\n"), std::string::npos) << sent.substr(0, 400);
  EXPECT_NE(sent.find("\r\nX-Empty:\r\n"), std::string::npos) << sent.substr(0, 400);
  EXPECT_NE(sent.find("\r\nContent-Length: " + std::to_string(kLargeBody) + "\r\n"), std::string::npos) << sent.substr(0, 400);
  EXPECT_EQ(sent.find("Expect:"), std::string::npos) << "no 100-continue round trip";
  EXPECT_EQ(sent.find("application/x-www-form-urlencoded"), std::string::npos);
  EXPECT_EQ(sent.substr(sent.size() - kLargeBody), std::string(kLargeBody, 'x'));
}

TEST_F(HttpCurlTransportTest, ConnectTimeoutWhenTheHandshakeNeverCompletes) {
  int port = 0;
  const int listener = listen_on_loopback(0, port);
  // Fill the accept queue: the kernel then drops further SYNs, so a connect hangs.
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    (void)connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    fillers.push_back(fd);
  }
  std::this_thread::sleep_for(milliseconds(100));

  TransportOptions options;
  options.connect_timeout = milliseconds(300);
  const auto started = Clock::now();
  const auto response =
      make_curl_transport(options)->send(HttpRequest{"POST", "http://127.0.0.1:" + std::to_string(port) + "/", {}, "{}"});
  const auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  for (int fd : fillers) close(fd);
  close(listener);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::timeout) << response.error().describe();
  EXPECT_EQ(response.error().code, "connect_timeout");
  EXPECT_EQ(response.error().message, "could not connect to 127.0.0.1 within 300 ms");
  EXPECT_GE(elapsed.count(), 290);
  EXPECT_LT(elapsed.count(), 1500);
}

TEST_F(HttpCurlTransportTest, RefusesUrlsItCannotSend) {
  const auto ftp = make_curl_transport({})->send(HttpRequest{"GET", "ftp://127.0.0.1/x", {}, ""});
  ASSERT_FALSE(ftp);
  EXPECT_EQ(ftp.error().kind, ErrorKind::invalid_argument);
  const auto garbage = make_curl_transport({})->send(HttpRequest{"GET", "not a url", {}, ""});
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().kind, ErrorKind::invalid_argument);
}

}  // namespace
}  // namespace trailguard::aws
