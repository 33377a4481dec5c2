#include "sources/iac/iac_paths.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "base/file.hpp"
#include "sources/terraform/tf_json_reader.hpp"
#include "sources/terraform_plan/plan_source.hpp"

namespace trailguard::sources::iac {
namespace fs = std::filesystem;
namespace {

bool skipped_directory(const fs::path& path) {
  const auto name = path.filename().string();
  return name == ".terraform" || name == ".git" || name == "node_modules";
}

bool has_extension(const fs::path& path, std::initializer_list<const char*> extensions) {
  const auto extension = path.extension().string();
  return std::any_of(extensions.begin(), extensions.end(), [&](const char* e) { return extension == e; });
}

// Terraform configuration in either syntax; a .tf.json file is Terraform's, not a document to tell apart.
bool is_terraform_file(const fs::path& path) {
  return has_extension(path, {".tf"}) || terraform::is_tf_json_path(path.filename().string());
}

struct Found {
  std::set<std::string> terraform_roots;  // directories holding *.tf or *.tf.json
  std::vector<std::string> documents;     // .json/.yaml/.yml/.template files, told apart by content
};

void add_file(const fs::path& path, Found& found, bool named) {
  if (is_terraform_file(path)) {
    found.terraform_roots.insert(path.parent_path().empty() ? "." : path.parent_path().string());
  } else if (has_extension(path, {".json", ".yaml", ".yml", ".template"}) || named) {
    found.documents.push_back(path.string());
  }
}

void search(const fs::path& root, Found& found, model::IacInput& out) {
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, error), end;
  if (error) {
    out.problems.push_back({{root.string(), 0, 0}, "cannot read directory: " + error.message()});
    return;
  }
  for (; it != end; it.increment(error)) {
    if (error) {
      out.problems.push_back({{it->path().string(), 0, 0}, "cannot read: " + error.message()});
      error.clear();
      continue;
    }
    if (it->is_directory(error) && skipped_directory(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error)) add_file(it->path(), found, false);
  }
}

// Shallow directories first, so a root is read before the local modules it calls (which it then covers).
std::vector<std::string> in_reading_order(const std::set<std::string>& directories) {
  std::vector<std::string> ordered(directories.begin(), directories.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) {
    const auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
    return depth(a) < depth(b);
  });
  return ordered;
}

void append(model::IacInput& into, model::IacInput&& from) {
  for (auto& trail : from.trails) into.trails.push_back(std::move(trail));
  for (auto& problem : from.problems) into.problems.push_back(std::move(problem));
  for (auto& file : from.files_read) into.files_read.push_back(std::move(file));
  for (auto& note : from.notes) into.notes.push_back(std::move(note));
}

std::string normal(const std::string& path) { return fs::weakly_canonical(fs::path(path)).lexically_normal().string(); }

void read_document(const std::string& path, const IacReadOptions& options, bool named, model::IacInput& out) {
  auto content = read_file(path);
  if (!content) {
    out.problems.push_back({{path, 0, 0}, content.error().describe()});
    return;
  }
  if (terraform_plan::looks_like_terraform_plan(*content)) {
    append(out, terraform_plan::read_terraform_plan(path, *content));
  } else if (cloudformation::looks_like_cloudformation(*content)) {
    append(out, cloudformation::read_cloudformation(path, *content, options.cloudformation));
  } else if (named) {
    out.problems.push_back({{path, 0, 0}, "neither a CloudFormation template nor a Terraform plan (terraform show -json)"});
  }
}

}  // namespace

model::IacInput read_iac_paths(const std::vector<std::string>& paths, const IacReadOptions& options) {
  model::IacInput out;
  Found found;
  std::vector<std::string> named_documents;
  for (const auto& path : paths) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) {
      out.problems.push_back({{path, 0, 0}, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      search(path, found, out);
    } else if (is_terraform_file(path)) {
      add_file(path, found, true);
    } else {
      named_documents.push_back(path);
    }
  }

  std::set<std::string> covered;  // directories whose Terraform files some root already read
  for (const auto& directory : in_reading_order(found.terraform_roots)) {
    if (covered.count(normal(directory))) continue;
    auto root = terraform::read_terraform_root(directory, options.terraform);
    for (const auto& file : root.files_read) covered.insert(normal(fs::path(file).parent_path().string()));
    covered.insert(normal(directory));
    append(out, std::move(root));
  }
  for (const auto& document : found.documents) read_document(document, options, false, out);
  for (const auto& document : named_documents) read_document(document, options, true, out);
  return out;
}

}  // namespace trailguard::sources::iac
