import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Connection } from '@/lib/connections/schema';
import { type BackendChoice, SORA_CHOICE } from '@/lib/ui/backend-choice';
import { t } from '@/lib/ui/i18n';
import {
  type ConnectionsView,
  connectionLabel,
  connectionModels,
  declarationOf,
  defaultParams,
} from './use-connections';

/** The task API takes no model: jobs name this one (the seed's service renders Sora 2 behind it). */
const TASK_API_MODEL = 'sora-2';

/** The chosen connection (null = the Sora session) and what the enqueue item gets from it. */
export interface ChosenBackend {
  connection: Connection | null;
  /** The `model` to send: the Sora model, or the connection's. */
  model: (soraModel: string) => string;
  /** `{ backend, params }` for a connection; nothing for the Sora session (its items stay as they were). */
  extras: () => { backend?: string; params?: Record<string, string> };
}

function firstModel(c: Connection, views: ConnectionsView, current: string): string {
  if (c.kind === 'task-api') return TASK_API_MODEL;
  const models = connectionModels(c, views.states[c.id]);
  return models.includes(current) ? current : (models[0] ?? '');
}

/** Switches the page's choice to `id`, with that connection's model and default parameters. */
function choose(choice: BackendChoice, views: ConnectionsView, id: string): void {
  const c = views.list.find((x) => x.id === id) ?? null;
  choice.backend.value = c ? c.id : SORA_CHOICE;
  choice.model.value = c ? firstModel(c, views, choice.model.value) : '';
  choice.params.value = c ? defaultParams(c) : {};
}

/** Reads the page's backend choice; a removed connection falls back to the Sora session. */
export function useChosenBackend(choice: BackendChoice, views: ConnectionsView): ChosenBackend {
  const id = choice.backend.value;
  const connection = id === SORA_CHOICE ? null : (views.list.find((c) => c.id === id) ?? null);
  const known = views.list.length > 0;
  useEffect(() => {
    if (id !== SORA_CHOICE && known && !connection) choose(choice, views, SORA_CHOICE);
  }, [id, known, connection]);
  return {
    connection,
    model: (soraModel) => (connection ? choice.model.value || firstModel(connection, views, '') : soraModel),
    extras: () => {
      if (!connection) return {};
      const params = Object.fromEntries(
        Object.entries(choice.params.value).filter(([, v]) => v.trim() !== ''),
      );
      return { backend: connection.id, ...(Object.keys(params).length > 0 ? { params } : {}) };
    },
  };
}

/** `backend-select`: the Sora session first, then every saved connection. */
export function BackendSelect(props: { choice: BackendChoice; views: ConnectionsView }) {
  return (
    <label class="field">
      <span>{t('backendLabel')}</span>
      <select
        data-testid="backend-select"
        value={props.choice.backend.value}
        onChange={(e) => choose(props.choice, props.views, e.currentTarget.value)}
      >
        <option value={SORA_CHOICE}>{t('backendSoraSession')}</option>
        {props.views.list.map((c) => (
          <option key={c.id} value={c.id}>
            {connectionLabel(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** `model-select` on a connection: its server's models (Videos API); the task API names none. */
function ConnectionModelSelect(props: {
  choice: BackendChoice;
  views: ConnectionsView;
  connection: Connection;
}) {
  const { connection, choice } = props;
  const models =
    connection.kind === 'task-api'
      ? [TASK_API_MODEL]
      : connectionModels(connection, props.views.states[connection.id]);
  return (
    <label class="field grow">
      <span>{t('modelLabel')}</span>
      <select
        data-testid="model-select"
        value={choice.model.value || models[0]}
        disabled={connection.kind === 'task-api'}
        title={connection.kind === 'task-api' ? t('backendModelByService') : undefined}
        onChange={(e) => (choice.model.value = e.currentTarget.value)}
      >
        {models.map((m) => (
          <option key={m} value={m}>
            {connection.kind === 'task-api' ? t('backendModelByService') : m}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The chosen connection's own parameters (`param-*`), from its declaration. */
function BackendParams(props: { choice: BackendChoice; connection: Connection }) {
  const { choice } = props;
  const set = (name: string, value: string): void => {
    choice.params.value = { ...choice.params.value, [name]: value };
  };
  return (
    <>
      {declarationOf(props.connection).params.map((p) => (
        <label key={p.name} class="field" for={`backend-param-${p.name}`}>
          <span>{t(PARAM_LABEL[p.name] ?? 'backendParamOther')}</span>
          {p.kind === 'select' ? (
            <select
              id={`backend-param-${p.name}`}
              data-testid={p.testId}
              value={choice.params.value[p.name] ?? p.default ?? ''}
              onChange={(e) => set(p.name, e.currentTarget.value)}
            >
              {(p.values ?? []).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`backend-param-${p.name}`}
              data-testid={p.testId}
              type="text"
              maxLength={p.maxLength}
              value={choice.params.value[p.name] ?? ''}
              onInput={(e) => set(p.name, e.currentTarget.value)}
            />
          )}
        </label>
      ))}
    </>
  );
}

const PARAM_LABEL: Record<
  string,
  | 'backendParamSize'
  | 'backendParamSeconds'
  | 'backendParamAspect'
  | 'backendParamQuality'
  | 'backendParamWatermark'
> = {
  size: 'backendParamSize',
  seconds: 'backendParamSeconds',
  aspectRatio: 'backendParamAspect',
  quality: 'backendParamQuality',
  watermark: 'backendParamWatermark',
};

/**
 * The backend picker with what depends on it: the Sora session shows `sora` (its own model picker),
 * a connection shows its models and its `param-*` controls instead.
 */
export function BackendFields(props: {
  choice: BackendChoice;
  views: ConnectionsView;
  connection: Connection | null;
  sora: ComponentChildren;
}) {
  const { connection } = props;
  return (
    <div class="row wrap backend-fields">
      <BackendSelect choice={props.choice} views={props.views} />
      {connection ? (
        <>
          <ConnectionModelSelect choice={props.choice} views={props.views} connection={connection} />
          <BackendParams choice={props.choice} connection={connection} />
        </>
      ) : (
        props.sora
      )}
    </div>
  );
}
