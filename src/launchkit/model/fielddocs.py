"""Field docstrings, read from the model's source only when a schema or a reference needs them.

The docstring under each field is its documentation (it becomes the JSON Schema description
that editors show). pydantic can collect them itself (`use_attribute_docstrings`), but that
parses every model's source each time launchkit starts, which is about a tenth of `check`'s
start-up; reading them here, when `launchkit schema` or the format reference asks, costs
nothing on every other command.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from itertools import pairwise


@cache
def field_docs(cls: type) -> dict[str, str]:
    """`{field name: docstring}` for the fields of a model class defined in launchkit's source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    (classdef,) = tree.body
    assert isinstance(classdef, ast.ClassDef)
    docs: dict[str, str] = {}
    for field, after in pairwise(classdef.body):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs
