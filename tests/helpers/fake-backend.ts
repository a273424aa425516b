import type {
  CreateOutcome,
  FullBackend,
  GenerationSpec,
  ImageSnapshot,
  PollResult,
  TaskSnapshot,
  UploadRef,
} from '@/lib/sora/backend';
import { SoraError } from '@/lib/sora/errors';
import type { SessionState } from '@/lib/sora/session';

interface FakeTask {
  id: string;
  kind: 'video' | 'storyboard' | 'remix' | 'image' | 'character';
  prompt: string;
  createdAt: number;
  doneAt: number;
  outcome: 'done' | 'policy';
  spec: unknown;
}

/**
 * An in-memory backend with the real one's rules that matter to the queue: a cap on video tasks in
 * progress, tasks that finish after `renderMs`, images and characters, and scriptable failures.
 */
export function createFakeBackend(clock: { now: () => number }, renderMs = 10_000) {
  const tasks: FakeTask[] = [];
  const creates: GenerationSpec[] = [];
  const uploads: string[] = [];
  const calls: string[] = [];
  const state = {
    signedIn: true,
    plan: 'chatgpt_plus' as string | null,
    cap: 3,
    external: 0,
    dailyLimitUntil: null as number | null,
    policyPattern: null as string | null,
    nextCreate: null as 'lost' | 'network' | SoraError | null,
    pollError: null as SoraError | null,
    polls: 0,
    imagePolls: 0,
    sessionChecks: 0,
  };
  const videoKinds = new Set(['video', 'storyboard', 'remix']);
  const inProgress = (): FakeTask[] => tasks.filter((t) => videoKinds.has(t.kind) && t.doneAt > clock.now());
  const authError = (): SoraError => new SoraError({ code: 'signed_out', message: 'Not signed in.' });

  function start(kind: FakeTask['kind'], prompt: string, spec: unknown): CreateOutcome {
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
    const scripted = state.nextCreate;
    state.nextCreate = null;
    if (scripted instanceof SoraError) throw scripted;
    if (scripted === 'network') return { kind: 'uncertain', reason: 'network' };
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
    return scripted === 'lost' ? { kind: 'uncertain', reason: 'lost' } : { kind: 'created', taskId: task.id };
  }

  const running = (task: FakeTask): number => Math.round((100 * (clock.now() - task.createdAt)) / renderMs);

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
    async poll(taskIds): Promise<PollResult> {
      state.polls++;
      if (!state.signedIn) throw authError();
      if (state.pollError) throw state.pollError;
      const map = new Map<string, TaskSnapshot>();
      for (const id of taskIds) {
        const task = tasks.find((t) => t.id === id);
        if (!task) map.set(id, { state: 'missing' });
        else if (task.doneAt > clock.now()) map.set(id, { state: 'running', progress: running(task) });
        else if (task.outcome === 'policy')
          map.set(id, { state: 'failed', code: 'content_policy', reason: 'Blocked by policy' });
        else map.set(id, { state: 'done', generationId: `gen_${task.id}` });
      }
      return {
        activeCount: inProgress().length + state.external,
        tasks: map,
        recent: tasks.map((t) => ({ taskId: t.id, prompt: t.prompt, createdAt: t.createdAt })),
      };
    },
    async pollImages(taskIds) {
      state.imagePolls++;
      const map = new Map<string, ImageSnapshot>();
      for (const id of taskIds) {
        const task = tasks.find((t) => t.id === id);
        if (!task) map.set(id, { state: 'missing' });
        else if (task.doneAt > clock.now()) map.set(id, { state: 'running', progress: running(task) });
        else
          map.set(id, {
            state: 'done',
            generationId: `gen_${id}`,
            urls: [`https://videos.openai.com/az/files/img_${id}%2Fraw?sig=abc`],
          });
      }
      return { tasks: map, recent: [] };
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
      };
    },
    async finalizeCharacter(input) {
      calls.push(`finalize:${input.username}`);
      return { characterId: `char_${input.cameoId}` };
    },
    quota: async () => ({ remaining: 10, rateLimitReached: false, resetsAt: null }),
    plan: async () => state.plan,
    styles: async () => [],
    models: async () => [],
  };
  return { backend, tasks, creates, uploads, calls, state };
}
