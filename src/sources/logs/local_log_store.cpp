#include "sources/logs/local_log_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace fs = std::filesystem;
namespace {

class Walker {
 public:
  Walker(const fs::path& root, const LogSelection& selection, const std::function<void(LogObject)>& visit,
         const std::function<void(ListingProblem)>& problem)
      : root_(root), selection_(selection), visit_(visit), problem_(problem) {}

  // `relative` is the folder's path under the root ("" or ending in '/'): kept as a string, because the
  // walk builds one key per file and fs::path arithmetic costs more than the file's parse.
  void walk(const fs::path& folder, const std::string& relative) {
    std::error_code error;
    std::vector<std::pair<std::string, bool>> entries;  // name, is a folder
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
      std::error_code type_error;
      // Symlinked folders are not followed: a link back up the tree would never end.
      const bool is_folder = !it->is_symlink(type_error) && it->is_directory(type_error);
      entries.emplace_back(it->path().filename().string(), is_folder);
    }
    if (error) {
      problem_({folder.string(), Error{ErrorKind::not_found, "cannot list the folder: " + error.message(), folder.string(), ""}});
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, is_folder] : entries) {
      if (is_folder) {
        const auto path = folder / name;
        if (!folder_pruned(folder.parent_path().filename().string(), folder.filename().string(), name, selection_))
          walk(path, relative + name + '/');
        continue;
      }
      auto parsed = parse_log_object_name(name);
      if (!parsed || !selection_.wants(*parsed)) continue;
      visit_(LogObject{relative + name, std::move(*parsed), 0});
    }
  }

 private:
  const fs::path& root_;
  const LogSelection& selection_;
  const std::function<void(LogObject)>& visit_;
  const std::function<void(ListingProblem)>& problem_;
};

}  // namespace

LocalLogStore::LocalLogStore(fs::path root) : root_(std::move(root)) {}

void LocalLogStore::list(const LogSelection& selection, const std::function<void(LogObject)>& visit,
                         const std::function<void(ListingProblem)>& problem) {
  std::error_code error;
  const auto status = fs::status(root_, error);
  if (error || !fs::exists(status)) {
    problem({root_.string(), Error{ErrorKind::not_found, "no such file or folder", root_.string(), ""}});
    return;
  }
  if (!fs::is_directory(status)) {
    auto parsed = parse_log_object_name(root_.filename().string());
    if (!parsed) {
      problem({root_.string(), Error{ErrorKind::invalid_argument, "not named as CloudTrail names its files", root_.string(), ""}});
      return;
    }
    if (selection.wants(*parsed)) visit(LogObject{"", std::move(*parsed), 0});
    return;
  }
  Walker(root_, selection, visit, problem).walk(root_, "");
}

Result<ObjectRead> LocalLogStore::read(const LogObject& object, std::string& bytes, std::uint64_t max_bytes) {
  const auto path = object.key.empty() ? root_ : root_ / object.key;
  const auto fail = [&](ErrorKind kind, std::string message) { return Error{kind, std::move(message), path.string(), ""}; };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(ErrorKind::not_found, std::string("cannot open: ") + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return fail(ErrorKind::malformed_input, "not a regular file");
  }
  const auto size = static_cast<std::uint64_t>(info.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return fail(ErrorKind::malformed_input, "is " + std::to_string(size >> 20) + " MiB, more than the " +
                                                std::to_string(max_bytes >> 20) + " MiB limit per file");
  }
  bytes.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const auto got = ::read(fd, bytes.data() + done, size - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      const std::string reason = got < 0 ? std::strerror(errno) : "the file shrank while it was read";
      ::close(fd);
      return fail(ErrorKind::malformed_input, "cannot read: " + reason);
    }
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return ObjectRead{};
}

std::string LocalLogStore::describe(const LogObject& object) const {
  return object.key.empty() ? root_.string() : (root_ / object.key).string();
}

}  // namespace trailguard::sources::logs
