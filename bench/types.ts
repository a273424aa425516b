/** One benchmark result line; `target` is the goal from the issue, when there is one. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  target?: string;
}
