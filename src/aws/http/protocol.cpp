#include "aws/http/protocol.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "aws/uri_encode.hpp"

namespace trailguard::aws {

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += uri_encode_component(name);
    out.push_back('=');
    out += uri_encode_component(value);
  }
  return out;
}

std::string safe_user_agent(std::string_view user_agent) {
  std::string out(user_agent);
  for (auto at = out.find("region/"); at != std::string::npos; at = out.find("region/", at)) out[at + 6] = '-';
  return out;
}

HttpRequest build_request(const ApiCall& call, std::string_view endpoint, std::string_view user_agent) {
  HttpRequest request;
  request.method = "POST";
  const std::string base(endpoint);
  switch (call.protocol) {
    case Protocol::json_1_1:
      request.url = base + "/";
      request.add_header("Content-Type", "application/x-amz-json-1.1");
      request.add_header("X-Amz-Target", call.target_prefix + "." + call.operation);
      request.body = call.json_body.empty() ? "{}" : call.json_body;
      break;
    case Protocol::query: {
      request.url = base + "/";
      request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
      std::vector<std::pair<std::string, std::string>> fields{{"Action", call.operation}, {"Version", call.api_version}};
      fields.insert(fields.end(), call.params.begin(), call.params.end());
      request.body = form_encode(fields);
      break;
    }
    case Protocol::rest_json:
      request.url = base + (call.path.empty() || call.path.front() != '/' ? "/" : "") + call.path;
      request.add_header("Content-Type", "application/json");
      request.body = call.json_body.empty() ? "{}" : call.json_body;
      break;
    case Protocol::rest_xml: {
      request.method = call.method;
      request.url = base + (call.path.empty() || call.path.front() != '/' ? "/" : "") + uri_encode_path(call.path);
      std::string query;
      for (const auto& [name, value] : call.params) {
        query += (query.empty() ? "?" : "&") + uri_encode_component(name);
        if (!value.empty()) query += "=" + uri_encode_component(value);
      }
      request.url += query;
      for (const auto& [name, value] : call.headers) request.add_header(name, value);
      request.body = call.payload;
      break;
    }
  }
  request.add_header("User-Agent", safe_user_agent(user_agent));
  return request;
}

Status check_success_body(Protocol protocol, std::string_view body, std::string_view host, const std::string& where) {
  const auto start = body.find_first_not_of(" \t\r\n");
  // S3 answers PUTs with nothing (moto: "True") and GetBucketPolicy with JSON: the caller reads what it needs.
  if (protocol == Protocol::rest_xml) return ok_status();
  if (protocol == Protocol::query) {
    pugi::xml_document doc;
    const bool parsed = start != std::string_view::npos &&
                        doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8) &&
                        doc.document_element();
    if (parsed) return ok_status();
    return make_error(ErrorKind::malformed_input, where,
                      "the answer from " + std::string(host) + " is not an XML document", "malformed_xml");
  }
  if (start == std::string_view::npos) return ok_status();
  // moto answers operations without output (KMS CreateAlias) with "null" where AWS sends nothing.
  if (body.substr(start, body.find_last_not_of(" \t\r\n") + 1 - start) == "null") return ok_status();
  // accept() validates without building a document: the caller parses the answer anyway.
  if (body[start] == '{' && nlohmann::json::accept(body)) return ok_status();
  return make_error(ErrorKind::malformed_input, where,
                    "the answer from " + std::string(host) + " is not a JSON object", "malformed_json");
}

}  // namespace trailguard::aws
