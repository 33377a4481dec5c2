#include "support/local_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <stdexcept>

namespace trailguard::test_support {
namespace {

class Socket {
 public:
  Socket() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket() failed");
  }
  ~Socket() { close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool connect_to(const Socket& s, int port) {
  sockaddr_in address = loopback(port);
  return connect(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
}

}  // namespace

bool local_port_open(int port) {
  Socket s;
  return connect_to(s, port);
}

int free_local_port() {
  Socket s;
  sockaddr_in address = loopback(0);
  if (bind(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) throw std::runtime_error("bind failed");
  socklen_t length = sizeof address;
  if (getsockname(s.fd(), reinterpret_cast<sockaddr*>(&address), &length) != 0) throw std::runtime_error("getsockname");
  return ntohs(address.sin_port);
}

LocalHttpReply local_http(int port, const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          std::chrono::milliseconds timeout) {
  Socket s;
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  setsockopt(s.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(s.fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  if (!connect_to(s, port)) throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));

  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  if (!content_type.empty()) request += "Content-Type: " + content_type + "\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n" + body;
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(s.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send to 127.0.0.1:" + std::to_string(port) + " failed");
    sent += static_cast<std::size_t>(n);
  }

  std::string raw;
  char buffer[16384];
  for (;;) {
    const ssize_t n = recv(s.fd(), buffer, sizeof buffer, 0);
    if (n < 0) throw std::runtime_error("no answer from 127.0.0.1:" + std::to_string(port));
    if (n == 0) break;
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  // "HTTP/1.1 200 OK\r\n...\r\n\r\nbody"
  if (raw.rfind("HTTP/", 0) != 0 || raw.size() < 12) throw std::runtime_error("not an HTTP answer from 127.0.0.1:" + std::to_string(port));
  LocalHttpReply reply;
  reply.status = std::stoi(raw.substr(9, 3));
  const auto end_of_headers = raw.find("\r\n\r\n");
  if (end_of_headers != std::string::npos) reply.body = raw.substr(end_of_headers + 4);
  return reply;
}

}  // namespace trailguard::test_support
