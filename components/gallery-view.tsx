import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pageResults } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { errorMessage } from '@/lib/errors';
import { isRemixId } from '@/lib/prompt/remix';
import type { JobRow as Job } from '@/lib/queue/job';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { useWorkspace } from '@/lib/ui/workspace';

const PAGE = 24;

function GalleryItem(props: { job: Job; thumbnail: Blob | null; onRemix: (job: Job) => void }) {
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
    <li data-testid="gallery-item" data-job-id={job.id} class="gallery-item">
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

/** Finished results, newest first, with in-place preview, open, re-download, remix and copy prompt. */
export function GalleryView(props: { db: SoraDb }) {
  const ws = useWorkspace();
  const [limit, setLimit] = useState(PAGE);
  const data = useLiveQuery(
    async () => {
      const jobs = await pageResults(props.db, 0, limit);
      const results = await props.db.results.bulkGet(jobs.map((j) => j.id));
      return { jobs, thumbs: results.map((r) => r?.thumbnail ?? null) };
    },
    [props.db, limit],
    { jobs: [] as Job[], thumbs: [] as (Blob | null)[] },
  );

  function remix(job: Job): void {
    // A finished video is a draft: remix it by its generation id (docs/backend-facts.md §4.6), at its draft link.
    const target =
      job.request.kind === 'video' && job.generationId && isRemixId(job.generationId)
        ? job.generationId
        : null;
    ws.draft.value = target ? `https://sora.chatgpt.com/d/${target} ` : job.input.text;
    ws.view.value = 'compose';
  }

  return (
    <section class="gallery" aria-label={t('tabGallery')}>
      {data.jobs.length === 0 && <p class="muted">{t('galleryEmpty')}</p>}
      <ul class="gallery-grid">
        {data.jobs.map((job, i) => (
          <GalleryItem key={job.id} job={job} thumbnail={data.thumbs[i] ?? null} onRemix={remix} />
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
