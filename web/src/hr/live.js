// Refreshes something periodically while the page is visible: paused when the tab is hidden (no
// point in polling for nobody, and it spares the services), refreshed at once when it shows again,
// stopped for good when the caller says so (e.g. the round closed) or the page changes.

/**
 * @param load async () => data; a failure is handed to onError and the polling goes on (after retryMs)
 * @param onData (data) => boolean; return true to stop (nothing more will change)
 * @returns stop()
 */
export function poll({ load, onData, onError = () => {}, intervalMs = 10000, retryMs = intervalMs }) {
  let stopped = false;
  let timer = null;
  let running = false;

  const schedule = (delay) => {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(tick, delay);
  };

  async function tick() {
    if (stopped || running || document.hidden) return;
    running = true;
    let delay = intervalMs;
    try {
      const data = await load();
      if (!stopped && onData(data) === true) stop();
    } catch (e) {
      delay = retryMs;
      if (!stopped) onError(e);
    } finally {
      running = false;
    }
    schedule(delay);
  }

  const visibility = () => {
    if (document.hidden) clearTimeout(timer);
    else if (!stopped) tick();
  };

  function stop() {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', visibility);
  }

  document.addEventListener('visibilitychange', visibility);
  tick();
  return stop;
}
