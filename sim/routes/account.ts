import { SIM_USER } from '../auth-state';
import type { Route, SimContext } from '../context';
import { json, type Reply } from '../http';

const PLAN_TITLES = {
  chatgpt_free: 'ChatGPT Free',
  chatgpt_plus: 'ChatGPT Plus',
  chatgpt_pro: 'ChatGPT Pro',
} as const;

/** docs/backend-facts.md §7.1: quota. */
const check = (_r: unknown, ctx: SimContext): Reply =>
  json(200, { rate_limit_and_credit_balance: ctx.quota.balance(ctx.now()) });

/** docs/backend-facts.md §2.6: plan. */
const subscriptions = (_r: unknown, ctx: SimContext): Reply => {
  const id = ctx.settings().plan;
  return json(200, {
    data: [{ plan: { id, title: PLAN_TITLES[id] }, end_ts: Math.floor(ctx.now() / 1000) + 30 * 86400 }],
  });
};

/** docs/backend-facts.md §2.6: user. */
const me = (): Reply =>
  json(200, { id: SIM_USER.id, email: SIM_USER.email, name: SIM_USER.name, username: 'simuser' });

/** docs/backend-facts.md §2.6 `/backend/models?nf2=true`; sy_ore listed only for Pro (docs/backend-facts.md §4.2). */
const models = (_r: unknown, ctx: SimContext): Reply => {
  const data = [{ id: 'sy_8', label: 'Sora 2' }];
  if (ctx.settings().plan === 'chatgpt_pro') data.push({ id: 'sy_ore', label: 'Sora 2 Pro' });
  return json(200, { data });
};

/** Account / quota routes. */
export const accountRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/nf/check', handler: check },
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/billing/subscriptions', handler: subscriptions },
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/me', handler: me },
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/models', handler: models },
];
