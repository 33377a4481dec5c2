#include "sources/logs/s3_log_store.hpp"

#include <algorithm>
#include <vector>

#include "aws/services/s3_objects.hpp"
#include "base/log.hpp"

namespace trailguard::sources::logs {
namespace {

// The last three folder names of a prefix ("AWSLogs/1111/CloudTrail/" -> "AWSLogs", "1111", "CloudTrail").
struct FolderNames {
  std::string_view grandparent, parent, name;
};

FolderNames folder_names(std::string_view prefix) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t slash; (slash = prefix.find('/', start)) != std::string_view::npos; start = slash + 1)
    parts.push_back(prefix.substr(start, slash - start));
  FolderNames names;
  if (parts.size() >= 1) names.name = parts[parts.size() - 1];
  if (parts.size() >= 2) names.parent = parts[parts.size() - 2];
  if (parts.size() >= 3) names.grandparent = parts[parts.size() - 3];
  return names;
}

class S3LogStore : public LogStore {
 public:
  S3LogStore(std::shared_ptr<aws::AwsClient> client, S3Location location, std::string region)
      : client_(std::move(client)), location_(std::move(location)), region_(std::move(region)) {}

  void list(const LogSelection& selection, const std::function<void(LogObject)>& visit,
            const std::function<void(ListingProblem)>& problem) override {
    walk(location_.prefix, selection, visit, problem);
  }

  Result<ObjectRead> read(const LogObject& object, std::string& bytes, std::uint64_t max_bytes) override {
    const auto where = url_of(object.key);
    if (object.size > max_bytes)
      return Error{ErrorKind::malformed_input, "is " + std::to_string(object.size >> 20) + " MiB, more than the " +
                                                   std::to_string(max_bytes >> 20) + " MiB limit per file", where, ""};
    auto answer = client_->call(aws::get_object_call(location_.bucket, region_, object.key));
    if (!answer) {
      auto error = answer.error();
      error.message = "GetObject failed: " + error.message;
      error.where = where;
      return error;
    }
    if (answer->body.size() > max_bytes)
      return Error{ErrorKind::malformed_input, "is larger than the " + std::to_string(max_bytes >> 20) + " MiB limit per file",
                   where, ""};
    bytes = std::move(answer->body);
    ObjectRead read;
    read.has_metadata = true;
    read.bucket = location_.bucket;
    if (const auto* signature = answer->header("x-amz-meta-signature")) read.signature = *signature;
    return read;
  }

  std::string describe(const LogObject& object) const override { return url_of(object.key); }
  std::optional<std::string> bucket() const override { return location_.bucket; }
  bool has_metadata() const override { return true; }

 private:
  std::string url_of(const std::string& key) const { return "s3://" + location_.bucket + "/" + key; }

  // One folder level: its files (in key order with its subfolders) and, unless the selection prunes them, its
  // subfolders, depth first, so that files come in key order as the scan's dedupe needs.
  void walk(const std::string& prefix, const LogSelection& selection, const std::function<void(LogObject)>& visit,
            const std::function<void(ListingProblem)>& problem) {
    std::string token;
    do {
      auto answer = client_->call(aws::list_objects_v2_call(location_.bucket, region_, prefix, "/", token));
      auto page = answer ? aws::parse_list_objects_v2(answer->body, url_of(prefix)) : Result<aws::S3ListPage>(answer.error());
      if (!page) {
        auto error = page.error();
        error.message = "cannot list " + url_of(prefix) + ": " + error.message;
        problem({url_of(prefix), std::move(error)});
        return;
      }
      std::size_t next_object = 0, next_folder = 0;
      const auto& objects = page->objects;
      const auto& folders = page->common_prefixes;
      while (next_object < objects.size() || next_folder < folders.size()) {
        const bool folder_first =
            next_folder < folders.size() && (next_object == objects.size() || folders[next_folder] < objects[next_object].key);
        if (folder_first) {
          const auto& folder = folders[next_folder++];
          const auto names = folder_names(folder);
          if (!folder_pruned(names.grandparent, names.parent, names.name, selection)) walk(folder, selection, visit, problem);
          continue;
        }
        const auto& object = objects[next_object++];
        const auto slash = object.key.rfind('/');
        auto parsed = parse_log_object_name(slash == std::string::npos ? object.key : std::string_view(object.key).substr(slash + 1));
        if (parsed && selection.wants(*parsed)) visit(LogObject{object.key, std::move(*parsed), object.size});
      }
      token = page->truncated ? page->next_continuation_token : "";
    } while (!token.empty());
  }

  std::shared_ptr<aws::AwsClient> client_;
  S3Location location_;
  std::string region_;
};

}  // namespace

Result<S3Location> parse_s3_url(std::string_view url) {
  const auto invalid = [&](const std::string& why) {
    return Error{ErrorKind::invalid_argument, std::string(url) + ": " + why, std::string(url), "usage"};
  };
  if (url.rfind("s3://", 0) != 0) return invalid("not an s3:// URL");
  url.remove_prefix(5);
  const auto slash = url.find('/');
  S3Location location;
  location.bucket = std::string(url.substr(0, slash));
  if (location.bucket.empty()) return invalid("no bucket name (s3://bucket/prefix)");
  if (location.bucket.size() < 3 || location.bucket.size() > 63 ||
      location.bucket.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") != std::string::npos)
    return invalid("\"" + location.bucket + "\" is not an S3 bucket name");
  if (slash != std::string_view::npos) location.prefix = std::string(url.substr(slash + 1));
  if (!location.prefix.empty() && location.prefix.back() != '/') location.prefix += '/';
  return location;
}

Result<std::unique_ptr<LogStore>> open_s3_log_store(std::shared_ptr<aws::AwsClient> client, std::string_view url,
                                                    const S3LogStoreOptions& options) {
  auto location = parse_s3_url(url);
  if (!location) return location.error();
  std::string region = options.fallback_region;
  auto answer = client->call(aws::get_bucket_location_call(location->bucket));
  if (answer) {
    auto found = aws::parse_bucket_location(answer->body, "s3://" + location->bucket);
    if (!found) return found.error();
    region = *found;
  } else if (answer.error().kind == ErrorKind::access_denied) {
    log_warning("s3://" + location->bucket + ": GetBucketLocation is denied; reading the bucket in " + region);
  } else {
    auto error = answer.error();
    error.message = "s3://" + location->bucket + ": " +
                    (error.code == "NoSuchBucket" ? std::string("no such bucket") : "cannot find the bucket's region: " + error.message);
    if (error.code == "NoSuchBucket") error.kind = ErrorKind::not_found;
    return error;
  }
  return std::unique_ptr<LogStore>(std::make_unique<S3LogStore>(std::move(client), std::move(*location), std::move(region)));
}

}  // namespace trailguard::sources::logs
