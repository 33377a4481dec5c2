#!/usr/bin/env python3
"""Compiles a JSON Schema (draft 2020-12) for one OCSF event class from the OCSF definition files (the
ocsf/ocsf-schema repository's dictionary.json, categories.json, events/, objects/, profiles/), as the OCSF
server would resolve them, so that events can be validated offline with `jsonschema`:

  - a class's `extends` chain (compliance_finding -> finding -> base_event) and an object's (product ->
    _entity -> object) are merged parent first, the child's attribute fields winning;
  - `$include` of a profile adds its attributes, tagged with that profile; the including file's own
    declaration of an attribute wins over the profile's (e.g. `"profile": null` keeps it in every event);
  - each attribute's type, array-ness and enum come from dictionary.json, overridden by the class or object;
    enums are merged (dictionary 0 Unknown / 99 Other plus the class's values), as the server merges them;
  - primitive types resolve through dictionary types (timestamp_t -> long_t -> integer; regex, max_len,
    range, values become pattern, maxLength, minimum/maximum, enum);
  - `requirement: required` -> required; attributes of profiles not selected are not allowed (closed
    objects: additionalProperties false), attributes of selected profiles are;
  - `constraints` at_least_one / just_one -> anyOf / oneOf of required;
  - class_uid = category uid * 1000 + class uid, category_uid, and type_uid = class_uid * 100 + activity_id
    are constants (enums) of the class.

The `datetime` profile (a sibling *_dt for every timestamp) is not supported and refused.

    ocsf_schema.py OCSF_DIR compliance_finding --profiles cloud > schema.json
    ocsf_schema.py OCSF_DIR compliance_finding --profiles cloud --files   # the definition files it read
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

PRIMITIVES = {"string_t": "string", "integer_t": "integer", "long_t": "integer", "float_t": "number",
              "boolean_t": "boolean"}


def merged(base: dict, over: dict) -> dict:
    """`over`'s fields over `base`'s; enums are merged value by value (the server's deep merge)."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if key == "enum" and isinstance(out.get("enum"), dict):
            out["enum"] = {**out["enum"], **value}
        else:
            out[key] = copy.deepcopy(value)
    return out


class Compiler:
    def __init__(self, root: Path, profiles: list[str]):
        if "datetime" in profiles:
            raise SystemExit("ocsf_schema.py: the datetime profile is not supported")
        self.root = root
        self.profiles = set(profiles)
        self.read: set[Path] = set()
        dictionary = self._load("dictionary.json")
        self.dictionary = dictionary["attributes"]
        self.types = dictionary["types"]["attributes"]
        self.defs: dict[str, dict] = {}

    def _load(self, relative: str | Path) -> dict:
        path = self.root / relative
        self.read.add(path)
        return json.loads(path.read_text())

    def _event_path(self, name: str) -> Path:
        if name == "base_event":
            return Path("events/base_event.json")
        for path in sorted((self.root / "events").glob(f"*/{name}.json")):
            return path.relative_to(self.root)
        raise SystemExit(f"ocsf_schema.py: no event class {name}")

    def _attributes(self, definition: dict) -> dict:
        """A definition's own attributes with its $include'd profiles resolved (profile attributes tagged)."""
        own = dict(definition.get("attributes", {}))
        attributes: dict[str, dict] = {}
        for include in own.pop("$include", []):
            included = self._load(include)
            tag = included["name"] if included.get("meta") == "profile" else None
            for name, attribute in included.get("attributes", {}).items():
                attributes[name] = merged({"profile": tag} if tag else {}, attribute)
        for name, attribute in own.items():
            attributes[name] = merged(attributes.get(name, {}), attribute)
        return attributes

    def _resolved(self, relative: Path, kind: str) -> dict:
        """The definition with its extends chain merged: {"attributes", "constraints", "category", "uid", ...}."""
        definition = self._load(relative)
        parent = definition.get("extends")
        if parent:
            base = self._resolved(self._event_path(parent) if kind == "event" else Path(f"objects/{parent}.json"), kind)
        else:
            base = {"attributes": {}}
        out = {**{k: v for k, v in base.items() if k != "attributes"},
               **{k: v for k, v in definition.items() if k not in ("attributes", "extends")}}
        attributes = copy.deepcopy(base["attributes"])
        for name, attribute in self._attributes(definition).items():
            attributes[name] = merged(attributes.get(name, {}), attribute)
        out["attributes"] = attributes
        return out

    def _primitive(self, type_name: str) -> dict:
        schema: dict = {}
        while type_name not in PRIMITIVES and type_name != "json_t":
            info = self.types[type_name]
            if "regex" in info and "pattern" not in schema:
                schema["pattern"] = info["regex"]
            if "max_len" in info:
                schema["maxLength"] = info["max_len"]
            if "range" in info:
                schema["minimum"], schema["maximum"] = info["range"]
            if "values" in info:
                schema["enum"] = info["values"]
            type_name = info.get("type", "json_t")
        if type_name in PRIMITIVES:
            schema["type"] = PRIMITIVES[type_name]
        if type_name == "boolean_t":
            schema.pop("enum", None)
        return schema

    def _attribute_schema(self, name: str, attribute: dict) -> dict:
        spec = merged(self.dictionary.get(name, {}), attribute)
        type_name = spec.get("type")
        if type_name is None:
            raise SystemExit(f"ocsf_schema.py: attribute {name} has no type")
        if type_name == "object":
            item: dict = {"type": "object"}
        elif type_name.endswith("_t"):
            item = self._primitive(type_name)
            if "enum" in spec:
                keys = list(spec["enum"].keys())
                item["enum"] = sorted(int(k) for k in keys) if item.get("type") == "integer" else sorted(keys)
        else:
            item = {"$ref": f"#/$defs/{self._object(type_name)}"}
        return {"type": "array", "items": item} if spec.get("is_array") else item

    def _closed(self, resolved: dict) -> dict:
        properties, required = {}, []
        for name, attribute in sorted(resolved["attributes"].items()):
            profile = attribute.get("profile")
            if profile is not None and profile not in self.profiles:
                continue
            properties[name] = self._attribute_schema(name, attribute)
            if attribute.get("requirement") == "required":
                required.append(name)
        schema: dict = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        constraints = resolved.get("constraints", {})
        for keyword, combinator in (("at_least_one", "anyOf"), ("just_one", "oneOf")):
            if keyword in constraints:
                schema.setdefault("allOf", []).append({combinator: [{"required": [n]} for n in constraints[keyword]]})
        return schema

    def _object(self, name: str) -> str:
        if name not in self.defs:
            self.defs[name] = {}  # placeholder first: objects refer to each other (process -> parent_process)
            self.defs[name] = self._closed(self._resolved(Path(f"objects/{name}.json"), "object"))
        return name

    def event(self, name: str) -> dict:
        resolved = self._resolved(self._event_path(name), "event")
        categories = self._load("categories.json")["attributes"]
        category_uid = categories[resolved["category"]]["uid"]
        class_uid = category_uid * 1000 + resolved["uid"]
        schema = self._closed(resolved)
        activities = schema["properties"]["activity_id"]["enum"]
        schema["properties"]["class_uid"] = {"type": "integer", "enum": [class_uid]}
        schema["properties"]["category_uid"] = {"type": "integer", "enum": [category_uid]}
        schema["properties"]["type_uid"] = {"type": "integer", "enum": sorted(class_uid * 100 + a for a in activities)}
        return {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": f"OCSF {self._load('version.json')['version']} {resolved['caption']} ({class_uid}), "
                         f"profiles: {', '.join(sorted(self.profiles)) or 'none'}",
                **schema, "$defs": dict(sorted(self.defs.items()))}


def compile_event(root: Path, name: str, profiles: list[str]) -> tuple[dict, set[Path]]:
    """(the JSON Schema of event class `name` with `profiles` applied, the definition files read)."""
    compiler = Compiler(root, profiles)
    return compiler.event(name), compiler.read


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ocsf_dir", type=Path)
    parser.add_argument("event_class")
    parser.add_argument("--profiles", default="", help="comma-separated: the event's metadata.profiles")
    parser.add_argument("--files", action="store_true", help="list the definition files read instead")
    options = parser.parse_args()
    schema, read = compile_event(options.ocsf_dir, options.event_class, [p for p in options.profiles.split(",") if p])
    if options.files:
        print("\n".join(sorted(str(p.relative_to(options.ocsf_dir)) for p in read)))
    else:
        json.dump(schema, sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
