import ts from 'typescript';
import { runtimeSpecifier } from './runtime-specifier';

/**
 * A transformer run after TypeScript's own (so type-only imports are already gone): every module
 * specifier of an import, a re-export or a dynamic `import('…')` becomes the one Node loads.
 */
export function esmSpecifiers(): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sourceFile) => {
    const { factory } = context;
    const rewrite = (expression: ts.Expression): ts.Expression =>
      ts.isStringLiteral(expression) ? factory.createStringLiteral(runtimeSpecifier(expression.text, sourceFile.fileName), true) : expression;
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node)) {
        return factory.updateImportDeclaration(node, node.modifiers, node.importClause, rewrite(node.moduleSpecifier), node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, rewrite(node.moduleSpecifier), node.attributes);
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0) {
        const [first, ...rest] = node.arguments;
        return factory.updateCallExpression(node, node.expression, node.typeArguments, [rewrite(first!), ...rest.map((a) => ts.visitNode(a, visit) as ts.Expression)]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitEachChild(sourceFile, visit, context);
  };
}
