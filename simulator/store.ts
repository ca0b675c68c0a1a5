/**
 * The simulated account in memory: a typed `Map` per collection, indexed membership tables,
 * deterministic id sequences and the simulated clock. `reset()` returns to the loaded fixture.
 * Records use the API's snake_case names; times are epoch milliseconds until rendered.
 */
import { SimClock } from "./clock";
import { Fixture, FixtureAccessGroup, FixtureInsightsAccessGroup, FixtureUser, FixtureWorkspaceGroup } from "./fixture";
import { MembershipTable } from "./membershipTable";

/** A user of the account. */
export type User = FixtureUser;

/** An access group; `account_permission` is set on the Account Default groups only. */
export type AccessGroup = Omit<FixtureAccessGroup, "created_at"> & { created_at: number };

/** A classic Insights access group. */
export type InsightsAccessGroup = FixtureInsightsAccessGroup;

/** A workspace group (a company or an internal group). */
export type WorkspaceGroup = Omit<FixtureWorkspaceGroup, "created_at" | "updated_at"> & { created_at: number; updated_at: number };

/** A user's membership of an access group. */
export interface AccessGroupMembership {
  id: number;
  access_group_id: number;
  user_id: number;
  creator_id: number | null;
  created_at: number;
}

/** A user's membership of a classic Insights access group. */
export interface InsightsAccessGroupMembership {
  id: number;
  insights_access_group_id: number;
  user_id: number;
  can_edit: boolean;
  created_at: number;
  updated_at: number;
}

/** A user's membership of a workspace group. */
export interface UserGroupMembership {
  id: number;
  workspace_group_id: number;
  user_id: number;
  creator_id: number | null;
  created_at: number;
}

/**
 * First ids of new memberships in an empty table. Each collection has its own range so an id
 * seen in a log tells which collection it belongs to.
 */
export const FIRST_IDS = { accessGroupMemberships: 10001, insightsAccessGroupMemberships: 30001, userGroupMemberships: 50001 };

/** The state of one simulated account. */
export class Store {
  account!: Fixture["account"];
  clock!: SimClock;
  readonly tokens = new Map<string, number>();
  readonly users = new Map<number, User>();
  readonly accessGroups = new Map<number, AccessGroup>();
  readonly insightsAccessGroups = new Map<number, InsightsAccessGroup>();
  readonly workspaceGroups = new Map<number, WorkspaceGroup>();
  readonly accessGroupMemberships = new MembershipTable<AccessGroupMembership>(
    (m) => m.access_group_id,
    FIRST_IDS.accessGroupMemberships,
  );
  readonly insightsAccessGroupMemberships = new MembershipTable<InsightsAccessGroupMembership>(
    (m) => m.insights_access_group_id,
    FIRST_IDS.insightsAccessGroupMemberships,
  );
  readonly userGroupMemberships = new MembershipTable<UserGroupMembership>(
    (m) => m.workspace_group_id,
    FIRST_IDS.userGroupMemberships,
  );
  private usersByEmail = new Map<string, User>();
  private usersAlphabetical: User[] = [];

  /** @param fixture a validated fixture (see `parseFixture`). */
  constructor(private fixture: Fixture, private clockStepMs = 1000) {
    this.reset();
  }

  /** Replaces the fixture and loads it. */
  load(fixture: Fixture): void {
    this.fixture = fixture;
    this.reset();
  }

  /** Returns to the loaded fixture: every write since is forgotten, ids and clock restart. */
  reset(): void {
    const f = this.fixture;
    this.account = { ...f.account };
    this.clock = new SimClock(Date.parse(f.clock_start), this.clockStepMs, f.account.utc_offset);
    fill(this.tokens, Object.entries(f.tokens), ([token]) => token, ([, userId]) => userId);
    fill(this.users, f.users, (u) => u.id, (u) => ({ ...u }));
    fill(this.accessGroups, f.access_groups, (g) => g.id, (g) => ({ ...g, created_at: Date.parse(g.created_at) }));
    fill(this.insightsAccessGroups, f.insights_access_groups, (g) => g.id, (g) => ({ ...g }));
    fill(this.workspaceGroups, f.workspace_groups, (g) => g.id, (g) => ({
      ...g,
      created_at: Date.parse(g.created_at),
      updated_at: Date.parse(g.updated_at),
    }));
    this.accessGroupMemberships.load(f.access_group_memberships.map((m) => ({ ...m, created_at: Date.parse(m.created_at) })));
    this.insightsAccessGroupMemberships.load(
      f.insights_access_group_memberships.map((m) => ({
        ...m,
        created_at: Date.parse(m.created_at),
        updated_at: Date.parse(m.updated_at),
      })),
    );
    this.userGroupMemberships.load(f.user_group_memberships.map((m) => ({ ...m, created_at: Date.parse(m.created_at) })));
    this.usersByEmail = new Map([...this.users.values()].map((u) => [u.email_address.toLowerCase(), u]));
    this.usersAlphabetical = [...this.users.values()].sort((a, b) => compareText(a.full_name, b.full_name) || a.id - b.id);
  }

  /** Changes the clock step of later writes (the `clockStepMs` option). */
  setClockStep(stepMs: number): void {
    this.clockStepMs = stepMs;
    this.clock.setStep(stepMs);
  }

  /** The user a bearer token belongs to, if the token is known. */
  userForToken(token: string): User | undefined {
    const id = this.tokens.get(token);
    return id === undefined ? undefined : this.users.get(id);
  }

  /** A user by email address, ignoring case. */
  userByEmail(email: string): User | undefined {
    return this.usersByEmail.get(email.toLowerCase());
  }

  /** Every user sorted by full name (the `alphabetical` order of `/users`); computed once per load. */
  usersByName(): readonly User[] {
    return this.usersAlphabetical;
  }

  /** Whether this access group is the non-editable Account Administrators group. */
  isAdministratorsGroup(group: AccessGroup): boolean {
    return group.account_permission === "administrator";
  }

  /**
   * The whole state in the fixture format, so a dump can be loaded back as a fixture;
   * `clock_start` is the current simulated time, so a reloaded dump continues the clock.
   */
  dump(): Fixture {
    const t = (ms: number) => this.clock.format(ms);
    return {
      account: { ...this.account },
      clock_start: t(this.clock.now()),
      tokens: Object.fromEntries(this.tokens),
      users: [...this.users.values()],
      access_groups: [...this.accessGroups.values()].map((g) => ({ ...g, created_at: t(g.created_at) })),
      insights_access_groups: [...this.insightsAccessGroups.values()],
      workspace_groups: [...this.workspaceGroups.values()].map((g) => ({
        ...g,
        created_at: t(g.created_at),
        updated_at: t(g.updated_at),
      })),
      access_group_memberships: [...this.accessGroupMemberships.all()].map((m) => ({ ...m, created_at: t(m.created_at) })),
      insights_access_group_memberships: [...this.insightsAccessGroupMemberships.all()].map((m) => ({
        ...m,
        created_at: t(m.created_at),
        updated_at: t(m.updated_at),
      })),
      user_group_memberships: [...this.userGroupMemberships.all()].map((m) => ({ ...m, created_at: t(m.created_at) })),
    };
  }
}

function fill<S, K, V>(map: Map<K, V>, source: S[], key: (s: S) => K, value: (s: S) => V): void {
  map.clear();
  for (const s of source) map.set(key(s), value(s));
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "base" });
}
