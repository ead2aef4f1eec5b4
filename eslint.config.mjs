// ESLint for the learner player (plain ES2017 scripts, no build step). `make lint` runs it.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["tests/**", "bench/**", "dist/**", "course/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["templates/player/**/*.js", "templates/preview/*.js", "templates/play/*.js"],
    languageOptions: {
      ecmaVersion: 2017,  // what the player promises to run on (README)
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      // ES2017 has no optional catch binding, so `catch (e)` often ignores e.
      "no-unused-vars": ["error", { vars: "local", args: "none", caughtErrors: "none" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-implicit-globals": "off",
    },
  },
  {
    // The runtime parts share one function scope once shipped (render.py player_runtime):
    // a name one file declares is used by the next, which tsc checks across files.
    files: ["templates/player/runtime/*.js"],
    rules: { "no-undef": "off", "no-redeclare": "off" },
  },
];
