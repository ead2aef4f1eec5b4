// Types that cross the player's files, for `tsc -p .` (make lint) only: nothing here ships.
//
// The player is plain ES2017 loaded by <script> tags, with no modules: each file reaches
// the others through `window.SB`. The runtime parts (templates/player/runtime/*.js) ship
// concatenated in one function scope (render.py `player_runtime`); tsc checks each part as
// it is written, as a global script, so the names one part declares (`$`, `codec`,
// `Player`…) are seen by the later ones as in the concatenation. What tsc cannot infer
// across files is declared here: the `Player` interface below merges with the runtime's
// `function Player` (so `this` in every `Player.prototype.x = function` of every part, and
// of the static files that add methods through `SB.Player.prototype`, knows all of them),
// the SB namespace, the tracker interface (runtime/10-util.js), the page config
// (schemas/player-config.schema.json) and the learner state
// (schemas/learner-state.schema.json).

// --- the page config (schemas/player-config.schema.json) --------------------------------

type Id = string;
type Dict<T> = { [key: string]: T };

interface CheckConfig {
  id: Id;
  lesson: number;
  /** "choice", "true-false", "multiple-response", "matching", "ordering", "likert", … */
  type: string;
  choices: string[];
  correct: string[];
  attempts?: number;
  showCorrect?: boolean;
  shuffle?: boolean;
  scored?: boolean;
  ordered?: boolean;
  targets?: string[];
  caseSensitive?: boolean;
  spacing?: string;
  low?: number | null;
  high?: number | null;
}

interface XapiActivity { iri: string; name: string }
// choices: always there, {} for a check without choices (player_config.py _check_activity)
interface XapiCheck extends XapiActivity { choices: Dict<string>; targets?: Dict<string> }

interface XapiConfig {
  language: string;
  courseIri: string;
  moduleIri: string;
  moduleName: string;
  lessons: Dict<XapiActivity>;
  checks: Dict<XapiCheck>;
  prompts: Dict<XapiActivity>;
  values: Dict<XapiActivity>;
  worksheet: Dict<XapiActivity>;
}

interface WorksheetConfig {
  title?: string;
  fields: { id: Id; lessons: number[]; [key: string]: unknown }[];
}

interface PlayerConfig {
  version: 1;
  standard: string;
  trackers: string[];
  course: { id: Id; title: string; language: string };
  module: { id: Id; number: number; title: string };
  lessons: { id: Id; title: string }[];
  checks: CheckConfig[];
  reflections: { id: Id; lesson: number; required: boolean; prompts: string[] }[];
  coreValues: { values: string[]; assessments: { id: Id; lesson: number }[] };
  worksheet: WorksheetConfig | null;
  mastery: number | null;
  retake?: boolean;
  counts?: "last" | "best";
  storageKey: string;
  stateKeys: StateKeys | null;
  reflectionsMode: "lms" | "local";
  courseMap?: CourseMapEntry[];
  media?: { id: Id; lesson: number }[];
  strings: Strings;
  xapi?: XapiConfig;
  scorm2004?: Scorm2004Config;
}

interface Scorm2004Config { objectives: { id: Id; description: string }[]; completedObjective: string | null }

/** The UI strings in the course language (templates/player/i18n/). */
type Strings = Dict<string>;
// One module in a bundle's list of modules (builders/base.py course_map; static/course-map.js).
interface CourseMapEntry { id: Id; number: number; title: string; key: string; current: boolean }

/** Short codes of the stored state, one table per kind: id → code. */
type StateKeys = { l?: Dict<string>; a?: Dict<string>; k?: Dict<string>; v?: Dict<string>;
                   r?: Dict<string>; w?: Dict<string>; m?: Dict<string> };

// --- the learner state (schemas/learner-state.schema.json, as the player holds it) ------

interface CoreValuesAnswer { s: string[]; t: string }

interface LearnerState {
  visited: Id[];
  continues: Dict<number>;
  answers: Dict<string>;
  tries: Dict<number>;
  retakes: number;
  best: number | null;
  seed: number;
  reflections: Dict<string>;
  values: Dict<CoreValuesAnswer>;
  worksheet: Dict<string>;
  media: Id[];
}

/** SB.checkState: where a learner stands on one check. */
interface CheckState {
  used: number; left: number; right: boolean; saved: string; chosen: string[]; final: boolean;
}

/** SB.summarize: the completion/mastery rule's verdict. */
interface Summary {
  completed: boolean;
  status: "incomplete" | "completed" | "passed" | "failed";
  score: number | null;
  own: number | null;
  mastery: number | null;
  right: number;
  answered: number;
  checks: number;
  todo: { kind: "lesson" | "check" | "reflection" | "media"; lesson: number }[];
  retakes: number;
  visited: number;
  lessons: number;
}

// --- the tracker interface (runtime/10-util.js) ------------------------------------------

interface Snapshot {
  location: string;
  state: LearnerState;
  summary: Summary;
  reason: string;
  /** "normal", "browse" or "review" (lower case) */
  mode: string;
}

interface TrackerContext {
  config: PlayerConfig;
  codec: SBCodec;
  notify(kind: string): void;
}

interface TrackerStart {
  entry?: string;
  location?: string;
  state?: LearnerState | null;
  mastery?: number | null;
  mode?: string;
}

/** One knowledge-check answer (static/checks.js `record`). */
interface InteractionRecord {
  id: Id;
  type: string;
  choices: string[];
  correct: string[];
  check: CheckConfig;
  answer: string;
  response: string[];
  result: boolean | null;
  attempt: number;
  retake: number;
  latencyMs: number;
  time: Date;
}

interface Tracker {
  available(): boolean;
  start(ctx: TrackerContext): Promise<TrackerStart>;
  save(snapshot: Snapshot): void;
  interaction?(record: InteractionRecord): void;
  finish(snapshot: Snapshot): void;
}

/** tracker-standalone.js: the browser's own record, also used by the SCORM trackers to keep
 *  work the LMS did not confirm (`this` is {key, ctx?, interactions?}). */
interface StandaloneTracker extends Tracker {
  read(this: { key: string }): { location: string; data: string; c?: number; [key: string]: any } | null;
  write(this: { key: string; ctx?: TrackerContext; interactions?: number }, snap: Snapshot, c?: number): void;
}

/** A DOM event whose target is an element (listeners on the document, delegated by selector). */
type ElementEvent<E extends Event = Event> = E & { target: HTMLElement };

/** The LMS's SCORM 1.2 API object (RTE 3.3, window.API on a parent frame or the opener);
 *  `empty` is always "" (RTE 3.3.2). */
interface Scorm12Api {
  LMSInitialize(empty: string): string;
  LMSFinish(empty: string): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(empty: string): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

/** The LMS's SCORM 2004 API object (RTE 3.1, window.API_1484_11). */
interface Scorm2004Api {
  Initialize(empty: string): string;
  Terminate(empty: string): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(empty: string): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

/** The SCORM API objects by the window property each standard's LMS sets (RTE 3.3). */
interface ScormApis { API: Scorm12Api; API_1484_11: Scorm2004Api }

/** static/scorm-api.js: SCORM API discovery (1.2 RTE 3.3, 2004 RTE 3.3.1), shared by the
 *  SCORM 1.2 and 2004 trackers. */
interface SBScormApi {
  /** The API on `win` or on one of at most `maxHops` of its parents. */
  find<K extends keyof ScormApis>(win: Window, name: K, maxHops: number): ScormApis[K] | null;
  /** The API for this page: from its own window up, then from its opener up. */
  discover<K extends keyof ScormApis>(name: K, maxHops: number): ScormApis[K] | null;
}

// --- question types (static/question-*.js) -----------------------------------------------

interface ScormInteraction { type: string; patterns: string[]; response: string }

interface QuestionType {
  /** The form's answer in the stored form ("" when none). */
  read?(form: HTMLElement, check: CheckConfig): string;
  show?(form: HTMLElement, check: CheckConfig, st: CheckState, reveal: boolean | undefined, S: Strings): void;
  reset?(form: HTMLElement, check: CheckConfig): void;
  grade?(check: CheckConfig, saved: string): boolean;
  /** The string key of the "answer first" message. */
  need?: string;
  scorm12?(record: InteractionRecord): ScormInteraction;
  scorm2004?(record: InteractionRecord): ScormInteraction;
  xapi?(record: InteractionRecord, names: XapiCheck, lang: string): { def: Dict<any>; response: string };
}

// --- the SB namespace ---------------------------------------------------------------------

interface SBCodec {
  use(stateKeys: StateKeys | null): void;
  compact(state: LearnerState, withText?: boolean): Dict<any>;
  expand(obj: Dict<any>): LearnerState;
  encode(state: LearnerState, withText?: boolean): string;
  decode(data: string | null): LearnerState | null;
  pack(state: LearnerState, max: number, withText?: boolean): { data: string | null; dropped: string[] };
}

interface SBStore {
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): void;
}

// `$` and `$$` find elements of any kind (inputs, selects, media…) by a selector, so what
// they return is as loose as the runtime's own `$` (any): the selector says what it is.
interface SBDom {
  $(sel: string, root?: ParentNode): any;
  $$(sel: string, root?: ParentNode): any[];
  fmt(template: string, vars: Dict<string | number>): string;
  esc(s: string): string;
}

/** statecodec.js: the compressed form of the state ("!" prefix). */
interface SBStateCompressor {
  pack(text: string): string;
  unpack(data: string): string;
  packPrimer(text: string): string;
  FORMAT: number;
}

interface PlayerConstructor {
  new (cfg: PlayerConfig): Player;
  prototype: Player;
}

// Each file fills in its own part of SB (`SB.x = SB.x || …`) and runs whatever the load
// order (a tracker before or after player.js). The members that player.js (the runtime)
// sets are declared present: every file that ships beside it reads them only once the page
// runs, after player.js loaded (at boot or later), or, for the files that load after it
// (checks.js, media.js…), when they load. A file that starts the namespace itself
// (`window.SB || {}`) casts the empty object to it. The members of optional files
// (statecodec.js, scorm-api.js, xapi.js, the trackers…) stay optional: a file that needs
// one narrows it once where it is known to be there.
interface SBNamespace {
  trackers: Dict<Tracker> & { standalone?: StandaloneTracker };
  questions: Dict<QuestionType>;
  dom: SBDom;
  store: SBStore;
  codec: SBCodec;
  cm?: SBStateCompressor;
  xapi?: SBXapi;
  courseMap?: { render(modules: CourseMapEntry[], S: Strings): void };
  scormApi?: SBScormApi;
  scorm2004?: Dict<any>;
  emptyState(): LearnerState;
  checkState(check: CheckConfig, state: LearnerState): CheckState;
  summarize(cfg: PlayerConfig, state: LearnerState, mastery: number | null): Summary;
  Player: PlayerConstructor;
  player?: Player;
  boot?(): Player | null;
  ready?: Promise<void>;
}

// --- the player: members used across files -------------------------------------------------

interface Debounced { schedule(): void; flush(): void; pending(): boolean }

interface Player {
  // Members set outside the constructor. Those the constructor sets are typed there
  // (runtime/40-views.js JSDoc) and must not be declared again here: tsc 5.9 stops with
  // "Debug Failure" in getConstructorDefinedThisAssignmentTypes when they are.
  trackerName: string | null;
  started?: boolean;
  fallback?: string;

  // runtime/60-texts.js and 70-session.js: tsc infers a constructor's prototype methods
  // only in the file that declares it (40-views.js), so the later parts' are listed here.
  onReflection(textarea: HTMLTextAreaElement): void;
  onValues(box: Element): void;
  onWorksheet(textarea: HTMLTextAreaElement): void;
  restoreText(): void;
  journalKey(): string;
  backupJournal(): void;
  mergeJournalBackup(): void;
  journalEntries(): { lesson: string; title: string; items: { q: string; a: string }[] }[];
  journalHtml(): string;
  answerHtml(text: string): string;
  renderWorksheet(withLinks: boolean): string;
  renderJournal(): void;
  downloadJournal(): void;
  showWorksheet(): void;
  renderSummary(): void;
  notify(kind: string): void;
  notifyOnce(kind: string): void;
  placeNotice(): void;
  dismissNotice(): void;
  records(): boolean;
  save(reason: string): void;
  finish(): void;
  exit(): void;
  onClick(e: MouseEvent): void;
  followLessonLink(e: Event, a: HTMLElement): void;
  bind(): void;
  pickTracker(): { name: string; impl: Tracker } | null;
  restore(): void;
  lockInputs(): void;
  bookmarkView(location: string): number | "start";
  start(): Promise<void>;
  begin(got: TrackerStart): void;

  // static/checks.js: the knowledge-check UI
  checkConfig(id: string): CheckConfig | undefined;
  chosen(form: HTMLElement, check: CheckConfig): string;
  onSubmit(form: HTMLElement): void;
  record(check: CheckConfig, answer: string, st: CheckState, attempt: number): void;
  showResult(form: HTMLElement, check: CheckConfig, st: CheckState): void;
  offersRetry(form: HTMLElement, st: CheckState): boolean;
  feedbackHtml(form: HTMLElement, right: boolean, chosen: string[]): string;
  restoreCheck(form: HTMLElement): void;
  resetCheck(form: HTMLElement): void;
  retry(form: HTMLElement): void;
  canRetake(): boolean;
  retake(): void;
  // static/shuffle.js
  shuffle(form: HTMLElement, check: CheckConfig, tryNo: number): void;
  // static/course-map.js (bundled pages)
  recordProgress(): void;
  renderCourseMap(): void;
  // static/media.js
  onMediaEnded(figure: Element): void;
  restoreMedia(): void;
}

// --- the xAPI client (static/xapi.js), shared by tracker-cmi5.js and tracker-tincan.js -----

interface XapiLaunch {
  cmi5: boolean;
  lrs: XapiLRS;
  actor: Dict<any>;
  session: string;
  registration: string;
  activityId: string;
  contextTemplate: Dict<any>;
  mode: string;
  mastery: number | null;
  returnURL: string;
}

interface XapiLRS {
  endpoint: string;
  auth: string;
  url(resource: string, query?: Dict<string>): string;
  send(method: string, resource: string, query?: Dict<string>, body?: any, keepalive?: boolean): Promise<Response>;
  getDocument(resource: string, query?: Dict<string>): Promise<any>;
  putDocument(resource: string, query: Dict<string>, doc: any, keepalive?: boolean): Promise<void>;
}

/** The tracker base of static/xapi.js (X.XapiTracker): everything but the launch. */
interface XapiTrackerBase {
  name: string;
  x: XapiConfig;
  ctx: TrackerContext | null;
  launch: XapiLaunch | null;
  params(): Dict<string>;
  start(ctx: TrackerContext): Promise<TrackerStart>;
  save(snapshot: Snapshot): void;
  interaction(record: InteractionRecord): void;
  finish(snapshot: Snapshot): void;
  closingVerb(summary: Summary): string;
}

/** A subclass (tracker-tincan.js, tracker-cmi5.js) adds its launch protocol. */
interface XapiLaunchTracker extends XapiTrackerBase {
  available(): boolean;
  openLaunch(): Promise<XapiLaunch>;
}

interface Cmi5Tracker extends XapiLaunchTracker {
  token(fetchUrl: string): Promise<string>;
}

interface SBXapi {
  VERSION: string;
  VERBS: Dict<string>;
  CMI5_CATEGORY: string;
  MOVEON_CATEGORY: string;
  MASTERY_EXTENSION: string;
  uuid(): string;
  duration(ms: number): string;
  params(search: string): Dict<string>;
  agent(json: string | Dict<any>): Dict<any>;
  launchError(message: string, notice?: string): Error & { notice?: string };
  LRS: { new (endpoint: string, auth: string): XapiLRS };
  Outbox: { new (lrs: XapiLRS, key: string, session: string, fingerprint: string): any };
  XapiTracker: { new (name: string): XapiTrackerBase; prototype: XapiTrackerBase };
}

// --- the window -----------------------------------------------------------------------------

interface Window {
  SB: SBNamespace;
}

// HTML's clearTimeout(id) takes any value (converted to a number: null clears nothing, as
// undefined does); the trackers clear a timer field that is null once it has fired.
declare function clearTimeout(id: number | null | undefined): void;
