// The preview page's own globals (templates/preview/*.js, served by `scormbuild preview`,
// never shipped), for `tsc -p .` (make lint).

/** An API object of scorm-again (loaded by the preview page): the SCORM API an LMS gives. */
interface ScormAgainApi {
  loadFromJSON(json: object): void;
  renderCMIToJSONObject(): any;
  on(event: string, listener: (...args: any[]) => void): void;
  [call: string]: any;
}

interface PreviewSco { key: string; title: string; url: string; activity?: string; mastery_score?: number }

/** window.preview: the inspector's state, shared by preview.js and preview-xapi.js. */
interface PreviewState {
  status: any;
  generation: number;
  sco: PreviewSco | null;
  api: ScormAgainApi | null;
  calls: any[];
  commits: number;
  apiErrors: number;
  opened: number;
  saved: any;
  lrsErrors?: string[];
  documents?: { resource: string; id: string; body: string }[];
  budget?(used: number, limit: number): void;
  renderInspector?(): void;
}

/** window.preview once preview.js has run, before it loads preview-xapi.js. */
type LoadedPreview = PreviewState & Required<Pick<PreviewState, "budget" | "renderInspector">>;

interface Window {
  preview: PreviewState;
  previewXapi?: {
    launchUrl(standard: string, sco: PreviewSco, url: string): string;
    render(): void;
    forget(sco: PreviewSco): void;
  };
  API?: ScormAgainApi;
  API_1484_11?: ScormAgainApi;
  Scorm12API?: new (settings: object) => ScormAgainApi;
  Scorm2004API?: new (settings: object) => ScormAgainApi;
}
