/**
 * What an API backend declares it can do, as plain data next to its client (issue 12, point 1). The core
 * is the `BackendDeclaration` of docs/architecture.md "The Backend interface"; the API backends add
 * the composer's `param-*` controls, image rules and wording (`ApiBackendExtras`).
 */

import type { Aspect, BackendDeclaration, JobMode, ModelDeclaration, Quality } from '../backend/declaration';

export type { Aspect, BackendDeclaration, JobMode, ModelDeclaration, Quality } from '../backend/declaration';

/** One parameter the composer shows (the UI contract's Backends table `param-*`). */
export interface ParamSpec {
  /** The API's own field name. */
  name: string;
  testId: string;
  kind: 'select' | 'text';
  values?: readonly string[];
  default?: string;
  maxLength?: number;
}

/** What the API backends declare beyond the boundary's core. */
export interface ApiBackendExtras {
  kind: 'videos-api' | 'task-api';
  refusedReason: string;
  /** `server-list`: `GET /models` names them; `none`: the API takes no model. */
  modelSource: 'server-list' | 'none';
  /** Limits for a model name the declaration does not list (a gateway's own names); null = refuse it. */
  anyModel: ModelDeclaration | null;
  params: readonly ParamSpec[];
  images: { file: boolean; url: boolean; max: number };
  /** The most the per-connection cap may be set to. */
  concurrencyMax: number;
  /** Results stay downloadable this long (the task API's 15 days), null = the answer says (`expires_at`). */
  retentionMs: number | null;
  /** Media hosts are named by each answer (a CDN), not known in advance. */
  mediaHostsFromAnswer: boolean;
  /** The lost-create strategy in words, for docs and the job's message. */
  lostCreateHow: string;
}

export type ApiBackendDeclaration = BackendDeclaration & ApiBackendExtras;

/** A request as far as a declaration can judge it (the neutral request, reduced). */
export interface RequestShape {
  mode: JobMode;
  model: string;
  durationS: number | null;
  aspect: Aspect | null;
  quality: Quality | null;
  images: readonly { kind: 'file' | 'url' }[];
  /** Backend-only options the neutral request has no field for (the task API's watermark). */
  backendParams?: Readonly<Record<string, string>>;
}

function modelFor(decl: ApiBackendDeclaration, name: string): ModelDeclaration | null {
  return decl.models.find((m) => m.name === name) ?? decl.anyModel;
}

function paramRefusal(decl: ApiBackendDeclaration, params: Readonly<Record<string, string>>): string | null {
  for (const [name, value] of Object.entries(params)) {
    const spec = decl.params.find((p) => p.name === name);
    if (!spec) return `This connection takes no “${name}” setting.`;
    if (spec.values && !spec.values.includes(value))
      return `“${value}” is not a ${name} this connection takes (${spec.values.join(', ')}).`;
    if (spec.maxLength !== undefined && value.length > spec.maxLength)
      return `${name} is longer than ${spec.maxLength} characters.`;
  }
  return null;
}

function imageRefusal(decl: ApiBackendDeclaration, images: RequestShape['images']): string | null {
  if (images.length > decl.images.max) return `This connection takes at most ${decl.images.max} image(s).`;
  if (images.some((i) => i.kind === 'file') && !decl.images.file)
    return 'This connection takes only public image links; an attached file cannot be sent. Add the image by its URL instead.';
  if (images.some((i) => i.kind === 'url') && !decl.images.url)
    return 'This connection takes images as files only.';
  return null;
}

/** Why `decl` cannot run `req`, in plain words; null when it can. Pure: for enqueue, and before a create. */
export function refusalFor(decl: ApiBackendDeclaration, req: RequestShape): string | null {
  if (!decl.modes.includes(req.mode)) return `${decl.refusedReason} (${req.mode.replace(/_/g, ' ')}).`;
  const model = modelFor(decl, req.model);
  if (!model) return `This connection does not offer the model “${req.model}”.`;
  if (!model.modes.includes(req.mode))
    return `The model “${req.model}” cannot do ${req.mode.replace(/_/g, ' ')}.`;
  if (req.durationS !== null && !model.durationsS.includes(req.durationS))
    return model.durationsS.length
      ? `${req.durationS} s is not a length this model takes (${model.durationsS.join(', ')} s).`
      : 'This connection has no length setting; leave the length out.';
  if (req.aspect !== null && !model.aspects.includes(req.aspect))
    return `This model takes no ${req.aspect} videos (${model.aspects.join(', ')}).`;
  if (req.quality !== null && !model.qualities.includes(req.quality))
    return `This model takes no ${req.quality} quality (${model.qualities.join(', ')}).`;
  return paramRefusal(decl, req.backendParams ?? {}) ?? imageRefusal(decl, req.images);
}

/** The host permission pattern of a base URL (match patterns carry no port). */
export function originPatternOf(baseUrl: string): string {
  const u = new URL(baseUrl);
  return `${u.protocol}//${u.hostname}/*`;
}
