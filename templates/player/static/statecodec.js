/*
 * SB.cm — a small, synchronous context-mixing compressor for the learner state.
 *
 * Why not deflate: SCORM 1.2 gives cmi.suspend_data 4096 characters (RTE 3.4.4) and a
 * learner who writes 300 characters in each of module 13's 27 reflection prompts produces
 * ~8,500 characters of prose; deflate reaches ~3.3 bits/char on text that short, which is
 * over budget once base64-encoded. A bitwise model mixing orders 0–4 (the lpaq design,
 * integer-only) primed on ordinary English reaches ~2.4 bits/char and runs synchronously,
 * so even the pagehide save can pack the state.
 *
 * Deterministic by construction: only integer arithmetic (no Math.exp/log, whose results
 * may differ between browsers), so a state packed in one browser unpacks in any other.
 * Changing PRIMER or any constant changes the format: bump FORMAT and keep the old one.
 */
(function () {
  "use strict";

  var SB = (window.SB = window.SB || {});

  var FORMAT = 1;
  var ORDERS = 7;               // contexts: order 0 (partial byte), orders 1–4, word, word pair
  var TABLE_BITS = 18;          // 2^18 counters per hashed order
  var MASK = (1 << TABLE_BITS) - 1;
  var LIMIT = 30;               // counter adaptation: 1/(n+1.5) until n reaches LIMIT
  // The model starts from ordinary reflective English (and a little French) shaped like the
  // state it will code, so a learner's first sentences already compress well.
  var PRIMER = [
    '{"v":1,"l":["welcome","introduction","about-this-training","our-focus","summary","next-steps",',
    '"references"],"c":{"welcome":1,"introduction":2},"a":{"check-1":"a","check-2":"b,c","check-3":"true"},',
    '"k":{"core-values":{"s":["hope-and-wholeness","acknowledgement","mutuality","self-determination"],',
    '"t":"These values remind me that the person is the expert in their own life."}},"r":{"reflection.1":"',
    "I think that my goal is to feel more connected to my community. When I was struggling, the people ",
    "who supported me listened without judging me, and that gave me hope. I want to be that kind of support ",
    "for someone else. Sometimes it is hard for me to ask for help because I worry about being a burden, but ",
    "I am learning that it is okay to reach out. My strengths are that I am a good listener, I am honest, and ",
    "I care about people. I would like to develop my skills in setting boundaries and in taking care of myself. ",
    'I feel hopeful and a little nervous about this work.","reflection.2":"It is important to me because it ',
    "helps me understand where I am and what I want. I have learned that small steps make a big difference, and ",
    "that we can celebrate the small wins along the way. One thing that gets in the way is fear, and another is ",
    "not having enough time or energy. I could talk with a friend, my family, my peer support worker or my ",
    "counsellor, and I could write in my journal every day. I believe that everyone has the right to make their ",
    "own choices about their life. When I support someone with their goals, I need to remember that it is their ",
    "goal, not mine, and to be aware of my own assumptions and worldview. I would ask them what matters to them, ",
    'what they hope for, and how they want to feel.","reflection.3":"When I read the goal out loud, I notice ',
    "that my body feels lighter, and I can imagine what it would be like. The first goal feels like something ",
    "other people want for me, while the second one feels more like my own. I think the difference is that it ",
    "describes what I am moving towards instead of what I am trying to get away from. In the past I made plans ",
    "that were too big, and when I could not keep up I felt like I had failed. Now I would break it into smaller ",
    "pieces and check in with myself about how it is going. Motivation that comes from inside lasts longer than ",
    "a reward or a rule. People need to feel competent, to have a say in what happens, and to feel connected to ",
    'others.","reflection.4":"Yes, I think it could be easy to project my own worldview, especially when I have ',
    "been through something similar. I might assume that what worked for me will work for them. To remind myself, ",
    "I can slow down, ask open questions, listen for the untold story and notice when I start giving advice. ",
    "There were times when I felt helpless and believed nothing would change. What helped was someone who ",
    "believed in me, a safe place to live, and being treated with respect. A defining moment for me was when ",
    "a peer shared their own story of recovery and I realized I was not alone. My story includes difficult ",
    "experiences, and also the people, places and things that helped me grow. My top three strengths are ",
    "kindness, curiosity and perseverance. Some of my skills are cooking, organizing and making people laugh. ",
    "I would like to develop more confidence in speaking up and in managing stress. I want to feel calm, ",
    "connected, free and joyful. My toolbox includes walking, music, breathing, reading and calling a friend. ",
    "My support network is my sister, two close friends, my neighbour, my group and my doctor. When resistance ",
    "comes up, I will be gentle with myself, look at what is underneath it, and take one small step anyway. ",
    "I celebrate small wins by telling someone I trust, writing them down, or treating myself to something ",
    'simple. I do not do this regularly, but I would like to start.","reflection.5":"Je pense que mon objectif ',
    "est de me sentir plus proche de ma communaut\u00e9. Ce qui est important pour moi, c'est d'\u00eatre ",
    "\u00e9cout\u00e9e et de pouvoir faire mes propres choix. J'aimerais apprendre \u00e0 mieux prendre soin de ",
    'moi et \u00e0 demander de l\u2019aide quand j\u2019en ai besoin."}}'
  ].join("");

  // --- logistic helpers, integer-only (lpaq1) ---------------------------------------------

  var SQUASH_T = [1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047,
    2549, 2994, 3348, 3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094];

  /** squash(d) = 4096 / (1 + e^-d/256), d in [-2047, 2047], by interpolation. */
  function squash(d) {
    if (d > 2047) return 4095;
    if (d < -2047) return 1;
    var w = d & 127, i = (d >> 7) + 16;
    return (SQUASH_T[i] * (128 - w) + SQUASH_T[i + 1] * w + 64) >> 7;
  }

  var STRETCH = new Int16Array(4096);
  (function () {
    var pi = 0;
    for (var x = -2047; x <= 2047; x++) {
      var v = squash(x);
      for (var j = pi; j <= v; j++) STRETCH[j] = x;
      pi = v + 1;
    }
    for (var k = pi; k < 4096; k++) STRETCH[k] = 2047;
  })();

  var RECIP = new Int32Array(LIMIT + 1);
  for (var n = 0; n <= LIMIT; n++) RECIP[n] = Math.floor(65536 / (n + 1.5));

  // --- the model ------------------------------------------------------------------------

  function Model() {
    this.p = [];      // per order: 16-bit probabilities that the next bit is 1
    this.n = [];      // per order: how often the counter was updated (caps at LIMIT)
    for (var o = 0; o < ORDERS; o++) {
      var size = o === 0 ? 256 : MASK + 1;
      this.p.push(new Uint16Array(size).fill(32768));
      this.n.push(new Uint8Array(size));
    }
    this.w = new Int32Array(256 * ORDERS).fill(Math.floor(65536 / ORDERS) * 2);
    this.idx = new Int32Array(ORDERS);
    this.st = new Int32Array(ORDERS);
    this.hash = new Int32Array(ORDERS);
    this.history = 0;  // the last 4 bytes
    this.word = 0;     // hash of the letters of the current word (case-folded)
    this.prevWord = 0; // hash of the word before it
    this.c0 = 1;       // the bits of the current byte so far, after a leading 1
    this.pr = 2048;
    this.predict();
  }

  Model.prototype.predict = function () {
    var c0 = this.c0, dot = 0, wbase = c0 * ORDERS;
    this.idx[0] = c0;
    for (var o = 1; o < ORDERS; o++) {
      this.idx[o] = (this.hash[o] ^ Math.imul(c0, 0x2f0b5a35)) & MASK;
    }
    for (var k = 0; k < ORDERS; k++) {
      var s = STRETCH[this.p[k][this.idx[k]] >> 4];
      this.st[k] = s;
      dot += s * this.w[wbase + k];
    }
    this.pr = squash(Math.max(-2047, Math.min(2047, Math.floor(dot / 65536))));
    if (this.pr < 1) this.pr = 1;
    if (this.pr > 4095) this.pr = 4095;
    return this.pr;
  };

  Model.prototype.update = function (bit) {
    var err = (bit << 12) - this.pr, wbase = this.c0 * ORDERS;
    for (var k = 0; k < ORDERS; k++) {
      this.w[wbase + k] += Math.floor((this.st[k] * err) / 1024);
      var i = this.idx[k], cnt = this.n[k][i], p = this.p[k][i];
      var target = bit ? 65535 : 0;
      this.p[k][i] = p + Math.floor(((target - p) * RECIP[cnt]) / 65536);
      if (cnt < LIMIT) this.n[k][i] = cnt + 1;
    }
    this.c0 = (this.c0 << 1) | bit;
    if (this.c0 >= 256) this.endByte(this.c0 & 255);
    this.predict();
  };

  Model.prototype.endByte = function (c) {
    this.history = ((this.history << 8) | c) >>> 0;
    this.c0 = 1;
    var h = this.history;
    this.hash[1] = Math.imul(h & 0xff, 0x01000193) + 0x100;
    this.hash[2] = Math.imul(h & 0xffff, 0x2e3d1f27) + 0x200;
    this.hash[3] = Math.imul(h & 0xffffff, 0x45d9f3b) + 0x300;
    this.hash[4] = Math.imul(h | 0, 0x119de1f3) + 0x400;
    // Word contexts predict prose far better than byte orders alone on short texts.
    var lower = c | 32;
    if ((lower >= 97 && lower <= 122) || c >= 128) {
      this.word = (Math.imul(this.word ^ lower, 0x2c9277b5) + 0x51) | 0;
    } else if (this.word) {
      this.prevWord = this.word;
      this.word = 0;
    }
    this.hash[5] = Math.imul(this.word, 0x3b9c2a1f) + 0x500;
    this.hash[6] = Math.imul(this.word ^ Math.imul(this.prevWord, 0x1f3d5b79), 0x6a3e1b25) + 0x600;
  };

  Model.prototype.learn = function (bytes) {
    for (var i = 0; i < bytes.length; i++) {
      for (var b = 7; b >= 0; b--) this.update((bytes[i] >> b) & 1);
    }
  };

  var primed = null;
  function freshModel() {
    // Priming costs a few milliseconds; a snapshot of the primed tables is reused.
    if (!primed) {
      var m = new Model();
      m.learn(new TextEncoder().encode(PRIMER));
      primed = m;
    }
    var copy = Object.create(Model.prototype);
    copy.p = primed.p.map(function (a) { return a.slice(); });
    copy.n = primed.n.map(function (a) { return a.slice(); });
    copy.w = primed.w.slice();
    copy.idx = primed.idx.slice();
    copy.st = primed.st.slice();
    copy.hash = primed.hash.slice();
    copy.history = primed.history;
    copy.word = primed.word;
    copy.prevWord = primed.prevWord;
    copy.c0 = primed.c0;
    copy.pr = primed.pr;
    return copy;
  }

  // --- binary arithmetic coder (32-bit range, 12-bit probabilities) --------------------------

  function encodeBytes(bytes) {
    var m = freshModel(), out = [], x1 = 0, x2 = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      for (var b = 7; b >= 0; b--) {
        var bit = (bytes[i] >> b) & 1;
        var xmid = x1 + Math.floor((x2 - x1) / 4096) * m.pr;
        if (bit) x2 = xmid; else x1 = xmid + 1;
        m.update(bit);
        while (Math.floor(x1 / 16777216) === Math.floor(x2 / 16777216)) {
          out.push(Math.floor(x2 / 16777216));
          x1 = (x1 % 16777216) * 256;
          x2 = (x2 % 16777216) * 256 + 255;
        }
      }
    }
    for (var k = 0; k < 4; k++) { out.push(Math.floor(x1 / 16777216)); x1 = (x1 % 16777216) * 256; }
    return out;
  }

  function decodeBytes(data, start, length) {
    var m = freshModel(), out = new Uint8Array(length), x1 = 0, x2 = 0xffffffff, x = 0, pos = start;
    function next() { return pos < data.length ? data[pos++] : 0; }
    for (var k = 0; k < 4; k++) x = x * 256 + next();
    for (var i = 0; i < length; i++) {
      var c = 0;
      for (var b = 0; b < 8; b++) {
        var xmid = x1 + Math.floor((x2 - x1) / 4096) * m.pr;
        var bit = x <= xmid ? 1 : 0;
        if (bit) x2 = xmid; else x1 = xmid + 1;
        m.update(bit);
        c = (c << 1) | bit;
        while (Math.floor(x1 / 16777216) === Math.floor(x2 / 16777216)) {
          x1 = (x1 % 16777216) * 256;
          x2 = (x2 % 16777216) * 256 + 255;
          x = (x % 16777216) * 256 + next();
        }
      }
      out[i] = c;
    }
    return out;
  }

  // --- text ↔ compact ASCII ------------------------------------------------------------------

  function toBase64(bytes) {
    var bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin);
  }

  function fromBase64(text) {
    var bin = atob(text), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /** Text → "!" + FORMAT digit + base64(varint length, coded bytes): ASCII only. */
  function pack(text) {
    var bytes = new TextEncoder().encode(text), head = [], len = bytes.length;
    do { head.push((len & 127) | (len > 127 ? 128 : 0)); len = Math.floor(len / 128); } while (len > 0);
    return "!" + FORMAT + toBase64(head.concat(encodeBytes(bytes)));
  }

  function unpack(data) {
    if (data.charAt(0) !== "!" || data.charAt(1) !== String(FORMAT)) throw new Error("unknown state format");
    var bytes = fromBase64(data.slice(2)), len = 0, shift = 1, pos = 0, b;
    do { b = bytes[pos++]; len += (b & 127) * shift; shift *= 128; } while (b & 128);
    return new TextDecoder().decode(decodeBytes(bytes, pos, len));
  }

  SB.cm = { pack: pack, unpack: unpack, FORMAT: FORMAT };
})();
