/**
 * The node model of a PostgreSQL file as rules see it: PostgreSQL's own parse tree (the node names and
 * fields of `libpg-query`/`@pgsql/types`, so PostgreSQL's documentation of `CreateStmt`, `Constraint`,
 * `FuncCall` applies), with three changes that make it an ESLint tree:
 *
 * - every node carries its name in `type` (`{ "CreateStmt": {...} }` becomes `{ type: "CreateStmt", ...}`),
 *   also the nodes PostgreSQL stores unwrapped in typed fields (`relation` is a `RangeVar`);
 * - `location` is a character offset into the file's text (PostgreSQL's are UTF-8 byte offsets),
 *   or -1 when PostgreSQL records none;
 * - statements have an exact `range` and `loc` (from the first token to the `;`, exclusive). Other
 *   nodes know their start only; `SqlSourceCode#getRange(node)` finds their end from the tokens.
 */

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/** Any node of PostgreSQL's parse tree. */
export interface SqlNode {
  type: string;
  /** Character offset of the node's first token; -1 or absent when unknown. */
  location?: number;
  [field: string]: unknown;
}

/** A top-level statement (`CreateStmt`, `AlterTableStmt`, `CreatePolicyStmt`...). */
export interface Statement extends SqlNode {
  range: [number, number];
  loc: SourceLocation;
}

/** The whole file: its statements in order. */
export interface Script {
  type: "Script";
  body: Statement[];
  range: [number, number];
  loc: SourceLocation;
}

/** `-- text` (not `block`) or `/* text *\/` (`block`). Not part of the tree; carries ESLint directives. */
export interface Comment {
  type: "Comment";
  block: boolean;
  /** The text between the delimiters. */
  value: string;
  range: [number, number];
  loc: SourceLocation;
}

export type Node = Script | SqlNode;

// ---------------------------------------------------------------------------------------------
// The nodes rules read, typed as far as they read them (fields are PostgreSQL's).
// ---------------------------------------------------------------------------------------------

export interface StringNode extends SqlNode {
  type: "String";
  sval: string;
}

export interface RangeVar extends SqlNode {
  type: "RangeVar";
  schemaname?: string;
  relname: string;
  /** `p` permanent, `u` unlogged, `t` temporary. */
  relpersistence?: string;
}

export interface TypeName extends SqlNode {
  type: "TypeName";
  names?: StringNode[];
  arrayBounds?: SqlNode[];
}

export interface Constraint extends SqlNode {
  type: "Constraint";
  contype: string;
  conname?: string;
  keys?: StringNode[];
  fk_attrs?: StringNode[];
  pk_attrs?: StringNode[];
  pktable?: RangeVar;
  raw_expr?: SqlNode;
  generated_when?: string;
  where_clause?: SqlNode;
}

export interface ColumnDef extends SqlNode {
  type: "ColumnDef";
  colname: string;
  typeName?: TypeName;
  constraints?: Constraint[];
  identity?: string;
}

export interface CreateStmt extends Statement {
  type: "CreateStmt";
  relation: RangeVar;
  tableElts?: SqlNode[];
  inhRelations?: SqlNode[];
  partbound?: SqlNode;
  ofTypename?: TypeName;
  if_not_exists?: boolean;
}

export interface FuncCall extends SqlNode {
  type: "FuncCall";
  funcname: StringNode[];
  args?: SqlNode[];
}

export interface SubLink extends SqlNode {
  type: "SubLink";
  subLinkType: string;
  subselect: SqlNode;
}

// ---------------------------------------------------------------------------------------------
// Converting PostgreSQL's JSON tree
// ---------------------------------------------------------------------------------------------

/**
 * Fields where PostgreSQL stores a node without its `{ Name: ... }` wrapper, and the node's name
 * (from `@pgsql/types`). `Parent.field` entries win over plain `field` ones.
 */
const UNWRAPPED: ReadonlyMap<string, string> = new Map([
  ["relation", "RangeVar"],
  ["table", "RangeVar"],
  ["pktable", "RangeVar"],
  ["rel", "RangeVar"],
  ["identitySequence", "RangeVar"],
  ["sequence", "RangeVar"],
  ["view", "RangeVar"],
  ["typevar", "RangeVar"],
  ["constrrel", "RangeVar"],
  ["PartitionCmd.name", "RangeVar"],
  ["typeName", "TypeName"],
  ["ofTypename", "TypeName"],
  ["returnType", "TypeName"],
  ["argType", "TypeName"],
  ["sourcetype", "TypeName"],
  ["targettype", "TypeName"],
  ["type_name", "TypeName"],
  ["datatype", "TypeName"],
  ["storedtype", "TypeName"],
  ["alias", "Alias"],
  ["eref", "Alias"],
  ["join_using_alias", "Alias"],
  ["into", "IntoClause"],
  ["intoClause", "IntoClause"],
  ["larg", "SelectStmt"],
  ["rarg", "SelectStmt"],
  ["PLAssignStmt.val", "SelectStmt"],
  ["withClause", "WithClause"],
  ["onConflictClause", "OnConflictClause"],
  ["returningClause", "ReturningClause"],
  ["infer", "InferClause"],
  ["over", "WindowDef"],
  ["collClause", "CollateClause"],
  ["partbound", "PartitionBoundSpec"],
  ["bound", "PartitionBoundSpec"],
  ["partspec", "PartitionSpec"],
  ["authrole", "RoleSpec"],
  ["newowner", "RoleSpec"],
  ["grantor", "RoleSpec"],
  ["owner", "RoleSpec"],
  ["role", "RoleSpec"],
  ["newrole", "RoleSpec"],
  ["user", "RoleSpec"],
  ["func", "ObjectWithArgs"],
  ["opername", "ObjectWithArgs"],
  ["fromsql", "ObjectWithArgs"],
  ["tosql", "ObjectWithArgs"],
  ["CreateOpClassItem.name", "ObjectWithArgs"],
  ["funccall", "FuncCall"],
  ["funcexpr", "FuncExpr"],
  ["setstmt", "VariableSetStmt"],
  ["base", "CreateStmt"],
  ["action", "GrantStmt"],
  ["pubtable", "PublicationTable"],
  ["search_clause", "CTESearchClause"],
  ["cycle_clause", "CTECycleClause"],
]);

/** Fields that are plain values even when they hold objects (A_Const's `{ sval: { sval } }`). */
const VALUE_HOLDERS = new Set(["A_Const"]);

/**
 * Converts PostgreSQL's JSON parse tree in place: unwraps `{ Name: fields }` into
 * `{ type: "Name", ...fields }` and maps every `location` through `offset` (bytes to characters).
 */
export function convertNode(wrapper: Record<string, unknown>, offset: (byte: number) => number): SqlNode | undefined {
  let type: string | undefined;
  for (const key in wrapper) {
    // A wrapper has exactly one key, a node name (fields are lower case: `relname`, `stmt_len`).
    if (type !== undefined) return undefined;
    type = key;
  }
  if (type === undefined || !/^[A-Z]/u.test(type)) return undefined;
  const fields = wrapper[type];
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) return undefined;
  return convertFields(type, fields as Record<string, unknown>, offset);
}

function convertFields(type: string, fields: Record<string, unknown>, offset: (byte: number) => number): SqlNode {
  const node = fields as SqlNode;
  for (const key in fields) {
    const value = fields[key];
    if (key === "location") {
      node.location = typeof value === "number" && value >= 0 ? offset(value) : -1;
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as unknown;
        if (item !== null && typeof item === "object" && !Array.isArray(item)) {
          value[i] = convertNode(item as Record<string, unknown>, offset) ?? item;
        }
      }
    } else if (value !== null && typeof value === "object" && !VALUE_HOLDERS.has(type)) {
      const name = UNWRAPPED.get(`${type}.${key}`) ?? UNWRAPPED.get(key);
      fields[key] = name
        ? convertFields(name, value as Record<string, unknown>, offset)
        : (convertNode(value as Record<string, unknown>, offset) ?? value);
    }
  }
  // `type` goes first for readable dumps; an own `type` field of PostgreSQL's (none today) would lose.
  return Object.assign({ type }, node);
}

/** The child nodes of `node`, in field order (what traversal visits). */
export function childNodes(node: SqlNode): SqlNode[] {
  const children: SqlNode[] = [];
  for (const key in node) {
    if (key === "range" || key === "loc") continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

export function isNode(value: unknown): value is SqlNode {
  return value !== null && typeof value === "object" && typeof (value as { type?: unknown }).type === "string";
}
