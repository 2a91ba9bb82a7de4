// The tests' seeded PRNG is the simulator's own (server/plan/prng.ts): one mulberry32, same seed, same sequence.
export { mulberry32 } from '../../server/plan/prng.ts';
