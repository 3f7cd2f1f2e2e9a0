// The ballot and the answers given so far live in IndexedDB until the answers are sent, so a reload,
// a closed tab or a dead network loses nothing. After sending only the round, the unit and "sent"
// remain (to show "what came out" later); the token and the answers are removed.
const DB = 'pulse';
const STORE = 'ballots';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'roundId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const result = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

export const store = {
  get: (roundId) => tx('readonly', (s) => s.get(roundId)),
  all: () => tx('readonly', (s) => s.getAll()),
  put: (record) => tx('readwrite', (s) => s.put(record)),
};
