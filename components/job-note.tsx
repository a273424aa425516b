import type { JobRow as Job } from '@/lib/queue/job';
import { extrasNote } from '@/lib/ui/extras-note';

/** A plain note when Sora made more than one video for the job; nothing otherwise. */
export function JobNote(props: { job: Job }) {
  const note = extrasNote(props.job);
  if (!note) return null;
  return (
    <p data-testid="job-note" data-note-state={note.state} data-results={note.count} class="muted note">
      {note.text}
    </p>
  );
}
