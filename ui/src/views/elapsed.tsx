/** A run's time: ticking while it runs, then its duration. */
import { useEffect, useState } from 'preact/hooks';

export const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  return <span class="elapsed">{seconds(Math.max(0, now - since))}</span>;
}
