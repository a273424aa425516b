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
 * Answers Chromium's permission dialog with Allow: it needs about 1.5 s to appear; its first Tab
 * moves the focus to Allow and Return accepts (Return alone would answer Deny).
 */
export async function allowPermissionDialog(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  execFileSync('xdotool', ['key', 'Tab', 'Return'], { env: process.env });
}
