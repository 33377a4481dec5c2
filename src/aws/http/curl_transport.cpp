// make_curl_transport: HttpTransport over libcurl.
//
// Each thread keeps one multi handle and one easy handle (thread_local), so connections stay open
// between requests of that thread (keep-alive) without any locking. Threads come from a pool that
// outlives each scan (base/parallel.hpp), so the connections outlive each account. The multi interface is used even
// for one transfer because it lets us wake up every few milliseconds and enforce the read timeout
// ("no byte for N ms") precisely; libcurl's LOW_SPEED_TIME counts whole seconds only.
#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "aws/http_transport.hpp"
#include "aws/url.hpp"
#include "base/redact.hpp"

namespace trailguard::aws {
namespace {

using Clock = std::chrono::steady_clock;

// A larger answer is refused: no AWS call trailguard makes comes near it.
constexpr std::size_t kMaxResponseBytes = 64u * 1024u * 1024u;
constexpr long kMaxIdleConnectionsPerThread = 32;
// How often the transfer loop wakes to check the read timeout when nothing happens.
constexpr int kMaxPollMs = 50;

// curl_global_init is not thread-safe; a function-local static makes it run once, first caller wins.
// curl_global_cleanup is deliberately never called: other threads may still hold handles at exit.
CURLcode global_init_result() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

struct ThreadHandles {
  CURLM* multi = nullptr;
  CURL* easy = nullptr;

  ThreadHandles() {
    multi = curl_multi_init();
    easy = curl_easy_init();
    // libcurl keeps 4 idle connections per easy handle by default; a pool thread talks to STS, EC2 and
    // CloudTrail in several regions, and each connection dropped is a TLS handshake paid again.
    if (multi != nullptr) curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, kMaxIdleConnectionsPerThread);
  }
  ~ThreadHandles() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    if (multi != nullptr) curl_multi_cleanup(multi);  // closes this thread's cached connections
  }
  ThreadHandles(const ThreadHandles&) = delete;
  ThreadHandles& operator=(const ThreadHandles&) = delete;
};

ThreadHandles& thread_handles() {
  thread_local ThreadHandles handles;
  return handles;
}

struct CurlSlist {
  curl_slist* list = nullptr;
  ~CurlSlist() { curl_slist_free_all(list); }
  bool append(const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr) return false;
    list = next;
    return true;
  }
};

// State shared with libcurl's callbacks during one transfer.
struct Transfer {
  HttpResponse response;
  Clock::time_point last_activity = Clock::now();
  bool connected = false;
  bool too_large = false;
  curl_off_t uploaded = 0;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  t->last_activity = Clock::now();
  if (t->response.body.size() + bytes > kMaxResponseBytes) {
    t->too_large = true;
    return CURL_WRITEFUNC_ERROR;
  }
  t->response.body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  t->last_activity = Clock::now();
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  // A new status line (after 100 Continue, or a proxy's CONNECT answer) starts a new header block.
  if (line.substr(0, 5) == "HTTP/") {
    t->response.headers.clear();
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  t->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

// Called once the connection (TCP, TLS, proxy tunnel) is up, right before the request is sent:
// from here on the read timeout applies; before, libcurl's connect timeout does.
int on_connected(void* user, char*, char*, int, int) {
  auto* t = static_cast<Transfer*>(user);
  t->connected = true;
  t->last_activity = Clock::now();
  return CURL_PREREQFUNC_OK;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t ulnow) {
  auto* t = static_cast<Transfer*>(user);
  if (ulnow != t->uploaded) {
    t->uploaded = ulnow;
    t->last_activity = Clock::now();
  }
  return 0;
}

Error transport_error(ErrorKind kind, const std::string& host, std::string message, std::string code) {
  // curl's own messages name hosts and ports, never headers; redact anyway (a proxy URL may carry a password).
  return make_error(kind, host, redact_secrets(message), std::move(code));
}

Error error_for(CURLcode code, const char* detail_buffer, const std::string& host, const TransportOptions& options,
                bool too_large) {
  const std::string detail = (detail_buffer != nullptr && detail_buffer[0] != '\0') ? detail_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return transport_error(ErrorKind::timeout, host,
                             "could not connect to " + host + " within " +
                                 std::to_string(options.connect_timeout.count()) + " ms",
                             "connect_timeout");
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return transport_error(ErrorKind::network, host, "cannot resolve " + host + ": " + detail, "resolve_failed");
    case CURLE_COULDNT_CONNECT:
      return transport_error(ErrorKind::network, host, "cannot connect to " + host + ": " + detail, "connect_failed");
    case CURLE_PARTIAL_FILE:
      return transport_error(ErrorKind::network, host, "the answer from " + host + " was cut short: " + detail,
                             "truncated");
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      return transport_error(ErrorKind::network, host, "the connection to " + host + " failed: " + detail,
                             "connection_failed");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return transport_error(ErrorKind::network, host, "TLS with " + host + " failed: " + detail, "tls_failed");
    case CURLE_WRITE_ERROR:
      if (too_large) {
        return transport_error(ErrorKind::network, host,
                               "the answer from " + host + " is larger than " +
                                   std::to_string(kMaxResponseBytes / (1024 * 1024)) + " MiB",
                               "answer_too_large");
      }
      break;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return transport_error(ErrorKind::invalid_argument, host, "cannot send a request to " + host + ": " + detail,
                             "bad_url");
    default:
      break;
  }
  return transport_error(ErrorKind::network, host, "the request to " + host + " failed: " + detail,
                         "curl_" + std::to_string(static_cast<int>(code)));
}

// libcurl reads https_proxy, HTTPS_PROXY, http_proxy and NO_PROXY/no_proxy itself, but not the
// uppercase HTTP_PROXY (a CGI hazard that does not concern a CLI). The AWS CLI honours it, so do we;
// NO_PROXY still applies to a proxy set this way.
const char* uppercase_http_proxy(const UrlParts& url) {
  if (url.scheme != "http") return nullptr;
  if (const char* lower = std::getenv("http_proxy"); lower != nullptr) return nullptr;
  const char* upper = std::getenv("HTTP_PROXY");
  return (upper != nullptr && upper[0] != '\0') ? upper : nullptr;
}

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(TransportOptions options) : options_(std::move(options)) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    Result<UrlParts> url = split_url(request.url);
    if (!url) return url.error();
    const std::string& host = url->host;
    if (url->scheme != "http" && url->scheme != "https") {
      return transport_error(ErrorKind::invalid_argument, host, "cannot send to " + host + ": only http and https",
                             "bad_url");
    }
    if (global_init_result() != CURLE_OK) {
      return transport_error(ErrorKind::internal, host, "libcurl failed to initialise", "curl_init");
    }
    ThreadHandles& handles = thread_handles();
    if (handles.multi == nullptr || handles.easy == nullptr) {
      return transport_error(ErrorKind::internal, host, "libcurl could not create a handle", "curl_init");
    }
    CURL* easy = handles.easy;
    // Reset forgets the last request's options but keeps the connection and DNS caches.
    curl_easy_reset(easy);

    CurlSlist headers;
    for (const auto& [name, value] : request.headers) {
      // "Name;" is libcurl's way to send a header with an empty value.
      if (!headers.append(value.empty() ? name + ";" : name + ": " + value)) {
        return transport_error(ErrorKind::internal, host, "out of memory building headers", "curl_init");
      }
    }
    // No "Expect: 100-continue" round trip for larger bodies, and no Content-Type libcurl would invent.
    if (!headers.append("Expect:")) return transport_error(ErrorKind::internal, host, "out of memory", "curl_init");
    if (!request.has_header("Content-Type") && !headers.append("Content-Type:")) {
      return transport_error(ErrorKind::internal, host, "out of memory", "curl_init");
    }

    Transfer transfer;
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_bundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options_.ca_bundle.c_str());
    if (const char* proxy = uppercase_http_proxy(*url)) curl_easy_setopt(easy, CURLOPT_PROXY, proxy);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);

    if (request.method == "GET") {
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
      curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else {
      if (request.method != "POST") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    }

    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, on_connected);
    curl_easy_setopt(easy, CURLOPT_PREREQDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);

    const std::optional<CURLcode> result = run(handles.multi, easy, transfer);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    // Leave no pointer into this stack frame (buffers, header list, body) behind in the reused handle.
    curl_easy_reset(easy);
    if (!result) {
      return transport_error(ErrorKind::timeout, host,
                             "no data from " + host + " for " + std::to_string(options_.read_timeout.count()) +
                                 " ms (read timeout)",
                             "read_timeout");
    }
    if (*result != CURLE_OK) return error_for(*result, detail, host, options_, transfer.too_large);
    transfer.response.status = status;
    return std::move(transfer.response);
  }

 private:
  // Drives one transfer; nullopt when the read timeout struck (the connection is then dropped).
  std::optional<CURLcode> run(CURLM* multi, CURL* easy, Transfer& transfer) const {
    if (curl_multi_add_handle(multi, easy) != CURLM_OK) return CURLE_FAILED_INIT;
    std::optional<CURLcode> result;
    bool timed_out = false;
    while (!result && !timed_out) {
      int running = 0;
      if (curl_multi_perform(multi, &running) != CURLM_OK) {
        result = CURLE_FAILED_INIT;
        break;
      }
      int queued = 0;
      while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
        if (message->msg == CURLMSG_DONE && message->easy_handle == easy) result = message->data.result;
      }
      if (result) break;
      if (running == 0) {
        result = CURLE_GOT_NOTHING;  // finished without saying how: treat as a dropped connection
        break;
      }
      int wait_ms = kMaxPollMs;
      if (transfer.connected) {
        const auto idle = Clock::now() - transfer.last_activity;
        if (idle >= options_.read_timeout) {
          timed_out = true;
          break;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(options_.read_timeout - idle);
        wait_ms = static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count() + 1, 1, kMaxPollMs));
      }
      if (curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr) != CURLM_OK) result = CURLE_FAILED_INIT;
    }
    // Removing an unfinished transfer closes its connection, so a late answer cannot be read as the next one's.
    curl_multi_remove_handle(multi, easy);
    if (timed_out) return std::nullopt;
    return result;
  }

  TransportOptions options_;
};

}  // namespace

std::shared_ptr<HttpTransport> make_curl_transport(const TransportOptions& options) {
  (void)global_init_result();
  return std::make_shared<CurlTransport>(options);
}

}  // namespace trailguard::aws
