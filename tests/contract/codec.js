// The player's state codec in node, without a browser: loads the shipped runtime files
// (statecodec.js, then player.js, as the page does) into a DOM-less shim and answers calls.
//
//   node codec.js statecodec.js player.js < {"keys": stateKeys, "calls": [["decode", data], ...]}
//   → [result, ...]
//
// Calls: decode(data), encode(state, withText), compact(state, withText), expand(obj),
// pack(state, max, withText) (SB.codec), and unpack(data), packText(text) (SB.cm).
// The shim gives the runtime what it touches at load time only: `window` (its namespace)
// and a `document` still "loading", so the player never boots (no page, no tracker).
const fs = require("fs");

global.window = global;
global.document = { readyState: "loading", addEventListener() {} };
global.btoa = global.btoa || ((s) => Buffer.from(s, "binary").toString("base64"));
global.atob = global.atob || ((s) => Buffer.from(s, "base64").toString("binary"));
global.console = { log: console.log, warn: () => {}, error: console.error };

for (const file of process.argv.slice(2)) {
  // Indirect eval: each file runs in global scope, as a <script> does.
  (0, eval)(fs.readFileSync(file, "utf8"));
}

const SB = window.SB;
const request = JSON.parse(fs.readFileSync(0, "utf8"));
if (SB.codec.use) SB.codec.use(request.keys || null);  // the first release had no code tables
const api = {
  decode: (data) => SB.codec.decode(data),
  encode: (state, withText) => SB.codec.encode(state, withText),
  compact: (state, withText) => SB.codec.compact(state, withText),
  expand: (obj) => SB.codec.expand(obj),
  pack: (state, max, withText) => SB.codec.pack(state, max, withText),
  unpack: (data) => SB.cm.unpack(data),
  packText: (text) => SB.cm.pack(text),
};
const results = request.calls.map(([name, ...args]) => {
  if (!api[name]) throw new Error("unknown call " + name);
  const out = api[name](...args);
  return out === undefined ? null : out;
});
process.stdout.write(JSON.stringify(results));
