// The cache in front of every fetch of temporary credentials: when it fetches again, what it does
// when a refresh fails, and that concurrent callers share one fetch. The clock is injected.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "aws/credentials/refreshing_provider.hpp"

namespace trailguard::aws {
namespace {

using namespace std::chrono_literals;
using Clock_ = std::chrono::system_clock;

class CredentialsRefreshing : public ::testing::Test {
 protected:
  std::shared_ptr<RefreshingProvider> make() {
    return std::make_shared<RefreshingProvider>(
        "test source",
        [this]() -> Result<TemporaryCredentials> {
          ++fetches;
          if (fail) return make_error(ErrorKind::network, "test source", "unreachable");
          return TemporaryCredentials{{"ASIA" + std::to_string(fetches.load()), "s", "t"}, now + lifetime};
        },
        RefreshWindows{}, [this] { return now; });
  }

  Clock_::time_point now = Clock_::time_point{} + std::chrono::hours(24 * 365 * 50);
  std::chrono::seconds lifetime{3600};
  std::atomic<int> fetches{0};
  bool fail = false;
};

TEST_F(CredentialsRefreshing, FetchesOnFirstUseAndKeepsUntilTheAdvisoryWindow) {
  auto provider = make();
  EXPECT_EQ(fetches, 0);
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIA1");
  now += 54min;  // 6 min left
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIA1");
  now += 2min;  // 4 min left: within 5 min
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIA2");
  EXPECT_EQ(fetches, 2);
}

TEST_F(CredentialsRefreshing, FailedRefreshKeepsCurrentCredentialsUntilTheMandatoryWindow) {
  auto provider = make();
  ASSERT_TRUE(provider->credentials());
  fail = true;
  now += 57min;  // 3 min left
  auto kept = provider->credentials();
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->access_key_id, "ASIA1");
  now += 2min + 30s;  // 30 s left
  auto failed = provider->credentials();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, ErrorKind::network);
  fail = false;
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIA4");
}

TEST_F(CredentialsRefreshing, FetchedCredentialsAlreadyExpiredAreAnError) {
  lifetime = std::chrono::seconds{-10};
  auto provider = make();
  auto credentials = provider->credentials();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, "ExpiredCredentials");
  EXPECT_EQ(credentials.error().where, "test source");
}

TEST_F(CredentialsRefreshing, PrimedCredentialsAreUsedWithoutAFetch) {
  auto provider = make();
  provider->prime(TemporaryCredentials{{"ASIAPRIMED", "s", "t"}, now + 1h});
  EXPECT_EQ(provider->credentials()->access_key_id, "ASIAPRIMED");
  EXPECT_EQ(fetches, 0);
}

TEST_F(CredentialsRefreshing, LongTermCredentialsAreNeverFetchedAgain) {
  auto provider = make();
  provider->prime(TemporaryCredentials{{"AKIALONGTERM", "s", ""}, std::nullopt});
  now += std::chrono::hours(24 * 400);
  EXPECT_EQ(provider->credentials()->access_key_id, "AKIALONGTERM");
  EXPECT_EQ(fetches, 0);
}

TEST(CredentialsRefreshingThreads, ConcurrentCallersShareOneFetch) {
  std::atomic<int> fetches{0};
  auto provider = std::make_shared<RefreshingProvider>(
      "slow source",
      [&]() -> Result<TemporaryCredentials> {
        ++fetches;
        std::this_thread::sleep_for(100ms);
        return TemporaryCredentials{{"ASIASLOW", "s", "t"}, Clock_::now() + 1h};
      },
      RefreshWindows{}, [] { return Clock_::now(); });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) {
        if (provider->credentials()) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(fetches, 1);
  EXPECT_EQ(ok, 400);
}

}  // namespace
}  // namespace trailguard::aws
