import { REQUEST_TIMEOUT_MS } from '@/lib/backend/timeouts';
import type { CreateOutcome, FullBackend, GenerationSpec, PollResult, UploadRef } from '@/lib/sora/backend';
import type { DraftsPage } from '@/lib/sora/client-poll';
import { SoraError } from '@/lib/sora/errors';
import { imagePoll, pollLists, type TaskLists } from '@/lib/sora/poll-lists';
import type { Draft, PendingTask } from '@/lib/sora/schemas';
import type { RecentImageTask } from '@/lib/sora/schemas-extra';
import type { SessionState } from '@/lib/sora/session';

export interface FakeTask {
  id: string;
  kind: 'video' | 'storyboard' | 'remix' | 'image' | 'character';
  prompt: string;
  createdAt: number;
  doneAt: number;
  outcome: 'done' | 'policy';
  spec: unknown;
}

/** The clock the test drives; `advance` lets a hanging request take its time (a 25 s timeout). */
export interface FakeClock {
  now: () => number;
  advance?: (ms: number) => void;
}

/** docs/backend-facts.md §5.4: the web app reads `v2/recent_tasks?limit=20`; older image tasks drop off it. */
const RECENT_IMAGE_LIMIT = 20;

/**
 * An in-memory backend with the real one's rules that matter to the queue (docs/backend-facts.md §5): a cap on video
 * tasks in progress; pending holds only running tasks; a finished task appears in drafts only
 * `draftLagMs` after it left pending; drafts come newest first in pages with a cursor; the image
 * list holds only the newest 20. The product's own list reading (lib/sora/poll-lists.ts) runs over
 * these lists. Failures are scriptable.
 */
export function createFakeBackend(clock: FakeClock, renderMs = 10_000) {
  const tasks: FakeTask[] = [];
  const creates: GenerationSpec[] = [];
  const uploads: string[] = [];
  const calls: string[] = [];
  const finalized = new Set<string>();
  const state = {
    signedIn: true,
    plan: 'chatgpt_plus' as string | null,
    cap: 3,
    external: 0,
    dailyLimitUntil: null as number | null,
    policyPattern: null as string | null,
    /**
     * The next create's fate: `lost` (made, answer lost at once), `timeout` (made, the answer never
     * comes: `REQUEST_TIMEOUT_MS` pass), `hang` (never reached it, and the request hung as long),
     * `network` (never reached the backend, failed at once), `duplicate` (the POST
     * was resent: two tasks, the answer names the second), or an error.
     */
    nextCreate: null as 'lost' | 'timeout' | 'hang' | 'network' | 'duplicate' | SoraError | null,
    /** Every list read fails with this (a 5xx, a timeout, garbage). */
    pollError: null as SoraError | null,
    /** docs/backend-facts.md §5.2: the SCD capture saw a finished task in drafts 4 s after it left pending. */
    draftLagMs: 4_000,
    draftPageSize: 15,
    polls: 0,
    pendingReads: 0,
    draftReads: 0,
    imagePolls: 0,
    sessionChecks: 0,
  };
  const videoKinds = new Set(['video', 'storyboard', 'remix']);
  const isVideo = (t: FakeTask): boolean => videoKinds.has(t.kind);
  const inProgress = (): FakeTask[] => tasks.filter((t) => isVideo(t) && t.doneAt > clock.now());
  const authError = (): SoraError => new SoraError({ code: 'signed_out', message: 'Not signed in.' });
  const readable = (): void => {
    if (!state.signedIn) throw authError();
    if (state.pollError) throw state.pollError;
  };

  function admit(kind: FakeTask['kind']): void {
    if (!state.signedIn) throw authError();
    if (state.dailyLimitUntil !== null && clock.now() < state.dailyLimitUntil) {
      throw new SoraError({
        code: 'rate_limit_daily',
        message: 'limit',
        status: 429,
        resetAt: state.dailyLimitUntil,
      });
    }
    if (videoKinds.has(kind) && inProgress().length + state.external >= state.cap) {
      throw new SoraError({ code: 'rate_limit_concurrent', message: 'too many', status: 429 });
    }
  }

  function addTask(kind: FakeTask['kind'], prompt: string, spec: unknown): FakeTask {
    const policy = state.policyPattern !== null && prompt.includes(state.policyPattern);
    const task: FakeTask = {
      id: `${kind === 'character' ? 'cameo' : 'task'}_${tasks.length + 1}`,
      kind,
      prompt,
      createdAt: clock.now(),
      doneAt: clock.now() + renderMs,
      outcome: policy ? 'policy' : 'done',
      spec,
    };
    tasks.push(task);
    return task;
  }

  function start(kind: FakeTask['kind'], prompt: string, spec: unknown): CreateOutcome {
    admit(kind);
    const scripted = state.nextCreate;
    state.nextCreate = null;
    if (scripted instanceof SoraError) throw scripted;
    if (scripted === 'network') return { kind: 'uncertain', reason: 'network' };
    if (scripted === 'hang') {
      clock.advance?.(REQUEST_TIMEOUT_MS);
      return { kind: 'uncertain', reason: 'timeout' };
    }
    const task = addTask(kind, prompt, spec);
    if (scripted === 'duplicate') return { kind: 'created', taskId: addTask(kind, prompt, spec).id };
    if (scripted === 'timeout') {
      clock.advance?.(REQUEST_TIMEOUT_MS);
      return { kind: 'uncertain', reason: 'timeout' };
    }
    return scripted === 'lost' ? { kind: 'uncertain', reason: 'lost' } : { kind: 'created', taskId: task.id };
  }

  const fraction = (task: FakeTask): number => Math.min(0.99, (clock.now() - task.createdAt) / renderMs);
  const draftAt = (task: FakeTask): number => task.doneAt + state.draftLagMs;
  const config = (task: FakeTask) => {
    const spec = task.spec as Partial<GenerationSpec> | null;
    return { prompt: task.prompt, orientation: spec?.orientation ?? null, n_frames: spec?.nFrames ?? null };
  };

  function pendingItem(task: FakeTask): PendingTask {
    return {
      id: task.id,
      status: 'running',
      progress_pct: fraction(task),
      prompt: task.prompt,
      creation_config: config(task),
    };
  }

  function draftItem(task: FakeTask): Draft {
    const base = `https://videos.openai.com/az/files/gen_${task.id}`;
    const ok = task.outcome === 'done';
    return {
      id: `gen_${task.id}`,
      task_id: task.id,
      kind: ok ? 'sora_draft' : 'sora_content_violation',
      downloadable_url: ok ? `${base}%2Fraw?se=2099-01-01&sig=abc` : null,
      reason_str: ok ? null : 'Blocked by policy',
      created_at: draftAt(task) / 1000,
      prompt: task.prompt,
      creation_config: config(task),
    };
  }

  /** The account's lists, as the real backend serves them. */
  const lists: TaskLists & { images(): RecentImageTask[] } = {
    async pending() {
      state.pendingReads++;
      readable();
      const external = Array.from({ length: state.external }, (_, i) => ({
        id: `task_elsewhere_${i + 1}`,
        status: 'running',
        progress_pct: 0.5,
        prompt: 'Started in another tab',
      }));
      return [...inProgress().reverse().map(pendingItem), ...external];
    },
    async drafts(cursor): Promise<DraftsPage> {
      state.draftReads++;
      readable();
      const all = tasks
        .filter((t) => isVideo(t) && draftAt(t) <= clock.now())
        .sort((a, b) => draftAt(b) - draftAt(a));
      const start = cursor === null ? 0 : all.findIndex((t) => t.id === cursor) + 1;
      const page = all.slice(start, start + state.draftPageSize);
      const more = start + state.draftPageSize < all.length;
      return { items: page.map(draftItem), cursor: more ? (page.at(-1)?.id ?? null) : null };
    },
    images() {
      return tasks
        .filter((t) => t.kind === 'image')
        .reverse()
        .slice(0, RECENT_IMAGE_LIMIT)
        .map((t) => {
          const done = t.doneAt <= clock.now();
          const url = `https://videos.openai.com/az/files/img_${t.id}%2Fraw?sig=abc`;
          return {
            id: t.id,
            status: done ? 'succeeded' : 'running',
            progress_pct: done ? 1 : fraction(t),
            prompt: t.prompt,
            generations: done ? [{ id: `gen_${t.id}`, url }] : [],
          };
        });
    },
  };

  const backend: FullBackend = {
    async session(): Promise<SessionState> {
      state.sessionChecks++;
      return state.signedIn ? { state: 'signed-in', email: null } : { state: 'signed-out' };
    },
    async create(spec) {
      creates.push(spec);
      return start('video', spec.prompt, spec);
    },
    async createStoryboard(spec) {
      creates.push(spec);
      calls.push('storyboard');
      return start('storyboard', spec.prompt, spec);
    },
    async remix(spec) {
      creates.push(spec);
      calls.push(`remix:${spec.remixTargetId}`);
      return start('remix', spec.prompt, spec);
    },
    async createImage(spec) {
      calls.push('image');
      return start('image', spec.prompt, spec);
    },
    async poll(taskIds, options): Promise<PollResult> {
      state.polls++;
      return pollLists(lists, taskIds, options);
    },
    async pollImages(taskIds) {
      state.imagePolls++;
      readable();
      return imagePoll(lists.images(), taskIds);
    },
    async resolveMedia(generationId) {
      const base = `https://videos.openai.com/az/files/${generationId}`;
      return {
        url: `${base}%2Fraw?se=2099-01-01&sig=abc`,
        expiresAt: null,
        thumbnailUrl: `${base}%2Fdrvs%2Fthumbnail%2Fraw?sig=t`,
      };
    },
    async uploadImage(file): Promise<UploadRef> {
      uploads.push(file.name);
      return { kind: 'upload', id: `media_${uploads.length}` };
    },
    async enhancePrompt(input) {
      calls.push(`enhance:${input.level}:${input.durationS}`);
      return `ENHANCED (${input.level}) ${input.prompt}`;
    },
    async createCharacter() {
      calls.push('character');
      const outcome = start('character', '', null);
      if (outcome.kind !== 'created') throw new Error('unexpected');
      return { cameoId: outcome.taskId };
    },
    async characterStatus(cameoId) {
      const task = tasks.find((t) => t.id === cameoId);
      if (!task) return { state: 'failed', reason: 'unknown cameo' };
      if (task.doneAt > clock.now()) return { state: 'processing', message: null };
      return {
        state: 'ready',
        usernameHint: 'sora.kitty',
        displayNameHint: 'Kitty',
        profileAssetUrl: 'https://videos.openai.com/az/files/avatar%2Fraw?sig=x',
        finalized: finalized.has(cameoId),
      };
    },
    // Not idempotent on purpose: nothing documents what a second finalize does (docs/backend-facts.md §4.9).
    async finalizeCharacter(input) {
      calls.push(`finalize:${input.username}`);
      const n = calls.filter((c) => c.startsWith('finalize:')).length;
      finalized.add(input.cameoId);
      return { characterId: n === 1 ? `char_${input.cameoId}` : `char_${input.cameoId}_${n}` };
    },
    quota: async () => ({ remaining: 10, rateLimitReached: false, resetsAt: null }),
    plan: async () => state.plan,
    styles: async () => [],
    models: async () => [],
  };
  return { backend, tasks, creates, uploads, calls, state, lists };
}
