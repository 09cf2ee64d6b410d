// Parse a Mermaid gantt chart with Mermaid's own parser and print what it understood as JSON.
// Usage: node mermaid_gantt.mjs < chart.mmd   (NODE_PATH-like: LAUNCHKIT_NODE_MODULES=<dir>)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.LAUNCHKIT_NODE_MODULES;
const require = createRequire(path.join(modules, "noop.js"));
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser;
globalThis.Element = dom.window.Element;
globalThis.HTMLElement = dom.window.HTMLElement;
globalThis.SVGElement = dom.window.SVGElement;
globalThis.Node = dom.window.Node;

const entry = require.resolve("mermaid/dist/mermaid.core.mjs");
const { default: mermaid } = await import(pathToFileURL(entry).href);
mermaid.initialize({ startOnLoad: false });

const day = (d) => {
  const t = new Date(d);
  const pad = (n) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
};
async function read(text) {
  try {
    const valid = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const tasks = db.getTasks().map((t) => ({
      id: t.id,
      text: t.task,
      section: t.section,
      start: day(t.startTime),
      end: day(t.endTime),
      classes: [t.crit && "crit", t.done && "done", t.active && "active", t.milestone && "milestone"].filter(Boolean),
    }));
    return {
      ok: Boolean(valid),
      type: diagram.type,
      title: db.getDiagramTitle(),
      dateFormat: db.getDateFormat(),
      excludes: db.getExcludes(),
      tasks,
    };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e) };
  }
}

if (process.env.LAUNCHKIT_MERMAID_SERVE === "1") {
  // One chart per line as a JSON string in, one result per line out (after a marker, so that
  // anything Mermaid logs is told apart): starting Node and Mermaid once for a whole test run.
  const { createInterface } = await import("node:readline");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim()) console.log("@@mermaid " + JSON.stringify(await read(JSON.parse(line))));
  }
} else {
  console.log(JSON.stringify(await read(readFileSync(0, "utf8"))));
}
