// A test waits for an event; its time limit only says when to give up. On a machine shared with
// other work (a load of 15 on 2 cores was measured: acks 5 s late, a server 20 s to start) events
// arrive late but arrive, so every limit is multiplied by TEST_PATIENCE (3 by default). It costs
// nothing while the test passes; a failing one takes longer to say so.
export const PATIENCE = Math.max(1, Number(process.env.TEST_PATIENCE ?? 3));

/** A time limit for a wait, stretched by PATIENCE. */
export const patient = (ms: number): number => Math.round(ms * PATIENCE);
