import type { DisplayStatus } from '../queue/status';
import type { MessageKey } from './i18n';

/** The message key of each UI status. */
export const STATUS_LABEL: Record<DisplayStatus, MessageKey> = {
  queued: 'statusQueued',
  submitting: 'statusSubmitting',
  generating: 'statusGenerating',
  downloading: 'statusDownloading',
  done: 'statusDone',
  failed: 'statusFailed',
  canceled: 'statusCanceled',
  paused: 'statusPaused',
  'waiting-login': 'statusWaitingLogin',
  'waiting-limit': 'statusWaitingLimit',
  'waiting-permission': 'statusWaitingPermission',
};
