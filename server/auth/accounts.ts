// People, devices and sessions: sign-in, device tokens, and their durable storage.
import type { Logger } from 'pino';
import type { DeviceKind, UserRole } from '@core/protocol.ts';
import type { Clock } from '../deps.ts';
import type { Store } from '../store/store.ts';
import { GroupCommit } from '../store/group-commit.ts';
import type { Accounts, DeviceRecord, SessionRecord, UserRecord } from './records.ts';
import { hashPassword, hashToken, randomToken, verifyPassword } from './secrets.ts';
import { LoginThrottle } from './throttle.ts';

const SESSION_MS = 14 * 24 * 60 * 60 * 1000;
// Verifying against a dummy hash when the user does not exist keeps response times alike,
// so the timing does not tell which usernames exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export type LoginResult =
  | { ok: true; token: string; user: UserRecord }
  | { ok: false; code: 'LOGIN_FAILED' }
  | { ok: false; code: 'TOO_MANY_ATTEMPTS'; seconds: number };

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  password: string;
  counters?: number[];
}

export class AccountService {
  private data: Accounts;
  private readonly commit: GroupCommit<Accounts>;
  private readonly throttle: LoginThrottle;
  private readonly sessionsByHash = new Map<string, SessionRecord>();
  private readonly devicesByHash = new Map<string, DeviceRecord>();
  private closed = false;

  private constructor(private readonly store: Store, private readonly clock: Clock, private readonly logger: Logger, data: Accounts) {
    this.data = data;
    this.throttle = new LoginThrottle(clock);
    this.commit = new GroupCommit(() => this.data, (a) => this.store.writeAccounts(a), data, (durable, error) => {
      this.logger.error({ err: error }, 'accounts write failed; falling back to the last saved accounts');
      this.data = durable;
      this.reindex();
    });
    this.reindex();
  }

  static async load(store: Store, clock: Clock, logger: Logger): Promise<AccountService> {
    const data = (await store.readAccounts()) ?? { users: [], devices: [], sessions: [] };
    return new AccountService(store, clock, logger.child({ module: 'accounts' }), data);
  }

  private reindex(): void {
    this.sessionsByHash.clear();
    for (const s of this.data.sessions) this.sessionsByHash.set(s.tokenHash, s);
    this.devicesByHash.clear();
    for (const d of this.data.devices) this.devicesByHash.set(d.tokenHash, d);
  }

  private change(next: Accounts): Promise<void> {
    // After close (an in-process restart, e.g. a restore) a late request must not write its old
    // picture of the accounts over the files the next app reads.
    if (this.closed) return Promise.reject(new Error('accounts are closed'));
    this.data = next;
    this.reindex();
    return this.commit.commit();
  }

  get isEmpty(): boolean {
    return this.data.users.length === 0;
  }

  users(): readonly UserRecord[] {
    return this.data.users;
  }

  user(id: string): UserRecord | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  displayName(id: string | null): string | null {
    return id ? this.user(id)?.displayName ?? null : null;
  }

  async createUser(input: NewUser): Promise<UserRecord> {
    const username = input.username.trim().toLowerCase();
    if (this.data.users.some((u) => u.username === username)) throw new Error(`user ${username} exists`);
    const user: UserRecord = {
      id: randomToken(9), username, displayName: input.displayName, role: input.role,
      passwordHash: await hashPassword(input.password), disabled: false,
      counters: input.counters ?? [], createdAt: this.clock.now(),
    };
    await this.change({ ...this.data, users: [...this.data.users, user] });
    return user;
  }

  /** An admin's edit of a user; disabling also ends the user's sessions. */
  async updateUser(id: string, patch: Partial<Pick<UserRecord, 'displayName' | 'role' | 'disabled' | 'counters'>>): Promise<UserRecord | null> {
    const user = this.user(id);
    if (!user) return null;
    const next: UserRecord = { ...user, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const sessions = next.disabled ? this.data.sessions.filter((s) => s.userId !== id) : this.data.sessions;
    await this.change({ ...this.data, users: this.data.users.map((u) => (u.id === id ? next : u)), sessions });
    return next;
  }

  /** A password reset by an admin: the user's sessions end, so the old password's holder is out. */
  async setPassword(id: string, password: string): Promise<boolean> {
    if (!this.user(id)) return false;
    const passwordHash = await hashPassword(password);
    await this.change({
      ...this.data,
      users: this.data.users.map((u) => (u.id === id ? { ...u, passwordHash } : u)),
      sessions: this.data.sessions.filter((s) => s.userId !== id),
    });
    return true;
  }

  async login(usernameRaw: string, password: string, address: string): Promise<LoginResult> {
    const username = usernameRaw.trim().toLowerCase();
    const keys = [`user:${username}`, `addr:${address}`];
    const wait = this.throttle.waitMs(keys);
    if (wait > 0) return { ok: false, code: 'TOO_MANY_ATTEMPTS', seconds: Math.ceil(wait / 1000) };
    const user = this.data.users.find((u) => u.username === username && !u.disabled);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      this.throttle.fail(keys);
      this.logger.warn({ username, address }, 'failed sign-in');
      return { ok: false, code: 'LOGIN_FAILED' };
    }
    this.throttle.succeed(keys);
    const token = randomToken(32);
    const now = this.clock.now();
    const session: SessionRecord = { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt: now + SESSION_MS };
    const sessions = [...this.data.sessions.filter((s) => s.expiresAt > now), session];
    await this.change({ ...this.data, sessions });
    return { ok: true, token, user };
  }

  userBySession(token: string): UserRecord | null {
    const session = this.sessionsByHash.get(hashToken(token));
    if (!session || session.expiresAt <= this.clock.now()) return null;
    const user = this.user(session.userId);
    return user && !user.disabled ? user : null;
  }

  async logout(token: string): Promise<void> {
    const hash = hashToken(token);
    if (!this.sessionsByHash.has(hash)) return;
    await this.change({ ...this.data, sessions: this.data.sessions.filter((s) => s.tokenHash !== hash) });
  }

  devices(): readonly DeviceRecord[] {
    return this.data.devices;
  }

  device(id: string): DeviceRecord | undefined {
    return this.data.devices.find((d) => d.id === id);
  }

  async createDevice(input: { kind: DeviceKind; name: string; zone: string | null; counter: number | null }): Promise<{ device: DeviceRecord; token: string }> {
    const token = randomToken(24);
    const device: DeviceRecord = {
      id: randomToken(9), kind: input.kind, name: input.name, zone: input.zone, counter: input.counter,
      tokenHash: hashToken(token), createdAt: this.clock.now(), revokedAt: null,
    };
    await this.change({ ...this.data, devices: [...this.data.devices, device] });
    return { device, token };
  }

  /** A token that belonged to a device now revoked: its screens are told so, not "sign in". */
  isRevokedDeviceToken(token: string): boolean {
    return this.devicesByHash.get(hashToken(token))?.revokedAt != null;
  }

  deviceByToken(token: string): DeviceRecord | null {
    const device = this.devicesByHash.get(hashToken(token));
    return device && device.revokedAt === null ? device : null;
  }

  /**
   * A new token for an active device (a replaced tablet, a leaked link): the old token stops
   * working, while the device keeps its id, name, zone, counter and so its printer and pad.
   */
  async reissueDeviceToken(id: string): Promise<{ device: DeviceRecord; token: string } | null> {
    const device = this.device(id);
    if (!device || device.revokedAt !== null) return null;
    const token = randomToken(24);
    const reissued = { ...device, tokenHash: hashToken(token) };
    await this.change({ ...this.data, devices: this.data.devices.map((d) => (d.id === id ? reissued : d)) });
    return { device: reissued, token };
  }

  async revokeDevice(id: string): Promise<DeviceRecord | null> {
    const device = this.device(id);
    if (!device || device.revokedAt !== null) return device ?? null;
    const revoked = { ...device, revokedAt: this.clock.now() };
    await this.change({ ...this.data, devices: this.data.devices.map((d) => (d.id === id ? revoked : d)) });
    return revoked;
  }

  idle(): Promise<void> {
    return this.commit.idle();
  }

  /** Writes what is pending, then refuses further changes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.commit.idle();
  }
}
