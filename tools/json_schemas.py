"""The editor JSON Schemas (schemas/*.schema.json), written from one description.

Run it after changing what the loader accepts: `python tools/json_schemas.py`.
tests/load/test_schema_agreement.py checks that the committed files are its output and
that the schemas agree with `scormbuild check` on a corpus of edited files.
"""
from __future__ import annotations

import json
from pathlib import Path

ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$"
DEFS = {
    "text": {"type": ["string", "number"], "description": "Text (a number is read as text)."},
    "required_text": {"type": ["string", "number"], "pattern": "\\S", "description": "Text, not empty."},
    "markdown": {"type": ["string", "number"], "description": "Markdown."},
    "id": {"type": ["string", "integer"], "pattern": ID_PATTERN, "minimum": 0,
           "description": "Lowercase letters, digits and hyphens; stable: it becomes SCORM identifiers and xAPI IRIs."},
    "text_list": {"type": "array", "items": {"$ref": "#/$defs/text"}},
    "percent": {"type": "integer", "minimum": 0, "maximum": 100},
    "flag": {"type": "boolean", "default": False},
    "attempts": {"anyOf": [{"type": "integer", "minimum": 1}, {"const": "unlimited"}],
                 "description": "Tries per knowledge check: a number from 1, or 'unlimited'."},
}


def obj(props, required=(), description=None, **extra):
    out = {"type": "object", "additionalProperties": False}
    if description:
        out["description"] = description
    if required:
        out["required"] = list(required)
    # An optional key left empty (`description:`) is read as absent: null is accepted.
    out["properties"] = {k: v if k in required else {"anyOf": [v, {"type": "null"}]} for k, v in props.items()}
    out.update(extra)
    return out


def ref(name, description=None):
    r = {"$ref": f"#/$defs/{name}"}
    if description:
        r["description"] = description
    return r


def doc(name, title, description, body, defs=()):
    d = {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$id": f"https://scormbuild.invalid/schemas/{name}", "title": title, "description": description}
    d.update(body)
    d["$defs"] = {**{k: DEFS[k] for k in DEFS}, **dict(defs)}
    return d


# course.yaml `scorm2004:` (load/__init__.py _scorm2004) and `moodle:` (load/moodle.py).
SCORM2004 = {
 "type": "object",
 "additionalProperties": False,
 "description": "SCORM 2004 4th Edition options (--format scorm2004). See docs/format.md.",
 "properties": {
  "sequencing": {
   "type": "object",
   "additionalProperties": False,
   "description": "How the LMS moves between the modules of a --bundle package (SN 3.2).",
   "properties": {
    "choice": {
     "type": "boolean",
     "default": True,
     "description": "The learner may pick any module from the LMS's menu."
    },
    "flow": {
     "type": "boolean",
     "default": True,
     "description": "The LMS offers continue/previous between modules."
    },
    "forced_order": {
     "type": "boolean",
     "default": False,
     "description": "A module opens only once the one before it is completed."
    }
   }
  }
 }
}
MOODLE = {
 "type": "object",
 "additionalProperties": False,
 "properties": {
  "display": {
   "type": "object",
   "additionalProperties": False,
   "properties": {
    "window": {
     "enum": [
      "current",
      "new"
     ],
     "default": "current"
    },
    "width": {
     "type": "integer",
     "minimum": 1,
     "maximum": 10000,
     "default": 100,
     "description": "Percent when 100 or less, else pixels."
    },
    "height": {
     "type": "integer",
     "minimum": 1,
     "maximum": 10000,
     "default": 500,
     "description": "Pixels."
    },
    "table_of_contents": {
     "enum": [
      "side",
      "hidden",
      "popup",
      "disabled"
     ],
     "default": "hidden"
    },
    "navigation": {
     "enum": [
      "disabled",
      "under-content",
      "floating"
     ],
     "default": "disabled"
    },
    "skip_entry_page": {
     "enum": [
      "never",
      "first",
      "always"
     ],
     "default": "first"
    },
    "hide_preview": {
     "$ref": "#/$defs/flag"
    }
   }
  },
  "grading": {
   "type": "object",
   "additionalProperties": False,
   "properties": {
    "method": {
     "enum": [
      "learning-objects",
      "highest",
      "average",
      "sum"
     ],
     "default": "highest"
    },
    "maximum": {
     "$ref": "#/$defs/percent",
     "default": 100
    }
   }
  },
  "attempts": {
   "type": "object",
   "additionalProperties": False,
   "properties": {
    "maximum": {
     "type": "integer",
     "minimum": 0,
     "maximum": 6,
     "default": 0,
     "description": "0: unlimited."
    },
    "grade": {
     "enum": [
      "highest",
      "average",
      "first",
      "last"
     ],
     "default": "highest",
     "description": "Which attempt counts."
    },
    "force_completed": {
     "$ref": "#/$defs/flag"
    },
    "force_new": {
     "enum": [
      "never",
      "when-complete",
      "always"
     ],
     "default": "never"
    },
    "lock_after_final": {
     "$ref": "#/$defs/flag"
    }
   }
  },
  "completion": {
   "type": "object",
   "additionalProperties": False,
   "properties": {
    "status": {
     "anyOf": [
      {
       "enum": [
        "passed",
        "completed",
        "none"
       ]
      },
      {
       "type": "array",
       "items": {
        "enum": [
         "passed",
         "completed"
        ]
       },
       "minItems": 1,
       "uniqueItems": True
      }
     ],
     "description": "The status that completes the activity (any one of a list). Default: passed when scored, else completed."
    },
    "minimum_score": {
     "$ref": "#/$defs/percent"
    },
    "all_scos": {
     "$ref": "#/$defs/flag"
    }
   }
  },
  "available": {
   "type": "object",
   "additionalProperties": False,
   "properties": {
    "from": {
     "type": "string",
     "description": "A date (2026-02-01: midnight UTC) or a date-time."
    },
    "until": {
     "type": "string",
     "description": "A date or a date-time after 'from'."
    }
   }
  },
  "mastery_overrides_status": {
   "$ref": "#/$defs/flag",
   "description": "Moodle turns the status into passed/failed at LMSFinish when a score exists. Off by default."
  },
  "auto_continue": {
   "$ref": "#/$defs/flag"
  },
  "auto_commit": {
   "$ref": "#/$defs/flag"
  }
 }
}


# course.yaml `theme:` (load/theme.py): files relative to the course folder.
HEX_COLOUR = {"type": "string", "pattern": "^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}
THEME = obj({
    "logo": ref("text", "An image shown beside the course title."),
    "logo_alt": ref("text", "The logo's text alternative; empty: decorative (the title is beside it)."),
    "cover": ref("text", "An image at the top of each module's start page."),
    "cover_alt": ref("text", "The cover's text alternative; empty: decorative."),
    "colors": obj({"primary": {**HEX_COLOUR, "description": "Links and buttons; 4.5:1 on white (checked)."},
                   "accent": {**HEX_COLOUR, "description": "The focus ring; 3:1 on white (checked)."}}),
    "fonts": {"type": "array", "items": obj({
        "family": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$"},
        "src": ref("required_text", "A .woff2, .woff, .ttf or .otf file in the course."),
        "weight": {"type": "integer", "minimum": 100, "maximum": 900},
        "style": {"enum": ["normal", "italic"]}}, ["family", "src"]),
        "description": "Fonts from course files; the first one's family is the player's font."},
    "custom_css": ref("text", "A CSS file linked after the player's style; the colours it sets are contrast-checked."),
}, description="Branding: logo, cover, colours (contrast-checked), fonts, custom CSS. See docs/format.md.")

course = doc("course.schema.json", "scormbuild course.yaml",
             "A scormbuild course: identity, core values, mastery and module order. See docs/format.md.",
             obj({
                 "id": ref("id", "Stable course id; never change it once published."),
                 "title": ref("required_text"),
                 "description": ref("markdown"),
                 "language": {**DEFS["required_text"], "default": "en",
                              "description": "BCP 47 language tag; picks the player's UI strings (en, fr, es, de)."},
                 "version": {**DEFS["required_text"], "default": "1.0.0"},
                 "publisher": ref("text"),
                 "credits": ref("text_list", "Markdown items."),
                 "base_iri": {"type": ["string", "number"],
                              "pattern": "^[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s<>\"{}|\\\\^`]+$",
                              "description": "An absolute IRI you control; xAPI activity ids are built under it."},
                 "mastery_score": ref("percent", "Default mastery score (percent) for scored modules."),
                 "reflections": {"enum": ["lms", "local"], "default": "lms",
                                 "description": "'local' keeps reflection text out of the LMS "
                                                "(kept in the browser only)."},
                 "modules": {"type": "array", "minItems": 1, "items": {"type": "string"},
                             "description": "Module folders, relative to this file, in course order."},
                 "core_values": {"type": "array", "items": ref("core_value")},
                 "attempts": ref("attempts", "Tries per knowledge check (default 1); modules and checks may set "
                                             "their own."),
                 "show_correct": {"type": "boolean", "default": True,
                                  "description": "Once a check is final (right, or out of tries), show its right "
                                                 "answer."},
                 "retake": {"type": "boolean", "default": False,
                            "description": "A module whose result is failed offers 'Retake the checks' (reflections "
                                           "and worksheet are kept)."},
                 "counts": {"enum": ["last", "best"], "default": "last",
                            "description": "After retakes, the score the LMS receives: the last complete attempt's, "
                                           "or the best."},
                 "scorm2004": SCORM2004,
                 "theme": THEME,
                 "strings": {"type": "object", "additionalProperties": ref("required_text"),
                             "description": "Player UI strings replaced for this course, by key "
                                            "(templates/player/i18n/en.json)."},
                 "moodle": ref("moodle", "SCORM activity settings of the Moodle course backup (build -s moodle); "
                                         "README 'Moodle course backup'."),
             }, ["id", "title", "base_iri", "modules"]),
             {"moodle": MOODLE, "core_value": obj({"id": ref("id"), "name": ref("required_text"),
                                 "definition": ref("required_text", "Markdown."),
                                 "in_action": ref("text_list", "Markdown items: the value in practice."),
                                 "overarching": {"type": "boolean"}}, ["id", "name", "definition"])})

worksheet = obj({"title": ref("required_text"), "intro": ref("markdown"),
                 "fields": {"type": "array", "minItems": 1, "items": obj(
                     {"id": ref("id"), "label": ref("required_text"), "hint": ref("markdown")}, ["id", "label"])}},
                ["title", "fields"], "A fillable worksheet: fields filled in lessons with ```worksheet blocks.")
module = doc("module.schema.json", "scormbuild module.yaml", "One module of a scormbuild course. See docs/format.md.",
             obj({
                 "id": ref("id", "Stable id; defaults to the folder name without its number."),
                 "number": {"type": "integer", "minimum": 0, "maximum": 9999},
                 "title": ref("required_text"),
                 "description": ref("markdown"),
                 "duration": {"type": "integer", "minimum": 0, "maximum": 10000, "description": "Estimated minutes."},
                 "mastery_score": ref("percent", "Percent of knowledge checks answered right to pass."),
                 "attempts": ref("attempts", "Tries per knowledge check in this module (overrides course.yaml)."),
                 "show_correct": {"type": "boolean",
                                  "description": "Once a check is final, show its right answer (overrides course.yaml)."},
                 "objectives": ref("text_list"),
                 "references": ref("text_list", "Markdown, one reference each (quote items that contain ': ')."),
                 "next_steps": ref("text_list"),
                 "worksheet": worksheet,
                 "lessons": {"type": "array", "minItems": 1, "items": {"type": "string"},
                             "description": "Lesson files, relative to this file, in order."},
             }, ["number", "title", "lessons"]))

lesson = doc("lesson.schema.json", "scormbuild lesson front matter",
             "The YAML between the '---' lines at the top of a lesson file. See docs/format.md.",
             obj({"title": ref("required_text"),
                  "id": ref("id", "Optional; defaults to the file name without its number.")}, ["title"]))

choice_obj = obj({"id": {"type": ["string", "number"], "pattern": "\\S"}, "text": ref("required_text"),
                  "correct": {"type": "boolean"}, "feedback": ref("markdown")}, ["text"])
correct_choice = {"type": "object", "required": ["correct"], "properties": {"correct": {"const": True}}}
CHOICE_KINDS = ["single", "multiple", "true-false"]
CHOICE_RULES = [
        {"if": {"required": ["type"], "properties": {"type": {"const": "true-false"}}},
         "then": {"anyOf": [{"required": ["answer"], "not": {"required": ["choices"]}},
                            {"required": ["choices"], "not": {"required": ["answer"]}}]},
         "else": {"required": ["choices"]}},
        {"if": {"required": ["type"], "properties": {"type": {"const": "multiple"}}},
         "then": {"properties": {"choices": {"contains": correct_choice}}},
         "else": {"if": {"required": ["type", "answer"], "properties": {"type": {"const": "true-false"}}},
                  "then": True,
                  "else": {"properties": {"choices": {"contains": correct_choice, "maxContains": 1}}}}},
]
pair_obj = obj({"source": ref("text"), "target": ref("text")})
check = obj({
    "id": ref("id"),
    "type": {"enum": [*CHOICE_KINDS, "matching", "ordering", "fill-in", "numeric", "likert"], "default": "single"},
    "prompt": ref("required_text"),
    "choices": {"type": "array", "minItems": 2, "items": {"anyOf": [ref("text"), choice_obj]}},
    "answer": {"type": ["boolean", "number"],
               "description": "true-false: the right answer instead of choices; numeric: the right value."},
    "feedback": obj({"correct": ref("markdown"), "incorrect": ref("markdown")}),
    "attempts": ref("attempts", "Tries at this check (overrides the module's and course's)."),
    "show_correct": {"type": "boolean", "description": "Once final, show the right answer (overrides)."},
    "shuffle": {"type": "boolean", "description": "A new order of the choices at every try."},
    "pairs": {"type": "array", "minItems": 1, "items": pair_obj,
              "description": "matching: each source with its target (sources may share a target)."},
    "accept": ref("text_list", "fill-in: the accepted answers."),
    "case_sensitive": {"type": "boolean", "description": "fill-in: case counts (default false)."},
    "spacing": {"enum": ["collapse", "ignore", "exact"], "description": "fill-in: how spaces are compared."},
    "min": {"type": "number", "description": "numeric: the lowest right value (a range)."},
    "max": {"type": "number", "description": "numeric: the highest right value (a range)."},
}, ["id", "prompt"], "A knowledge check: choices (scored), matching, ordering, fill-in, numeric, or a likert scale.",
    allOf=[
        # The rules of choice checks below hold for them alone; the other types' keys are
        # checked by the loader and the author checks (matching.no-partner, fill-in.no-answer…).
        {"if": {"required": ["type"], "properties": {"type": {"enum": ["matching", "fill-in", "numeric"]}}},
         "then": {"not": {"required": ["choices"]}}},
        {"if": {"required": ["type"], "properties": {"type": {"enum": ["ordering", "likert"]}}},
         "then": {"required": ["choices"]}},
        {"if": {"required": ["type"], "properties": {"type": {"const": "matching"}}}, "then": {"required": ["pairs"]}},
        {"if": {"required": ["type"], "properties": {"type": {"enum": ["matching", "ordering", "fill-in", "numeric",
                                                                        "likert"]}}},
         "then": True, "else": {"allOf": CHOICE_RULES}},
    ])
ALT_RULE = [{"required": ["alt"], "properties": {"alt": {"pattern": "\\S"}}},
            {"required": ["decorative"], "properties": {"decorative": {"const": True}}}]
panel_obj = obj({"title": ref("required_text"), "text": ref("required_text")}, ["title", "text"])


def items_of(item, description=None):
    return {"type": "array", "minItems": 1, "items": item, **({"description": description} if description else {})}


# load/blocks.py _URL, case-insensitive (JSON Schema patterns have no flags).
WEB_ADDRESS = "^([hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:|[tT][eE][lL]:)"
percent_number = {"type": "number", "minimum": 0, "maximum": 100}
CONTENT_BLOCKS = {
    "tabs": obj({"title": ref("text"), "items": items_of(panel_obj)}, ["items"],
                "Tabs: one panel shown at a time (WAI-ARIA APG Tabs)."),
    "flashcards": obj({"title": ref("text"), "cards": items_of(obj(
        {"front": ref("required_text"), "back": ref("required_text")}, ["front", "back"]))}, ["cards"],
        "Cards that turn over from the front (inline Markdown) to the back (Markdown)."),
    "process": obj({"title": ref("text"), "intro": ref("markdown"), "steps": items_of(panel_obj)}, ["steps"],
                   "Steps shown one at a time, \"Step 1 of N\", with previous/next buttons."),
    "labelled-graphic": obj({"title": ref("text"), "src": ref("required_text"), "alt": ref("required_text"),
                             "markers": items_of(obj({"x": percent_number, "y": percent_number,
                                                      "title": ref("required_text"), "text": ref("markdown")},
                                                     ["x", "y", "title"]),
                                                 "Numbered markers: x and y in percent of the image (0-100).")},
                            ["src", "alt", "markers"], "An image with numbered markers that open notes."),
    "timeline": obj({"title": ref("text"), "events": items_of(obj(
        {"date": ref("required_text"), "title": ref("required_text"), "text": ref("markdown")}, ["date", "title"]))},
        ["events"], "Dated events in order."),
    "gallery": obj({"title": ref("text"), "images": items_of(obj(
        {"src": ref("required_text"), "alt": ref("text"), "caption": ref("markdown"),
         "decorative": {"type": "boolean"}}, ["src"], anyOf=ALT_RULE))}, ["images"], "Images shown one at a time with previous/next (no auto-advance)."),
    "table": obj({"caption": ref("required_text"), "columns": items_of(ref("text"), "The header row."),
                  "rows": items_of(items_of(ref("text")), "One list of cells per row, one cell per column."),
                  "row_headers": {"type": "boolean", "description": "The first cell of each row is its header."}},
                 ["caption", "columns", "rows"], "A data table; wide tables scroll on a phone."),
    "button": obj({"label": ref("required_text"),
                   "url": {"type": "string", "pattern": WEB_ADDRESS,
                           "description": "A web address (opens a new tab), mailto: or tel:."},
                   "file": ref("required_text"),
                   "description": ref("markdown")}, ["label"],
                  "A call to action: a web link (opens a new tab) or a file to download.",
                  oneOf=[{"required": ["url"], "not": {"required": ["file"]}},
                         {"required": ["file"], "not": {"required": ["url"]}}]),
}
prompt_obj = obj({"id": {"type": ["string", "number"], "pattern": "\\S"}, "text": ref("required_text")}, ["text"])
# video and audio (load/blocks.py _media): files relative to the lesson file.
MEDIA = {"id": ref("id"), "src": ref("required_text"), "title": ref("required_text"),
         "captions": ref("text", "A WebVTT (.vtt) file: captions (WCAG 1.2.2)."),
         "transcript": ref("markdown", "Shown under the player in a disclosure."),
         "required": {"type": "boolean", "description": "The lesson is done only once it was played to its end."}}
blocks = {
    "image": obj({"src": ref("required_text"), "alt": ref("text"), "caption": ref("markdown"),
                  "decorative": {"type": "boolean"},
                  "size": {"enum": ["small", "medium", "full"], "description": "Width on wide screens (default full)."},
                  "align": {"enum": ["left", "center", "right"],
                            "description": "small/medium: floated left or right of the prose, or centred."}},
                 ["src"], "An image; alt text is required unless decorative.", anyOf=ALT_RULE),
    "callout": obj({"text": ref("required_text"), "style": {"enum": ["note", "tip", "important", "warning"]},
                    "title": ref("text")}, ["text"]),
    "quote": obj({"text": ref("required_text"), "attribution": ref("text")}, ["text"]),
    "accordion": obj({"title": ref("text"), "items": {"type": "array", "minItems": 1, "items": obj(
        {"title": ref("required_text"), "text": ref("required_text")}, ["title", "text"])}}, ["items"]),
    "definition": obj({"term": ref("required_text"), "text": ref("required_text")}, ["term", "text"]),
    "list": obj({"title": ref("text"), "style": {"enum": ["bullet", "numbered", "check", "columns"]},
                 "items": {"type": "array", "minItems": 1, "items": ref("text")}}, ["items"]),
    "resource": obj({"file": ref("required_text"), "title": ref("required_text"), "description": ref("markdown")},
                    ["file", "title"], "A download shipped in the package."),
    "video": obj({**MEDIA, "poster": ref("text", "An image shown before the video plays."),
                  "speech": {"type": "boolean", "description": "false: nobody speaks, no captions needed."}},
                 ["src", "title"], "A video shipped in the package; captions are required when it has speech."),
    "audio": obj(MEDIA, ["src", "title"], "An audio file shipped in the package; give it a transcript."),
    "embed": obj({"url": {**DEFS["required_text"], "pattern": "^https?://"},
                  "title": ref("required_text", "The frame's title, read by screen readers."),
                  "provider": ref("text", "Named on the load button; default: from the host (YouTube, Vimeo…)."),
                  "fallback": ref("markdown", "Shown under the placeholder, e.g. for learners without internet.")},
                 ["url", "title"], "An external player, loaded only when the learner asks."),
    "continue": {"anyOf": [{"type": "null"}, obj({"label": ref("text")})]},
    "check": check,
    "reflection": obj({"id": ref("id"), "title": ref("text"), "intro": ref("markdown"),
                       "required": {"type": "boolean"},
                       "prompts": {"type": "array", "minItems": 1, "items": {"anyOf": [ref("text"), prompt_obj]}}},
                      ["id", "prompts"]),
    "core-values": obj({"id": ref("id"), "prompt": ref("required_text"), "title": ref("text")}, ["id", "prompt"]),
    "worksheet": obj({"field": ref("required_text")}, ["field"]),
    **CONTENT_BLOCKS,
}
blocks_doc = doc("blocks.schema.json", "scormbuild fenced blocks",
                 "The YAML body of each fenced block type: $defs/<type> (the info string after ```).",
                 {"anyOf": [ref(k) for k in blocks]}, blocks)
SCHEMAS = {"course.schema.json": course, "module.schema.json": module, "lesson.schema.json": lesson,
           "blocks.schema.json": blocks_doc}


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for name, schema in SCHEMAS.items():
        Path(__file__).resolve().parents[1].joinpath("schemas", name).write_text(render(schema), encoding="utf-8")
