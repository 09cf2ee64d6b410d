"""`--format junit`: one test case per gate and per planned task, for CI test-report views.

Valid against the JUnit XML schema that Jenkins and other CI systems read (Surefire's
`junit-10.xsd`). A finding that keeps the launch from being ready is a `<failure>`; a gate not
yet due is `<skipped>`; a test case's other findings (warnings without --strict, info, waived)
are kept in its `<system-out>`, or listed in the failure's text, so nothing is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from launchkit.diagnostics import Severity
from launchkit.outputs.reporters.base import place

if TYPE_CHECKING:
    from launchkit.readiness import Report, Subject


def _line(report: Report, subject: Subject) -> str:
    return "\n".join(
        f"{place(f)}: {f.severity}: {f.message} [{f.code}]" for f in report.findings_for(subject.id)
    )


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The report as a `<testsuites>` document."""
    import xml.etree.ElementTree as ET

    suite = ET.Element("testsuite", name=f"launchkit check {report.playbook}")
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("file", report.file),
        ("as_of", report.as_of.isoformat()),
        ("launch", report.launch.isoformat()),
        ("strict", "true" if report.strict else "false"),
    ):
        ET.SubElement(props, "property", name=name, value=value)
    failures = skipped = 0
    for subject in report.subjects:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{report.playbook}.{subject.kind}s",
            name=f"{subject.id}: {subject.title}",
            time="0",
        )
        found = report.findings_for(subject.id)
        failing = [f for f in found if report.fails(f)]
        pending = [
            f
            for f in found
            if subject.kind == "gate" and f.severity is Severity.INFO and f.waiver is None
        ]
        if failing:
            failures += 1
            first = failing[0]
            failure = ET.SubElement(
                case, "failure", type=first.code, message=f"{place(first)}: {first.message}"
            )
            failure.text = _line(report, subject)
        elif pending and subject.due is not None and subject.due > report.as_of:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"due {subject.due.isoformat()}")
        if found and not failing:
            ET.SubElement(case, "system-out").text = _line(report, subject)
    for key, count in (
        ("tests", len(report.subjects)),
        ("failures", failures),
        ("errors", 0),
        ("skipped", skipped),
    ):
        suite.set(key, str(count))
    root = ET.Element(
        "testsuites",
        name="launchkit check",
        tests=str(len(report.subjects)),
        failures=str(failures),
        errors="0",
    )
    root.append(suite)
    ET.indent(root)
    from launchkit.outputs.xmltext import xml_safe

    text = ET.tostring(root, encoding="unicode")
    # ElementTree writes a control character raw, which no XML parser reads (issue 15).
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_safe(text) + "\n"
