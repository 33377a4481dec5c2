#include "sources/logs/local_log_store.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

#include "base/utc_time.hpp"

namespace trailguard::sources::logs {
namespace fs = std::filesystem;
namespace {

std::atomic<std::uint64_t> next_store_id{1};

class Walker {
 public:
  Walker(const LogSelection& selection, const std::function<void(LogObject)>& visit,
         const std::function<void(ListingProblem)>& problem)
      : selection_(selection), visit_(visit), problem_(problem) {}

  // With readdir's entry types and string paths, not std::filesystem: the walk builds one key per file, and a
  // directory_iterator's path objects cost more than a small file's parse. `relative` is the folder's path
  // under the root ("" or ending in '/'); `grandparent` and `parent` are the names above `folder`'s entries.
  void walk(const std::string& folder, const std::string& relative, std::string_view grandparent, std::string_view parent) {
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return fail(folder, errno);
    std::vector<std::pair<std::string, bool>> entries;  // name, is a folder
    errno = 0;
    while (const dirent* entry = ::readdir(dir)) {
      const std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      bool is_folder = entry->d_type == DT_DIR;
      if (entry->d_type == DT_UNKNOWN) {  // some file systems do not say: ask (without following links)
        struct stat info {};
        is_folder = ::fstatat(::dirfd(dir), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode);
      }
      // Symlinked folders (DT_LNK) are not followed: a link back up the tree would never end.
      entries.emplace_back(name, is_folder);
    }
    const int error = errno;
    ::closedir(dir);
    if (error != 0) return fail(folder, error);
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, is_folder] : entries) {
      if (is_folder) {
        if (!folder_pruned(grandparent, parent, name, selection_))
          walk(folder.back() == '/' ? folder + name : folder + '/' + name, relative + name + '/', parent, name);
        continue;
      }
      auto parsed = parse_log_object_name(name);
      if (!parsed || !selection_.wants(*parsed)) continue;
      visit_(LogObject{relative + name, std::move(*parsed), 0});
    }
  }

 private:
  void fail(const std::string& folder, int error) {
    problem_({folder, Error{ErrorKind::not_found, std::string("cannot list the folder: ") + std::strerror(error), folder, ""}});
  }

  const LogSelection& selection_;
  const std::function<void(LogObject)>& visit_;
  const std::function<void(ListingProblem)>& problem_;
};

// Each reading thread keeps the folder of its last file open and opens the next file relative to it: files come
// folder by folder, and the kernel then looks up one name per file, not the whole path.
struct OpenFolder {
  std::uint64_t store = 0;
  std::string key;  // the folder's part of the object key ("" for the root)
  int fd = -1;
  ~OpenFolder() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    store = 0;
  }
};
thread_local OpenFolder open_folder;

}  // namespace

LocalLogStore::LocalLogStore(fs::path root)
    : root_(std::move(root)), root_text_(root_.string()), id_(next_store_id.fetch_add(1)) {}

void LocalLogStore::list(const LogSelection& selection, const std::function<void(LogObject)>& visit,
                         const std::function<void(ListingProblem)>& problem) {
  std::error_code error;
  const auto status = fs::status(root_, error);
  if (error || !fs::exists(status)) {
    problem({root_text_, Error{ErrorKind::not_found, "no such file or folder", root_text_, ""}});
    return;
  }
  if (!fs::is_directory(status)) {
    auto parsed = parse_log_object_name(root_.filename().string());
    if (!parsed) {
      problem({root_text_, Error{ErrorKind::invalid_argument, "not named as CloudTrail names its files", root_text_, ""}});
      return;
    }
    if (selection.wants(*parsed)) visit(LogObject{"", std::move(*parsed), 0});
    return;
  }
  Walker(selection, visit, problem).walk(root_text_, "", root_.parent_path().filename().string(), root_.filename().string());
}

int LocalLogStore::open_file(const LogObject& object) const {
  if (object.key.empty()) return ::open(root_text_.c_str(), O_RDONLY | O_CLOEXEC);
  const auto slash = object.key.rfind('/');
  const std::string_view folder = slash == std::string::npos ? std::string_view{} : std::string_view(object.key).substr(0, slash);
  if (open_folder.store != id_ || open_folder.key != folder) {
    open_folder.reset();
    const auto path = folder.empty() ? root_text_ : root_text_ + '/' + std::string(folder);
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    open_folder.fd = fd;
    open_folder.store = id_;
    open_folder.key = folder;
  }
  return ::openat(open_folder.fd, object.key.c_str() + (slash == std::string::npos ? 0 : slash + 1), O_RDONLY | O_CLOEXEC);
}

Result<ObjectRead> LocalLogStore::read(const LogObject& object, std::string& bytes, std::uint64_t max_bytes) {
  const auto fail = [&](ErrorKind kind, std::string message) { return Error{kind, std::move(message), describe(object), ""}; };
  const int fd = open_file(object);
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
  if (object.key.empty()) return root_text_;
  std::string path;
  path.reserve(root_text_.size() + 1 + object.key.size());
  path += root_text_;
  if (!root_text_.empty() && root_text_.back() != '/') path += '/';
  path += object.key;
  return path;
}

}  // namespace trailguard::sources::logs
