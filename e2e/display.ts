import { type ChildProcess, execFileSync, spawn } from 'node:child_process';

/**
 * Chromium's permission dialog can only be answered in a headful browser (docs/chromium-e2e.md §6):
 * these tests run it on a virtual display (Xvfb) and press the dialog's keys with xdotool. Uses the
 * DISPLAY there is, or starts one.
 */
export async function ensureDisplay(): Promise<{ display: string; stop: () => void }> {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, stop: () => undefined };
  const display = `:${90 + Math.floor(Math.random() * 9)}`;
  const xvfb: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => setTimeout(resolve, 800));
  process.env.DISPLAY = display;
  return {
    display,
    stop: () => {
      xvfb.kill();
      delete process.env.DISPLAY;
    },
  };
}

/**
 * Answers Chromium's permission dialog with Allow: it needs about 1.5 s to appear (longer on a
 * loaded machine); its first Tab moves the focus to Allow and Return accepts (Return alone would
 * answer Deny). `granted` says whether the origin is held: nothing is pressed once it is (no dialog
 * comes for an origin already granted, and the keys would land on the page), and a dialog that was
 * late is answered on the next round.
 */
export async function allowPermissionDialog(granted: () => Promise<boolean>): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    if (await granted()) return;
    execFileSync('xdotool', ['key', 'Tab', 'Return'], { env: process.env });
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      if (await granted()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error('the permission dialog was not answered (no origin granted after three rounds)');
}
