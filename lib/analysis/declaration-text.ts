/**
 * The text of the statements that declare a name at the top level of a file, found with TypeScript's parser
 * alone. typescript-estree's parse is TypeScript's parser (about two fifths of its time) and then the
 * conversion of the whole file to ESTree (the rest): a lookup whose answer depends only on the declaration
 * of the name it looks for (`FollowOptions.declarationOnly`) tests the text of that declaration first, and
 * the file is converted only when a declaration passes. The TypeScript tree is handed to typescript-estree
 * then, so the file is not parsed twice.
 */
import type ts from "typescript";

export type TypeScript = typeof ts;

/** `source` as typescript-estree would parse it from a string (no JSDoc, parents set), ready to hand to its `parse`. */
export function tsSourceFile(typescript: TypeScript, fileName: string, code: string, jsx: boolean): ts.SourceFile {
  return typescript.createSourceFile(
    fileName,
    code,
    // `JSDocParsingMode` is TypeScript 5.3+ (typescript-estree supports older ones and reads it the same way)
    { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode?.ParseNone },
    /* setParentNodes */ true,
    jsx ? typescript.ScriptKind.TSX : typescript.ScriptKind.TS,
  );
}

/**
 * The text of every top-level statement of `source` that can define `name` for `resolve.ts`'s index
 * (`function name`, `class name`, `const name = ...`; for `default`, `export default ...`). Undefined when the
 * file may bind it through another statement, so that no single statement's text shows the definition
 * (`export { a as name }`, `export * from`, `export default a`): the caller then converts the whole file.
 * Statements the index ignores (destructurings, enums, namespaces) define nothing a lookup can return.
 */
export function declarationTexts(typescript: TypeScript, source: ts.SourceFile, name: string): string[] | undefined {
  const { SyntaxKind } = typescript;
  const texts: string[] = [];
  const text = (statement: ts.Statement): string => source.text.slice(statement.pos, statement.end);
  for (const statement of source.statements) {
    switch (statement.kind) {
      case SyntaxKind.ExportDeclaration:
        return undefined;
      case SyntaxKind.ExportAssignment: {
        const assignment = statement as ts.ExportAssignment;
        if (assignment.isExportEquals || name !== "default") break;
        let expression = assignment.expression;
        while (typescript.isParenthesizedExpression(expression)) expression = expression.expression;
        if (typescript.isIdentifier(expression)) return undefined;
        texts.push(text(statement));
        break;
      }
      case SyntaxKind.FunctionDeclaration:
      case SyntaxKind.ClassDeclaration: {
        const declaration = statement as ts.FunctionDeclaration | ts.ClassDeclaration;
        const isDefault = declaration.modifiers?.some((m) => m.kind === SyntaxKind.DefaultKeyword) ?? false;
        if (declaration.name?.text === name || (name === "default" && isDefault)) texts.push(text(statement));
        break;
      }
      case SyntaxKind.VariableStatement: {
        const { declarations } = (statement as ts.VariableStatement).declarationList;
        if (declarations.some((d) => typescript.isIdentifier(d.name) && d.name.text === name)) texts.push(text(statement));
        break;
      }
      default:
        break;
    }
  }
  return texts;
}
