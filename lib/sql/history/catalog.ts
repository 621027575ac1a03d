/**
 * The schema a migration history builds, statement by statement: tables with their columns, keys,
 * indexes, foreign keys, row level security and policies, followed through renames, schema moves,
 * drops and re-creations. Rules ask it about the end of the history ("does this table have RLS by
 * the last migration?") and where each fact was written ("which statement enabled it?").
 *
 * What the history cannot read makes the affected tables uncertain rather than wrong: statements
 * built at run time (`EXECUTE format(...)` in a `DO` block or a function that mentions row level
 * security), statements that do not parse. Rules stay silent about uncertain facts.
 */
import type { ColumnDef, Constraint, RangeVar, SqlNode, Statement, TypeName } from "../language/ast.js";
import type { ParsedFile } from "./parse-cache.js";
import { derivedName, stringsOf, tableKey } from "./names.js";
import { codeOf, embeddedOf } from "./embedded.js";
import { newTable, type Column, type Index, type Origin, type PolicyExpression, type Table } from "./model.js";

export type { Column, ForeignKey, Index, Origin, Policy, PolicyExpression, Table } from "./model.js";

export class Catalog {
  /** Live tables by `schema.name`. */
  readonly tables = new Map<string, Table>();
  /** Every table the history created, dropped or not, in creation order. */
  readonly created: Table[] = [];
  /** The table each `CREATE TABLE` statement made (while it lives). */
  readonly createdBy = new Map<Statement, Table>();
  /** A function in the history mentions row level security: it may enable it on any table. */
  rlsUnknown = false;
  /** A function in the history creates policies. */
  policiesUnknown = false;
  #indexOwners = new Map<string, Table>();
  #schema = "public";
  #file!: ParsedFile;

  apply(file: ParsedFile): void {
    this.#file = file;
    this.#schema = "public";
    for (const statement of file.ast.body) {
      try {
        this.#statement(statement, statement, undefined);
      } catch {
        // A node shape this replay does not know: skip the statement, never fail the lint.
      }
    }
    for (const text of file.unparsed) this.#unreadable(text);
  }

  /** The live table a `CREATE TABLE` statement made, if it still exists at the end of the history. */
  tableCreatedBy(statement: Statement): Table | undefined {
    const table = this.createdBy.get(statement);
    return table && !table.dropped ? table : undefined;
  }

  #origin(statement: Statement, node: SqlNode, embeddedRange?: [number, number]): Origin {
    return embeddedRange ? { file: this.#file, statement, node, embeddedRange } : { file: this.#file, statement, node };
  }

  #statement(node: SqlNode, top: Statement, embedded: [number, number] | undefined): void {
    switch (node.type) {
      case "CreateStmt":
        this.#createTable(node, top, embedded);
        break;
      case "CreateTableAsStmt":
        this.#createTableAs(node, top, embedded);
        break;
      case "AlterTableStmt":
        this.#alterTable(node, top, embedded);
        break;
      case "IndexStmt":
        this.#createIndex(node);
        break;
      case "RenameStmt":
        this.#rename(node);
        break;
      case "AlterObjectSchemaStmt":
        if (node.objectType === "OBJECT_TABLE" && node.relation) {
          const table = this.#find(node.relation as RangeVar);
          if (table) this.#move(table, String(node.newschema), table.name);
        }
        break;
      case "DropStmt":
        this.#drop(node);
        break;
      case "CreatePolicyStmt":
        this.#createPolicy(node, top, embedded);
        break;
      case "AlterPolicyStmt":
        this.#alterPolicy(node, top, embedded);
        break;
      case "CreateSchemaStmt": {
        const previous = this.#schema;
        if (typeof node.schemaname === "string") this.#schema = node.schemaname;
        for (const element of (node.schemaElts as SqlNode[] | undefined) ?? []) this.#statement(element, top, embedded);
        this.#schema = previous;
        break;
      }
      case "VariableSetStmt":
        this.#setSearchPath(node);
        break;
      case "GrantStmt":
        this.#grant(node);
        break;
      case "DoStmt":
        this.#doBlock(node, top);
        break;
      case "CreateFunctionStmt":
        this.#function(node);
        break;
      default:
        break;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Tables
  // -------------------------------------------------------------------------------------------

  #resolve(relation: RangeVar): { schema: string; name: string } {
    const schema = relation.schemaname ?? (relation.relpersistence === "t" ? "pg_temp" : this.#schema);
    return { schema, name: relation.relname };
  }

  #find(relation: RangeVar): Table | undefined {
    const { schema, name } = this.#resolve(relation);
    return this.tables.get(tableKey(schema, name));
  }

  /** The table a statement alters; one made outside the history gets a placeholder entry. */
  #findOrAssume(relation: RangeVar): Table {
    const { schema, name } = this.#resolve(relation);
    const key = tableKey(schema, name);
    let table = this.tables.get(key);
    if (!table) {
      table = newTable(schema, name, relation.relpersistence === "t");
      this.tables.set(key, table);
    }
    return table;
  }

  #createTable(node: SqlNode, top: Statement, embedded: [number, number] | undefined): void {
    const relation = node.relation as RangeVar;
    const table = this.#newTable(relation, node, top, embedded);
    if (!table) return;
    const origin = table.created!;
    if (node.partbound) {
      table.derived = "partition";
      const parent = (node.inhRelations as SqlNode[] | undefined)?.[0] as RangeVar | undefined;
      const parentTable = parent && this.#find(parent);
      if (parentTable) inherit(table, parentTable);
    } else if ((node.inhRelations as unknown[] | undefined)?.length) {
      table.derived = "inherits";
    } else if (node.ofTypename) {
      table.derived = "typed";
    }
    for (const element of (node.tableElts as SqlNode[] | undefined) ?? []) {
      if (element.type === "ColumnDef") this.#addColumn(table, element as ColumnDef, origin);
      else if (element.type === "Constraint") this.#addConstraint(table, element as Constraint, origin, undefined);
      else if (element.type === "TableLikeClause") table.derived = "like";
    }
  }

  #createTableAs(node: SqlNode, top: Statement, embedded: [number, number] | undefined): void {
    if (node.objtype !== "OBJECT_TABLE") return; // materialized views have no row level security
    const into = node.into as { rel?: RangeVar } | undefined;
    if (!into?.rel) return;
    const table = this.#newTable(into.rel, node, top, embedded);
    if (table) table.derived = "select";
  }

  #newTable(relation: RangeVar, node: SqlNode, top: Statement, embedded: [number, number] | undefined): Table | undefined {
    const { schema, name } = this.#resolve(relation);
    const key = tableKey(schema, name);
    const existing = this.tables.get(key);
    // `IF NOT EXISTS` (or a failing duplicate): the first table stays.
    if (existing?.created) return undefined;
    // A table altered before its creation (files out of order): keep what was learned about it.
    const table = existing ?? newTable(schema, name, relation.relpersistence === "t");
    table.created = this.#origin(top, node, embedded);
    this.tables.set(key, table);
    this.created.push(table);
    this.createdBy.set(top, table);
    return table;
  }

  #move(table: Table, schema: string, name: string): void {
    this.tables.delete(tableKey(table.schema, table.name));
    table.schema = schema;
    table.name = name;
    this.tables.set(tableKey(schema, name), table);
  }

  #addColumn(table: Table, def: ColumnDef, origin: Origin): void {
    if (table.columns.has(def.colname)) return; // ADD COLUMN IF NOT EXISTS
    const columnOrigin: Origin = { ...origin, node: def };
    const type = typeOf(def.typeName);
    const column: Column = {
      name: def.colname,
      type,
      isArray: (def.typeName?.arrayBounds?.length ?? 0) > 0,
      sequential: SERIAL_TYPES.has(type.join(".")),
      defaultsToNow: false,
      origin: columnOrigin,
    };
    table.columns.set(def.colname, column);
    for (const constraint of def.constraints ?? []) {
      if (constraint.contype === "CONSTR_IDENTITY") column.sequential = true;
      else if (constraint.contype === "CONSTR_DEFAULT") {
        column.sequential ||= isNextval(constraint.raw_expr);
        column.defaultsToNow = isCurrentTime(constraint.raw_expr);
      }
      else this.#addConstraint(table, constraint, columnOrigin, def.colname);
    }
  }

  #addConstraint(table: Table, constraint: Constraint, origin: Origin, column: string | undefined): void {
    const keys = column ? [column] : stringsOf(constraint.keys);
    switch (constraint.contype) {
      case "CONSTR_PRIMARY":
      case "CONSTR_UNIQUE": {
        const primary = constraint.contype === "CONSTR_PRIMARY";
        const usingIndex = typeof constraint.indexname === "string" ? this.#takeIndex(table, constraint.indexname) : undefined;
        const columns = usingIndex?.columns ?? keys;
        const index: Index = {
          name: constraint.conname ?? usingIndex?.name ?? derivedName(table.name, primary ? [] : columns.map(String), primary ? "pkey" : "key"),
          columns,
          kind: primary ? "primary" : "unique",
        };
        table.indexes.push(index);
        if (primary) table.primaryKey = index;
        break;
      }
      case "CONSTR_EXCLUSION": {
        const first = (constraint.exclusions as SqlNode[] | undefined)?.[0];
        const element = (first?.type === "List" ? (first.items as SqlNode[])[0] : undefined) as SqlNode | undefined;
        table.indexes.push({ name: constraint.conname, columns: [indexColumn(element)], kind: "index" });
        break;
      }
      case "CONSTR_FOREIGN": {
        const columns = column ? [column] : stringsOf(constraint.fk_attrs);
        const name = constraint.conname ?? derivedName(table.name, columns, "fkey");
        table.foreignKeys.push({ name, columns, declared: columns, origin: { ...origin, node: constraint } });
        break;
      }
      default:
        break;
    }
  }

  /** `ADD CONSTRAINT ... PRIMARY KEY USING INDEX x`: the index becomes the constraint's. */
  #takeIndex(table: Table, name: string): Index | undefined {
    const index = table.indexes.findIndex((candidate) => candidate.name === name);
    if (index === -1) return undefined;
    return table.indexes.splice(index, 1)[0];
  }

  #dropColumn(table: Table, name: string): void {
    table.columns.delete(name);
    table.indexes = table.indexes.filter((index) => !index.columns.includes(name));
    if (table.primaryKey?.columns.includes(name)) table.primaryKey = undefined;
    table.foreignKeys = table.foreignKeys.filter((key) => !key.columns.includes(name));
  }

  #dropConstraint(table: Table, name: string): void {
    table.foreignKeys = table.foreignKeys.filter((key) => key.name !== name);
    const index = table.indexes.find((candidate) => candidate.name === name && candidate.kind !== "index");
    if (index) {
      table.indexes = table.indexes.filter((candidate) => candidate !== index);
      if (table.primaryKey === index) table.primaryKey = undefined;
    }
  }

  #renameColumn(table: Table, from: string, to: string): void {
    const column = table.columns.get(from);
    if (column) {
      table.columns.delete(from);
      column.name = to;
      table.columns.set(to, column);
    }
    for (const index of table.indexes) index.columns = index.columns.map((name) => (name === from ? to : name));
    for (const key of table.foreignKeys) key.columns = key.columns.map((name) => (name === from ? to : name));
  }

  #alterTable(node: SqlNode, top: Statement, embedded: [number, number] | undefined): void {
    if (node.objtype !== "OBJECT_TABLE" || !node.relation) return;
    const table = this.#findOrAssume(node.relation as RangeVar);
    for (const cmd of (node.cmds as SqlNode[] | undefined) ?? []) {
      const origin = this.#origin(top, cmd, embedded);
      const name = typeof cmd.name === "string" ? cmd.name : undefined;
      const def = cmd.def as SqlNode | undefined;
      switch (cmd.subtype) {
        case "AT_EnableRowSecurity":
          table.rls = origin;
          break;
        case "AT_DisableRowSecurity":
          table.rls = undefined;
          break;
        case "AT_AddColumn":
          if (def?.type === "ColumnDef") this.#addColumn(table, def as ColumnDef, origin);
          break;
        case "AT_DropColumn":
          if (name) this.#dropColumn(table, name);
          break;
        case "AT_AddConstraint":
          if (def?.type === "Constraint") this.#addConstraint(table, def as Constraint, origin, undefined);
          break;
        case "AT_DropConstraint":
          if (name) this.#dropConstraint(table, name);
          break;
        case "AT_AlterColumnType": {
          const column = name ? table.columns.get(name) : undefined;
          if (column && def?.type === "ColumnDef") {
            const type = typeOf((def as ColumnDef).typeName);
            column.type = type;
            column.isArray = ((def as ColumnDef).typeName?.arrayBounds?.length ?? 0) > 0;
          }
          break;
        }
        case "AT_ColumnDefault": {
          const column = name ? table.columns.get(name) : undefined;
          if (column) {
            column.sequential = isNextval(def);
            column.defaultsToNow = isCurrentTime(def);
          }
          break;
        }
        case "AT_AddIdentity": {
          const column = name ? table.columns.get(name) : undefined;
          if (column) column.sequential = true;
          break;
        }
        case "AT_DropIdentity": {
          const column = name ? table.columns.get(name) : undefined;
          if (column) column.sequential = false;
          break;
        }
        case "AT_AttachPartition": {
          const partition = (def as { name?: RangeVar } | undefined)?.name;
          const attached = partition && this.#find(partition);
          if (attached) attached.derived = "partition";
          break;
        }
        default:
          break;
      }
    }
  }

  #createIndex(node: SqlNode): void {
    if (!node.relation) return;
    const table = this.#findOrAssume(node.relation as RangeVar);
    const name = typeof node.idxname === "string" ? node.idxname : undefined;
    if (name && node.if_not_exists && table.indexes.some((index) => index.name === name)) return;
    const columns = ((node.indexParams as SqlNode[] | undefined) ?? []).map(indexColumn);
    const index: Index = {
      name: name ?? derivedName(table.name, columns.map((column) => column ?? "expr"), "idx"),
      columns,
      kind: node.unique ? "unique" : "index",
    };
    table.indexes.push(index);
    this.#indexOwners.set(tableKey(table.schema, index.name!), table);
  }

  #rename(node: SqlNode): void {
    const relation = node.relation as RangeVar | undefined;
    const newname = String(node.newname);
    switch (node.renameType) {
      case "OBJECT_TABLE": {
        const table = relation && this.#find(relation);
        if (table) this.#move(table, table.schema, newname);
        break;
      }
      case "OBJECT_COLUMN": {
        const table = relation && this.#find(relation);
        if (table && typeof node.subname === "string") this.#renameColumn(table, node.subname, newname);
        break;
      }
      case "OBJECT_TABCONSTRAINT": {
        const table = relation && this.#find(relation);
        if (!table || typeof node.subname !== "string") break;
        for (const key of table.foreignKeys) if (key.name === node.subname) key.name = newname;
        for (const index of table.indexes) if (index.name === node.subname) index.name = newname;
        break;
      }
      case "OBJECT_INDEX": {
        if (!relation) break;
        const { schema } = this.#resolve(relation);
        const table = this.#indexOwners.get(tableKey(schema, relation.relname));
        const index = table?.indexes.find((candidate) => candidate.name === relation.relname);
        if (table && index) {
          this.#indexOwners.delete(tableKey(schema, relation.relname));
          index.name = newname;
          this.#indexOwners.set(tableKey(schema, newname), table);
        }
        break;
      }
      case "OBJECT_POLICY": {
        const table = relation && this.#find(relation);
        const policy = table && typeof node.subname === "string" ? table.policies.get(node.subname) : undefined;
        if (table && policy) {
          table.policies.delete(policy.name);
          policy.name = newname;
          table.policies.set(newname, policy);
        }
        break;
      }
      case "OBJECT_SCHEMA":
        for (const table of [...this.tables.values()]) {
          if (table.schema === node.subname) this.#move(table, newname, table.name);
        }
        break;
      default:
        break;
    }
  }

  #drop(node: SqlNode): void {
    const objects = (node.objects as SqlNode[] | undefined) ?? [];
    for (const object of objects) {
      const parts = object.type === "List" ? stringsOf(object.items) : object.type === "String" ? stringsOf([object]) : [];
      if (parts.length === 0) continue;
      switch (node.removeType) {
        case "OBJECT_TABLE": {
          const name = parts.at(-1)!;
          const schema = parts.length > 1 ? parts.at(-2)! : this.#schema;
          const table = this.tables.get(tableKey(schema, name));
          if (table) {
            table.dropped = true;
            this.tables.delete(tableKey(schema, name));
          }
          break;
        }
        case "OBJECT_INDEX": {
          const name = parts.at(-1)!;
          const schema = parts.length > 1 ? parts.at(-2)! : this.#schema;
          const table = this.#indexOwners.get(tableKey(schema, name));
          if (table) table.indexes = table.indexes.filter((index) => index.name !== name);
          break;
        }
        case "OBJECT_POLICY": {
          // [schema?, table, policy]
          const policy = parts.at(-1)!;
          const name = parts.at(-2);
          const schema = parts.length > 2 ? parts.at(-3)! : this.#schema;
          if (name) this.tables.get(tableKey(schema, name))?.policies.delete(policy);
          break;
        }
        case "OBJECT_SCHEMA":
          for (const table of [...this.tables.values()]) {
            if (table.schema !== parts[0]) continue;
            table.dropped = true;
            this.tables.delete(tableKey(table.schema, table.name));
          }
          break;
        default:
          break;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Policies
  // -------------------------------------------------------------------------------------------

  #createPolicy(node: SqlNode, top: Statement, embedded: [number, number] | undefined): void {
    if (!node.table || typeof node.policy_name !== "string") return;
    const table = this.#findOrAssume(node.table as RangeVar);
    const origin = this.#origin(top, node, embedded);
    const expression = (value: unknown): PolicyExpression | undefined =>
      value && typeof value === "object" ? { node: value as SqlNode, origin } : undefined;
    table.policies.set(node.policy_name, {
      name: node.policy_name,
      origin,
      using: expression(node.qual),
      withCheck: expression(node.with_check),
    });
  }

  #alterPolicy(node: SqlNode, top: Statement, embedded: [number, number] | undefined): void {
    if (!node.table || typeof node.policy_name !== "string") return;
    const table = this.#findOrAssume(node.table as RangeVar);
    const origin = this.#origin(top, node, embedded);
    const policy = table.policies.get(node.policy_name) ?? {
      name: node.policy_name,
      origin,
      using: undefined,
      withCheck: undefined,
    };
    if (node.qual) policy.using = { node: node.qual as SqlNode, origin };
    if (node.with_check) policy.withCheck = { node: node.with_check as SqlNode, origin };
    table.policies.set(node.policy_name, policy);
  }

  /**
   * `revoke all on t from anon, authenticated` (or `on all tables in schema`): the roles lose the
   * table; any later grant to a role gives it back. Revoking only some privileges changes nothing here.
   */
  #grant(node: SqlNode): void {
    if (node.objtype !== "OBJECT_TABLE") return;
    const roles = ((node.grantees as SqlNode[] | undefined) ?? [])
      .map((role) => String(role.rolename))
      .filter((role) => CLIENT_ROLES.has(role));
    if (roles.length === 0) return;
    const revokeAll = node.is_grant !== true && !(node.privileges as unknown[] | undefined)?.length;
    if (node.is_grant !== true && !revokeAll) return;
    const apply = (table: Table): void => {
      for (const role of roles) {
        if (revokeAll) table.revokedFrom.add(role);
        else table.revokedFrom.delete(role);
      }
    };
    const objects = (node.objects as SqlNode[] | undefined) ?? [];
    if (node.targtype === "ACL_TARGET_ALL_IN_SCHEMA") {
      const schemas = new Set(stringsOf(objects));
      for (const table of this.tables.values()) if (schemas.has(table.schema)) apply(table);
      return;
    }
    for (const object of objects) {
      const table = object.type === "RangeVar" ? this.#find(object as RangeVar) : undefined;
      if (table) apply(table);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Session settings and code
  // -------------------------------------------------------------------------------------------

  #setSearchPath(node: SqlNode): void {
    if (node.name !== "search_path" || node.kind !== "VAR_SET_VALUE") return;
    for (const arg of (node.args as SqlNode[] | undefined) ?? []) {
      const value = (arg.sval as { sval?: string } | undefined)?.sval;
      if (typeof value !== "string" || value === "$user") continue;
      if (value.trim() !== "") this.#schema = value.trim();
      return;
    }
  }

  /**
   * A `DO` block: its static statements (`ALTER TABLE ... ADD CONSTRAINT` in Drizzle Kit's
   * `EXCEPTION WHEN duplicate_object` blocks, `CREATE POLICY` under `IF NOT EXISTS`) apply like
   * top-level ones. Statements it builds at run time are unknown: if its text speaks of row level
   * security or policies, every table that exists at this point may have them.
   */
  #doBlock(node: SqlNode, top: Statement): void {
    const body = codeOf(node.args);
    if (body === undefined) return;
    const { blocks, dynamic } = embeddedOf(node, body, top, this.#file.text);
    for (const { range, statements } of blocks) {
      for (const statement of statements) this.#statement(statement, top, range);
    }
    for (const text of dynamic) this.#unknownEffects(text, [...this.tables.values()]);
  }

  /**
   * SQL built at run time: every table that exists at this point may have gained row level
   * security, policies or indexes if the code speaks of them.
   */
  #unknownEffects(text: string, tables: Table[]): void {
    const rls = RLS_TEXT.test(text);
    const policies = POLICY_TEXT.test(text);
    const indexes = INDEX_TEXT.test(text);
    for (const table of tables) {
      if (rls) table.rlsUnknown = true;
      if (policies) table.policiesUnknown = true;
      if (indexes) table.indexesUnknown = true;
    }
  }

  /** A function runs later, maybe from an event trigger on every new table: its effects are unknown. */
  #function(node: SqlNode): void {
    const body = codeOf(node.options, "as");
    if (body === undefined) return;
    if (RLS_TEXT.test(body)) this.rlsUnknown = true;
    if (POLICY_TEXT.test(body)) this.policiesUnknown = true;
  }

  /** A statement that does not parse: the tables it names are uncertain. */
  #unreadable(text: string): void {
    const words = new Set(text.toLowerCase().match(/[a-z_][a-z0-9_$]*/gu) ?? []);
    for (const table of this.tables.values()) {
      if (words.has(table.name.toLowerCase())) table.opaque = true;
    }
    this.#unknownEffects(text, [...this.tables.values()]);
  }
}

const RLS_TEXT = /row\s+level\s+security/iu;
/** Roles Supabase's Data API runs client requests as. */
const CLIENT_ROLES = new Set(["anon", "authenticated"]);
const POLICY_TEXT = /create\s+policy/iu;
const INDEX_TEXT = /create\s+(?:unique\s+)?index/iu;
const SERIAL_TYPES = new Set(["serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"]);

/** A partition has its parent's columns, and the parent's keys and indexes cascade to it. */
function inherit(table: Table, parent: Table): void {
  for (const [name, column] of parent.columns) table.columns.set(name, column);
  table.indexes.push(...parent.indexes.map((index) => ({ ...index })));
  if (parent.primaryKey) table.primaryKey = table.indexes.find((index) => index.kind === "primary");
}

function typeOf(typeName: TypeName | undefined): string[] {
  const names = stringsOf(typeName?.names).map((name) => name.toLowerCase());
  return names[0] === "pg_catalog" ? names.slice(1) : names;
}

function isNextval(expression: unknown): boolean {
  let node = expression as SqlNode | undefined;
  while (node?.type === "TypeCast") node = node.arg as SqlNode | undefined;
  return node?.type === "FuncCall" && stringsOf(node.funcname).at(-1) === "nextval";
}

const CURRENT_TIME_FUNCTIONS = new Set(["now", "statement_timestamp", "transaction_timestamp", "clock_timestamp"]);
const CURRENT_TIME_KEYWORDS = /^SVFOP_(?:CURRENT_TIMESTAMP|LOCALTIMESTAMP|CURRENT_DATE)/u;

/** `now()`, `current_timestamp`, `localtimestamp`, and those cast or moved to a zone (`timezone('utc', now())`, `now() at time zone 'utc'`). */
function isCurrentTime(expression: unknown): boolean {
  let node = expression as SqlNode | undefined;
  while (node?.type === "TypeCast") node = node.arg as SqlNode | undefined;
  if (node?.type === "SQLValueFunction") return CURRENT_TIME_KEYWORDS.test(String(node.op));
  if (node?.type !== "FuncCall") return false;
  const name = stringsOf(node.funcname).at(-1);
  if (name === "timezone") return ((node.args as SqlNode[] | undefined) ?? []).some((arg) => isCurrentTime(arg));
  return name !== undefined && CURRENT_TIME_FUNCTIONS.has(name) && !(node.args as unknown[] | undefined)?.length;
}

function indexColumn(element: SqlNode | undefined): string | undefined {
  if (element?.type !== "IndexElem") return undefined;
  if (typeof element.name === "string") return element.name;
  // `(("userId"))`-style expressions that are just a column
  const expr = element.expr as SqlNode | undefined;
  if (expr?.type === "ColumnRef") {
    const fields = stringsOf(expr.fields);
    return fields.length === 1 ? fields[0] : undefined;
  }
  return undefined;
}
