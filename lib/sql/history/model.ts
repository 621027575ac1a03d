/** What the history knows of a table at the end of the migrations, and where each fact was written. */
import type { SqlNode, Statement } from "../language/ast.js";
import type { ParsedFile } from "./parse-cache.js";

/** Where a fact was written: the file, its top-level statement, and the node inside it. */
export interface Origin {
  file: ParsedFile;
  statement: Statement;
  node: SqlNode;
  /** Set when the node sits in a `DO` block: the embedded statement's range in the file. */
  embeddedRange?: [number, number];
}

export interface Column {
  name: string;
  /** Type name parts, lower-cased, without `pg_catalog` (`["int4"]`, `["uuid"]`, `["timestamptz"]`). */
  type: string[];
  isArray: boolean;
  /** `serial`, `bigserial`, an identity column, or a `nextval(...)` default: ids handed out in order. */
  sequential: boolean;
  /** Its default is the current time (`now()`, `current_timestamp`, `timezone('utc', now())`): set when the row is inserted. */
  defaultsToNow: boolean;
  origin: Origin;
}

export interface Index {
  name: string | undefined;
  /** Column names; `undefined` for an expression. */
  columns: Array<string | undefined>;
  kind: "primary" | "unique" | "index";
}

export interface ForeignKey {
  name: string;
  /** The key's columns at the end of the history. */
  columns: string[];
  /** The columns as the statement that adds the key names them. */
  declared: string[];
  origin: Origin;
}

export interface PolicyExpression {
  node: SqlNode;
  origin: Origin;
}

export interface Policy {
  name: string;
  origin: Origin;
  using: PolicyExpression | undefined;
  withCheck: PolicyExpression | undefined;
}

export interface Table {
  schema: string;
  name: string;
  /** The `CREATE TABLE` of this table; `undefined` when the history only alters a table made elsewhere. */
  created: Origin | undefined;
  /** Made as a partition, from `LIKE`, `INHERITS`, `OF type` or `AS SELECT`: columns and keys partly unknown. */
  derived: "partition" | "like" | "inherits" | "typed" | "select" | undefined;
  temporary: boolean;
  columns: Map<string, Column>;
  primaryKey: Index | undefined;
  indexes: Index[];
  foreignKeys: ForeignKey[];
  /** The statement that enabled row level security last; `undefined` while it is off. */
  rls: Origin | undefined;
  /** Row level security may have been enabled by statements built at run time. */
  rlsUnknown: boolean;
  policies: Map<string, Policy>;
  /** Policies may have been created by statements built at run time. */
  policiesUnknown: boolean;
  /** Indexes may have been created by statements built at run time. */
  indexesUnknown: boolean;
  /** Client roles (`anon`, `authenticated`) that lost every privilege on the table, and got none back. */
  revokedFrom: Set<string>;
  /** Changed by statements the history cannot read: nothing about it is certain. */
  opaque: boolean;
  dropped: boolean;
}

export function newTable(schema: string, name: string, temporary: boolean): Table {
  return {
    schema,
    name,
    created: undefined,
    derived: undefined,
    temporary,
    columns: new Map(),
    primaryKey: undefined,
    indexes: [],
    foreignKeys: [],
    rls: undefined,
    rlsUnknown: false,
    policies: new Map(),
    policiesUnknown: false,
    indexesUnknown: false,
    revokedFrom: new Set(),
    opaque: false,
    dropped: false,
  };
}

/** Neither `anon` nor `authenticated` may use the table: the Data API cannot reach it. */
export function closedToClients(table: Table): boolean {
  return table.revokedFrom.has("anon") && table.revokedFrom.has("authenticated");
}
