#include "sources/logs/log_records.hpp"

#include <algorithm>
#include <functional>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace ondemand = simdjson::ondemand;
namespace {

std::string place(const ByteBuffer& json, const char* at) {
  const auto text = json.view();
  if (at == nullptr || at < text.data() || at > text.data() + text.size()) return "";
  const auto offset = static_cast<std::size_t>(at - text.data());
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  return " at line " + std::to_string(line) + ", byte " + std::to_string(offset);
}

Error malformed(const std::string& input, std::string message) {
  return Error{ErrorKind::malformed_input, std::move(message), input, "malformed_log_file"};
}

// Each reader of a field answers SUCCESS, INCORRECT_TYPE (the record is malformed; the document is fine) or a
// fatal error (the document is broken from here on).
simdjson::error_code take_string(ondemand::value value, std::string_view& into) {
  if (value.is_null()) return simdjson::SUCCESS;
  return value.get_string().get(into);
}

simdjson::error_code take_tri(ondemand::value value, Tri& into) {
  if (value.is_null()) return simdjson::SUCCESS;
  bool flag = false;
  if (const auto error = value.get_bool().get(flag)) return error;
  into = flag ? Tri::yes : Tri::no;
  return simdjson::SUCCESS;
}

simdjson::error_code read_identity(ondemand::value value, EventRecord& record) {
  if (value.is_null()) return simdjson::SUCCESS;
  ondemand::object identity;
  if (const auto error = value.get_object().get(identity)) return error;
  std::string_view invoked_by;
  for (auto field : identity) {
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) return error == simdjson::INCORRECT_TYPE ? simdjson::TAPE_ERROR : error;
    ondemand::value member;
    if (const auto error = field.value().get(member)) return error;
    simdjson::error_code error = simdjson::SUCCESS;
    if (key == "type") error = take_string(member, record.identity_type);
    else if (key == "arn") error = take_string(member, record.principal);
    else if (key == "invokedBy") error = take_string(member, invoked_by);
    if (error) return error;
  }
  if (record.principal.empty()) record.principal = !invoked_by.empty() ? invoked_by : record.identity_type;
  return simdjson::SUCCESS;
}

struct RecordOutcome {
  std::string problem;                           // "" when the record is whole
  simdjson::error_code fatal = simdjson::SUCCESS;  // the document itself is broken
};

// One record's fields in a single pass.
RecordOutcome read_record(ondemand::object object, EventRecord& record) {
  std::string_view event_time, event_category;
  for (auto field : object) {
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) return {"", error};
    ondemand::value value;
    if (const auto error = field.value().get(value)) return {"", error};
    simdjson::error_code error = simdjson::SUCCESS;
    switch (key.size()) {
      case 7:
        if (key == "eventID") error = take_string(value, record.event_id);
        break;
      case 8:
        if (key == "readOnly") error = take_tri(value, record.read_only);
        break;
      case 9:
        if (key == "eventTime") error = take_string(value, event_time);
        else if (key == "eventName") error = take_string(value, record.event_name);
        else if (key == "awsRegion") error = take_string(value, record.aws_region);
        else if (key == "errorCode") error = take_string(value, record.error_code);
        break;
      case 11:
        if (key == "eventSource") error = take_string(value, record.event_source);
        break;
      case 12:
        if (key == "userIdentity") error = read_identity(value, record);
        break;
      case 13:
        if (key == "eventCategory") error = take_string(value, event_category);
        break;
      case 15:
        if (key == "sourceIPAddress") error = take_string(value, record.source_ip);
        else if (key == "managementEvent" && event_category.empty()) error = take_tri(value, record.management);
        break;
      case 17:
        if (key == "requestParameters") {
          if (!value.is_null()) {
            ondemand::object parameters;
            std::string_view raw;
            error = value.get_object().get(parameters);
            if (!error) error = parameters.raw_json().get(raw);
            if (!error) record.request_parameters = raw;
          }
        }
        break;
      default:
        break;
    }
    if (error == simdjson::INCORRECT_TYPE) return {"field " + std::string(key) + " has the wrong type", simdjson::SUCCESS};
    if (error) return {"", error};
  }
  // eventCategory, where it is given, is the newer and finer answer (Management, Data, Insight, NetworkActivity).
  if (!event_category.empty()) record.management = event_category == "Management" ? Tri::yes : Tri::no;
  if (record.event_id.empty()) return {"no eventID"};
  if (record.event_name.empty()) return {"no eventName"};
  if (record.event_source.empty()) return {"no eventSource"};
  if (record.aws_region.empty()) return {"no awsRegion"};
  if (event_time.empty()) return {"no eventTime"};
  const auto seconds = parse_utc_time(event_time);
  if (!seconds) return {"eventTime \"" + std::string(event_time) + "\" is not a UTC time"};
  record.time = *seconds;
  const auto hash = std::hash<std::string_view>{}(record.event_id);
  record.id_hash = hash == 0 ? 1 : hash;
  return {};
}

}  // namespace

Result<ondemand::document> LogRecordReader::open(const ByteBuffer& json, const std::string& input) {
  const simdjson::padded_string_view view(json.view().data(), json.size(), json.size() + ByteBuffer::padding);
  ondemand::document document;
  if (const auto error = parser_.iterate(view).get(document))
    return malformed(input, std::string("not JSON: ") + simdjson::error_message(error));
  return document;
}

Status LogRecordReader::read(const ByteBuffer& json, const std::string& input, FileRecords& out) {
  out.events.clear();
  out.malformed_records = 0;
  out.first_malformed.clear();
  auto opened = open(json, input);
  if (!opened) return opened.error();
  auto& document = *opened;
  ondemand::object root;
  if (const auto error = document.get_object().get(root))
    return malformed(input, std::string("not a CloudTrail log file (no JSON object): ") + simdjson::error_message(error));
  const auto broken = [&](simdjson::error_code error) {
    return malformed(input, std::string("not JSON: ") + simdjson::error_message(error) +
                                place(json, document.current_location().value_unsafe()));
  };
  bool found = false;
  std::size_t index = 0;
  for (auto field : root) {
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) return broken(error);
    if (key != "Records") continue;
    found = true;
    ondemand::array records;
    if (const auto error = field.value().get_array().get(records))
      return malformed(input, std::string("Records is not an array: ") + simdjson::error_message(error));
    for (auto element : records) {
      ondemand::object object;
      const auto error = element.get_object().get(object);
      if (error == simdjson::INCORRECT_TYPE) {
        if (out.malformed_records++ == 0) out.first_malformed = "record " + std::to_string(index) + ": not an object";
        ++index;
        continue;
      }
      if (error) return broken(error);
      EventRecord record;
      const auto outcome = read_record(object, record);
      if (outcome.fatal) return broken(outcome.fatal);
      if (!outcome.problem.empty()) {
        if (out.malformed_records++ == 0) out.first_malformed = "record " + std::to_string(index) + ": " + outcome.problem;
      } else {
        out.events.push_back(record);
      }
      ++index;
    }
  }
  if (!found) return malformed(input, "not a CloudTrail log file (no Records array)");
  return ok_status();
}

Result<std::uint64_t> LogRecordReader::count_records(const ByteBuffer& json, const std::string& input) {
  auto opened = open(json, input);
  if (!opened) return opened.error();
  auto& document = *opened;
  ondemand::array records;
  if (const auto error = document["Records"].get_array().get(records))
    return malformed(input, std::string("not a CloudTrail Insights file (no Records array): ") + simdjson::error_message(error));
  std::uint64_t count = 0;
  for (auto element : records) {
    if (const auto error = element.error()) return malformed(input, std::string("not JSON: ") + simdjson::error_message(error));
    ++count;
  }
  return count;
}

Result<std::string> LogRecordReader::digest_bucket(const ByteBuffer& json, const std::string& input) {
  auto opened = open(json, input);
  if (!opened) return opened.error();
  auto& document = *opened;
  ondemand::object root;
  if (const auto error = document.get_object().get(root))
    return malformed(input, std::string("not a CloudTrail digest file: ") + simdjson::error_message(error));
  std::string_view bucket;
  const auto error = root.find_field_unordered("digestS3Bucket").get_string().get(bucket);
  if (error && error != simdjson::NO_SUCH_FIELD)
    return malformed(input, std::string("not a CloudTrail digest file: ") + simdjson::error_message(error));
  return std::string(bucket);
}

std::string string_member(std::string_view raw_object, std::string_view key) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(raw_object.data(), raw_object.size(), true).get(element) != simdjson::SUCCESS) return "";
  std::string_view value;
  if (element[key].get_string().get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

}  // namespace trailguard::sources::logs
