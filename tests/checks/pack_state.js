// Runs the player's state compressor (templates/player/static/statecodec.js) in node:
// reads a JSON state on stdin, prints the length of what the player would store.
const fs = require("fs");
const path = require("path");
global.window = global;
global.btoa = (s) => Buffer.from(s, "binary").toString("base64");
global.atob = (s) => Buffer.from(s, "base64").toString("binary");
const source = path.join(__dirname, "..", "..", "templates", "player", "static", "statecodec.js");
eval(fs.readFileSync(source, "utf8"));
const raw = fs.readFileSync(0, "utf8");
const packed = window.SB.cm.pack(raw);
if (window.SB.cm.unpack(packed) !== raw) throw new Error("round trip failed");
process.stdout.write(JSON.stringify({ raw: raw.length, packed: packed.length }));
