import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type GalleryQuery, pageGallery } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { errorMessage } from '@/lib/errors';
import { MODEL_SPECS, type ModelName } from '@/lib/prompt/models';
import { ANY_REMIX_ID_RE, isRemixId } from '@/lib/prompt/remix';
import type { JobRow as Job } from '@/lib/queue/job';
import { call } from '@/lib/rpc/client';
import { SORA_CHOICE } from '@/lib/ui/backend-choice';
import { jobTime } from '@/lib/ui/format';
import { t, tn } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { useWorkspace } from '@/lib/ui/workspace';
import { ConfirmBar, type ConfirmRequest } from './confirm-bar';
import { JobNote } from './job-note';
import { type UndoOffer, UndoToast } from './undo-toast';
import { backendName, declarationOf, useConnections } from './use-connections';

const PAGE = 24;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A day in the browser's language (the expiry of a connection's copy). */
const dateOf = (at: number): string =>
  new Date(at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** Model, date, length and file name of a result, as one line. */
function facts(job: Job): string {
  const spec = MODEL_SPECS[job.input.model as ModelName];
  const seconds =
    job.request.kind === 'video' && spec?.kind === 'video'
      ? t('gallerySeconds', String(spec.durationS))
      : null;
  const file = job.download?.fileName.split('/').at(-1) ?? null;
  return [job.input.model, jobTime(job.finishedAt ?? job.createdAt, Date.now()), seconds, file]
    .filter(Boolean)
    .join(' · ');
}

function GalleryItem(props: {
  job: Job;
  thumbnail: Blob | null;
  /** When the connection that made it deletes (or deleted) its copy; null when it keeps it. */
  expiresAt: number | null;
  /** Null when the backend that made it cannot remix it. */
  onRemix: ((job: Job) => void) | null;
  selected: boolean;
  onSelect: (on: boolean) => void;
  backendName: string;
}) {
  const { job } = props;
  const [video, setVideo] = useState<string | null>(null);
  const [thumb, setThumb] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!props.thumbnail) return;
    const url = URL.createObjectURL(props.thumbnail);
    setThumb(url);
    return () => URL.revokeObjectURL(url);
  }, [props.thumbnail]);

  const act = (work: () => Promise<void>) => () =>
    void work().catch((e: unknown) => setNote(errorMessage(e)));
  const gone = props.expiresAt !== null && props.expiresAt <= Date.now();

  return (
    <li
      data-testid="gallery-item"
      data-job-id={job.id}
      data-backend-id={job.backendId}
      class={`gallery-item${props.selected ? ' selected' : ''}`}
    >
      <input
        type="checkbox"
        data-testid="gallery-select"
        aria-label={t('selectJob', job.input.text.slice(0, 60))}
        checked={props.selected}
        onChange={(e) => props.onSelect(e.currentTarget.checked)}
      />
      {video ? (
        <video src={video} controls autoPlay muted class="preview-video" />
      ) : (
        <button
          type="button"
          class="poster"
          disabled={gone}
          data-testid="gallery-preview"
          aria-label={t('galleryPreview')}
          onClick={act(async () => setVideo((await call('mediaLink', { id: job.id })).url))}
        >
          {thumb ? <img src={thumb} alt="" /> : <span aria-hidden="true">▶</span>}
        </button>
      )}
      <p class="job-prompt" title={job.input.text}>
        {job.input.text}
      </p>
      <JobNote job={job} />
      <p class="muted gallery-facts" data-testid="gallery-facts">
        {[props.backendName, facts(job)].join(' · ')}
      </p>
      {props.expiresAt !== null && (
        <p
          class="gallery-expires"
          data-testid="gallery-expires"
          data-gone={gone ? 'true' : 'false'}
          data-expires-at={props.expiresAt}
        >
          {gone
            ? t('galleryGoneSince', props.backendName, dateOf(props.expiresAt))
            : tn(
                'galleryKeptUntil',
                Math.max(1, Math.ceil((props.expiresAt - Date.now()) / DAY_MS)),
                props.backendName,
                dateOf(props.expiresAt),
              )}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          data-testid="gallery-open"
          disabled={gone}
          onClick={act(
            async () => void browser.tabs.create({ url: (await call('mediaLink', { id: job.id })).url }),
          )}
        >
          {t('galleryOpen')}
        </button>
        <button
          type="button"
          data-testid="gallery-redownload"
          disabled={gone}
          onClick={act(async () => {
            await call('redownload', { id: job.id });
            setNote(t('galleryDownloading'));
          })}
        >
          {t('galleryRedownload')}
        </button>
        {props.onRemix && (
          <button type="button" data-testid="gallery-remix" onClick={() => props.onRemix?.(job)}>
            {t('galleryRemix')}
          </button>
        )}
        <button
          type="button"
          data-testid="gallery-copy"
          onClick={act(async () => {
            await navigator.clipboard.writeText(job.input.text);
            setNote(t('copied'));
          })}
        >
          {t('copyPrompt')}
        </button>
      </div>
      {note && (
        <p class="muted" role="status">
          {note}
        </p>
      )}
    </li>
  );
}

/**
 * Finished results with their model, date, length and file; search, filter by kind, sort; select
 * several to download again or remove from the list (the files stay on disk).
 */
export function GalleryView(props: { db: SoraDb }) {
  const ws = useWorkspace();
  const connections = useConnections();
  const [limit, setLimit] = useState(PAGE);
  const [query, setQuery] = useState<GalleryQuery>({ search: '', kind: 'all', order: 'newest' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const data = useLiveQuery(
    async () => {
      const jobs = await pageGallery(props.db, query, limit);
      const results = await props.db.results.bulkGet(jobs.map((j) => j.id));
      return {
        jobs,
        thumbs: results.map((r) => r?.thumbnail ?? null),
        expiries: results.map((r) => r?.mediaExpiresAt ?? null),
      };
    },
    [props.db, limit, query.search, query.kind, query.order],
    { jobs: [] as Job[], thumbs: [] as (Blob | null)[], expiries: [] as (number | null)[] },
  );
  // Only what is shown stays selected.
  const shown = new Set(data.jobs.map((j) => j.id));
  const ids = [...selected].filter((id) => shown.has(id));

  /** The connection a result was made on, when it is not the Sora session (and still exists). */
  const connectionOf = (job: Job) => connections.list.find((c) => c.id === job.backendId) ?? null;

  /** Remix writes the composer: the video's id on the backend that made it, picked there. */
  function remix(job: Job): void {
    const connection = connectionOf(job);
    if (connection) {
      // A Videos API video is remixed by its id on the connection that made it (docs/backend-facts.md §11.1).
      ws.backend.backend.value = connection.id;
      ws.backend.model.value = job.input.model;
      ws.draft.value = job.taskId && ANY_REMIX_ID_RE.test(job.taskId) ? `${job.taskId} ` : job.input.text;
      ws.view.value = 'compose';
      return;
    }
    // A finished Sora video is a draft: remix it by its generation id (docs/backend-facts.md §4.6), at its draft link.
    const target =
      job.request.kind === 'video' && job.generationId && isRemixId(job.generationId)
        ? job.generationId
        : null;
    ws.backend.backend.value = SORA_CHOICE;
    ws.draft.value = target ? `https://sora.chatgpt.com/d/${target} ` : job.input.text;
    ws.view.value = 'compose';
  }

  /** Sora remixes its videos; a connection only when it declares remix (a task API does not). */
  const canRemix = (job: Job): boolean => {
    const connection = connectionOf(job);
    if (connection) return job.request.kind === 'video' && declarationOf(connection).modes.includes('remix');
    return job.backendId === SORA_CHOICE;
  };

  async function redownloadAll(): Promise<void> {
    for (const id of ids) await call('redownload', { id }).catch(() => undefined);
    setNote(tn('galleryRedownloading', ids.length));
  }

  async function removeAll(): Promise<void> {
    const result = await call('bulk', { action: 'remove', ids });
    setSelected(new Set());
    const token = result.undoToken;
    if (token)
      setOffer({
        message: tn('galleryRemoved', result.changed),
        undo: () => void call('undoRemove', { token }),
      });
  }

  return (
    <section class="gallery" aria-label={t('tabGallery')}>
      <div class="row controls">
        <input
          class="grow"
          type="search"
          data-testid="gallery-search"
          aria-label={t('gallerySearch')}
          placeholder={t('gallerySearch')}
          value={query.search}
          onInput={(e) => setQuery({ ...query, search: e.currentTarget.value })}
        />
        <select
          data-testid="gallery-kind"
          aria-label={t('galleryKind')}
          value={query.kind}
          onChange={(e) => setQuery({ ...query, kind: e.currentTarget.value as GalleryQuery['kind'] })}
        >
          <option value="all">{t('filterAll')}</option>
          <option value="video">{t('galleryVideos')}</option>
          <option value="image">{t('galleryImages')}</option>
        </select>
        <select
          data-testid="gallery-sort"
          aria-label={t('orderLabel')}
          value={query.order}
          onChange={(e) => setQuery({ ...query, order: e.currentTarget.value as GalleryQuery['order'] })}
        >
          <option value="newest">{t('orderNewest')}</option>
          <option value="oldest">{t('galleryOldest')}</option>
        </select>
      </div>
      {ids.length > 0 && (
        <div class="row bulk">
          <span>{t('selectedCount', String(ids.length))}</span>
          <button type="button" data-testid="gallery-bulk-redownload" onClick={() => void redownloadAll()}>
            {t('galleryRedownload')}
          </button>
          <button
            type="button"
            data-testid="gallery-bulk-remove"
            onClick={() =>
              ids.length > 1
                ? setConfirm({
                    question: tn('galleryConfirmRemove', ids.length),
                    accept: t('actionRemove'),
                    onAccept: () => void removeAll(),
                  })
                : void removeAll()
            }
          >
            {t('galleryRemove')}
          </button>
        </div>
      )}
      <ConfirmBar request={confirm} onClose={() => setConfirm(null)} />
      <UndoToast offer={offer} onDone={() => setOffer(null)} />
      {note && (
        <p class="muted" role="status">
          {note}
        </p>
      )}
      {data.jobs.length === 0 && <p class="muted">{t('galleryEmpty')}</p>}
      <ul class="gallery-grid">
        {data.jobs.map((job, i) => (
          <GalleryItem
            key={job.id}
            job={job}
            thumbnail={data.thumbs[i] ?? null}
            // A Sora link's expiry is its signature's, not the video's: only a connection's copy is deleted.
            expiresAt={connectionOf(job) ? (data.expiries[i] ?? null) : null}
            onRemix={canRemix(job) ? remix : null}
            backendName={backendName(job.backendId, connections.list)}
            selected={selected.has(job.id)}
            onSelect={(on) =>
              setSelected((current) => {
                const next = new Set(current);
                if (on) next.add(job.id);
                else next.delete(job.id);
                return next;
              })
            }
          />
        ))}
      </ul>
      {data.jobs.length >= limit && (
        <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
          {t('showMore')}
        </button>
      )}
    </section>
  );
}
