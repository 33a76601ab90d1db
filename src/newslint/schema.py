"""JSON Schema validation (Draft 2020-12, formats really checked).

The shipped ``schemas/article.schema.json`` is the default; ``--schema`` or
``schema =`` brings the user's own. Remote ``$ref`` are never fetched: a
schema that needs one is a config error. For ``anyOf``/``oneOf`` the best
deep match is reported, as check-jsonschema does, so the message names the
branch the author most likely meant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .resources import schemas_dir
from .settings import ConfigError


def _no_remote(uri: str):
    raise ConfigError(f"schema $ref to {uri!r} is not fetched: newslint never loads remote schemas")


def escape_pointer_part(part: Any) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


@dataclass
class SchemaViolation:
    pointer: str
    message: str
    keyword: str


class SchemaValidator:
    """Validates articles: jsonschema-rs decides, Python jsonschema explains.

    Most articles are valid, and jsonschema-rs answers "valid?" in a couple
    of microseconds. The Python ``jsonschema`` package (about 0.1 s to import
    and meta-check) is loaded only when there is something to explain: the
    first invalid article, or a schema that jsonschema-rs refuses.
    """

    def __init__(self, schema: dict[str, Any], origin: str) -> None:
        self.origin = origin
        self._schema = schema
        self._python = None
        self._fast = _fast_validator(schema)
        if self._fast is None:
            self._python_validator()  # meta-checks the schema: a ConfigError if bad

    def _python_validator(self):
        if self._python is not None:
            return self._python
        from jsonschema import Draft202012Validator, FormatChecker
        from jsonschema.exceptions import SchemaError
        from referencing import Registry

        schema = self._schema
        validator_cls = Draft202012Validator
        if isinstance(schema.get("$schema"), str):
            from jsonschema.validators import validator_for

            validator_cls = validator_for(schema, default=Draft202012Validator)
        try:
            validator_cls.check_schema(schema)
        except SchemaError as exc:
            raise ConfigError(f"{self.origin}: invalid JSON Schema: {exc.message}") from None
        self._python = validator_cls(
            schema,
            format_checker=FormatChecker(),
            registry=Registry(retrieve=_no_remote),
        )
        return self._python

    @classmethod
    def load(cls, path: str | None) -> "SchemaValidator":
        target = Path(path) if path else schemas_dir() / "article.schema.json"
        try:
            schema = json.loads(target.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"{target}: cannot load schema: {exc}") from None
        if not isinstance(schema, dict):
            raise ConfigError(f"{target}: a JSON Schema must be an object")
        return cls(schema, str(target))

    def violations(self, instance: Any) -> list[SchemaViolation]:
        if self._fast is not None and self._fast.is_valid(instance):
            return []
        from jsonschema.exceptions import best_match

        out = []
        for error in self._python_validator().iter_errors(instance):
            if error.context:
                deep = best_match(error.context)
                if deep is not None:
                    error = deep
            pointer = "".join("/" + escape_pointer_part(p) for p in error.absolute_path)
            out.append(SchemaViolation(pointer, _message(error), str(error.validator)))
        out.sort(key=lambda v: (v.pointer, v.message))
        return out


def _fast_validator(schema: dict[str, Any]):
    """jsonschema-rs for the common valid case; None where it cannot take the schema.

    None too when the schema fails its meta-schema, so that the Python
    validator reports why in its own words.
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        if not jsonschema_rs.meta.is_valid(schema):
            return None
    except Exception:  # noqa: BLE001 - an unknown $schema: let jsonschema judge it
        return None

    def refuse(uri: str):
        raise ValueError(f"remote $ref {uri!r} is not fetched")

    try:
        return jsonschema_rs.validator_for(schema, validate_formats=True, retriever=refuse)
    except Exception:  # noqa: BLE001 - fall back to jsonschema alone, which reports properly
        return None


def _message(error) -> str:
    msg = error.message
    if len(msg) > 200:
        msg = msg[:197] + "..."
    return msg
