// A parser of the one Hive DDL form `logs athena-ddl` writes (CREATE EXTERNAL TABLE ... PARTITIONED BY
// ... ROW FORMAT SERDE ... STORED AS INPUTFORMAT ... OUTPUTFORMAT ... LOCATION ... TBLPROPERTIES (...)),
// written from Hive's grammar, not from the generator, so that the tests can read the statement back.
// No Hive or Trino parser (nor DuckDB) is available offline; this checks what such a parser would refuse
// first: balanced () and <>, closed quotes and backticks, the clauses in order, and column types that are
// STRING, MAP<..>, ARRAY<..> or STRUCT<name: type, ...>.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailguard::test_support {

struct DdlShape {
  std::vector<std::string> problems;  // empty when the statement parsed
  std::string table;                  // as written, backticks removed: "db.table"
  // name and type with the spaces removed and keywords upper-cased: "STRUCT<arn:STRING,...>"
  std::vector<std::pair<std::string, std::string>> columns;
  std::vector<std::pair<std::string, std::string>> partition_columns;
  std::string serde, input_format, output_format, location;
  std::map<std::string, std::string> properties;  // TBLPROPERTIES
};

DdlShape read_ddl_shape(std::string_view ddl);

}  // namespace trailguard::test_support
