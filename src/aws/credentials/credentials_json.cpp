#include "aws/credentials/credentials_json.hpp"

#include <nlohmann/json.hpp>

#include "aws/credentials/timestamp.hpp"

namespace trailguard::aws {
namespace {

Result<std::string> string_field(const nlohmann::json& document, const std::string& name, bool required,
                                 const std::string& where) {
  const auto it = document.find(name);
  if (it == document.end() || it->is_null()) {
    if (!required) return std::string{};
    return make_error(ErrorKind::malformed_input, where, "the credentials have no \"" + name + "\"");
  }
  if (!it->is_string()) return make_error(ErrorKind::malformed_input, where, "\"" + name + "\" is not a string");
  return it->get<std::string>();
}

}  // namespace

Result<TemporaryCredentials> parse_credentials_json(std::string_view text, const CredentialsJsonFormat& format,
                                                    const std::string& where) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return make_error(ErrorKind::malformed_input, where,
                      "the answer is not JSON (" + std::to_string(text.size()) + " bytes)");
  }
  if (!document.is_object()) return make_error(ErrorKind::malformed_input, where, "the answer is not a JSON object");
  if (format.version_1) {
    const auto version = document.find("Version");
    if (version == document.end()) {
      return make_error(ErrorKind::malformed_input, where, "the answer has no \"Version\" (only version 1 is supported)");
    }
    if (!version->is_number() || version->get<double>() != 1.0) {
      return make_error(ErrorKind::malformed_input, where,
                        "unsupported \"Version\" " + version->dump() + " (only version 1 is supported)");
    }
  }
  TemporaryCredentials found;
  auto access_key = string_field(document, "AccessKeyId", true, where);
  if (!access_key) return access_key.error();
  auto secret_key = string_field(document, "SecretAccessKey", true, where);
  if (!secret_key) return secret_key.error();
  auto token = string_field(document, format.token_field, format.token_required, where);
  if (!token) return token.error();
  auto expiration = string_field(document, "Expiration", format.expiration_required, where);
  if (!expiration) return expiration.error();
  if (access_key->empty() || secret_key->empty()) {
    return make_error(ErrorKind::malformed_input, where, "\"AccessKeyId\" or \"SecretAccessKey\" is empty");
  }
  found.credentials = Credentials{std::move(access_key.value()), std::move(secret_key.value()), std::move(token.value())};
  if (!expiration->empty()) {
    found.expiration = parse_timestamp(*expiration);
    if (!found.expiration) {
      return make_error(ErrorKind::malformed_input, where, "\"Expiration\" is not an ISO 8601 time: '" + *expiration + "'");
    }
  }
  return found;
}

}  // namespace trailguard::aws
