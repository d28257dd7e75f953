import type { Kysely, Selectable } from 'kysely';
import type { ActionItem, Postmortem, PostmortemsStore } from './ports.ts';
import type { PostmortemActionsTable, PostmortemsTable, StoreTables } from './store-tables.ts';

type ActionPatch = Partial<Pick<ActionItem, 'title' | 'owner' | 'dueAt' | 'doneAt' | 'remindedAt'>>;

export class SqlPostmortemsStore implements PostmortemsStore {
  readonly #db: Kysely<StoreTables>;

  constructor(db: Kysely<StoreTables>) {
    this.#db = db;
  }

  /** A replacement keeps the first created_at: a post-mortem was drafted once, however often edited. */
  async save(postmortem: Postmortem): Promise<void> {
    const changes = { body: postmortem.body, state: postmortem.state, updated_at: postmortem.updatedAt, updated_by: postmortem.updatedBy };
    await this.#db
      .insertInto('postmortems')
      .values({ incident_id: postmortem.incidentId, created_at: postmortem.createdAt, ...changes })
      .onConflict((conflict) => conflict.column('incident_id').doUpdateSet(changes))
      .execute();
  }

  async get(incidentId: number): Promise<Postmortem | null> {
    const row = await this.#db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    return row ? toPostmortem(row) : null;
  }

  async list(limit: number, offset: number): Promise<{ items: Postmortem[]; total: number }> {
    const rows = await this.#db.selectFrom('postmortems').selectAll().orderBy('updated_at', 'desc').orderBy('incident_id', 'desc').limit(limit).offset(offset).execute();
    const count = await this.#db.selectFrom('postmortems').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toPostmortem), total: Number(count.n) };
  }

  async addAction(item: Omit<ActionItem, 'id' | 'doneAt' | 'remindedAt'>): Promise<ActionItem> {
    const row = await this.#db
      .insertInto('postmortem_actions')
      .values({ incident_id: item.incidentId, title: item.title, owner: item.owner, due_at: item.dueAt, created_at: item.createdAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toActionItem(row);
  }

  /** Only the fields present change; null clears a date (dueAt: null, doneAt: null reopens). */
  async updateAction(id: number, patch: ActionPatch): Promise<ActionItem | null> {
    const set: Partial<Selectable<PostmortemActionsTable>> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.owner !== undefined) set.owner = patch.owner;
    if (patch.dueAt !== undefined) set.due_at = patch.dueAt;
    if (patch.doneAt !== undefined) set.done_at = patch.doneAt;
    if (patch.remindedAt !== undefined) set.reminded_at = patch.remindedAt;
    if (Object.keys(set).length === 0) {
      const row = await this.#db.selectFrom('postmortem_actions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toActionItem(row) : null;
    }
    const row = await this.#db.updateTable('postmortem_actions').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return row ? toActionItem(row) : null;
  }

  async actions(incidentId: number): Promise<ActionItem[]> {
    const rows = await this.#db.selectFrom('postmortem_actions').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute();
    return rows.map(toActionItem);
  }

  /** Matches the partial index postmortem_actions_overdue term for term, so the planner uses it. */
  async overdue(now: number): Promise<ActionItem[]> {
    const rows = await this.#db
      .selectFrom('postmortem_actions')
      .selectAll()
      .where('done_at', 'is', null)
      .where('reminded_at', 'is', null)
      .where('due_at', 'is not', null)
      .where('due_at', '<', now)
      .orderBy('due_at')
      .orderBy('id')
      .execute();
    return rows.map(toActionItem);
  }
}

function toPostmortem(row: Selectable<PostmortemsTable>): Postmortem {
  return {
    incidentId: row.incident_id,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    state: row.state,
  };
}

function toActionItem(row: Selectable<PostmortemActionsTable>): ActionItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    title: row.title,
    owner: row.owner,
    dueAt: row.due_at,
    doneAt: row.done_at,
    remindedAt: row.reminded_at,
    createdAt: row.created_at,
  };
}
