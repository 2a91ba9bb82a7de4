// The state of a site's link to the province hub, as the site's manager sees it (GET
// /api/hub-link/status and the live floor's `hubLink`): built by server/hub-link/link-state.ts.
import type { Text } from './i18n.ts';

export type HubLinkKind = 'not-enrolled' | 'up' | 'down' | 'revoked';
export type HubLinkErrorKind = 'http' | 'timeout' | 'unreachable' | 'garbage';
/** Why the hub did not take a record: it answered no (http, garbage), or the record's source is gone here. */
export type HubRefusalKind = HubLinkErrorKind | 'missing';

export interface HubLinkStatus {
  state: HubLinkKind;
  site: string | null;
  name: string | null;
  url: string | null;
  /** When the current state began (null before the first call). */
  since: number | null;
  lastContactAt: number | null;
  lastError: { at: number; kind: HubLinkErrorKind; status: number | null } | null;
  /** Records waiting for the hub (from the outbox), when known. */
  pendingRecords: number | null;
  /** When the hub last took a record (this process's life). */
  lastDeliveryAt: number | null;
  /**
   * Waiting records the hub refused at their last try, and the latest refusal: shown until they are
   * delivered (lastError is the link's, and the next record the hub takes clears it).
   */
  refusedRecords: number | null;
  lastRefusal: { at: number; kind: HubRefusalKind; status: number | null } | null;
  /** The version of the province catalog applied here, if any. */
  catalogVersion: number | null;
  /** Why the latest version was not applied (nothing changed at the site then). */
  catalogProblem: Text | null;
  text: Text;
}
