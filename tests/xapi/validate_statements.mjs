// Validates xAPI statements with Learning Locker's npm package `xapi-validation`.
//
// stdin:  a JSON array of statements.
// stdout: a JSON array, one entry per statement, in order:
//         {"index": 0, "id": "...", "errors": [{"path": "statement.actor.mbox",
//          "kind": "TypeWarning", "detail": "expected mailto IRI", "value": "..."}]}
// Exit code 0 when it could validate (whatever it found), 2 on bad input.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const validate = require("xapi-validation").default; // (data) => rulr Warning[]

const SKIP = new Set(["data", "path", "message", "name", "stack"]);

// A rulr `Warnings` wraps others; report the leaves.
function leaves(warning) {
  return Array.isArray(warning.warnings) ? warning.warnings.flatMap(leaves) : [warning];
}

// The warning classes keep their reason in extra properties (typeName, keys, ...).
function detail(warning) {
  const extra = Object.entries(warning).filter(([key]) => !SKIP.has(key));
  if (warning.typeName) return `expected ${warning.typeName}`;
  if (typeof warning.type === "function") return `expected ${warning.type.name}`;
  if (extra.length) return extra.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("; ");
  return warning.constructor.name.replace(/Warning$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function shortValue(value) {
  const text = JSON.stringify(value);
  return text === undefined ? null : text.length > 120 ? text.slice(0, 117) + "..." : text;
}

function report(statement, index) {
  const errors = validate(statement).flatMap(leaves).map((w) => ({
    path: w.path.join("."),
    kind: w.constructor.name,
    detail: detail(w),
    value: shortValue(w.data),
  }));
  const id = statement && typeof statement === "object" ? statement.id ?? null : null;
  return { index, id, errors };
}

let statements;
try {
  statements = JSON.parse(readFileSync(0, "utf8"));
} catch (error) {
  process.stderr.write(`stdin is not JSON: ${error.message}\n`);
  process.exit(2);
}
if (!Array.isArray(statements)) {
  process.stderr.write("stdin must be a JSON array of statements\n");
  process.exit(2);
}
process.stdout.write(JSON.stringify(statements.map(report)) + "\n");
