"""The profile's own validation, turned into errors beside the form fields that caused them."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ValidationError

_TYPE_KEYS = {"missing": "required", "string_too_short": "required", "date_parsing": "date_format",
              "date_from_datetime_parsing": "date_format", "date_type": "date_format", "int_parsing": "number",
              "greater_than_equal": "number", "less_than_equal": "number", "too_short": "required"}
_LEADING_PATH = re.compile(r"^([a-z_][\w.]*(?:\.[\w]+)*) ")
# Words from the profile's checks that have their own translation in the messages.
_KNOWN = ((re.compile(r"is in the future"), "future"), (re.compile(r"is before"), "date_order"),
          (re.compile(r"not a California county"), "county"), (re.compile(r"^county is missing"), "county"),
          (re.compile(r"^no counts and no arrest offenses"), "no_counts"))


def model_errors(model: type[BaseModel], data: dict, as_of: date) -> dict[str, str]:
    """{field path: error key, or "!" + the profile's own words}; empty when the data is valid."""
    try:
        model.model_validate(data, context={"as_of": as_of})
    except ValidationError as exc:
        return dict(describe_error(e) for e in reversed(exc.errors()))
    return {}


def describe_error(error: dict) -> tuple[str, str]:
    path = ".".join(str(p) for p in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "value_error":
        match = _LEADING_PATH.match(message)
        if not path and match:
            path = match.group(1)
        for pattern, key in _KNOWN:
            if pattern.search(message):
                if key in ("county",):
                    path = path or "county"
                if key == "no_counts":
                    path = path or "counts"
                return path, key
        return path, "!" + message
    return path, _TYPE_KEYS.get(error["type"], "!" + message)
