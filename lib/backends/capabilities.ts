/**
 * What an API backend declares it can do, as plain data next to its client (issue 12 §1). The
 * integration step maps this onto the neutral boundary of docs/architecture.md ("Backend boundary").
 */

/** Modes a job can ask for (the product's modes; README "Generation modes"). */
export type JobMode =
  | 'text-to-video'
  | 'image-to-video'
  | 'remix'
  | 'storyboard'
  | 'character'
  | 'style'
  | 'text-to-image'
  | 'enhance';

/** One parameter the composer shows for this backend (ui-contract § Backends `param-*`). */
export interface ParamSpec {
  /** The API's own field name. */
  name: string;
  /** `data-testid` of its control. */
  testId: string;
  kind: 'select' | 'text';
  /** Allowed values, as the API takes them (selects only). */
  values?: readonly string[];
  /** Sent when the user picks nothing; absent = the field is left out. */
  default?: string;
  maxLength?: number;
}

/** How a create whose answer was lost is resolved (backend-shapes §6). */
export type LostCreateStrategy =
  | { strategy: 'list-match'; how: string; windowMs: number }
  | { strategy: 'none'; how: string };

export interface BackendDeclaration {
  kind: 'videos-api' | 'task-api';
  /** Supported modes; every other mode is refused with `refusedReason` before anything is sent. */
  modes: readonly JobMode[];
  refusedReason: string;
  models: {
    /** `server-list`: ask `GET /models`; `none`: the API takes no model. */
    source: 'server-list' | 'none';
    /** Offered when the server lists none. */
    fallback: readonly string[];
    /** Whether any typed model name is passed on. */
    freeText: boolean;
  };
  params: readonly ParamSpec[];
  images: { file: boolean; url: boolean; max: number };
  /** Jobs generating at once per connection (the user's setting is clamped to it). */
  concurrency: { default: number; max: number };
  lostCreate: LostCreateStrategy;
  media: {
    /** `api-key-header`: the download needs the key as a header; `none`: a public link. */
    credentials: 'api-key-header' | 'none';
    /** Where result files live: the connection's own origin, or a host named in the answer. */
    hosts: 'base-origin' | 'from-answer';
    /** How long a result stays downloadable, when the service says so. */
    retentionMs: number | null;
  };
  /** Whether the API reports the remaining credits (neither does, as far as the sources say). */
  quota: 'none';
}

/** A request as far as the declaration can judge it (the neutral request, reduced). */
export interface RequestShape {
  mode: JobMode;
  model?: string | null;
  params?: Readonly<Record<string, string>>;
  images?: readonly { kind: 'file' | 'url' }[];
}

/** Why `decl` cannot run `req`, in plain words; null when it can. Pure, for enqueue and tests. */
export function refusalFor(decl: BackendDeclaration, req: RequestShape): string | null {
  if (!decl.modes.includes(req.mode)) return `${decl.refusedReason} (${req.mode})`;
  for (const [name, value] of Object.entries(req.params ?? {})) {
    const spec = decl.params.find((p) => p.name === name);
    if (!spec) return `This connection takes no “${name}” setting.`;
    if (spec.values && !spec.values.includes(value))
      return `“${value}” is not a ${name} this connection takes (${spec.values.join(', ')}).`;
    if (spec.maxLength !== undefined && value.length > spec.maxLength)
      return `${name} is longer than ${spec.maxLength} characters.`;
  }
  const images = req.images ?? [];
  if (images.length > decl.images.max) return `This connection takes at most ${decl.images.max} image(s).`;
  if (images.some((i) => i.kind === 'file') && !decl.images.file)
    return 'This connection takes only public image links; an attached file cannot be sent. Add the image by its URL instead.';
  if (images.some((i) => i.kind === 'url') && !decl.images.url)
    return 'This connection takes images as files only.';
  return null;
}
