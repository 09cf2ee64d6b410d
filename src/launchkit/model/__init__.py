"""Layer 1: pydantic models of a playbook, and the single source of its JSON Schema."""

from launchkit.model.playbook import (
    WEEKDAYS,
    CalendarSpec,
    Documents,
    Gate,
    Invitation,
    Person,
    Phase,
    Playbook,
    Question,
    Site,
    SiteProgress,
    TalkingPoints,
    Task,
    Waiver,
)
from launchkit.model.values import Offset, Span

__all__ = [
    "WEEKDAYS",
    "CalendarSpec",
    "Documents",
    "Gate",
    "Invitation",
    "Offset",
    "Person",
    "Phase",
    "Playbook",
    "Question",
    "Site",
    "SiteProgress",
    "Span",
    "TalkingPoints",
    "Task",
    "Waiver",
]


def json_schema() -> dict[str, object]:
    """The JSON Schema of playbook format version 1, with titles and descriptions for editors."""
    from launchkit.model import playbook as models
    from launchkit.model.fielddocs import field_docs

    schema = Playbook.model_json_schema(mode="validation")
    for name, owner in [("Playbook", schema), *schema.get("$defs", {}).items()]:
        cls = getattr(models, name)
        docs = field_docs(cls)
        # A property named by its alias (`from`) is documented under its field's name.
        named = {(f.alias or n): n for n, f in cls.model_fields.items()}
        for field, prop in owner.get("properties", {}).items():
            doc = docs.get(named.get(field, field))
            if doc is not None and "description" not in prop:
                ordered = sorted({**prop, "description": doc}.items())
                prop.clear()
                prop.update(ordered)  # keys in the alphabetical order pydantic itself writes
    # In a launch repository a playbook may name a shared site by its id (docs/repository.md);
    # the loader puts the shared entry in its place before the model sees it.
    sites = schema["properties"]["sites"]
    site_id = dict(schema["$defs"]["Site"]["properties"]["id"])
    site_id["description"] = "In a launch repository: the id of a shared site (launchkit.yaml)."
    site_id["title"] = "Shared site"
    sites["items"] = {"anyOf": [sites["items"], site_id]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://launchkit.dev/schema/playbook-v1.json"
    # pydantic leaves the title off a property that refers to another model (`calendar`);
    # editors show titles in completion lists, so every property gets one.
    for owner in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in owner.get("properties", {}).items():
            prop.setdefault("title", name.replace("_", " ").title())
    return schema
