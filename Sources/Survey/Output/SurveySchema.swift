/// A JSON Schema (draft 2020-12) of the survey YAML format, published with the site so that editors
/// can check and complete `*.survey.yml` files. Tests keep its keys and types in step with the decoder.
public enum SurveySchema {
    public static let json = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "survey.schema.json",
  "title": "Doorstep survey",
  "description": "A survey for the Doorstep toolkit. The same YAML is published as a web form, a paper questionnaire, an XLSForm and a codebook.",
  "type": "object",
  "additionalProperties": false,
  "required": ["id", "title"],
  "oneOf": [{"required": ["sections"]}, {"required": ["questions"]}],
  "properties": {
    "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Lower case letters, digits and hyphens; unique in the site."},
    "title": {"$ref": "#/$defs/text"},
    "version": {"type": "string", "description": "Quote it: \"1.0\"."},
    "languages": {
      "type": "object",
      "description": "Language code to name, e.g. {en: English, cy: Cymraeg}. The first is the default.",
      "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
      "additionalProperties": {"type": "string"}
    },
    "introduction": {"$ref": "#/$defs/text"},
    "privacy_notice": {"$ref": "#/$defs/text"},
    "contact": {"$ref": "#/$defs/text"},
    "estimated_minutes": {"type": "integer", "minimum": 1, "maximum": 1000000000, "description": "What you tell people; the validator checks it is realistic."},
    "choices": {
      "type": "object",
      "description": "Shared choice lists, by name.",
      "propertyNames": {"pattern": "^[A-Za-z][A-Za-z0-9_]*$"},
      "additionalProperties": {"$ref": "#/$defs/choiceList"}
    },
    "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}, "description": "Questions without sections."},
    "allow": {"$ref": "#/$defs/allow"},
    "metadata": {
      "type": "array",
      "description": "What phones record by themselves: start, end, today, deviceid, username.",
      "items": {"enum": ["start", "end", "today", "deviceid", "username"]}
    },
    "public_key": {"type": "string", "description": "The base64 RSA public key that ODK Collect and KoboToolbox encrypt forms with."},
    "submission_url": {"type": "string", "pattern": "^https://", "description": "Where phones send finished forms."},
    "phone_form": {"enum": ["door-to-door", "self-completion"], "description": "Who fills in the phone form: volunteers at the door, who first record how the visit went (door-to-door, the default), or people answering for themselves from a web link (self-completion)."}
  },
  "$defs": {
    "text": {
      "description": "A plain string, or a map from language code to text.",
      "oneOf": [
        {"type": "string"},
        {"type": "object", "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}, "additionalProperties": {"type": "string"}, "minProperties": 1}
      ]
    },
    "code": {
      "description": "The stored value: letters, digits and underscores. Always quote \"yes\", \"no\", \"on\", \"off\".",
      "oneOf": [{"type": "string", "pattern": "^[A-Za-z0-9_]+$"}, {"type": "integer", "minimum": 0}]
    },
    "choice": {
      "type": "object",
      "additionalProperties": false,
      "required": ["code", "label"],
      "properties": {
        "code": {"$ref": "#/$defs/code"},
        "label": {"$ref": "#/$defs/text"},
        "entry": {"type": "integer", "minimum": 0, "maximum": 1000000000, "description": "The number typed in from paper; default: position 1, 2, 3…"},
        "parent": {"$ref": "#/$defs/code", "description": "In a cascade: the code of the earlier answer this choice belongs to."}
      }
    },
    "choiceList": {"type": "array", "items": {"$ref": "#/$defs/choice"}, "minItems": 1},
    "addedOption": {
      "description": "true for the built-in wording, or your own label.",
      "oneOf": [{"type": "boolean"}, {"$ref": "#/$defs/text"}]
    },
    "allow": {
      "type": "object",
      "description": "Warnings silenced here, each with the reason.",
      "propertyNames": {"pattern": "^S2[0-9]{2}$"},
      "additionalProperties": {"type": "string", "minLength": 1}
    },
    "scalar": {"type": ["string", "number", "boolean"]},
    "comparison": {
      "type": "object",
      "additionalProperties": false,
      "minProperties": 1,
      "properties": {
        "equals": {"$ref": "#/$defs/scalar"},
        "not_equals": {"$ref": "#/$defs/scalar"},
        "one_of": {"oneOf": [{"$ref": "#/$defs/scalar"}, {"type": "array", "items": {"$ref": "#/$defs/scalar"}, "minItems": 1}]},
        "at_least": {"type": "number"},
        "at_most": {"type": "number"},
        "more_than": {"type": "number"},
        "less_than": {"type": "number"},
        "answered": {"type": "boolean"}
      }
    },
    "condition": {
      "type": "object",
      "description": "Asked only when this holds. Keys are earlier question ids (all must hold), or all / any / not.",
      "minProperties": 1,
      "properties": {
        "all": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1},
        "any": {"type": "array", "items": {"$ref": "#/$defs/condition"}, "minItems": 1},
        "not": {"$ref": "#/$defs/condition"}
      },
      "patternProperties": {
        "^(?!(all|any|not)$)[A-Za-z][A-Za-z0-9_]*$": {
          "oneOf": [
            {"$ref": "#/$defs/scalar"},
            {"type": "array", "items": {"$ref": "#/$defs/scalar"}, "minItems": 1},
            {"$ref": "#/$defs/comparison"}
          ]
        }
      },
      "additionalProperties": false
    },
    "section": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "questions"],
      "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"},
        "title": {"$ref": "#/$defs/text"},
        "description": {"$ref": "#/$defs/text"},
        "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}},
        "repeat": {
          "description": "Ask the section once for each member: an earlier integer question id, the most times, or both.",
          "oneOf": [
            {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"},
            {"type": "integer", "minimum": 1, "maximum": 20},
            {"type": "object", "additionalProperties": false, "minProperties": 1,
             "properties": {"count": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"}, "max": {"type": "integer", "minimum": 1, "maximum": 20}}}
          ]
        },
        "item_label": {"$ref": "#/$defs/text", "description": "The heading of each member's block, numbered: Person 1, Person 2."}
      }
    },
    "question": {
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "type", "label"],
      "properties": {
        "id": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$", "description": "Letters, digits and underscores; starts with a letter."},
        "type": {
          "enum": ["consent", "text", "text_long", "integer", "decimal", "date", "yes_no", "select_one", "select_multiple", "scale", "rating", "ranking", "note", "calculate"]
        },
        "label": {"$ref": "#/$defs/text"},
        "hint": {"$ref": "#/$defs/text"},
        "required": {"type": "boolean"},
        "show_if": {"$ref": "#/$defs/condition"},
        "prefer_not_to_say": {"$ref": "#/$defs/addedOption"},
        "dont_know": {"$ref": "#/$defs/addedOption"},
        "other": {"$ref": "#/$defs/addedOption", "description": "Adds \"Other (please specify)\" with a text box."},
        "constraint_message": {"$ref": "#/$defs/text"},
        "special_category": {
          "enum": ["racial_or_ethnic_origin", "political_opinions", "religious_or_philosophical_beliefs", "trade_union_membership", "genetic", "biometric", "health", "sex_life", "sexual_orientation"]
        },
        "allow": {"$ref": "#/$defs/allow"},
        "choices": {"oneOf": [{"type": "string", "description": "A shared list name."}, {"$ref": "#/$defs/choiceList"}]},
        "scale": {"enum": ["agree5", "agree7", "frequency5", "satisfaction5", "likelihood5"]},
        "min": {"type": "number", "minimum": -1000000000, "maximum": 1000000000},
        "max": {"type": "number", "minimum": -1000000000, "maximum": 1000000000},
        "min_length": {"type": "integer", "minimum": 0, "maximum": 1000000000},
        "max_length": {"type": "integer", "minimum": 1, "maximum": 1000000000},
        "lines": {"type": "integer", "minimum": 1, "maximum": 60, "description": "Ruled lines on paper (default 4)."},
        "rank": {"type": "integer", "minimum": 1, "maximum": 1000000000, "description": "How many options to rank."},
        "min_label": {"$ref": "#/$defs/text"},
        "max_label": {"$ref": "#/$defs/text"},
        "calculate": {"type": "string", "description": "For type calculate: numbers, earlier answers, + - * /, brackets, count(section), sum(question)."},
        "default": {"description": "today, last_answer (the last response saved on this device), or a fixed value.", "$ref": "#/$defs/scalar"},
        "pattern": {"type": "string", "description": "uk_postcode, uk_phone, email, or a regular expression (then give constraint_message)."},
        "filter_by": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$", "description": "An earlier select_one question; only choices whose parent is its answer are shown."},
        "required_message": {"$ref": "#/$defs/text"}
      },
      "allOf": [
        {"if": {"properties": {"type": {"enum": ["select_one", "select_multiple", "ranking"]}}}, "then": {"required": ["choices"]}},
        {"if": {"properties": {"type": {"const": "scale"}}}, "then": {"oneOf": [{"required": ["scale"]}, {"required": ["choices"]}]}},
        {"if": {"properties": {"type": {"not": {"enum": ["select_one", "select_multiple", "ranking", "scale"]}}}}, "then": {"not": {"required": ["choices"]}}},
        {"if": {"properties": {"type": {"not": {"enum": ["integer", "decimal", "rating"]}}}}, "then": {"allOf": [{"not": {"required": ["min"]}}, {"not": {"required": ["max"]}}]}},
        {"if": {"properties": {"type": {"not": {"enum": ["text"]}}}}, "then": {"not": {"required": ["min_length"]}}},
        {"if": {"properties": {"type": {"not": {"enum": ["text", "text_long"]}}}}, "then": {"not": {"required": ["max_length"]}}},
        {"if": {"properties": {"type": {"not": {"const": "text_long"}}}}, "then": {"not": {"required": ["lines"]}}},
        {"if": {"properties": {"type": {"not": {"const": "ranking"}}}}, "then": {"not": {"required": ["rank"]}}},
        {"if": {"properties": {"type": {"not": {"const": "scale"}}}}, "then": {"not": {"required": ["scale"]}}},
        {"if": {"properties": {"type": {"not": {"enum": ["select_one", "select_multiple"]}}}}, "then": {"not": {"required": ["other"]}}},
        {"if": {"properties": {"type": {"not": {"const": "rating"}}}}, "then": {"allOf": [{"not": {"required": ["min_label"]}}, {"not": {"required": ["max_label"]}}]}},
        {"if": {"properties": {"type": {"const": "calculate"}}}, "then": {"required": ["calculate"]}, "else": {"not": {"required": ["calculate"]}}},
        {"if": {"properties": {"type": {"not": {"const": "text"}}}}, "then": {"not": {"required": ["pattern"]}}},
        {"if": {"properties": {"type": {"not": {"enum": ["select_one", "select_multiple"]}}}}, "then": {"not": {"required": ["filter_by"]}}}
      ]
    }
  }
}
"""#
}
