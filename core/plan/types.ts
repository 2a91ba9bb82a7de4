// The vocabulary of forecasting, simulating and planning a day's counters (core/plan/*).
import type { CounterConfig } from '../config.ts';

/** One citizen taking a ticket. */
export interface Arrival {
  /** Epoch ms. */
  at: number;
  serviceCode: string;
  priority: string | null;
}

/** How a service behaves at the counter, learnt from its history (core/plan/model.ts). */
export interface ServiceBehaviour {
  /** Observed service durations, seconds (start → finish); drawn from at random. */
  serviceSec: number[];
  /** Share of calls the citizen does not answer. */
  noShowRate: number;
  /** Share of calls sent on to another service, and where to (shares summing to 1). */
  transferRate: number;
  transferTo: { serviceCode: string; share: number }[];
  /** Share of tickets issued as priority (used when arrivals are drawn from a forecast). */
  priorityShare: number;
}

export interface CenterModel {
  services: Record<string, ServiceBehaviour>;
  /** Seconds from a call to the citizen at the counter (walk), drawn from at random. */
  callToStartSec: number[];
  /** Seconds an officer waits before marking a called citizen absent. */
  noShowAfterSec: number;
}

/** A counter in a plan: the services it offers (with weights) and the local hours it is open. */
export interface PlanCounter {
  counter: number;
  services: CounterConfig['services'];
  /** Local hours (0–23) during which the counter is open, e.g. [7, 8, 9, 10, 13, 14, 15, 16]. */
  hours: number[];
}

export interface StaffingPlan {
  /** Local day YYYY-MM-DD. */
  day: string;
  counters: PlanCounter[];
}

/** Figures of one service (or all) in one hour (or the whole day), over every run. */
export interface WaitFigures {
  /** Citizens called, per run on average. */
  calledPerRun: number;
  /** Still waiting when the day ended (never called), per run on average. */
  unservedPerRun: number;
  p50Sec: number | null;
  p90Sec: number | null;
  /** Share within the service's target wait; the never-called count as over it. */
  withinTarget: number | null;
  /** Longest queue seen: mean over runs, and the worst run. */
  longestQueueMean: number;
  longestQueueMax: number;
}

export interface SimulationResult {
  day: string;
  runs: number;
  seedNote: string;
  hours: number[];
  services: { serviceCode: string; targetWaitMin: number; day: WaitFigures; byHour: ({ hour: number } & WaitFigures)[] }[];
  /** Busy share of open counter time per hour (0–1), and counters open. */
  utilisation: { hour: number; openCounters: number; busyShare: number | null }[];
  counters: { counter: number; openHours: number; busyShare: number | null }[];
  totals: WaitFigures;
  counterHours: number;
}
