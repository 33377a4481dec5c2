// The wire form of an API call for each protocol (json_1_1, query, rest_json), before signing, and
// the check that a successful answer is what the protocol promises. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/http_request.hpp"
#include "base/result.hpp"

namespace trailguard::aws {

// The unsigned request for `call` to `endpoint` (a base URL without trailing '/'):
//  json_1_1:  POST {endpoint}/, X-Amz-Target: {target_prefix}.{operation}, application/x-amz-json-1.1
//  query:     POST {endpoint}/, Action=..&Version=..&params, application/x-www-form-urlencoded; charset=utf-8
//  rest_json: POST {endpoint}{path}, application/json
//  rest_xml:  {method} {endpoint}{path}[?params], call.headers, body = call.payload
// An empty JSON body is sent as "{}".
HttpRequest build_request(const ApiCall& call, std::string_view endpoint, std::string_view user_agent);

// "Action=GetCallerIdentity&Version=2011-06-15&Name.1=x": names and values percent-encoded as
// uri_encode_component does, in the order given.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// A successful answer must be a JSON object (json_1_1, rest_json; an empty body, or moto's "null", counts as
// {}) or an XML document (query); else malformed_input naming `host`, never quoting the body. rest_xml
// answers are not checked: S3 answers PUTs with nothing (moto: "True") and GetBucketPolicy with JSON, and
// their callers parse what they read.
Status check_success_body(Protocol protocol, std::string_view body, std::string_view host, const std::string& where);

// True when the call is signed by S3's rules (rest_xml): path as written, X-Amz-Content-SHA256.
inline bool signs_as_s3(const ApiCall& call) { return call.protocol == Protocol::rest_xml; }

// The user agent as sent: moto reads "region/<name>" in a User-Agent as the region to use.
std::string safe_user_agent(std::string_view user_agent);

}  // namespace trailguard::aws
