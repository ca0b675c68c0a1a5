/**
 * The simulated account in memory: a typed `Map` per collection, indexed membership tables,
 * deterministic id sequences and the simulated clock. `reset()` returns to the loaded fixture.
 * Records use the API's snake_case names; times are epoch milliseconds until rendered.
 */
import { SimClock } from "./clock";
import { Fixture, FixtureAccessGroup, FixtureInsightsAccessGroup, FixtureUser, FixtureWorkspaceGroup, genericRows } from "./fixture";
import { MembershipTable } from "./membershipTable";
import { firstIdOf, GenericGroup, GenericMembership, genericTypes } from "./genericTypes";

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
  /** The groups of each descriptor-driven type, by the group's collection key (`skills`, `holiday_calendars`). */
  readonly groups = new Map<string, Map<number, GenericGroup>>(genericTypes.map((d) => [d.group.key, new Map()]));
  /** The memberships of each descriptor-driven type, by class name. */
  readonly tables = new Map<string, MembershipTable<GenericMembership>>(
    genericTypes.map((d) => [d.typeName, new MembershipTable<GenericMembership>((m) => m[d.group.api] as number, firstIdOf(d))]),
  );
  private usersAlphabetical: User[] = [];

  private seed!: Seed;

  /** @param fixture a validated fixture (see `parseFixture`). */
  constructor(fixture: Fixture, private clockStepMs = 1000) {
    this.load(fixture);
  }

  /** Replaces the fixture and resets to it. */
  load(fixture: Fixture): void {
    this.seed = prepare(fixture);
    this.reset();
  }

  /**
   * Returns to the loaded fixture: every write since is forgotten, ids and clock restart.
   * Copies the prepared records (cheap), so tests can reset after every case.
   */
  reset(): void {
    const { fixture: f, ...seed } = this.seed;
    this.account = { ...f.account };
    this.clock = new SimClock(Date.parse(f.clock_start), this.clockStepMs, f.account.utc_offset);
    fill(this.tokens, Object.entries(f.tokens), ([token]) => token, ([, userId]) => userId);
    fill(this.users, f.users, (u) => u.id, (u) => ({ ...u }));
    fill(this.accessGroups, seed.accessGroups, (g) => g.id, (g) => ({ ...g }));
    fill(this.insightsAccessGroups, f.insights_access_groups, (g) => g.id, (g) => ({ ...g }));
    fill(this.workspaceGroups, seed.workspaceGroups, (g) => g.id, (g) => ({ ...g }));
    this.accessGroupMemberships.load(seed.accessGroupMemberships.map((m) => ({ ...m })));
    this.insightsAccessGroupMemberships.load(seed.insightsAccessGroupMemberships.map((m) => ({ ...m })));
    this.userGroupMemberships.load(seed.userGroupMemberships.map((m) => ({ ...m })));
    for (const d of genericTypes) {
      fill(this.groups.get(d.group.key)!, genericRows(f, d.group.key), (g) => g.id as number, (g) => ({ ...g }) as GenericGroup);
      this.tables.get(d.typeName)!.load(seed.generic.get(d.typeName)!.map((m) => ({ ...m })));
    }
    this.usersAlphabetical = seed.alphabetical.map((id) => this.users.get(id)!);
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
      ...Object.fromEntries(
        genericTypes.flatMap((d) => [
          [d.group.key, [...this.groups.get(d.group.key)!.values()]],
          [d.collectionKey, [...this.tables.get(d.typeName)!.all()].map((m) => ({ ...m, created_at: t(m.created_at), updated_at: t(m.updated_at) }))],
        ]),
      ),
    };
  }
}

function fill<S, K, V>(map: Map<K, V>, source: S[], key: (s: S) => K, value: (s: S) => V): void {
  map.clear();
  for (const s of source) map.set(key(s), value(s));
}

/** The fixture with its timestamps parsed and users sorted once, so `reset()` only copies. */
interface Seed {
  fixture: Fixture;
  accessGroups: AccessGroup[];
  workspaceGroups: WorkspaceGroup[];
  accessGroupMemberships: AccessGroupMembership[];
  insightsAccessGroupMemberships: InsightsAccessGroupMembership[];
  userGroupMemberships: UserGroupMembership[];
  /** The memberships of each descriptor-driven type, by class name, times parsed. */
  generic: Map<string, GenericMembership[]>;
  /** User ids in `alphabetical` order (full name, then id). */
  alphabetical: number[];
}

const collator = new Intl.Collator("en", { sensitivity: "base" });

/** Compares names as the API sorts them: ignoring case and accents. */
export const compareText = (a: string, b: string): number => collator.compare(a, b);

function prepare(f: Fixture): Seed {
  const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
  return {
    fixture: f,
    accessGroups: f.access_groups.map((g) => ({ ...g, created_at: Date.parse(g.created_at) })),
    workspaceGroups: f.workspace_groups.map((g) => ({ ...g, created_at: Date.parse(g.created_at), updated_at: Date.parse(g.updated_at) })),
    accessGroupMemberships: f.access_group_memberships.map((m) => ({ ...m, created_at: Date.parse(m.created_at) })).sort(byId),
    insightsAccessGroupMemberships: f.insights_access_group_memberships
      .map((m) => ({ ...m, created_at: Date.parse(m.created_at), updated_at: Date.parse(m.updated_at) }))
      .sort(byId),
    userGroupMemberships: f.user_group_memberships.map((m) => ({ ...m, created_at: Date.parse(m.created_at) })).sort(byId),
    generic: new Map(
      genericTypes.map((d) => [
        d.typeName,
        genericRows(f, d.collectionKey)
          .map((m) => ({ ...m, created_at: Date.parse(m.created_at as string), updated_at: Date.parse((m.updated_at ?? m.created_at) as string) }) as GenericMembership)
          .sort(byId),
      ]),
    ),
    alphabetical: [...f.users].sort((a, b) => compareText(a.full_name, b.full_name) || a.id - b.id).map((u) => u.id),
  };
}
