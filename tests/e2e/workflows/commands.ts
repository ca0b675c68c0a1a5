/**
 * The steps of the workflow test as fast-check commands: edits of the program, changes made
 * outside Pulumi, and engine operations. Each command's `toString` is the line a failing seed
 * prints, so the shrunk list reads as the steps to reproduce it.
 */
import * as fc from "fast-check";
import { declaredPairs, pairKey, type Kind, type Model, type Resource, type Single, type Whole } from "./model";
import { GROUPS, USERS, type World } from "./world";

type Cmd = fc.AsyncCommand<Model, World>;

const kinds: Kind[] = ["access", "insights", "workspace"];
const wholeKinds = ["access", "workspace"] as const;
const wholeOn = (m: Model, kind: Kind, groupId: number) => m.program.some((r) => r.cls === "whole" && r.kind === kind && r.groupId === groupId);
const anyOn = (m: Model, kind: Kind, groupId: number) => m.program.some((r) => r.kind === kind && r.groupId === groupId);
const fresh = (m: Model, prefix: string) => `${prefix}${++m.names}`;

/** Program edits take effect at the next engine step: they only change the model and the spec file. */
abstract class Edit implements Cmd {
  check(m: Readonly<Model>): boolean {
    return this.applies(m);
  }
  async run(m: Model, w: World): Promise<void> {
    this.edit(m, w);
    w.writeProgram(m.program);
    w.note(`edit: ${this}`);
  }
  protected abstract applies(m: Readonly<Model>): boolean;
  protected abstract edit(m: Model, w: World): void;
  abstract toString(): string;
}

class AddSingle extends Edit {
  constructor(readonly kind: Kind, readonly userId: number, readonly g: number, readonly canEdit: boolean | undefined) {
    super();
  }
  get groupId() {
    return GROUPS[this.kind][this.g % GROUPS[this.kind].length];
  }
  protected applies(m: Readonly<Model>) {
    return !wholeOn(m, this.kind, this.groupId) && !declaredPairs(m.program).has(pairKey(this.kind, this.groupId, this.userId));
  }
  protected edit(m: Model) {
    m.program.push({ cls: "single", kind: this.kind, name: fresh(m, "s"), userId: this.userId, groupId: this.groupId, ...(this.kind === "insights" && this.canEdit !== undefined ? { canEdit: this.canEdit } : {}) });
  }
  toString() {
    return `declare user ${this.userId} in ${this.kind} group ${this.groupId}${this.kind === "insights" && this.canEdit !== undefined ? ` (canEdit ${this.canEdit})` : ""}`;
  }
}

/** Picks the program's resource number `pick` (modulo the count) among those `which` accepts. */
function pickFrom<T extends Resource>(m: Readonly<Model>, pick: number, which: (r: Resource) => r is T): T | undefined {
  const list = m.program.filter(which);
  return list.length ? list[pick % list.length] : undefined;
}
const isAny = (r: Resource): r is Resource => true;
const isSingle = (r: Resource): r is Single => r.cls === "single";
const isWhole = (r: Resource): r is Whole => r.cls === "whole";
const isInsights = (r: Resource): r is Single => r.cls === "single" && r.kind === "insights";

class RemoveResource extends Edit {
  constructor(readonly pick: number) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    return m.program.length > 0;
  }
  protected edit(m: Model) {
    const r = pickFrom(m, this.pick, isAny)!;
    m.program = m.program.filter((x) => x !== r);
  }
  toString() {
    return `delete resource #${this.pick} from the program`;
  }
}

class MoveSingle extends Edit {
  constructor(readonly pick: number, readonly g: number) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    const r = pickFrom(m, this.pick, isSingle);
    if (!r) return false;
    const to = GROUPS[r.kind][this.g % GROUPS[r.kind].length];
    return to !== r.groupId && !wholeOn(m, r.kind, to) && !declaredPairs(m.program).has(pairKey(r.kind, to, r.userId));
  }
  protected edit(m: Model) {
    const r = pickFrom(m, this.pick, isSingle)!;
    r.groupId = GROUPS[r.kind][this.g % GROUPS[r.kind].length];
  }
  toString() {
    return `move single membership #${this.pick} to group choice ${this.g}`;
  }
}

class Rename extends Edit {
  constructor(readonly pick: number) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    return m.program.length > 0;
  }
  protected edit(m: Model) {
    pickFrom(m, this.pick, isAny)!.name = fresh(m, "renamed");
  }
  toString() {
    return `rename resource #${this.pick}`;
  }
}

class ToggleCanEdit extends Edit {
  constructor(readonly pick: number) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    return !!pickFrom(m, this.pick, isInsights);
  }
  protected edit(m: Model) {
    const r = pickFrom(m, this.pick, isInsights)!;
    r.canEdit = !r.canEdit;
  }
  toString() {
    return `toggle canEdit of Insights membership #${this.pick}`;
  }
}

/** An authoritative resource for a group: its live members as they are, plus one, or minus one. */
class AddWhole extends Edit {
  constructor(readonly kind: "access" | "workspace", readonly g: number, readonly mode: "live" | "plus" | "minus", readonly userId: number) {
    super();
  }
  get groupId() {
    return GROUPS[this.kind][this.g % GROUPS[this.kind].length];
  }
  protected applies(m: Readonly<Model>) {
    return !anyOn(m, this.kind, this.groupId);
  }
  protected edit(m: Model, w: World) {
    const live = [...w.live().values()].filter((r) => r.kind === this.kind && r.groupId === this.groupId).map((r) => r.userId);
    let userIds = [...new Set(live)];
    if (this.mode === "plus" && !userIds.includes(this.userId)) userIds.push(this.userId);
    if (this.mode === "minus") userIds = userIds.slice(1);
    m.program.push({ cls: "whole", kind: this.kind, name: fresh(m, "w"), groupId: this.groupId, userIds: userIds.sort((a, b) => a - b) });
  }
  toString() {
    return `declare ${this.kind} group ${this.groupId} authoritatively: its live members${this.mode === "plus" ? ` plus user ${this.userId}` : this.mode === "minus" ? " minus one" : ""}`;
  }
}

class WholeAddUser extends Edit {
  constructor(readonly pick: number, readonly userId: number) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    const r = pickFrom(m, this.pick, isWhole);
    return !!r && !r.userIds.includes(this.userId);
  }
  protected edit(m: Model) {
    const r = pickFrom(m, this.pick, isWhole)!;
    r.userIds = [...r.userIds, this.userId].sort((a, b) => a - b);
  }
  toString() {
    return `add user ${this.userId} to the userIds of authoritative resource #${this.pick}`;
  }
}

class WholeRemoveUser extends Edit {
  constructor(readonly pick: number, readonly which: number) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    return (pickFrom(m, this.pick, isWhole)?.userIds.length ?? 0) > 0;
  }
  protected edit(m: Model) {
    const r = pickFrom(m, this.pick, isWhole)!;
    r.userIds = r.userIds.filter((_, i) => i !== this.which % r.userIds.length);
  }
  toString() {
    return `drop user number ${this.which} from the userIds of authoritative resource #${this.pick}`;
  }
}

class SetRemoveUnlisted extends Edit {
  constructor(readonly pick: number, readonly value: boolean) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    return !!pickFrom(m, this.pick, isWhole);
  }
  protected edit(m: Model) {
    pickFrom(m, this.pick, isWhole)!.removeUnlisted = this.value;
  }
  toString() {
    return `set removeUnlistedMembers: ${this.value} on authoritative resource #${this.pick}`;
  }
}

class SetRetain extends Edit {
  constructor(readonly pick: number, readonly value: boolean) {
    super();
  }
  protected applies(m: Readonly<Model>) {
    return m.program.length > 0;
  }
  protected edit(m: Model) {
    pickFrom(m, this.pick, isAny)!.retain = this.value;
  }
  toString() {
    return `set retainOnDelete: ${this.value} on resource #${this.pick}`;
  }
}

/** Steps that act on the world. */
class Act implements Cmd {
  constructor(readonly label: string, readonly act: (m: Model, w: World) => Promise<void>) {}
  check() {
    return true;
  }
  run(m: Model, w: World) {
    return this.act(m, w);
  }
  toString() {
    return this.label;
  }
}

/** `pulumi-kantata export` of one group; its resources replace the program's for that group, then `pulumi up` adopts them. */
class ExportAdopt implements Cmd {
  constructor(readonly kind: Kind, readonly g: number, readonly authoritative: boolean) {}
  get groupId() {
    return GROUPS[this.kind][this.g % GROUPS[this.kind].length];
  }
  check() {
    return true;
  }
  async run(m: Model, w: World) {
    const exported = await w.exportGroup(this.kind, this.groupId, this.authoritative);
    m.program = [...m.program.filter((r) => !(r.kind === this.kind && r.groupId === this.groupId)), ...exported];
    // A user the rest of the program declares in another classic Insights group stays a conflict the provider refuses.
    w.writeProgram(m.program);
    await w.up(m, false);
  }
  toString() {
    return `export ${this.kind} group ${this.groupId}${this.authoritative ? " --authoritative" : ""}, replace the program's resources of that group with it, pulumi up`;
  }
}

const user = fc.constantFrom(...USERS);
const choice = fc.nat({ max: 5 });
const pick = fc.nat({ max: 7 });

/** A user added outside Pulumi to a group the program manages (resource number `pick`). */
function outsideAddToManaged(p: number, u: number): Act {
  return new Act(`outside Pulumi: add user ${u} to the group of resource #${p}`, async (m, w) => {
    const r = pickFrom(m, p, isAny);
    if (r) await w.outsideAdd(m, r.kind, r.groupId, u);
    else w.note("outside Pulumi: no managed group to add to");
  });
}

const kind = fc.constantFrom(...kinds);
const maybeCanEdit = fc.option(fc.boolean(), { nil: undefined });

/** Program edits: cheap, so several come between two engine steps. */
const edits = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(kind, user, choice, maybeCanEdit).map(([k, u, g, e]) => new AddSingle(k, u, g, e)) },
  { weight: 2, arbitrary: pick.map((p) => new RemoveResource(p)) },
  { weight: 1, arbitrary: fc.tuple(pick, choice).map(([p, g]) => new MoveSingle(p, g)) },
  { weight: 2, arbitrary: pick.map((p) => new Rename(p)) },
  { weight: 1, arbitrary: pick.map((p) => new ToggleCanEdit(p)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...wholeKinds), choice, fc.constantFrom("live" as const, "plus" as const, "minus" as const), user).map(([k, g, mode, u]) => new AddWhole(k, g, mode, u)) },
  { weight: 1, arbitrary: fc.tuple(pick, user).map(([p, u]) => new WholeAddUser(p, u)) },
  { weight: 1, arbitrary: fc.tuple(pick, choice).map(([p, i]) => new WholeRemoveUser(p, i)) },
  { weight: 1, arbitrary: fc.tuple(pick, fc.boolean()).map(([p, v]) => new SetRemoveUnlisted(p, v)) },
  { weight: 1, arbitrary: fc.tuple(pick, fc.boolean()).map(([p, v]) => new SetRetain(p, v)) },
);

/** Changes made outside Pulumi. */
const outside = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(pick, user).map(([p, u]) => outsideAddToManaged(p, u)) },
  { weight: 1, arbitrary: fc.tuple(kind, choice, user).map(([k, g, u]) => new Act(`outside Pulumi: add user ${u} to ${k} group choice ${g}`, (m, w) => w.outsideAdd(m, k, GROUPS[k][g % GROUPS[k].length], u))) },
  { weight: 2, arbitrary: fc.nat({ max: 40 }).map((p) => new Act(`outside Pulumi: remove live membership #${p}`, (m, w) => w.outsideRemove(m, p))) },
  { weight: 1, arbitrary: fc.nat({ max: 10 }).map((p) => new Act(`outside Pulumi: flip can_edit of Insights membership #${p}`, (m, w) => w.outsideFlipCanEdit(m, p))) },
);

/** Engine steps: what costs seconds. */
const engine = fc.oneof(
  { weight: 4, arbitrary: fc.constant(new Act("pulumi up", (m, w) => w.up(m, false))) },
  { weight: 2, arbitrary: fc.constant(new Act("pulumi up --refresh", (m, w) => w.up(m, true))) },
  { weight: 2, arbitrary: fc.constant(new Act("pulumi refresh", (m, w) => w.refresh(m))) },
  { weight: 3, arbitrary: fc.constant(new Act("pulumi preview", (m, w) => w.preview(m))) },
  { weight: 1, arbitrary: fc.constant(new Act("pulumi destroy", (m, w) => w.destroy(m))) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 4000 }).map((ms) => new Act(`pulumi up killed after ${ms} ms, then cancel, refresh --clear-pending-creates, up`, (m, w) => w.crashUp(m, ms))) },
  { weight: 1, arbitrary: fc.tuple(kind, choice, fc.boolean()).map(([k, g, a]) => new ExportAdopt(k, g, a)) },
);

/** Every kind of step, for `fc.commands`: about half edits, a sixth outside changes, a third engine steps. */
export const commandArbitraries: fc.Arbitrary<Cmd>[] = [fc.oneof({ weight: 3, arbitrary: edits }, { weight: 1, arbitrary: outside }, { weight: 2, arbitrary: engine })];
