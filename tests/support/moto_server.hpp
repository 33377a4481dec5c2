// MotoServer: a moto_server process of the test's own on a free 127.0.0.1 port, started in the
// constructor (which waits until it answers) and stopped in the destructor. Use one per test (or per
// fixture); parallel tests each get their own server and port. Only loopback is ever used.
//
//   test_support::MotoServer moto;                 // throws std::runtime_error (with the log) if it cannot start
//   config.endpoints.endpoint_url = moto.url();    // "http://127.0.0.1:PORT"
//   moto.reset();                                  // POST /moto-api/reset
//
// moto_server is found as $TRAILGUARD_MOTO_SERVER, in ~/.pyenv/shims, or on PATH. It runs with every
// AWS_* variable of the caller removed, fake keys, /dev/null config and credentials files, and no
// instance metadata. Not thread-safe: one thread owns each object (the server itself serves many).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "support/background_process.hpp"
#include "support/local_http.hpp"

namespace trailguard::test_support {

struct MotoServerOptions {
  std::vector<std::string> extra_args;  // e.g. {"-c", cert, "-k", key} for HTTPS (then probed by TCP only)
  bool https = false;
  std::chrono::milliseconds start_timeout{20000};
};

class MotoServer {
 public:
  explicit MotoServer(MotoServerOptions options = {});
  ~MotoServer();
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:PORT" (https:// with options.https)

  // POST /moto-api/reset: wipes every account's state (not the auth switch).
  void reset();
  // POST /moto-api/reset-auth with body 0: from now on moto checks SigV4 signatures and IAM policies
  // (wrong secret: SignatureDoesNotMatch; unknown key: InvalidClientTokenId). Create the IAM user and
  // its access key before calling this.
  void enable_auth();
  // Any other request to the server (plain HTTP only).
  LocalHttpReply request(const std::string& method, const std::string& path, const std::string& body = {},
                         const std::string& content_type = {});

  std::string log_tail(std::size_t lines = 30) const { return process_ ? process_->log_tail(lines) : ""; }

  // The moto_server executable, or "" when there is none.
  static std::string find_moto_server();

 private:
  MotoServerOptions options_;
  int port_ = 0;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace trailguard::test_support
