/*
 * SB.cm — a small, synchronous context-mixing compressor for the learner state.
 *
 * Why not deflate: SCORM 1.2 gives cmi.suspend_data 4096 characters (RTE 3.4.4) and a
 * learner who writes 300 characters in each of module 13's 27 reflection prompts and its
 * core-values text produces ~8,400 characters of prose; deflate reaches ~3.3 bits/char on
 * text that short, which is over budget once written as ASCII. A bitwise model mixing
 * orders 0–4 and word contexts (the lpaq design, integer-only) primed on ordinary English
 * reaches ~2.6 bits/char on human writing it has never seen (tests/writing.py) and runs
 * synchronously, so even the pagehide save can pack the state.
 *
 * Deterministic by construction: only integer arithmetic (no Math.exp/log, whose results
 * may differ between browsers), so a state packed in one browser unpacks in any other.
 * Changing the primer or any constant changes the format: bump FORMAT and keep the old one.
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));

  var FORMAT = 2;               // 1: base64 text; 2: base85 (same model)
  var ORDERS = 7;               // contexts: order 0 (partial byte), orders 1–4, word, word pair
  var TABLE_BITS = 18;          // 2^18 counters per hashed order
  var MASK = (1 << TABLE_BITS) - 1;
  var LIMIT = 30;               // counter adaptation: 1/(n+1.5) until n reaches LIMIT
  // The model starts from ordinary reflective English (and a little French) shaped like the
  // state it will code, so a learner's first sentences already compress well. The text is
  // templates/player/statecodec-primer.txt; it ships packed by this same coder from an
  // empty model (tests/checks/pack_primer.js writes it), and decoding it is what primes the
  // model: the decoder makes exactly the updates learning the text would.
  var PRIMER_PACKED = "{cFq5Kg.wEqadOZ={QKKDx8qNwLT*Tjo0nHWkvgF*v78K_=hGdW@.I@N$E~*Wxfja.h*X1pk1U,FX~dvf]=XEQUxZ/[4!n!Z5q_W7f!qq:}Ei/^uHVOT|AGMSgfF*zTJCK#YNWRi@az*y~Gk#3z0(6veY]{wfjVoAQoj^*0h,5w?_igf/r^Lr[h?@G^s_MzJp65448U0S4^~Y6pXdIm91zA/yk|JvHq5Ju${yBlc[~OQmz$~;e/8XRwX?[eC[G(JFF|uD],;TAAdN]Y/|ny:@Jj9FxYK@i(;YD_mf{c#~Fd*:ct4b;WpSvAvTu9cnrg5)X;cxlY|sh1nM(D6fhs4Cz^SDPy}bxh3x:H({Ew)trP-cv(!/xUCS7K9|btyx0O~Pf}2!@*uSr03;(T}h?;.Qi-3k4hXQ]29pz_*,Xor-;~UzH0o0Afh=[]3xt@1oFAGMom,tihJ9O]]xs]20)g!y[I-n11IJQXS;|AV_kcq.5m$~{f:1),^TT,BT?SAlb.5DaR4hjd],VUavhHk3ZzMNM0kq}]:;aFVv4uv3pb/0xgnQ-LDbFKp~P=Yp_z(!e6w#-=[_gRsH-N|?r*TXesqBT;-:|E;cFpT[_PrgFU0Hd#/BR:lF*)79|r?SdMLyxvByK5Rbmc*Pbb3i~Xu4I/;rFv9i]/uDlaD7rkr}#H_m3tbHC(9*3_[9VHGMHTFdno}YB_G1$CdlfVeFuWAT*DwYnRaJIqhunbeXPD0VUQH6B;}6_Eq{_|j5Z]4#gHF:;Medx59HH*UjvSN{~m,-xb/y8^Jx.SUZXkGez5sWEq]Y$kizIl-nv;ULPVH9]BMC-##Cyt=XFCWxj39FT1d;#ucPU1GQt{|IW$OL4kyQ:82g85Gt[]KBysGmg0C3,DKf]Zpr~iWx?)@qCI7OREqF1}OkHIBP57:a]ctkmQmxnHJinp$aQ4Cs7kiwLX~JY5]SQwy6Tz0u5M5NC=KgLcg,!N~vAfb@JHJp_/x,Y[Jv*IOpNR{~p#(DhN(g-/khFPaPm$P1ReB79W=#_QpwsmV$ugrO7=nQO#zal]AGDtBC8!T[jo^K;(*bpg$Yj9J3/^bAi*OTusOqtpDE?Sz4VD]:]AZ@SN)v]l(,L$=Q@AN6SDU}wabwa4YC|?mzs139XSA]h.T}n07YA,iCdLwjP]dlRG-ru|n!cad:z([[$Xj6)=r(XoUb-/PA2k,)38T7X3|{teF}Tf88y,pyb9wPZ!DXcA3ONVsNuOZeZNdyQ]Q!vW2~6EZbKQRlZb}}-_bj}?rW;qHXOd!R)Kj=*3ixaf;v3XiA[JDITI_|(_wDa=3{BOBM|UD)l;V6PFl|sY:}B3TFO8Q6jHkS)I~oeSa8;dUxR_=61zEMlX]M63E5wQsv1wG:)/#Me[ltId6n77WRQoBq1kA6S/V8To=O[HNiw3^PcC7)*!{WilU((.D:2FBa,29w|*yF=z]9!hb@Kcu1os,SLs7[;kn)prmcP/pH,)gX*RV5Tu/uWg#|$W^riIEc;sX!1Klv3^1;g{T}^KtMyVgtPw37J]G8y|B?dvZ.neHMi3Bx.HwIJ3o99lC-cbmFY$*#]jTZiV!1D.HSz:c*MSDv=NU=IDHg5S!}84|x:Ko]|sRXck*fMlPy[!d!?,)#}lqcP{u!CEdxBvR}ui*;3CFnM90sZ{p!..x)vI7N-*FltJrbd;ns)g(?1k1Tk^MbRA~/c1)x)dwp?7wqT5K:}E6nX/FMMWz2o{@6t|Au.BZ4#(?1@w)G;_m[T@$a/e?Y0GFhJT5aI0U/.6^T/gIha1*QCOJ7w427x!Af-p^:[rLN4P2[uFQAB^oc3${XMmEH|T3=~kiCIHH!ZK2#6-tsGTPIi9S8HH4:Xtkd)ll6C!$g$|_x?3;mtjB;tzrtU:,81$=W4wh/FWk5eN]9*g@nax^!s6CM7H69fpxd7mf=Yu:R0A[cV9Uiev@*fV)8Nat#_2qf(9j~Z8~QD@)lg^/X*L8!gYMSk/4*s5_)ZF/A@${Jzrm?N@X2r@Ki5D];$^PzjMhZMSimdbFk{iN@UJL5p#OJ)amQyt3=zOXB*XiQ=TH4e@=pVm~$_Md7**B4O";

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
      primed = new Model();
      var bytes = fromBase85(PRIMER_PACKED), at = readLength(bytes);
      decodeBytes(bytes, at.pos, at.len, primed);
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

  function encodeBytes(bytes, m) {
    var out = [], x1 = 0, x2 = 0xffffffff;
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

  function decodeBytes(data, start, length, m) {
    var out = new Uint8Array(length), x1 = 0, x2 = 0xffffffff, x = 0, pos = start;
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

  // --- bytes ↔ ASCII ---------------------------------------------------------------------
  //
  // cmi.suspend_data is a CMIString4096 of ASCII characters (SCORM 1.2 RTE 3.4.4), so the
  // coded bytes are written in base 85 (4 bytes → 5 characters, 6.4 bits a character against
  // base64's 6): every printable character except space and " ' \ ` < > & % +, which some
  // LMSs escape on the way to their database, turning one character into several.
  // Format 1 (base64) is still read.

  var B85 = "!#$()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";
  var B85_VALUE = {};
  for (var d = 0; d < 85; d++) B85_VALUE[B85.charAt(d)] = d;

  function toBase85(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i += 4) {
      var n = 0, take = Math.min(4, bytes.length - i), digits = "";
      for (var j = 0; j < 4; j++) n = n * 256 + (j < take ? bytes[i + j] : 0);
      for (var k = 0; k < 5; k++) { digits = B85.charAt(n % 85) + digits; n = Math.floor(n / 85); }
      out += digits.slice(0, take + 1);  // a short last group keeps one digit more than bytes
    }
    return out;
  }

  function fromBase85(text) {
    var out = [];
    for (var i = 0; i < text.length; i += 5) {
      var group = text.slice(i, i + 5), n = 0;
      if (group.length < 2) throw new Error("truncated state");
      for (var k = 0; k < 5; k++) {
        var v = k < group.length ? B85_VALUE[group.charAt(k)] : 84;  // pad up, as Ascii85
        if (v === undefined) throw new Error("not a state character");
        n = n * 85 + v;
      }
      for (var j = 3; j >= 0; j--) {
        if (3 - j < group.length - 1) out.push(Math.floor(n / Math.pow(256, j)) % 256);
      }
    }
    return new Uint8Array(out);
  }

  function fromBase64(text) {
    var bin = atob(text), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /** Text → "!" + FORMAT digit + base85(varint length, coded bytes): ASCII only. */
  function pack(text, model) {
    var bytes = new TextEncoder().encode(text), head = [], len = bytes.length;
    do { head.push((len & 127) | (len > 127 ? 128 : 0)); len = Math.floor(len / 128); } while (len > 0);
    return "!" + FORMAT + toBase85(head.concat(encodeBytes(bytes, model || freshModel())));
  }

  function readLength(bytes) {
    var len = 0, shift = 1, pos = 0, b;
    do { b = bytes[pos++]; len += (b & 127) * shift; shift *= 128; } while (b & 128);
    return { len: len, pos: pos };
  }

  function unpack(data) {
    var format = data.charAt(0) === "!" ? data.charAt(1) : "";
    if (format !== "1" && format !== String(FORMAT)) throw new Error("unknown state format");
    var bytes = format === "1" ? fromBase64(data.slice(2)) : fromBase85(data.slice(2)), at = readLength(bytes);
    return new TextDecoder().decode(decodeBytes(bytes, at.pos, at.len, freshModel()));
  }

  /** The primer, packed from an empty model (for tests/checks/pack_primer.js). */
  function packPrimer(text) { return pack(text, new Model()).slice(2); }

  SB.cm = { pack: pack, unpack: unpack, packPrimer: packPrimer, FORMAT: FORMAT };
})();
