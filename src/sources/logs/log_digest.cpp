#include "sources/logs/log_digest.hpp"

#include "base/utc_time.hpp"
#include "sources/json_input.hpp"

namespace trailguard::sources::logs {
namespace {

Error malformed(Error error) {
  error.message = "not a CloudTrail digest: " + error.message;
  error.code = "malformed_digest";
  return error;
}

// Reads the members of one JSON object, keeping the first problem, so that the message names one field.
class Fields {
 public:
  explicit Fields(const JsonAt& object) : object_(object) {}

  std::string required(std::string_view key) { return keep(required_string(object_, key)); }
  // Absent and null alike are "none"; any other non-string is an error.
  std::optional<std::string> optional(std::string_view key) {
    const auto child = object_.member(key);
    if (!child) return std::nullopt;
    auto text = child->as_string();
    if (!text) {
      fail(text.error());
      return std::nullopt;
    }
    return std::move(*text);
  }
  std::int64_t time(const std::string& text, std::string_view key) {
    if (problem_) return 0;
    if (auto seconds = parse_utc_time(text)) return *seconds;
    fail(make_error(ErrorKind::malformed_input, *object_.input,
                    (object_.path.empty() ? "" : object_.path + ".") + std::string(key) + " \"" + text.substr(0, 40) +
                        "\" is not a UTC time"));
    return 0;
  }
  std::optional<std::int64_t> optional_time(std::string_view key) {
    auto text = optional(key);
    if (!text) return std::nullopt;
    return time(*text, key);
  }
  const std::optional<Error>& problem() const { return problem_; }

 private:
  std::string keep(Result<std::string> value) {
    if (value) return std::move(*value);
    fail(value.error());
    return {};
  }
  void fail(Error error) {
    if (!problem_) problem_ = std::move(error);
  }
  const JsonAt& object_;
  std::optional<Error> problem_;
};

}  // namespace

Result<LogDigest> parse_log_digest(std::string_view text, const std::string& input) {
  auto parsed = parse_json(text, input);
  if (!parsed) return malformed(parsed.error());
  const auto root = json_root(*parsed, input);
  if (!root.is_object()) return malformed(root.shape_error("an object"));

  LogDigest digest;
  Fields fields(root);
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
  if (fields.problem()) return malformed(*fields.problem());
  // awscli refuses a digest without the member; null is the first of a chain.
  simdjson::dom::element ignored;
  if (parsed->get_object().at_key("previousDigestSignature").get(ignored) != simdjson::SUCCESS)
    return malformed(make_error(ErrorKind::malformed_input, input, "previousDigestSignature is missing"));

  const auto files = root.member("logFiles");
  if (!files) return malformed(make_error(ErrorKind::malformed_input, input, "logFiles is missing"));
  auto entries = files->items();
  if (!entries) return malformed(entries.error());
  digest.log_files.reserve(entries->size());
  for (const auto& entry : *entries) {
    if (!entry.is_object()) return malformed(entry.shape_error("an object"));
    Fields file(entry);
    DigestLogFile listed;
    listed.s3_bucket = file.required("s3Bucket");
    listed.s3_object = file.required("s3Object");
    listed.hash_value = file.required("hashValue");
    listed.hash_algorithm = file.required("hashAlgorithm");
    listed.oldest_event_time = file.optional_time("oldestEventTime");
    listed.newest_event_time = file.optional_time("newestEventTime");
    if (file.problem()) return malformed(*file.problem());
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
