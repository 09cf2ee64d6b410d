// Reads iCalendar files with Mozilla's ical.js (the parser behind Thunderbird) and prints, for
// each file, what it makes of the calendar: its name properties and every event, with start and
// end as UTC instants (or dates) and the occurrences its recurrence expands to.
// Usage: node ical_read.mjs < paths.json   (a JSON list of file paths; one JSON line out).
// ical.js is loaded from $LAUNCHKIT_NODE_MODULES (see .ci/setup-ics.sh).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.LAUNCHKIT_NODE_MODULES;
const ICAL = (await import(pathToFileURL(join(modules, "ical.js", "dist", "ical.js")).href)).default;
const MAX_OCCURRENCES = 2000;

function when(time) {
  if (time.isDate) return time.toString(); // YYYY-MM-DD
  return time.toJSDate().toISOString().replace(".000Z", "Z");
}

function readFile(path) {
  const text = readFileSync(path, "utf8");
  const root = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const occurrences = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      occurrences.push(when(next));
      if (occurrences.length >= MAX_OCCURRENCES) break;
    }
    const duration = component.getFirstPropertyValue("duration");
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: component.getFirstPropertyValue("status"),
      sequence: event.sequence,
      start: when(event.startDate),
      end: when(event.endDate),
      duration: duration ? duration.toSeconds() : null,
      recurring: event.isRecurring(),
      occurrences,
    };
  });
  const text_of = (name) => {
    const value = root.getFirstPropertyValue(name);
    return value === null ? null : String(value);
  };
  return {
    name: text_of("name"),
    description: text_of("description"),
    x_wr_calname: text_of("x-wr-calname"),
    x_wr_caldesc: text_of("x-wr-caldesc"),
    timezones: root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    events,
  };
}

const paths = JSON.parse(readFileSync(0, "utf8"));
const out = {};
for (const path of paths) {
  try {
    out[path] = { ok: true, calendar: readFile(path) };
  } catch (error) {
    out[path] = { ok: false, error: String(error && error.stack ? error.stack : error) };
  }
}
process.stdout.write(JSON.stringify(out) + "\n");
