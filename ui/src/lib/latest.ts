// Loading where only the last request counts: a user who changes the unit twice sees the second unit's figures even
// when the first answer comes back later. Errors of the last request are said in the status bar.

import { sayError } from './status';

/** `run(request)` calls `busy(true)`, then `done(answer)` and `busy(false)` — unless another run started meanwhile. */
export function latestOnly<T>(done: (answer: T) => void, busy: (loading: boolean) => void): (request: () => Promise<T>) => Promise<void> {
  let seq = 0;
  return async (request) => {
    const mine = ++seq;
    busy(true);
    try {
      const answer = await request();
      if (mine === seq) done(answer);
    } catch (error) {
      if (mine === seq) sayError(error);
    } finally {
      if (mine === seq) busy(false);
    }
  };
}
