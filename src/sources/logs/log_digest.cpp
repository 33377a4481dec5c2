#include "sources/logs/log_digest.hpp"

#include <nlohmann/json.hpp>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace {

using nlohmann::json;

Error malformed(const std::string& input, std::string message) {
  return Error{ErrorKind::malformed_input, "not a CloudTrail digest: " + std::move(message), input, "malformed_digest"};
}

// Reads the named members of one JSON object; the first problem is kept, so the message names one field.
class Fields {
 public:
  Fields(const json& object, std::string path) : object_(object), path_(std::move(path)) {}

  std::string required(const char* name) {
    const auto it = object_.find(name);
    if (it == object_.end()) return fail(std::string(name) + " is missing");
    if (!it->is_string()) return fail(std::string(name) + " is not a string");
    return it->get<std::string>();
  }
  // Absent and null alike are "none"; any other non-string is an error.
  std::optional<std::string> optional(const char* name) {
    const auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      fail(std::string(name) + " is not a string or null");
      return std::nullopt;
    }
    return it->get<std::string>();
  }
  std::int64_t time(const std::string& text, const char* name) {
    if (problem_) return 0;
    if (auto seconds = parse_utc_time(text)) return *seconds;
    fail(std::string(name) + " \"" + text.substr(0, 40) + "\" is not a UTC time");
    return 0;
  }
  std::optional<std::int64_t> optional_time(const char* name) {
    auto text = optional(name);
    if (!text) return std::nullopt;
    return time(*text, name);
  }
  const std::optional<std::string>& problem() const { return problem_; }

 private:
  std::string fail(std::string message) {
    if (!problem_) problem_ = path_ + message;
    return {};
  }
  const json& object_;
  std::string path_;
  std::optional<std::string> problem_;
};

}  // namespace

Result<LogDigest> parse_log_digest(std::string_view text, const std::string& input) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    return malformed(input, "not JSON (at byte " + std::to_string(error.byte) + ")");
  }
  if (!document.is_object()) return malformed(input, "the document is not a JSON object");

  LogDigest digest;
  Fields fields(document, "");
  digest.start_time_text = fields.required("digestStartTime");
  digest.end_time_text = fields.required("digestEndTime");
  digest.s3_bucket = fields.required("digestS3Bucket");
  digest.s3_object = fields.required("digestS3Object");
  digest.public_key_fingerprint = fields.required("digestPublicKeyFingerprint");
  digest.signature_algorithm = fields.required("digestSignatureAlgorithm");
  digest.previous_s3_bucket = fields.optional("previousDigestS3Bucket");
  digest.previous_s3_object = fields.optional("previousDigestS3Object");
  digest.previous_hash_value = fields.optional("previousDigestHashValue");
  digest.previous_hash_algorithm = fields.optional("previousDigestHashAlgorithm");
  digest.previous_signature = fields.optional("previousDigestSignature");
  digest.start_time = fields.time(digest.start_time_text, "digestStartTime");
  digest.end_time = fields.time(digest.end_time_text, "digestEndTime");
  if (fields.problem()) return malformed(input, *fields.problem());
  // awscli refuses a digest without the member; null is the first of a chain.
  if (!document.contains("previousDigestSignature")) return malformed(input, "previousDigestSignature is missing");

  const auto files = document.find("logFiles");
  if (files == document.end()) return malformed(input, "logFiles is missing");
  if (!files->is_array()) return malformed(input, "logFiles is not an array");
  digest.log_files.reserve(files->size());
  for (std::size_t i = 0; i < files->size(); ++i) {
    const auto& entry = (*files)[i];
    const auto path = "logFiles[" + std::to_string(i) + "].";
    if (!entry.is_object()) return malformed(input, path.substr(0, path.size() - 1) + " is not an object");
    Fields file(entry, path);
    DigestLogFile listed;
    listed.s3_bucket = file.required("s3Bucket");
    listed.s3_object = file.required("s3Object");
    listed.hash_value = file.required("hashValue");
    listed.hash_algorithm = file.required("hashAlgorithm");
    listed.oldest_event_time = file.optional_time("oldestEventTime");
    listed.newest_event_time = file.optional_time("newestEventTime");
    if (file.problem()) return malformed(input, *file.problem());
    digest.log_files.push_back(std::move(listed));
  }
  return digest;
}

std::string digest_string_to_sign(const LogDigest& digest, std::string_view inflated_sha256_hex) {
  std::string text;
  text.reserve(digest.end_time_text.size() + digest.s3_bucket.size() + digest.s3_object.size() + 600);
  text += digest.end_time_text;
  text += '\n';
  text += digest.s3_bucket;
  text += '/';
  text += digest.s3_object;
  text += '\n';
  text += inflated_sha256_hex;
  text += '\n';
  text += digest.previous_signature ? *digest.previous_signature : "null";
  return text;
}

}  // namespace trailguard::sources::logs
