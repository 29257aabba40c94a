import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';

export const LEGACY_MODULE = '@catalog/legacy-cache';

export interface RewriteOptions {
  /** Module that exports the app's `kernel` instance (added as an import where needed). */
  kernelImport: string;
  /** Name of the kernel binding (default "kernel"). */
  kernelName?: string;
}

export interface FileReport {
  file: string;
  rewritten: { line: number; from: string; to: string }[];
  remaining: { line: number; code: string; reason: string }[];
}

const MARK = 'codemod(catalog):';

/**
 * The error for kernel.recordFailure from set_gateway_error's message argument: `String(error)`
 * and `error.message` give the error back; any other message is wrapped in an Error.
 */
function failureOf(message: Node | undefined): string {
  if (!message) return 'new Error()';
  if (
    Node.isCallExpression(message) &&
    message.getExpression().getText() === 'String' &&
    message.getArguments().length === 1
  )
    return message.getArguments()[0]!.getText();
  if (
    Node.isPropertyAccessExpression(message) &&
    message.getName() === 'message' &&
    Node.isIdentifier(message.getExpression())
  )
    return message.getExpression().getText();
  return `new Error(${message.getText()})`;
}

/**
 * Rewrites one file's calls of the legacy cache API (imported from @catalog/legacy-cache) to
 * the kernel API, following the mapping table in docs/MIGRATION.md. What it cannot rewrite
 * safely is left as is, with a comment saying what to do, and listed in the report.
 */
export function rewriteLegacyCalls(file: SourceFile, options: RewriteOptions): FileReport {
  const k = options.kernelName ?? 'kernel';
  const report: FileReport = { file: file.getFilePath(), rewritten: [], remaining: [] };
  const legacyImport = file.getImportDeclarations().find((d) => d.getModuleSpecifierValue() === LEGACY_MODULE);
  if (!legacyImport) return report;
  const importIndex = legacyImport.getChildIndex();
  const imported = new Map(
    legacyImport.getNamedImports().map((n) => [n.getAliasNode()?.getText() ?? n.getName(), n.getName()]),
  );

  const done = (node: Node, to: string) => {
    report.rewritten.push({ line: node.getStartLineNumber(), from: node.getText(), to });
  };
  // Comments for what is left are added at the end, so no pending node is invalidated.
  const notes = new Map<Node, string[]>();
  const leave = (node: Node, reason: string) => {
    report.remaining.push({ line: node.getStartLineNumber(), code: node.getText(), reason });
    const statement = node.getFirstAncestor((a) => Node.isStatement(a)) ?? node;
    notes.set(statement, [...(notes.get(statement) ?? []), reason]);
  };

  // Outer calls first: rewriting one forgets the calls inside it, which it has handled.
  const calls = file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((call) => imported.has(call.getExpression().getText()));

  for (const call of calls) {
    if (call.wasForgotten()) continue;
    const fn = imported.get(call.getExpression().getText())!;
    const args = call.getArguments().map((a) => a.getText());
    const parent = call.getParent();
    const property = Node.isPropertyAccessExpression(parent) && parent.getExpression() === call ? parent : undefined;
    const binary = property?.getParentIfKind(SyntaxKind.BinaryExpression);
    const assignment =
      binary && binary.getLeft() === property && binary.getOperatorToken().getKind() === SyntaxKind.EqualsToken
        ? binary
        : undefined;
    switch (fn) {
      case 'getModelsCache':
      case 'getModelzCache':
      case 'huggingfaceCache':
      case 'modelsCache': {
        const gateway = fn === 'getModelzCache' ? "'modelz'" : fn === 'huggingfaceCache' ? "'huggingface'" : args[0];
        const name = property?.getName();
        if (name === 'data' && assignment) {
          const to = `${k}.set(${gateway}, ${assignment.getRight().getText()})`;
          done(assignment, to);
          assignment.replaceWithText(to);
        } else if (name === 'timestamp' && assignment) {
          const statement = assignment.getParentIfKind(SyntaxKind.ExpressionStatement);
          if (statement) {
            done(statement, '(removed: timestamps are managed by the kernel)');
            statement.replaceWithText(`// ${MARK} removed \`${assignment.getText()}\`: the kernel manages timestamps`);
          } else leave(call, 'timestamps are managed by the kernel: remove this assignment');
        } else if (name === 'data' && !assignment) {
          const to = `(${k}.peek(${gateway})?.value ?? null)`;
          done(property!, to);
          property!.replaceWithText(to);
        } else if (name === 'timestamp' || name === 'ttl' || name === 'stale_ttl') {
          leave(
            call,
            name === 'timestamp'
              ? `timestamps are the kernel's: read ${k}.peek(${gateway})?.fetchedAt (epoch ms) or ?.ageMs`
              : `TTLs are the key's policy now: ask ${k}.peek(${gateway})?.state ('fresh', 'stale', 'stale-error')`,
          );
        } else {
          leave(
            call,
            `${fn}() returns the legacy cache object: read ${k}.peek(gateway) (value, state, fetchedAt) instead`,
          );
        }
        break;
      }
      case 'clearModelsCache':
      case 'clearModelzCache': {
        const to = `${k}.invalidate(${fn === 'clearModelzCache' ? "'modelz'" : args[0]})`;
        done(call, to);
        call.replaceWithText(to);
        break;
      }
      case 'isGatewayInErrorState': {
        const to = `${k}.isFailing(${args[0]})`;
        done(call, to);
        call.replaceWithText(to);
        break;
      }
      case 'setGatewayError': {
        // The compatibility layer's mapping: a failure seen outside the kernel is recorded on its breaker.
        const to = `${k}.recordFailure(${args[0]}, ${failureOf(call.getArguments()[1])})`;
        done(call, to);
        call.replaceWithText(to);
        break;
      }
      case 'clearGatewayError': {
        const to = `${k}.recordSuccess(${args[0]})`;
        done(call, to);
        call.replaceWithText(to);
        break;
      }
      case 'initializeFalCacheFromCatalog':
      case 'initializeFeatherlessCacheFromCatalog': {
        const to = `${k}.warm(['${fn === 'initializeFalCacheFromCatalog' ? 'fal' : 'featherless'}'])`;
        done(call, to);
        call.replaceWithText(to);
        break;
      }
      case 'isCacheFresh': {
        const inner = call.getArguments()[0];
        if (
          inner &&
          Node.isCallExpression(inner) &&
          imported.get(inner.getExpression().getText()) === 'getModelsCache'
        ) {
          const to = `${k}.peek(${inner.getArguments()[0]?.getText()})?.state === 'fresh'`;
          done(call, to);
          call.replaceWithText(`(${to})`);
        } else {
          leave(call, `freshness is the read's state now: ${k}.peek(gateway)?.state === 'fresh'`);
        }
        break;
      }
      default:
        leave(call, `${fn}() has no one-to-one replacement: use the aggregator (catalog.view(), catalog.health())`);
    }
  }

  // Imports: drop the names no longer used, add the kernel where a rewrite needs it.
  for (const named of legacyImport.getNamedImports()) {
    const local = named.getAliasNode()?.getText() ?? named.getName();
    const stillUsed = file
      .getDescendantsOfKind(SyntaxKind.Identifier)
      .some((id) => id.getText() === local && !id.getFirstAncestorByKind(SyntaxKind.ImportDeclaration));
    if (!stillUsed) named.remove();
  }
  const legacyRemains = legacyImport.getNamedImports().length > 0;
  if (!legacyRemains) legacyImport.remove();
  if (
    report.rewritten.length > 0 &&
    !file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === options.kernelImport)
  ) {
    file.insertImportDeclaration(legacyRemains ? importIndex + 1 : importIndex, {
      moduleSpecifier: options.kernelImport,
      namedImports: [k],
    });
  }
  // Read every position first: inserting text re-parses the file and forgets nodes.
  const insertions = [...notes]
    .filter(([statement]) => !statement.wasForgotten())
    .map(([statement, reasons]) => ({
      at: statement.getStartLinePos(),
      indent: file.getFullText().slice(statement.getStartLinePos(), statement.getStart()),
      already: statement.getLeadingCommentRanges().some((c) => c.getText().includes(MARK)),
      reasons: [...new Set(reasons)],
    }))
    .filter((insertion) => !insertion.already)
    .sort((a, b) => b.at - a.at);
  for (const { at, indent, reasons } of insertions) {
    file.insertText(at, reasons.map((r) => `${indent}// ${MARK} ${r}\n`).join(''));
  }

  return report;
}
