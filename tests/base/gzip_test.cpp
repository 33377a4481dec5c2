#include "base/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>

namespace trailguard {
namespace {

std::string gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, text.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string sample(std::size_t size) {
  std::mt19937 random(7);
  std::string text;
  while (text.size() < size) text += "{\"eventID\":\"" + std::to_string(random()) + "\",\"readOnly\":true},";
  return text.substr(0, size);
}

TEST(Gzip, InflatesIntoAReusedBufferWithPadding) {
  GzipInflater inflater;
  ByteBuffer out;
  for (const std::size_t size : {0, 1, 7000, 3 << 20, 100}) {
    const auto text = sample(size);
    ASSERT_TRUE(inflater.inflate(gzip(text), out, 64 << 20, "sample.json.gz").ok()) << size;
    EXPECT_EQ(out.view(), text);
    EXPECT_GE(out.capacity(), out.size());
  }
}

TEST(Gzip, InflatesConcatenatedMembers) {
  GzipInflater inflater;
  ByteBuffer out;
  ASSERT_TRUE(inflater.inflate(gzip("{\"a\":") + gzip("1}"), out, 1 << 20, "two.json.gz").ok());
  EXPECT_EQ(out.view(), "{\"a\":1}");
}

TEST(Gzip, ReportsTruncatedCorruptAndOversizedInputByName) {
  GzipInflater inflater;
  ByteBuffer out;
  const auto whole = gzip(sample(100000));
  const auto truncated = inflater.inflate(whole.substr(0, whole.size() / 2), out, 1 << 20, "cut.json.gz");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().where, "cut.json.gz");
  EXPECT_EQ(truncated.error().kind, ErrorKind::malformed_input);
  auto corrupt = whole;
  corrupt[corrupt.size() / 2] ^= 0x55;
  EXPECT_FALSE(inflater.inflate(corrupt, out, 1 << 20, "corrupt.json.gz").ok());
  EXPECT_FALSE(inflater.inflate("{\"Records\":[]}", out, 1 << 20, "plain.json").ok());
  const auto big = inflater.inflate(gzip(sample(3 << 20)), out, 1 << 20, "big.json.gz");
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().message.find("limit"), std::string::npos) << big.error().message;
}

TEST(Gzip, AFileWhoseTrailerLiesAboutItsSizeIsCorrupt) {
  GzipInflater inflater;
  ByteBuffer out;
  const auto text = sample(200000);
  auto compressed = gzip(text);
  compressed[compressed.size() - 4] = 1;  // ISIZE says ~1 byte
  compressed[compressed.size() - 3] = compressed[compressed.size() - 2] = compressed[compressed.size() - 1] = 0;
  // The hint only sizes the buffer (too small: it grows); libdeflate checks ISIZE, so the lie is found.
  const auto result = inflater.inflate(compressed, out, 1 << 20, "hint.json.gz");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where, "hint.json.gz");
}

}  // namespace
}  // namespace trailguard
