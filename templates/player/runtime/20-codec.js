// --- codec: learner state ↔ compact string -------------------------------------------
//
// Only ids and the learner's own words are stored, never course content. The plain form
// is JSON with one-letter keys; when it is longer than a tracker's budget (SCORM 1.2
// cmi.suspend_data: 4096 characters, RTE 3.4.4) it is compressed by SB.cm
// (statecodec.js: synchronous, ASCII output, "!" prefix).

var codec = (SB.codec = /** @type {SBCodec} */ ({}));

// Version 2 names lessons, checks, prompts, values and worksheet fields by the short codes
// of config.stateKeys (player_config.state_keys: derived from each id alone, so a later
// build with lessons added or moved still reads every code it knows). Version 1 (full
// ids) is still read. An id without a code is stored as it is, and a code this page no
// longer knows is kept as it is (the learner's words for a prompt the author removed stay
// in the state, and come back if the prompt does); only lessons gone from the course no
// longer count as visited.
//
// Version 3 (issue 12, retries) adds, all optional: "t" check code → tries used (only
// when more than one: an answer alone means one try), "n" the retake count and "b" the
// best score of an earlier complete attempt, "s" the seed of shuffled choice orders.
// Versions 1 and 2 read as "one try each".
//
// Issue 15 adds, optional in version 3: "m" the codes of required media played to the end
// (a list like "l"; an older player ignores it, so its learners only replay a video).
var KINDS = ["l", "a", "k", "v", "r", "w", "m"];
var tables = { to: {}, from: {} };

codec.use = function (stateKeys) {
  tables = { to: {}, from: {} };
  KINDS.forEach(function (kind) {
    var to = (stateKeys || {})[kind] || {}, from = {};
    Object.keys(to).forEach(function (id) { from[to[id]] = id; });
    tables.to[kind] = to;
    tables.from[kind] = from;
  });
};
codec.use(null);

function coded(kind, id) { return tables.to[kind][id] || id; }
function decoded(kind, key) {
  var id = tables.from[kind][key];
  return id === undefined ? key : id;
}
function isLesson(id) {  // the "l" table lists every lesson of this module
  return tables.to.l[id] !== undefined || !Object.keys(tables.to.l).length;
}
/** @returns {Dict<any>} */
function mapKeys(kind, map, fn) {
  var out = {};
  Object.keys(map || {}).forEach(function (k) { out[fn(kind, k)] = map[k]; });
  return out;
}
function mapList(kind, list, fn) {
  return (Array.isArray(list) ? list : []).map(function (k) { return fn(kind, k); });
}

codec.compact = function (state, withText) {
  var out = { v: 3 };
  // A visited lesson and the "continue" parts revealed in it share one entry: "code.n".
  if (state.visited.length) {
    out.l = state.visited.map(function (id) {
      return coded("l", id) + (state.continues[id] ? "." + state.continues[id] : "");
    });
  }
  var c = {};
  Object.keys(state.continues).forEach(function (id) {
    if (state.visited.indexOf(id) < 0) c[coded("l", id)] = state.continues[id];
  });
  if (Object.keys(c).length) out.c = c;
  if (Object.keys(state.answers).length) out.a = mapKeys("a", state.answers, coded);
  var t = {};
  Object.keys(state.tries || {}).forEach(function (id) { if (state.tries[id] > 1) t[id] = state.tries[id]; });
  if (Object.keys(t).length) out.t = mapKeys("a", t, coded);
  if (state.retakes) out.n = state.retakes;
  if (typeof state.best === "number") out.b = state.best;
  if (state.seed) out.s = state.seed;
  if ((state.media || []).length) out.m = mapList("m", state.media, coded);
  var values = withText ? state.values : valuesWithoutText(state.values);
  if (Object.keys(values).length) out.k = mapKeys("k", mapValues(values, coded), coded);
  if (withText) {
    var r = nonEmpty(state.reflections);
    if (Object.keys(r).length) out.r = mapKeys("r", r, coded);
    var w = nonEmpty(state.worksheet || {});
    if (Object.keys(w).length) out.w = mapKeys("w", w, coded);
  }
  return out;
};

function mapValues(values, fn) {
  /** @type {Dict<CoreValuesAnswer>} */
  var out = {};
  Object.keys(values).forEach(function (k) {
    out[k] = { s: mapList("v", values[k].s, fn), t: values[k].t || "" };
  });
  return out;
}

function nonEmpty(map) {
  var out = {};
  Object.keys(map).forEach(function (k) { if (map[k]) out[k] = map[k]; });
  return out;
}

// reflections "local": the core-values text is the learner's words too, so it stays out.
function valuesWithoutText(values) {
  /** @type {Dict<CoreValuesAnswer>} */
  var out = {};
  Object.keys(values).forEach(function (k) { out[k] = { s: values[k].s || [], t: "" }; });
  return out;
}

codec.expand = function (obj) {
  var state = SB.emptyState();
  if (!obj || [1, 2, 3].indexOf(obj.v) < 0) return state;
  var fn = obj.v === 1 ? function (kind, id) { return id; } : decoded;
  state.continues = mapKeys("l", obj.c, fn);
  state.visited = (Array.isArray(obj.l) ? obj.l : []).map(function (entry) {
    var parts = obj.v === 1 ? [entry] : String(entry).split("."), id = fn("l", parts[0]);
    if (parts.length > 1) state.continues[id] = Number(parts[1]) || 0;
    return id;
  }).filter(isLesson);
  state.answers = mapKeys("a", obj.a, fn);
  state.tries = mapKeys("a", obj.t, fn);
  state.retakes = Number(obj.n) || 0;
  state.best = typeof obj.b === "number" ? obj.b : null;
  state.seed = Number(obj.s) || 0;
  state.values = mapValues(mapKeys("k", obj.k, fn), fn);
  state.reflections = mapKeys("r", obj.r, fn);
  state.worksheet = mapKeys("w", obj.w, fn);
  state.media = mapList("m", obj.m, fn);
  return state;
};

codec.encode = function (state, withText) {
  return JSON.stringify(codec.compact(state, withText));
};

// CMIString4096 is ASCII (SCORM 1.2 RTE 3.4.4): in the plain form the learner's "é" or
// "—" is written as a JSON \u escape, which JSON.parse reads back unchanged. (The
// compressed form codes UTF-8 bytes and writes ASCII itself.)
function ascii(json) {
  return json.replace(/[\u007f-\uffff]/g, function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  });
}

/** Stored string → state (null when empty or unreadable: a corrupt record restarts clean). */
codec.decode = function (data) {
  if (!data) return null;
  try {
    return codec.expand(JSON.parse(data.charAt(0) === "!" ? /** @type {SBStateCompressor} */ (SB.cm).unpack(data) : data));
  } catch (e) {
    if (window.console) console.warn("stored state unreadable, starting clean", e);
    return null;
  }
};

function shrink(raw) {
  return raw.charAt(0) === "{" && SB.cm ? SB.cm.pack(raw) : raw;
}

/**
 * State → a string within `max` characters: plain, else compressed, else without the
 * longest texts (reflection answers and worksheet fields alike, largest first, so the most
 * answers stay in the LMS; the browser keeps them all). Returns {data, dropped}: `dropped`
 * lists the keys left out ("reflection.prompt", "worksheet:field"). Each round drops
 * enough text for the last compression ratio, so a few rounds suffice.
 */
codec.pack = function (state, max, withText) {
  var trial = Object.assign({}, state, { reflections: Object.assign({}, state.reflections),
                                         worksheet: Object.assign({}, state.worksheet) });
  var dropped = [];
  // Saves come often (a lesson opened, a field left): start from the texts left out last
  // time that are still unchanged, so an over-budget state costs one compression of what
  // fits rather than a full one at every save. Edited texts are weighed again.
  if (withText && lastPack.max === max) {
    Object.keys(lastPack.dropped).forEach(function (name) {
      if (textOf(trial, name) === lastPack.dropped[name] && dropText(trial, name)) dropped.push(name);
    });
  }
  for (;;) {
    var raw = codec.encode(trial, withText), plain = ascii(raw);
    if (plain.length <= max) return remember(state, max, { data: plain, dropped: dropped });
    var packed = shrink(raw);
    if (packed.length <= max) return remember(state, max, { data: packed, dropped: dropped });
    var excess = raw.length - Math.floor(raw.length * (max / packed.length) * 0.97);
    var freed = 0, pick;
    while (freed < excess && (pick = longestText(trial)) !== null) {
      freed += pick.map[pick.key].length;
      dropText(trial, pick.name);
      dropped.push(pick.name);
    }
    if (pick === null && freed === 0) return { data: null, dropped: dropped };
  }
};

var lastPack = { max: 0, dropped: {} };  // name → the text that was left out
function remember(state, max, result) {
  lastPack = { max: max, dropped: {} };
  result.dropped.forEach(function (name) { lastPack.dropped[name] = textOf(state, name); });
  return result;
}

// The learner's words that may be left out of the LMS when the budget is exceeded.
var TEXT_POOLS = [["reflections", ""], ["worksheet", "worksheet:"]];

function poolOf(name) {
  return name.indexOf("worksheet:") === 0 ? ["worksheet", name.slice(10)] : ["reflections", name];
}

function textOf(state, name) {
  var pool = poolOf(name);
  return (state[pool[0]] || {})[pool[1]];
}

function dropText(state, name) {
  var pool = poolOf(name), map = state[pool[0]];
  if (!map[pool[1]]) return false;
  delete map[pool[1]];
  return true;
}

/** @returns {{ map: Dict<string>, key: string, name: string } | null} */
function longestText(state) {
  var best = null;
  TEXT_POOLS.forEach(function (pool) {
    var map = state[pool[0]];
    Object.keys(map).forEach(function (k) {
      if (map[k] && (best === null || map[k].length > best.map[best.key].length)) {
        best = { map: map, key: k, name: pool[1] + k };
      }
    });
  });
  return best;
}
