import type { Backend, CreateOutcome, GenerationSpec, PollResult, TaskSnapshot } from '@/lib/sora/backend';
import { SoraError } from '@/lib/sora/errors';
import type { SessionState } from '@/lib/sora/session';

interface FakeTask {
  id: string;
  prompt: string;
  createdAt: number;
  doneAt: number;
  outcome: 'done' | 'policy';
}

/**
 * An in-memory backend with the real one's rules that matter to the queue: a cap on tasks in
 * progress, tasks that finish after `renderMs`, and scriptable failures.
 */
export function createFakeBackend(clock: { now: () => number }, renderMs = 10_000) {
  const tasks: FakeTask[] = [];
  const creates: GenerationSpec[] = [];
  const state = {
    signedIn: true,
    cap: 3,
    external: 0,
    dailyLimitUntil: null as number | null,
    policyPattern: null as string | null,
    nextCreate: null as 'lost' | 'network' | SoraError | null,
    pollError: null as SoraError | null,
    polls: 0,
    sessionChecks: 0,
  };
  const inProgress = (): FakeTask[] => tasks.filter((t) => t.doneAt > clock.now());
  const authError = (): SoraError => new SoraError({ code: 'signed_out', message: 'Not signed in.' });

  const backend: Backend = {
    async session(): Promise<SessionState> {
      state.sessionChecks++;
      return state.signedIn ? { state: 'signed-in', email: null } : { state: 'signed-out' };
    },
    async create(spec): Promise<CreateOutcome> {
      creates.push(spec);
      if (!state.signedIn) throw authError();
      if (state.dailyLimitUntil !== null && clock.now() < state.dailyLimitUntil) {
        throw new SoraError({
          code: 'rate_limit_daily',
          message: 'limit',
          status: 429,
          resetAt: state.dailyLimitUntil,
        });
      }
      if (inProgress().length + state.external >= state.cap) {
        throw new SoraError({ code: 'rate_limit_concurrent', message: 'too many', status: 429 });
      }
      const scripted = state.nextCreate;
      state.nextCreate = null;
      if (scripted instanceof SoraError) throw scripted;
      if (scripted === 'network') return { kind: 'uncertain', reason: 'network' };
      const task: FakeTask = {
        id: `task_${tasks.length + 1}`,
        prompt: spec.prompt,
        createdAt: clock.now(),
        doneAt: clock.now() + renderMs,
        outcome: state.policyPattern && spec.prompt.includes(state.policyPattern) ? 'policy' : 'done',
      };
      tasks.push(task);
      if (scripted === 'lost') return { kind: 'uncertain', reason: 'lost' };
      return { kind: 'created', taskId: task.id };
    },
    async poll(taskIds): Promise<PollResult> {
      state.polls++;
      if (!state.signedIn) throw authError();
      if (state.pollError) throw state.pollError;
      const map = new Map<string, TaskSnapshot>();
      for (const id of taskIds) {
        const task = tasks.find((t) => t.id === id);
        if (!task) map.set(id, { state: 'missing' });
        else if (task.doneAt > clock.now()) {
          map.set(id, {
            state: 'running',
            progress: Math.round((100 * (clock.now() - task.createdAt)) / renderMs),
          });
        } else if (task.outcome === 'policy')
          map.set(id, { state: 'failed', code: 'content_policy', reason: 'Blocked by policy' });
        else map.set(id, { state: 'done', generationId: `gen_${task.id}` });
      }
      return {
        activeCount: inProgress().length + state.external,
        tasks: map,
        recent: tasks.map((t) => ({ taskId: t.id, prompt: t.prompt, createdAt: t.createdAt })),
      };
    },
    async resolveMedia(generationId) {
      return {
        url: `https://videos.openai.com/az/files/${generationId}%2Fraw?se=2099-01-01&sig=abc`,
        expiresAt: null,
      };
    },
  };
  return { backend, tasks, creates, state };
}
