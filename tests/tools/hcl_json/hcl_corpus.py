"""A deterministic (seeded) corpus of .tf files for hcl_differential.py: every form of HCL2's native syntax
(blocks with 0..3 labels, nested and one-line blocks, every expression form, escapes, templates with strip
markers and directives, heredocs, for expressions, splats, legacy indexes, operators, function calls with
provider::ns::fn and expansion, comments of the three kinds in many places, CRLF line ends), invalid files
that both parsers must reject, and small files at the grammar's edges (EDGE) that either may accept. Generated at test time into the build directory (not committed): the seed makes
it the same on every run, and a change here changes the corpus for everyone at once.

    python3 hcl_corpus.py OUT_DIR [--files N] [--seed S]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

FILES = 300
SEED = 20261204

NAMES = ["name", "region", "enabled", "tags", "count_of", "items", "x", "y_z", "with-dash", "a1"]
ROOTS = ["var.regions", "local.settings", "module.trails.names", "aws_cloudtrail.main", "each.value", "count.index",
         "path.module", "data.aws_region.current.name", "self", "terraform.workspace"]
NUMBERS = ["0", "1", "42", "1.5", "0.25", "1e3", "2E-2", "1.5e+2", "3.0", "007", "1000000", "0.1", "12.75"]
STRING_PIECES = ["plain", " ", "\\n", "\\t", "\\\"", "\\\\", "\\u00e9", "\\U0001F600", "\\r", "$${literal}",
                 "%%{literal}", "é", "日本", "$ ", "% ", "100% ", "a$b", "#not-a-comment", "//neither", "/* nor */"]
FUNCTIONS = ["lookup", "merge", "concat", "length", "format", "jsonencode", "coalesce", "tolist",
             "provider::aws::arn_parse", "provider::ns::fn"]
BINARY = ["||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"]


class Writer:
    """One file's text, built from a random but reproducible choice of forms."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.heredocs = 0

    def pick(self, items):
        return self.rng.choice(items)

    def comment(self) -> str:
        return self.pick(["# a hash comment", "// a slash comment", "/* a block comment */", "/* multi\n   line */"])

    def inline_comment(self) -> str:
        return " /* inline */ " if self.rng.random() < 0.15 else " "

    def traversal(self, depth: int) -> str:
        text = self.pick(ROOTS)
        legacy = False
        for _ in range(self.rng.randint(0, 2)):
            # Two legacy indexes in a row (x.0.1) scan as the number 0.1: hclsyntax rejects them.
            step = self.pick([".id", ".arn", "[0]", '["key"]', ".name", "[1].x"] + ([] if legacy else [".0", ".1"]))
            legacy = step in (".0", ".1")
            text += step
        if depth > 0 and self.rng.random() < 0.2:
            text += f"[{self.expression(depth - 1)}]"
        return text

    def splat(self, depth: int) -> str:
        base = self.pick(["var.list", "aws_cloudtrail.each", "local.objects", f"{self.call(depth)}"])
        return base + self.pick([".*", ".*.id", ".*.a.b", "[*]", "[*].id", "[*].tags[0]", "[*].a.0"])

    def string_literal(self) -> str:
        return '"' + "".join(self.pick(STRING_PIECES) for _ in range(self.rng.randint(0, 4))) + '"'

    def template(self, depth: int) -> str:
        parts = []
        for _ in range(self.rng.randint(1, 4)):
            choice = self.rng.random()
            if choice < 0.35:
                parts.append(self.pick(STRING_PIECES))
            elif choice < 0.7 or depth == 0:
                left, right = self.pick(["", "~"]), self.pick(["", "~"])
                inner = self.traversal(0) if depth == 0 else self.expression(depth - 1, in_template=True)
                parts.append(f"${{{left} {inner} {right}}}" if left or right else f"${{{inner}}}")
            elif choice < 0.85:
                strip = self.pick(["", "~"])
                body = self.pick(["yes", "${var.a}", " spaced "])
                if self.rng.random() < 0.5:
                    parts.append(f"%{{if {self.traversal(0)} {strip}}}{body}%{{{strip} else}}no%{{endif}}")
                else:
                    parts.append(f'%{{ if {self.traversal(0)} == "x" }}{body}%{{ endif {strip}}}')
            else:
                names = self.pick(["v", "k, v"])
                parts.append(f"%{{for {names} in {self.traversal(0)}}}${{v}},%{{endfor}}")
        return '"' + "".join(parts) + '"'

    def heredoc(self, depth: int) -> str:
        self.heredocs += 1
        marker = self.pick(["EOT", "EOF", "POLICY"]) + str(self.heredocs)
        indent = self.rng.random() < 0.5
        pad = "    " if indent else ""
        lines = []
        for _ in range(self.rng.randint(1, 4)):
            extra = " " * self.rng.randint(0, 3)
            piece = self.pick(["text line", "\\n stays a backslash", "with ${var.x}", "${~ local.y ~} stripped",
                               "%{ if var.on }on%{ else }off%{ endif }", "$${not} %%{interpolated}", "{\"json\": true}",
                               f"${{{self.expression(max(depth - 1, 0), in_template=True)}}}", ""])
            lines.append(pad + extra + piece)
        closing = ("  " if indent and self.rng.random() < 0.5 else "") + marker
        return f"<<{'-' if indent else ''}{marker}\n" + "\n".join(lines) + f"\n{closing}\n"

    def call(self, depth: int) -> str:
        name = self.pick(FUNCTIONS)
        args = [self.expression(depth - 1) for _ in range(self.rng.randint(0, 3))] if depth > 0 else ["1"]
        text = ", ".join(args)
        if args and self.rng.random() < 0.2:
            text += "..."
        elif args and self.rng.random() < 0.2:
            text += ","
        if self.rng.random() < 0.2 and args:
            if self.rng.random() < 0.3:
                args[0] = self.heredoc(depth)  # its closing marker ends a line: the comma goes on the next
            return f"{name}(\n    " + ",\n    ".join(args) + ",\n  )"
        return f"{name}({text})"

    def tuple(self, depth: int) -> str:
        items = [self.expression(depth - 1) for _ in range(self.rng.randint(0, 4))]
        if not items:
            return "[]"
        if self.rng.random() < 0.4:
            return "[\n" + "".join(f"    {item},{' ' + self.comment() if self.rng.random() < 0.2 else ''}\n"
                                   for item in items) + "  ]"
        return "[" + ", ".join(items) + ("," if self.rng.random() < 0.3 else "") + "]"

    def object(self, depth: int) -> str:
        pairs = []
        for i in range(self.rng.randint(0, 4)):
            key = self.pick([f"key{i}", f'"quoted {i}"', f"(var.k{i})", f'"with${{var.k}}{i}"', f"k{i}", str(i + 10)])
            pairs.append(f"{key} {self.pick(['=', ':'])} {self.expression(depth - 1)}")
        if not pairs:
            return "{}"
        if self.rng.random() < 0.5:
            separator = self.pick([",", ""])
            return "{\n" + "".join(f"    {pair}{separator}\n" for pair in pairs) + "  }"
        return "{ " + ", ".join(pairs) + (", " if self.rng.random() < 0.3 else " ") + "}"

    def for_expression(self, depth: int) -> str:
        inner = self.expression(max(depth - 1, 0))
        condition = f" if {self.traversal(0)} != null" if self.rng.random() < 0.4 else ""
        if self.rng.random() < 0.5:
            names = self.pick(["x", "i, x"])
            return f"[for {names} in {self.traversal(0)} : {inner}{condition}]"
        group = "..." if self.rng.random() < 0.3 else ""
        return f"{{for k, v in {self.traversal(0)} : k => {inner}{group}{condition}}}"

    def operation(self, depth: int) -> str:
        left, right = self.expression(depth - 1), self.expression(depth - 1)
        text = f"{left} {self.pick(BINARY)}{self.inline_comment()}{right}"
        return f"({text})" if self.rng.random() < 0.3 else text

    def expression(self, depth: int, in_template: bool = False) -> str:
        simple = [lambda: self.pick(NUMBERS), lambda: self.pick(["true", "false", "null"]), self.string_literal,
                  lambda: self.traversal(depth), lambda: "-" + self.pick(NUMBERS), lambda: "!" + self.pick(["true", "false"]),
                  lambda: f"-{self.traversal(0)}", lambda: f"!{self.traversal(0)}"]
        if depth <= 0:
            return self.pick(simple)()
        compound = [lambda: self.template(depth), lambda: self.call(depth), lambda: self.tuple(depth), lambda: self.object(depth),
                    lambda: self.for_expression(depth), lambda: self.operation(depth), lambda: self.splat(depth), lambda: f"({self.expression(depth - 1)})",
                    lambda: f"{self.expression(depth - 1)} ? {self.expression(depth - 1)} : {self.expression(depth - 1)}",
                    lambda: f"{self.traversal(0)} ? 1 : {self.traversal(0)} ? 2 : 3",
                    lambda: f'"${{{self.traversal(0)}}}"']  # the 0.11 style, alone in its string
        return self.pick(simple + compound)() if self.rng.random() < 0.35 else self.pick(compound)()

    def attribute(self, name: str, depth: int) -> str:
        value = self.heredoc(depth) if self.rng.random() < 0.1 else self.expression(depth)
        text = f"{name} ={self.inline_comment()}{value}"
        if self.rng.random() < 0.2 and not text.endswith("\n"):
            text += f" {self.pick(['# trailing', '// trailing', '/* trailing */'])}"
        return text

    def body(self, indent: str, depth: int, labels_seen: dict[str, int]) -> str:
        lines = []
        used = set()
        for _ in range(self.rng.randint(1, 5)):
            name = self.pick(NAMES)
            if name in used:
                continue
            used.add(name)
            if self.rng.random() < 0.15:
                lines.append(indent + self.comment().replace("\n", "\n" + indent))
            lines.append(indent + self.attribute(name, self.rng.randint(0, 3)).rstrip("\n"))
        if depth > 0:
            for _ in range(self.rng.randint(0, 3)):
                lines.append(self.block(indent, depth - 1, labels_seen))
        return "\n".join(lines)

    def block(self, indent: str, depth: int, labels_seen: dict[str, int]) -> str:
        kind = self.pick(["resource", "module", "variable", "dynamic", "event_selector", "locals", "terraform", "provider",
                          "data", "output", "nested", "lifecycle"])
        # hcl2json refuses one type with and without labels in a body: each type keeps its first label count.
        labels = labels_seen.setdefault(kind, self.rng.randint(0, 3))
        label_text = "".join(" " + self.pick([f'"{kind}_{self.rng.randint(0, 5)}"', f"bare{self.rng.randint(0, 5)}",
                                              '"quoted label"', '"aws_cloudtrail"']) for _ in range(labels))
        if self.rng.random() < 0.2:
            inside = f"{self.pick(NAMES)} = {self.expression(1)}" if self.rng.random() < 0.7 else ""
            if "\n" not in inside:
                return f"{indent}{kind}{label_text} {{ {inside} }}" if inside else f"{indent}{kind}{label_text} {{}}"
        return f"{indent}{kind}{label_text} {{\n{self.body(indent + '  ', depth, {})}\n{indent}}}"


def valid_file(rng: random.Random) -> str:
    writer = Writer(rng)
    parts = []
    labels_seen: dict[str, int] = {}
    if rng.random() < 0.5:
        parts.append(writer.comment())
    parts.append(writer.body("", 0, labels_seen))
    for _ in range(rng.randint(1, 4)):
        parts.append(writer.block("", 2, labels_seen))
    text = "\n\n".join(parts) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.05 else text


INVALID = {
    "unterminated_string": 'a = "never closed\n',
    "unterminated_string_eof": 'a = "never closed',
    "missing_brace": 'resource "aws_cloudtrail" "x" {\n  name = "a"\n',
    "extra_brace": 'a = 1\n}\n',
    "bad_token": "a = 1 @ 2\n",
    "bad_character": "a = `b`\n",
    "missing_value": "a =\n",
    "duplicate_attribute": "a = 1\na = 2\n",
    "unterminated_heredoc": "a = <<EOT\nline\n",
    "unterminated_interpolation": 'a = "${var.x"\n',
    "unterminated_directive": 'a = "%{if var.x}yes"\n',
    "endif_without_if": 'a = "%{endif}"\n',
    "invalid_escape": 'a = "\\q"\n',
    "one_line_block_two_attributes": "b { a = 1, c = 2 }\n",
    "one_line_block_with_block": "b { c {} }\n",
    "tuple_without_comma": "a = [1 2]\n",
    "object_without_separator": "a = { b = 1 c = 2 }\n",
    "attribute_without_equals": "a 1\n",
    "block_label_number": "resource 1 {}\n",
    "unclosed_paren": "a = (1 + 2\n",
    "two_attributes_one_line": "a = 1 b = 2\n",
    "trailing_operator": "a = 1 +\n",
    "for_without_colon": "a = [for x in y x]\n",
    "conditional_without_colon": "a = b ? c\n",
    "splat_in_key": "a = { b.* = 1 }\n",
    "unicode_escape_short": 'a = "\\u00"\n',
    "label_interpolation": 'resource "${x}" {}\n',
    "legacy_index_chained": "a = x.0.1\n",
    "heredoc_marker_not_alone": "a = <<EOT\nline\nEOT, 1\n",
}


# Small files at the edges of the grammar, both valid and not: each parser decides, they must agree.
EDGE = {
    # hcl2json's converter refuses a block type with and without labels, and lets an attribute replace a block.
    'labels_then_none': b'x "a" {}\nx {}\n',
    'none_then_labels': b'x {}\nx "a" {}\n',
    'attribute_over_block': b'x { a = 1 }\nx = 2\n',
    'big_numbers': b'a = 9007199254740993\nb = 1e308\nc = 0.1\nd = 123456789.123456789\n',
    'bom': b'\xef\xbb\xbfa = 1\n',
    'bool_keys': b'a = { true = 1, false = 2 }\n',
    'chained_comparison': b'a = 1 == 2 == 3\nb = 1 < 2 < 3\n',
    'comment_end': b'a = "${a}${b}" # c\n/* end */',
    'comment_only_no_newline': b'# only a comment',
    'crlf_heredoc': b'a = <<EOT\r\nx\r\nEOT\r\n',
    'crlf_simple': b'a = 1\r\nb = "x"\r\n',
    'duplicate_key': b'a = { "k" = 1, k = 2 }\n',
    'empty': b'',
    'empty_call': b'a = f(\n)\nb = f()...\n',
    'for_spacing': b'a = [for x in y : x]\nb = [for x in y: x if x]\n',
    'for_strip': b'a = "%{for x in l}${x}%{~ endfor}"\n',
    'four_labels': b'b "l1" "l2" "l3" "l4" {}\n',
    'heredoc_blank_lines': b'a = <<EOT\n\nx\n\nEOT\n',
    'heredoc_empty': b'a = <<EOT\nEOT\n',
    'heredoc_in_interpolation': b'a = "${<<EOT\nin\nEOT\n}"\n',
    'heredoc_tabs': b'a = <<-EOT\n\tx\n\t  y\n\tEOT\n',
    'hex_number': b'a = 0x10\n',
    'lone_markers': b'a = "%"\nb = "$"\nc = "%%{"\n',
    'mixed_traversal': b'a = var.x[0].y["z"].0\n',
    'nested_directives': b'a = "%{ if a }%{ if b }x%{ endif }%{ endif }"\n',
    'no_newline': b'a = 1',
    'number_bad_exponent': b'a = 1e\n',
    'number_leading_dot': b'a = .5\n',
    'number_trailing_dot': b'a = 1.\n',
    'object_comments': b'a = {\n  # c\n  k = 1 # d\n  // e\n}\n',
    'object_for': b'a = {for k, v in m : k => v}\nb = {for v in l : v => v}\n',
    'overflow_in_template': b'a = "${1e308 * 10}"\n',
    'precedence': b'a = a ? b : c ? d : e\nb = (a ? b : c) ? d : e\nc = a || b && c == d + e * f\n',
    'quoted_attribute_name': b'a = "${x}"\n"b" = 1\n',
    'raw_tab_in_string': b'a = "tab\there"\n',
    'repeated_unlabelled': b'locals {\n}\nlocals {}\n',
    'splat_index': b'a = x.*[0]\nb = x[*][0]\nc = x.*.y[0]\n',
    'strip_markers': b'a = "${~ x ~}"\nb = " ${~ x} "\nc = "x %{~ if a ~} y %{~ endif ~} z"\n',
    'surrogate_escape': b'a = "\\uD800"\n',
    'tabs': b'a\t=\t1\n\tb = 2\n',
    'trailing_splat': b'a = x.y.*\n',
    'traversal_keys': b'a = { a.b = 1, c["d"] = 2 }\n',
    'tuple_comments': b'a = [\n  # c\n  1, /* d */\n]\n',
    'unary_chains': b'a = -1.5e-3\nb = - - 1\nc = !!true\n',
    'underscore_number': b'a = 1_000\n',
    'unicode_escapes': b'a = "\\u00e9\\U0001F600\\u0041"\n',
    'unicode_identifier': b'\xc3\xa9 = 1\nn\xc3\xa4me = "x"\n',
    'unterminated_comment': b'a = 1 /* unterminated',
}


def generate(out: Path, files: int = FILES, seed: int = SEED) -> list[Path]:
    """Writes the corpus into out (its earlier corpus files removed first) and returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("valid_*.tf")) + list(out.glob("invalid_*.tf")) + list(out.glob("edge_*.tf")):
        old.unlink()
    rng = random.Random(seed)
    paths = []
    for i in range(files):
        path = out / f"valid_{i:03d}.tf"
        path.write_bytes(valid_file(rng).encode())
        paths.append(path)
    for name, text in INVALID.items():
        path = out / f"invalid_{name}.tf"
        path.write_bytes(text.encode())
        paths.append(path)
    for name, data in EDGE.items():
        path = out / f"edge_{name}.tf"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=FILES)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    print(f"{len(generate(args.out, args.files, args.seed))} files in {args.out}")


if __name__ == "__main__":
    main()
