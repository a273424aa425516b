import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type GalleryQuery, pageGallery } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { errorMessage } from '@/lib/errors';
import { MODEL_SPECS, type ModelName } from '@/lib/prompt/models';
import { isRemixId } from '@/lib/prompt/remix';
import type { JobRow as Job } from '@/lib/queue/job';
import { call } from '@/lib/rpc/client';
import { jobTime } from '@/lib/ui/format';
import { t, tn } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { useWorkspace } from '@/lib/ui/workspace';
import { ConfirmBar, type ConfirmRequest } from './confirm-bar';
import { JobNote } from './job-note';
import { type UndoOffer, UndoToast } from './undo-toast';
import { backendName, useConnections } from './use-connections';

const PAGE = 24;

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
  onRemix: (job: Job) => void;
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
      <div class="row">
        <button
          type="button"
          data-testid="gallery-open"
          onClick={act(
            async () => void browser.tabs.create({ url: (await call('mediaLink', { id: job.id })).url }),
          )}
        >
          {t('galleryOpen')}
        </button>
        <button
          type="button"
          data-testid="gallery-redownload"
          onClick={act(async () => {
            await call('redownload', { id: job.id });
            setNote(t('galleryDownloading'));
          })}
        >
          {t('galleryRedownload')}
        </button>
        <button type="button" data-testid="gallery-remix" onClick={() => props.onRemix(job)}>
          {t('galleryRemix')}
        </button>
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
      return { jobs, thumbs: results.map((r) => r?.thumbnail ?? null) };
    },
    [props.db, limit, query.search, query.kind, query.order],
    { jobs: [] as Job[], thumbs: [] as (Blob | null)[] },
  );
  // Only what is shown stays selected.
  const shown = new Set(data.jobs.map((j) => j.id));
  const ids = [...selected].filter((id) => shown.has(id));

  function remix(job: Job): void {
    // A finished video is a draft: remix it by its generation id (docs/backend-facts.md §4.6), at its draft link.
    const target =
      job.request.kind === 'video' && job.generationId && isRemixId(job.generationId)
        ? job.generationId
        : null;
    ws.draft.value = target ? `https://sora.chatgpt.com/d/${target} ` : job.input.text;
    ws.view.value = 'compose';
  }

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
            onRemix={remix}
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
