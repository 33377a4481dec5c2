#include "sources/athena/cloudtrail_table.hpp"

#include <algorithm>

#include "base/utc_time.hpp"
#include "sources/athena/athena_inputs.hpp"

namespace trailguard::sources::athena {
namespace {

Error usage(std::string message) { return Error{ErrorKind::invalid_argument, std::move(message), "", "usage"}; }

// A column or a struct field. `type` is a primitive ("STRING", "MAP<STRING,STRING>"), "STRUCT" (the
// fields follow) or "ARRAY<STRUCT>" (an array of such structs).
struct Field {
  std::string_view name;
  std::string_view type;
  std::vector<Field> fields = {};
};

Field text(std::string_view name) { return {name, "STRING"}; }

// CloudTrail's record fields, lower case as Athena stores names; every value the SerDe cannot map to a
// struct (requestparameters, responseelements, ...) stays a JSON string for json_extract.
const std::vector<Field>& columns() {
  static const std::vector<Field> list = {
      text("eventversion"),
      {"useridentity",
       "STRUCT",
       {text("type"), text("principalid"), text("arn"), text("accountid"), text("invokedby"), text("accesskeyid"),
        text("username"),
        {"onbehalfof", "STRUCT", {text("userid"), text("identitystorearn")}},
        {"sessioncontext",
         "STRUCT",
         {{"attributes", "STRUCT", {text("mfaauthenticated"), text("creationdate")}},
          {"sessionissuer", "STRUCT",
           {text("type"), text("principalid"), text("arn"), text("accountid"), text("username")}},
          text("ec2roledelivery"),
          {"webidfederationdata", "STRUCT", {text("federatedprovider"), {"attributes", "MAP<STRING,STRING>"}}}}}}},
      text("eventtime"),
      text("eventsource"),
      text("eventname"),
      text("awsregion"),
      text("sourceipaddress"),
      text("useragent"),
      text("errorcode"),
      text("errormessage"),
      text("requestparameters"),
      text("responseelements"),
      text("additionaleventdata"),
      text("requestid"),
      text("eventid"),
      text("readonly"),
      {"resources", "ARRAY<STRUCT>", {text("arn"), text("accountid"), text("type")}},
      text("eventtype"),
      text("apiversion"),
      text("recipientaccountid"),
      text("serviceeventdetails"),
      text("sharedeventid"),
      text("vpcendpointid"),
      text("vpcendpointaccountid"),
      text("eventcategory"),
      {"addendum", "STRUCT", {text("reason"), text("updatedfields"), text("originalrequestid"), text("originaleventid")}},
      text("sessioncredentialfromconsole"),
      text("edgedevicedetails"),
      {"tlsdetails", "STRUCT", {text("tlsversion"), text("ciphersuite"), text("clientprovidedhostheader")}},
  };
  return list;
}

void write_type(const Field& field, const std::string& indent, std::string& out) {
  const bool array = field.type == "ARRAY<STRUCT>";
  if (!array && field.type != "STRUCT") {
    out += field.type;
    return;
  }
  out += array ? "ARRAY<STRUCT<\n" : "STRUCT<\n";
  for (std::size_t i = 0; i < field.fields.size(); ++i) {
    const auto& inner = field.fields[i];
    out += indent + "  " + std::string(inner.name) + ": ";
    write_type(inner, indent + "  ", out);
    out += i + 1 < field.fields.size() ? ",\n" : "";
  }
  out += array ? ">>" : ">";
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ",") + value;
  return out;
}

// Sorted and unique, so the same set always gives the same statement; each value checked by `valid`.
Result<std::vector<std::string>> checked_list(const std::vector<std::string>& values, bool (*valid)(std::string_view),
                                              const std::string& flag, const std::string& what) {
  for (const auto& value : values)
    if (!valid(value)) return usage(flag + ": \"" + value + "\" is not " + what);
  std::vector<std::string> list = values;
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
  return list;
}

// The partition columns' projection: account (enum or injected), region (enum), timestamp (date, daily).
struct Projection {
  std::vector<std::string> accounts;  // empty: injected
  std::vector<std::string> regions;
  std::string first_day;              // yyyy/MM/dd
};

std::string table_properties(const CloudTrailLogLocation& location, const Projection& projection) {
  std::vector<std::pair<std::string, std::string>> properties = {{"projection.enabled", "true"}};
  if (projection.accounts.empty()) {
    properties.push_back({"projection.account.type", "injected"});
  } else {
    properties.push_back({"projection.account.type", "enum"});
    properties.push_back({"projection.account.values", joined(projection.accounts)});
  }
  properties.push_back({"projection.region.type", "enum"});
  properties.push_back({"projection.region.values", joined(projection.regions)});
  properties.push_back({"projection.timestamp.type", "date"});
  properties.push_back({"projection.timestamp.format", "yyyy/MM/dd"});
  properties.push_back({"projection.timestamp.range", projection.first_day + ",NOW"});
  properties.push_back({"projection.timestamp.interval", "1"});
  properties.push_back({"projection.timestamp.interval.unit", "DAYS"});
  properties.push_back(
      {"storage.location.template", location.accounts_folder() + "${account}/CloudTrail/${region}/${timestamp}"});
  std::string out = "TBLPROPERTIES (\n";
  for (std::size_t i = 0; i < properties.size(); ++i)
    out += "  '" + properties[i].first + "'='" + properties[i].second + "'" + (i + 1 < properties.size() ? ",\n" : "\n");
  return out + ")";
}

}  // namespace

const std::vector<std::string_view>& commercial_regions() {
  static const std::vector<std::string_view> regions = {
      "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
      "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",   "ca-west-1",      "eu-central-1",
      "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",
      "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",     "mx-central-1",   "sa-east-1",
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2"};
  return regions;
}

Result<std::string> cloudtrail_table_ddl(const CloudTrailTableRequest& request, std::int64_t today) {
  auto location = parse_cloudtrail_location(request.location);
  if (!location) return location.error();
  auto table = parse_table_name(request.table);
  if (!table) return table.error();

  Projection projection;
  auto accounts = checked_list(request.accounts, is_account_id, "--accounts", "a 12-digit account id");
  if (!accounts) return accounts.error();
  projection.accounts = *accounts;
  if (!location->account.empty()) {
    if (!projection.accounts.empty() && projection.accounts != std::vector<std::string>{location->account})
      return usage("--accounts: " + request.location + " is account " + location->account +
                   "'s folder; give the AWSLogs/ folder above it to read other accounts");
    projection.accounts = {location->account};
  }
  std::vector<std::string> regions(commercial_regions().begin(), commercial_regions().end());
  if (!request.regions.empty()) regions = request.regions;
  auto checked_regions = checked_list(regions, is_region_name, "--regions", "a region name such as eu-west-1");
  if (!checked_regions) return checked_regions.error();
  projection.regions = *checked_regions;

  const auto first_day = parse_calendar_date(request.since);
  if (!first_day) return usage("--since \"" + request.since + "\" is not a date: give YYYY-MM-DD, such as 2024-01-01");
  if (*first_day > today) return usage("--since " + request.since + " is after today");
  projection.first_day = format_utc_date(*first_day * 86400);
  std::replace(projection.first_day.begin(), projection.first_day.end(), '-', '/');

  std::string ddl = "CREATE EXTERNAL TABLE " + table->quoted() + " (\n";
  const auto& list = columns();
  for (std::size_t i = 0; i < list.size(); ++i) {
    ddl += "  " + std::string(list[i].name) + " ";
    write_type(list[i], "  ", ddl);
    ddl += i + 1 < list.size() ? ",\n" : "\n";
  }
  // `timestamp` is a reserved word in Athena's SQL: queries quote it ("timestamp"), as AWS's examples do.
  ddl += ")\nPARTITIONED BY (\n  `account` STRING,\n  `region` STRING,\n  `timestamp` STRING\n)\n";
  ddl += "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\n";
  // CloudTrail's files are one JSON object with a Records array: this input format yields one row per record.
  ddl += "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\n";
  ddl += "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n";
  ddl += "LOCATION '" + location->accounts_folder() + "'\n";
  ddl += table_properties(*location, projection) + "\n";
  return ddl;
}

}  // namespace trailguard::sources::athena
