import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { type Browser, launch } from './harness';

let sim: Sim;
let browser: Browser;
beforeAll(async () => {
  sim = await startSim({});
  browser = await launch({ sim });
  await browser.signIn();
});
afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

test('scratch: options connections and pickers', async () => {
  const options = await browser.openPage('options');
  await options.setViewportSize({ width: 700, height: 1400 });
  await options.getByTestId('backend-add-url').fill('http://gw.example.com/v1');
  await options.getByTestId('backend-add-save').click();
  await options.getByTestId('backend-add-url-error').waitFor();
  await options.getByTestId('backend-add-url').fill('https://gw.example.com/v1');
  await options.getByTestId('backend-add-keys').fill('sk-test-aaaa1111\nsk-test-bbbb2222');
  await options.getByTestId('backend-add-name').fill('Gateway');
  await options.getByTestId('backend-add-save').click();
  await options.locator('[data-testid=backend-item][data-backend-kind=videos-api]').waitFor({ timeout: 10_000 });
  const states = await options
    .getByTestId('backend-item')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-backend-id'), e.getAttribute('data-state'), e.textContent]));
  console.log(JSON.stringify(states, null, 1));
  await options.screenshot({ path: '/tmp/hconnui-options.png', fullPage: true });
  const panel = await browser.openPage('sidepanel');
  await panel.setViewportSize({ width: 400, height: 800 });
  const id = states[1]![0]!;
  await panel.getByTestId('backend-select').selectOption(id);
  await panel.getByTestId('param-size').waitFor();
  await panel.screenshot({ path: '/tmp/hconnui-panel.png' });
  const popup = await browser.openPage('popup');
  await popup.getByTestId('backend-select').selectOption(id);
  await popup.getByTestId('param-size').waitFor();
  await popup.screenshot({ path: '/tmp/hconnui-popup.png' });
  expect(states[0]![0]).toBe('sora');
});
