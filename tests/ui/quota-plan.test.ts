import { describe, expect, it } from 'vitest';
import { gensFor, planQuota } from '@/lib/ui/quota-plan';

describe('quota planning', () => {
  it('costs jobs per the backend table (docs/backend-facts.md §4.2)', () => {
    expect(gensFor('sora2-landscape-10s')).toBe(1);
    expect(gensFor('sora2-landscape-15s')).toBe(2);
    expect(gensFor('gpt-image')).toBe(0);
  });

  it('says which jobs wait for the reset', () => {
    const models = Array(5).fill('sora2-landscape-15s');
    expect(planQuota(models, 5)).toEqual({ uses: 10, left: 5, firstWaiting: 3, waiting: 3 });
    expect(planQuota(models, 30)).toEqual({ uses: 10, left: 30, firstWaiting: null, waiting: 0 });
    expect(planQuota(models, null).firstWaiting).toBeNull();
  });
});
