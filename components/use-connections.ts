import { useEffect, useState } from 'preact/hooks';
import type { ApiBackendDeclaration } from '@/lib/backends/capabilities';
import { taskApiDeclaration } from '@/lib/backends/task-api/capabilities';
import { VIDEOS_API_MODELS, videosApiDeclaration } from '@/lib/backends/videos-api/capabilities';
import { type Connection, ConnectionListSchema } from '@/lib/connections/schema';
import { type ConnectionState, ConnectionStatesSchema, connectionStatesItem } from '@/lib/connections/status';
import { connectionsItem } from '@/lib/connections/store';
import { SORA_CHOICE } from '@/lib/ui/backend-choice';
import { t } from '@/lib/ui/i18n';

/** The saved connections (no secrets) and what the background last knew about each. */
export interface ConnectionsView {
  list: Connection[];
  states: Record<string, ConnectionState>;
  /** False until the saved list was read once (an empty list before then means "not read yet"). */
  loaded: boolean;
}

function parsed<T>(
  schema: { safeParse: (v: unknown) => { success: boolean; data?: T } },
  v: unknown,
  empty: T,
): T {
  const r = schema.safeParse(v);
  return r.success && r.data !== undefined ? r.data : empty;
}

/** The connection list and states, kept current by their storage watchers. */
export function useConnections(): ConnectionsView {
  const [list, setList] = useState<Connection[]>([]);
  const [states, setStates] = useState<Record<string, ConnectionState>>({});
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const onList = (v: unknown): void => {
      setList(parsed(ConnectionListSchema, v, []));
      setLoaded(true);
    };
    const onStates = (v: unknown): void => setStates(parsed(ConnectionStatesSchema, v, {}));
    void connectionsItem.getValue().then(onList);
    void connectionStatesItem.getValue().then(onStates);
    const stopList = connectionsItem.watch(onList);
    const stopStates = connectionStatesItem.watch(onStates);
    return () => {
      stopList();
      stopStates();
    };
  }, []);
  return { list, states, loaded };
}

/** The name a connection is shown by: its label, else its server's host. */
export function connectionLabel(c: Connection): string {
  if (c.name) return c.name;
  try {
    return new URL(c.baseUrl).host;
  } catch {
    return c.baseUrl;
  }
}

/** What a job row or gallery item says ran it: "Sora", a connection's name, or that it was removed. */
export function backendName(id: string, list: readonly Connection[]): string {
  if (id === SORA_CHOICE) return t('backendSoraName');
  const c = list.find((x) => x.id === id);
  return c ? connectionLabel(c) : t('backendRemovedName');
}

/** The connection's declared capabilities and `param-*` controls. */
export function declarationOf(c: Connection): ApiBackendDeclaration {
  return c.kind === 'videos-api' ? videosApiDeclaration(c) : taskApiDeclaration(c);
}

/** The models `model-select` offers on a connection: the server's list from the last Check, else the OpenAI names. */
export function connectionModels(c: Connection, state: ConnectionState | undefined): string[] {
  if (c.kind !== 'videos-api') return [];
  const listed = state?.models?.filter(Boolean) ?? [];
  return listed.length > 0 ? listed : VIDEOS_API_MODELS.map((m) => m.name);
}

/** Each `param-*`'s starting value (a text parameter starts empty). */
export function defaultParams(c: Connection): Record<string, string> {
  return Object.fromEntries(declarationOf(c).params.map((p) => [p.name, p.default ?? '']));
}
