// credential_process (botocore's ProcessProvider): the profile's command is split into words as
// shlex.split does and run without a shell; it prints {"Version": 1, ...} on stdout.
#include <memory>

#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/providers.hpp"
#include "aws/credentials/run_command.hpp"
#include "aws/credentials/shell_split.hpp"
#include "base/redact.hpp"

namespace trailguard::aws {
namespace {

constexpr std::size_t kMaxStderrInMessage = 2000;

std::string trimmed_stderr(const std::string& err) {
  std::string text = redact_secrets(err);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.size() > kMaxStderrInMessage) text = text.substr(0, kMaxStderrInMessage) + "...";
  return text;
}

Result<TemporaryCredentials> run_credential_process(const std::vector<std::string>& argv,
                                                    std::optional<std::chrono::milliseconds> timeout,
                                                    const std::string& where) {
  auto ran = run_command(argv, timeout);
  if (!ran) return make_error(ran.error().kind, where, "program " + ran.error().describe());
  if (ran->signal != 0 || ran->exit_code != 0) {
    const std::string how = ran->signal != 0 ? "was killed by signal " + std::to_string(ran->signal)
                                             : "exited with status " + std::to_string(ran->exit_code);
    const std::string err = trimmed_stderr(ran->err);
    return make_error(ErrorKind::access_denied, where,
                      "program '" + argv[0] + "' " + how + (err.empty() ? "" : ": " + err), "CredentialProcessFailed");
  }
  return parse_credentials_json(ran->out, process_json_format(), where + ": output of '" + argv[0] + "'");
}

}  // namespace

Found find_credential_process(ChainContext& context, const std::string& profile) {
  const auto command = context.config.get(profile, "credential_process");
  if (!command) {
    context.looked.push_back("credential_process: profile '" + profile + "' has none");
    return std::shared_ptr<CredentialsProvider>{};
  }
  const std::string where = "credential_process of profile '" + profile + "'";
  auto argv = shell_split(*command);
  if (!argv) return make_error(ErrorKind::invalid_argument, where, "cannot split the command: " + argv.error().message);
  if (argv->empty()) return make_error(ErrorKind::invalid_argument, where, "the command is empty");

  // The program runs now, as botocore runs it while resolving, so a failing one stops the chain.
  const auto timeout = context.options.process_timeout;
  auto first = run_credential_process(*argv, timeout, where);
  if (!first) return first.error();
  if (auto fresh = check_not_expired(*first, context.clock(), where); !fresh) return fresh.error();
  auto provider = std::make_shared<RefreshingProvider>(
      where + " ('" + (*argv)[0] + "')",
      [argv = *argv, timeout, where] { return run_credential_process(argv, timeout, where); },
      context.options.refresh, context.clock);
  provider->prime(std::move(first.value()));
  return std::shared_ptr<CredentialsProvider>(provider);
}

}  // namespace trailguard::aws
