import type { CreateOutcome } from '../../backend/backend';
import type { JobRow } from '../../queue/job';
import type { PipelineDeps } from '../context';

/** Every kind of work the queue runs; the registry in ./index.ts must cover each (the compiler checks). */
export type ModeKey = 'video' | 'storyboard' | 'remix' | 'image' | 'enhance' | 'character';

/** What starting a job led to: remote work to follow, or (enhance) a result at once. */
export type StartOutcome = CreateOutcome | { kind: 'finished'; text: string };

/** How one mode starts, is followed, and ends up on disk. */
export interface ModeHandler {
  /** Which poller follows the remote work ('none': `start` finishes it). */
  track: 'video' | 'image' | 'character' | 'none';
  /** The downloaded file's extension, or null when nothing is downloaded (a character). */
  extension: 'mp4' | 'png' | 'txt' | null;
  /** Uploads what the job needs and starts the remote work. */
  start(deps: PipelineDeps, job: JobRow): Promise<StartOutcome>;
}
