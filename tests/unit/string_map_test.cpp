// The stringMap annotations (target-group-attributes, load-balancer-attributes)
// read as the AWS Load Balancer Controller reads them, and edited keeping the
// user's layout.
//
// The expected readings below were derived by hand from the controller's Go
// code (pkg/annotations/parser.go at 225f445: splitKeyValuePairs, then
// ParseStringMapAnnotation's SplitN on "=" and strings.TrimSpace), not by
// running it: no Go toolchain is installed here. Each row says which step of
// that code decides it.
#include "rewrite/string_map.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "krm/run.h"
#include "test_support.h"

namespace zd::rewrite {
namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

struct Reading {
  const char* text;
  Items items;           // the controller's map (in our first-appearance order)
  bool invalid = false;  // the controller returns an error
};

const Reading kControllerReadings[] = {
    {"", {}},
    {"a=1", {{"a", "1"}}},
    {"a=1,b=2", {{"a", "1"}, {"b", "2"}}},
    // Each item, then its key and value, are TrimSpace'd.
    {" a = 1 , b = 2 ", {{"a", "1"}, {"b", "2"}}},
    {"a=1\t,\tb=2", {{"a", "1"}, {"b", "2"}}},
    // A literal block: the line breaks are white space around the items.
    {"a=1,\nb=2\n", {{"a", "1"}, {"b", "2"}}},
    {"a=1,\r\nb=2\r\n", {{"a", "1"}, {"b", "2"}}},
    {"deregistration_delay.timeout_seconds=30\n", {{"deregistration_delay.timeout_seconds", "30"}}},
    // Only a comma splits: lines without one are a single item.
    {"a=1\nb=2\n", {{"a", "1\nb=2"}}},
    // A backslash keeps the next character and is dropped.
    {"x=a\\,b", {{"x", "a,b"}}},
    {"x=a\\=b", {{"x", "a=b"}}},
    {"a\\=b=1", {{"a", "b=1"}}},  // the escaped `=` is still the first one
    {"x=a\\\\,b=2", {{"x", "a\\"}, {"b", "2"}}},
    {"x=a\\", {{"x", "a\\"}}},  // a last lone backslash stays
    {"a==1", {{"a", "=1"}}},
    {"a=", {{"a", ""}}},
    {"a= ,b=2", {{"a", ""}, {"b", "2"}}},
    // A later duplicate wins (a Go map assignment).
    {"a=1,b=2,a=3", {{"a", "3"}, {"b", "2"}}},
    // A comma followed by blanks only stays in the current item.
    {"a=1,", {{"a", "1,"}}},
    {"a=1 ,  \n", {{"a", "1 ,"}}},
    {"a=1,b=x\\,y", {{"a", "1"}, {"b", "x,y"}}},
    // A comma splits when an `=` follows anywhere, even escaped.
    {"a=1,b\\=c", {{"a", "1"}, {"b", "c"}}},
    // TrimSpace is Unicode's: U+00A0, U+0085, U+2003 are white space; a lone
    // byte 0x85 (not UTF-8) is not.
    {"a=1\xC2\xA0", {{"a", "1"}}},
    {"a=1\xC2\x85", {{"a", "1"}}},
    {"a=1,\xE2\x80\x83"
     "b=2",
     {{"a", "1"}, {"b", "2"}}},
    {"a=1\x85", {{"a", "1\x85"}}},
    // Refused: an empty item (pushed when a comma with an `=` after it
    // follows nothing), an item without `=` (the malformed tail after a
    // comma, or a lone word), an empty key.
    {"a=1,,b=2", {}, true},
    {",a=1", {}, true},
    {"a=1, ,b=2", {}, true},
    {"a=1,\n,b=2", {}, true},
    {"   ", {}, true},
    {"a=1,b", {}, true},
    {"a=1,b,c=2", {}, true},
    {"a=1,b=x,y", {}, true},
    {"a=1,b\\,c", {}, true},
    {"a", {}, true},
    {"=1", {}, true},
    {" = 1", {}, true},
    {"a=1,=2", {}, true},
};

TEST(StringMap, ReadsAsTheControllerDoes) {
  for (const Reading& r : kControllerReadings) {
    SCOPED_TRACE(r.text);
    StringMap m = parseStringMap(r.text);
    EXPECT_EQ(m.items, r.items);
    EXPECT_EQ(!m.invalid.empty(), r.invalid) << m.invalid;
  }
}

TEST(StringMap, InvalidNamesTheItem) {
  EXPECT_EQ(parseStringMap("a=1,b,c=2").invalid, "the item \"b\" has no `=`");
  EXPECT_EQ(parseStringMap("a=1,b\\,c").invalid, "the item \"b\\,c\" has no `=`");
  EXPECT_EQ(parseStringMap(" = 1").invalid, "the item \"= 1\" has no key before its `=`");
  EXPECT_EQ(parseStringMap("a=1,,b=2").invalid,
            "an empty item (a comma at the start, two commas in a row, or nothing but blanks)");
}

TEST(StringMap, RefusesWhatItCannotEditWithoutGuessing) {
  EXPECT_EQ(stringMapRefusal(parseStringMap("a=1,\nb=2\n")), "");
  EXPECT_EQ(stringMapRefusal(parseStringMap("x=a\\,")), "");  // an escaped comma is meant
  EXPECT_NE(stringMapRefusal(parseStringMap("a=1,,b=2"))
                .find("cannot be read by the AWS Load Balancer Controller"),
            std::string::npos);
  EXPECT_EQ(parseStringMap("a=1,\nb=2,\n").endsWithComma, "b=2,");
  EXPECT_NE(stringMapRefusal(parseStringMap("a=1,\nb=2,\n")).find("ends with a comma"),
            std::string::npos);
  std::string lines = stringMapRefusal(parseStringMap("a=1\nb=2\n"));
  EXPECT_NE(lines.find("reads the key \"a\" with the value \"1\\nb=2\""), std::string::npos)
      << lines;
  EXPECT_EQ(lines.find('\n'), std::string::npos);  // one line on stderr
  EXPECT_NE(stringMapRefusal(parseStringMap("a=1,\nb\nc=2\n")).find("the key \"b\\nc\""),
            std::string::npos);
}

struct Edit {
  const char* text;
  const char* expected;  // with deregistration_delay.timeout_seconds set to 30
};

const Edit kEdits[] = {
    {"", "deregistration_delay.timeout_seconds=30"},
    {"a=1", "a=1,deregistration_delay.timeout_seconds=30"},
    {"a=1, deregistration_delay.timeout_seconds = 300 ,b=2",
     "a=1, deregistration_delay.timeout_seconds = 30 ,b=2"},
    {"x=a\\,b,deregistration_delay.timeout_seconds=5",
     "x=a\\,b,deregistration_delay.timeout_seconds=30"},
    // The separator already used between items.
    {"a=1, b=2", "a=1, b=2, deregistration_delay.timeout_seconds=30"},
    {"a=1 , b=2 ", "a=1 , b=2 , deregistration_delay.timeout_seconds=30 "},
    // Blocks of one attribute per line: in place, or a new line before the
    // block's final line break.
    {"a=1,\nderegistration_delay.timeout_seconds=300,\nb=2\n",
     "a=1,\nderegistration_delay.timeout_seconds=30,\nb=2\n"},
    {"deregistration_delay.timeout_seconds=300\n", "deregistration_delay.timeout_seconds=30\n"},
    {"a=1,\nb=2\n", "a=1,\nb=2,\nderegistration_delay.timeout_seconds=30\n"},
    {"a=1\n", "a=1,\nderegistration_delay.timeout_seconds=30\n"},
    {"a=1\n\n", "a=1,\nderegistration_delay.timeout_seconds=30\n\n"},
    {"a=1,\r\nb=2\r\n", "a=1,\r\nb=2,\r\nderegistration_delay.timeout_seconds=30\r\n"},
    {"a=1\r\n", "a=1,\r\nderegistration_delay.timeout_seconds=30\r\n"},
    // The duplicate the controller keeps is the last one.
    {"deregistration_delay.timeout_seconds=300,a=1,deregistration_delay.timeout_seconds=60",
     "deregistration_delay.timeout_seconds=300,a=1,deregistration_delay.timeout_seconds=30"},
    {"deregistration_delay.timeout_seconds=", "deregistration_delay.timeout_seconds=30"},
    {"deregistration_delay.timeout_seconds= ,a=1", "deregistration_delay.timeout_seconds=30 ,a=1"},
    // An escaped `=` in a key: the controller's key is what precedes it.
    {"deregistration_delay.timeout_seconds\\=x=1", "deregistration_delay.timeout_seconds\\=30"},
    {"a\\=b=1", "a\\=b=1,deregistration_delay.timeout_seconds=30"},
};

TEST(StringMap, EditKeepsTheLayout) {
  for (const Edit& e : kEdits) {
    SCOPED_TRACE(e.text);
    std::string out = withStringMapValue(e.text, "deregistration_delay.timeout_seconds", "30");
    EXPECT_EQ(out, e.expected);
    // And the controller reads the new value from it.
    StringMap m = parseStringMap(out);
    auto it = std::find_if(m.items.begin(), m.items.end(), [](const auto& kv) {
      return kv.first == "deregistration_delay.timeout_seconds";
    });
    ASSERT_NE(it, m.items.end());
    EXPECT_EQ(it->second, "30");
  }
}

// Through the whole function: an annotation the controller refuses is an
// input error naming the object and the annotation, and nothing changes.
TEST(StringMap, MalformedAnnotationIsAnInputError) {
  const char* const kAnnotations[] = {"target-group-attributes", "load-balancer-attributes"};
  for (const char* name : kAnnotations) {
    SCOPED_TRACE(name);
    std::string in =
        test::replaced(test::kWebApp, "    alb.ingress.kubernetes.io/target-type: ip\n",
                       "    alb.ingress.kubernetes.io/target-type: ip\n"
                       "    alb.ingress.kubernetes.io/" +
                           std::string(name) + ": a=1,,b=2\n");
    krm::RunOutput out = krm::run(in, test::presetOptions("alb-ip"));
    EXPECT_EQ(out.exitCode, 1);
    std::string path = "metadata.annotations.alb.ingress.kubernetes.io/" + std::string(name);
    EXPECT_TRUE(std::any_of(out.results.begin(), out.results.end(), [&](const krm::Result& r) {
      return r.severity == krm::Severity::Error && r.resource &&
             r.resource->display() == "Ingress/shop/web" && r.fieldPath == path;
    })) << out.err;
    EXPECT_TRUE(test::sameDocs(in, out.out));
  }
}

}  // namespace
}  // namespace zd::rewrite
