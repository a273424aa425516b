import { type Signal, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MediaRef } from '../prompt/request';
import { type BackendChoice, SORA_CHOICE } from './backend-choice';
import { DEFAULT_MODEL } from './prefill';

/** The side panel's views; each has a `tab-<view>` button. */
export const VIEWS = ['compose', 'batch', 'storyboard', 'queue', 'gallery', 'library', 'logs'] as const;
export type View = (typeof VIEWS)[number];

/** One page's shared UI state: setting the model anywhere applies to every view (UI contract). */
export interface Workspace {
  model: Signal<string>;
  /** The composer's text; the context menu, "remix this" and "enhance" write it too. */
  draft: Signal<string>;
  view: Signal<View>;
  /** The account's plan id (`chatgpt_pro`…), null while unknown: Pro models are marked when it isn't Pro. */
  plan: Signal<string | null>;
  /** Live style ids for `{style}` completion (empty while signed out). */
  styles: Signal<string[]>;
  /** Images attached to the composer (file, drop, paste, or the context menu's image). */
  images: Signal<MediaRef[]>;
  /** A status the queue should filter to (the popup's status links); the queue takes and clears it. */
  queueFocus: Signal<string | null>;
  /** The connection that runs the next jobs, with its model and parameters (`backend-select`). */
  backend: BackendChoice;
}

/** Fresh state for one page (and one test). */
export function createWorkspace(model = DEFAULT_MODEL): Workspace {
  return {
    model: signal(model),
    draft: signal(''),
    view: signal<View>('compose'),
    plan: signal(null),
    styles: signal([]),
    images: signal([]),
    queueFocus: signal(null),
    backend: { backend: signal(SORA_CHOICE), model: signal(''), params: signal({}) },
  };
}

export const WorkspaceContext = createContext<Workspace | null>(null);

/** The page's workspace (a fresh one when a component is rendered alone). */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside a WorkspaceContext');
  return workspace;
}

/** True when the plan is known and includes Pro models. */
export function hasPro(plan: string | null): boolean {
  return plan !== null && /pro/i.test(plan);
}
