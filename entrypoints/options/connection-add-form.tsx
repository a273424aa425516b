import { useState } from 'preact/hooks';
import { cleanConnectionInput } from '@/lib/connections/input';
import { requestConnectionAccess } from '@/lib/connections/permissions';
import type { ConnectionKind } from '@/lib/connections/schema';
import { errorMessage } from '@/lib/errors';
import { call } from '@/lib/rpc/client';
import type { RpcParams } from '@/lib/rpc/contract';
import { hasMessage, t } from '@/lib/ui/i18n';

/** One field's problem as the background names it (`connectionAdd`'s `errors`). */
export interface FieldProblem {
  field: string;
  message: string;
  messageKey: string;
}

/** The catalogue's wording when it has the key, else the background's own words. */
export function problemText(p: FieldProblem): string {
  return p.messageKey && hasMessage(p.messageKey) ? t(p.messageKey) : p.message;
}

function FieldError(props: { testId: string; problems: FieldProblem[]; field: string }) {
  const mine = props.problems.filter((p) => p.field === props.field);
  if (mine.length === 0) return null;
  return (
    <span id={`${props.testId}-error`} class="error" data-testid={`${props.testId}-error`} role="alert">
      {mine.map(problemText).join(' ')}
    </span>
  );
}

const EMPTY = {
  kind: 'videos-api' as ConnectionKind,
  url: '',
  keys: '',
  name: '',
  azure: false,
  sessionOnly: false,
};
type AddParams = RpcParams<'connectionAdd'>;

const FIELDS = ['kind', 'baseUrl', 'keys', 'name', 'authHeader'];

/**
 * Adds a Videos API or task API connection. Save checks the form (each problem shows at its field,
 * and nothing is asked or sent), asks for the server's host permission in the click itself (Chrome
 * grants only in a user gesture), saves at once, and checks the connection once access is granted.
 */
export function ConnectionAddForm() {
  const [form, setForm] = useState(EMPTY);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof EMPTY>): void => setForm((f) => ({ ...f, ...patch }));
  const invalid = (field: string): boolean => problems.some((p) => p.field === field);

  const input = (): AddParams => ({
    kind: form.kind,
    baseUrl: form.url,
    keys: form.keys,
    ...(form.name.trim() ? { name: form.name } : {}),
    authHeader: form.kind === 'videos-api' && form.azure ? 'api-key' : 'bearer',
    sessionOnly: form.sessionOnly,
  });

  /** Saves at once (an unanswered permission dialog never holds the save up), then checks once granted. */
  async function finish(params: AddParams, granting: Promise<boolean>): Promise<void> {
    setBusy(true);
    try {
      const result = await call('connectionAdd', params);
      setBusy(false);
      if (!result.ok) return setProblems(result.errors);
      setProblems([]);
      setForm(EMPTY);
      setNotice(t('backendAddedSaved'));
      if (!(await granting)) return setNotice(t('backendAddedNeedsPermission'));
      const check = await call('connectionCheck', { id: result.id });
      setNotice(t('backendAddedChecked', check.message));
    } catch (e) {
      setBusy(false);
      setProblems([{ field: 'form', message: errorMessage(e), messageKey: '' }]);
    }
  }

  function save(): void {
    setNotice(null);
    const params = input();
    // Checked here first, so a form with mistakes asks for no permission; the background checks again.
    const local = cleanConnectionInput(params, { concurrency: 1 });
    if (Array.isArray(local)) {
      setProblems(local);
      return;
    }
    // Then, before any await: the permission prompt needs this click's gesture.
    void finish(params, requestConnectionAccess({ baseUrl: local.baseUrl }));
  }

  return (
    <form
      class="connection-add"
      aria-label={t('backendAddTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>{t('backendAddTitle')}</h3>
      <label class="field">
        <span>{t('backendAddKind')}</span>
        <select
          data-testid="backend-add-kind"
          value={form.kind}
          aria-invalid={invalid('kind')}
          onChange={(e) => set({ kind: e.currentTarget.value as ConnectionKind })}
        >
          <option value="videos-api">{t('backendKindVideosApi')}</option>
          <option value="task-api">{t('backendKindTaskApi')}</option>
        </select>
        <FieldError testId="backend-add-kind" field="kind" problems={problems} />
      </label>
      <label class="field">
        <span>{t('backendAddUrl')}</span>
        <input
          data-testid="backend-add-url"
          type="url"
          placeholder={
            form.kind === 'videos-api' ? 'https://api.openai.com/v1' : 'https://api.sora2api.ai/api/v1/sora2'
          }
          value={form.url}
          aria-invalid={invalid('baseUrl')}
          aria-describedby="backend-add-url-error"
          onInput={(e) => set({ url: e.currentTarget.value })}
        />
        <FieldError testId="backend-add-url" field="baseUrl" problems={problems} />
      </label>
      <label class="field">
        <span>{t('backendAddKeys')}</span>
        <textarea
          data-testid="backend-add-keys"
          rows={3}
          autocomplete="off"
          spellcheck={false}
          value={form.keys}
          aria-invalid={invalid('keys')}
          aria-describedby="backend-add-keys-error"
          onInput={(e) => set({ keys: e.currentTarget.value })}
        />
        <span class="muted">{t('backendAddKeysHelp')}</span>
        <FieldError testId="backend-add-keys" field="keys" problems={problems} />
      </label>
      <label class="field">
        <span>{t('backendAddName')}</span>
        <input
          data-testid="backend-add-name"
          type="text"
          value={form.name}
          aria-invalid={invalid('name')}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
        <FieldError testId="backend-add-name" field="name" problems={problems} />
      </label>
      {form.kind === 'videos-api' && (
        <label class="check">
          <input
            type="checkbox"
            data-testid="backend-add-azure"
            checked={form.azure}
            onChange={(e) => set({ azure: e.currentTarget.checked })}
          />
          <span>{t('backendAddAzure')}</span>
          <FieldError testId="backend-add-azure" field="authHeader" problems={problems} />
        </label>
      )}
      <label class="check">
        <input
          type="checkbox"
          data-testid="backend-add-session-only"
          checked={form.sessionOnly}
          onChange={(e) => set({ sessionOnly: e.currentTarget.checked })}
        />
        <span>{t('backendAddSessionOnly')}</span>
      </label>
      {problems
        .filter((p) => !FIELDS.includes(p.field))
        .map((p) => (
          <p key={p.field + p.message} class="error" role="alert" data-testid="backend-add-error">
            {problemText(p)}
          </p>
        ))}
      <button data-testid="backend-add-save" type="submit" class="primary" disabled={busy}>
        {busy ? t('backendAddSaving') : t('backendAddSave')}
      </button>
      {notice && (
        <p class="notice" role="status" data-testid="backend-add-notice">
          {notice}
        </p>
      )}
    </form>
  );
}
