import '@/lib/zod-config';
import { setupCommands } from '@/lib/background/commands';
import { setupContextMenu } from '@/lib/background/context-menu';
import { createServices } from '@/lib/background/services';
import {
  ensureAlarm,
  setupDownloads,
  setupLifecycle,
  setupMessages,
  setupWake,
} from '@/lib/background/setup';

// Wiring only: every listener is registered synchronously (MV3 delivers the waking event only to
// listeners that exist by the end of the first turn), then recovery starts.
export default defineBackground(() => {
  const services = createServices();
  setupMessages(services);
  setupWake(services);
  setupDownloads(services);
  setupLifecycle(services);
  setupContextMenu(services);
  setupCommands(services);
  void ensureAlarm();
  void services.kick();
});
