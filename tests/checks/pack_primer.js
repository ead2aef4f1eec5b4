// Packs templates/player/statecodec-primer.txt with the player's own coder from an empty
// model and prints it; with --write, puts it into statecodec.js (PRIMER_PACKED).
// test_statecodec.py checks that the shipped string is this one.
const fs = require("fs");
const path = require("path");
global.window = global;
const root = path.join(__dirname, "..", "..", "templates", "player");
const file = path.join(root, "static", "statecodec.js");
const source = fs.readFileSync(file, "utf8");
eval(source.replace(/var PRIMER_PACKED = "[^"]*";/, 'var PRIMER_PACKED = "";'));
const packed = window.SB.cm.packPrimer(fs.readFileSync(path.join(root, "statecodec-primer.txt"), "utf8"));
if (process.argv.includes("--write")) {
  fs.writeFileSync(file, source.replace(/var PRIMER_PACKED = "[^"]*";/, () => `var PRIMER_PACKED = "${packed}";`));
}
process.stdout.write(packed);
