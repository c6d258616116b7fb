using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>
    /// A retry loop taken apart: the attempted <c>try</c> statement and the statements kept around it, and the retry
    /// machinery (counters, waits, bound checks, <c>continue</c>, placeholder returns) that the canonical shape replaces.
    /// <see cref="Analyze"/> returns null for any loop it cannot take apart without dropping code or changing what
    /// the code does on success: then no rewrite is offered.
    /// </summary>
    internal sealed class RetryLoopAnatomy
    {
        private RetryLoopAnatomy(StatementSyntax loop, TryStatementSyntax tryStatement)
        {
            Loop = loop;
            Try = tryStatement;
        }

        /// <summary>The statement the canonical loop replaces (the labeled statement of a goto retry).</summary>
        public StatementSyntax Loop { get; }

        /// <summary>The attempted operation.</summary>
        public TryStatementSyntax Try { get; }

        /// <summary>Statements before the <c>try</c>, inside the loop, that run on every attempt and are kept.</summary>
        public List<StatementSyntax> KeptBeforeTry { get; } = new List<StatementSyntax>();

        /// <summary>Statements that ran after a failed attempt (logging) and are kept in the new catch clauses.</summary>
        public List<StatementSyntax> KeptOnFailure { get; } = new List<StatementSyntax>();

        /// <summary>Catch clauses that do not retry (they throw or return), kept before the generated ones.</summary>
        public List<CatchClauseSyntax> TerminalCatchesBefore { get; } = new List<CatchClauseSyntax>();

        /// <summary>Catch clauses that do not retry, kept after the generated ones.</summary>
        public List<CatchClauseSyntax> TerminalCatchesAfter { get; } = new List<CatchClauseSyntax>();

        /// <summary>The catch clauses that retry; the generated clauses replace them.</summary>
        public List<CatchClauseSyntax> RetryingCatches { get; } = new List<CatchClauseSyntax>();

        /// <summary>The name the retrying catch gave the exception, when kept statements use it.</summary>
        public string? CatchIdentifier { get; private set; }

        /// <summary>Comments of removed statements inside the loop: they move into the generated catch clause.</summary>
        public List<SyntaxTrivia> InnerComments { get; } = new List<SyntaxTrivia>();

        /// <summary>Comments in the old loop header (<c>while (true) // keep trying</c>): they stay on the new header line.</summary>
        public List<SyntaxTrivia> HeaderComments { get; } = new List<SyntaxTrivia>();

        /// <summary>Comments of removed statements before the loop: they move above the new loop.</summary>
        public List<SyntaxTrivia> OuterComments { get; } = new List<SyntaxTrivia>();

        /// <summary>Statements outside the loop that only served the old retry machinery (counter declarations, placeholder returns).</summary>
        public List<StatementSyntax> RemovedOutside { get; } = new List<StatementSyntax>();

        /// <summary>Statements of a goto retry between the label and the try, moved into the loop.</summary>
        public List<StatementSyntax> MovedIntoLoop { get; } = new List<StatementSyntax>();

        /// <summary><c>success = true;</c> at the end of the try block, when a flag ends the loop: becomes <c>break;</c> (or gets one after it).</summary>
        public ExpressionStatementSyntax? SuccessFlagAssignment { get; private set; }

        /// <summary>Whether the flag is still read after the loop, so its assignment stays and a <c>break;</c> follows it.</summary>
        public bool KeepSuccessFlag { get; private set; }

        /// <summary>Names of locals the rewrite removes; the new counter may reuse one of them.</summary>
        public HashSet<string> RemovedLocalNames { get; } = new HashSet<string>();

        /// <summary>Whether the loop's try block must be indented one level deeper (a goto retry gains braces).</summary>
        public bool NeedsIndent { get; private set; }

        /// <summary>Why no rewrite is offered (for tests and debugging).</summary>
        public static string? LastFailure { get; private set; }

        public static RetryLoopAnatomy? Analyze(SemanticModel model, SyntaxNode loopNode, CancellationToken cancellationToken)
        {
            LastFailure = null;
            var analyzer = new Analyzer(model, cancellationToken);
            var result = analyzer.Run(loopNode);
            if (result == null)
            {
                LastFailure = analyzer.Failure;
            }

            return result;
        }

        private sealed class Analyzer
        {
            private readonly SemanticModel _model;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ILocalSymbol> _candidates = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            private readonly List<SyntaxNode> _removed = new List<SyntaxNode>();
            private StatementSyntax _loop = null!;
            private LabeledStatementSyntax? _label;

            public Analyzer(SemanticModel model, CancellationToken cancellationToken)
            {
                _model = model;
                _cancellationToken = cancellationToken;
            }

            public string? Failure { get; private set; }

            private RetryLoopAnatomy? Fail(string reason)
            {
                Failure = reason;
                return null;
            }

            public RetryLoopAnatomy? Run(SyntaxNode loopNode)
            {
                if (!(loopNode is StatementSyntax loop) || loopNode is CommonForEachStatementSyntax)
                {
                    return Fail(loopNode is CommonForEachStatementSyntax
                        ? "a foreach over endpoints or keys is a failover loop; rewriting it would drop the failover"
                        : "recursive retries are not rewritten");
                }

                _loop = loop;
                if (!(loop.Parent is BlockSyntax outerBlock))
                {
                    return Fail("the loop is not a statement of a block");
                }

                if (loop.ContainsDirectives)
                {
                    return Fail("preprocessor directives inside the loop");
                }

                // 1. The loop's parts.
                ExpressionSyntax? condition = null;
                var bodyStatements = new List<StatementSyntax>();
                var headerParts = new List<SyntaxNode>();
                int regionEnd;
                switch (loop)
                {
                    case WhileStatementSyntax whileLoop:
                        condition = whileLoop.Condition;
                        AddBody(whileLoop.Statement, bodyStatements);
                        regionEnd = outerBlock.Statements.IndexOf(loop);
                        break;
                    case DoStatementSyntax doLoop:
                        condition = doLoop.Condition;
                        AddBody(doLoop.Statement, bodyStatements);
                        regionEnd = outerBlock.Statements.IndexOf(loop);
                        break;
                    case ForStatementSyntax forLoop:
                        condition = forLoop.Condition;
                        if (forLoop.Declaration != null)
                        {
                            foreach (var variable in forLoop.Declaration.Variables)
                            {
                                _candidates.Add((ILocalSymbol)_model.GetDeclaredSymbol(variable, _cancellationToken)!);
                            }
                        }

                        if (forLoop.Initializers.Count > 0)
                        {
                            headerParts.AddRange(forLoop.Initializers);
                        }

                        headerParts.AddRange(forLoop.Incrementors);
                        AddBody(forLoop.Statement, bodyStatements);
                        regionEnd = outerBlock.Statements.IndexOf(loop);
                        break;
                    case LabeledStatementSyntax label:
                        _label = label;
                        var start = outerBlock.Statements.IndexOf(label);
                        regionEnd = -1;
                        for (var i = start; i < outerBlock.Statements.Count; i++)
                        {
                            var statement = i == start ? label.Statement : outerBlock.Statements[i];
                            bodyStatements.Add(statement);
                            if (statement is TryStatementSyntax)
                            {
                                regionEnd = i;
                                break;
                            }
                        }

                        if (regionEnd < 0)
                        {
                            return Fail("no try statement after the retry label");
                        }

                        for (var i = start + 1; i <= regionEnd; i++)
                        {
                            _removed.Add(outerBlock.Statements[i]);
                        }

                        break;
                    default:
                        return Fail("not a loop");
                }

                if (bodyStatements.Count == 0)
                {
                    return Fail("the loop body is not a block");
                }

                var tries = bodyStatements.OfType<TryStatementSyntax>().ToList();
                if (tries.Count != 1)
                {
                    return Fail(tries.Count == 0 ? "status-check retries are not rewritten (no try statement in the loop)" : "more than one try statement in the loop");
                }

                var tryStatement = tries[0];
                if (tryStatement.Catches.Count == 0)
                {
                    return Fail("the try statement has no catch");
                }

                var anatomy = new RetryLoopAnatomy(loop, tryStatement) { NeedsIndent = _label != null };
                var tryIndex = bodyStatements.IndexOf(tryStatement);
                var before = bodyStatements.Take(tryIndex).ToList();
                var after = bodyStatements.Skip(tryIndex + 1).ToList();

                // 2. Bookkeeping candidates: locals declared before the loop in the same block and only used by the loop
                //    and what follows it, plus locals declared at the top level of the loop body or a catch body.
                var loopStart = _label != null ? outerBlock.Statements.IndexOf(_label) : outerBlock.Statements.IndexOf(loop);
                var declarationsBefore = new List<LocalDeclarationStatementSyntax>();
                for (var i = 0; i < loopStart; i++)
                {
                    if (outerBlock.Statements[i] is LocalDeclarationStatementSyntax declaration && !declaration.IsConst
                        && declaration.Declaration.Variables.All(v => OnlyUsedFrom(v, outerBlock, loopStart) && !IsUsedBySuccessPath(v, tryStatement)))
                    {
                        declarationsBefore.Add(declaration);
                        foreach (var variable in declaration.Declaration.Variables)
                        {
                            _candidates.Add((ILocalSymbol)_model.GetDeclaredSymbol(variable, _cancellationToken)!);
                        }
                    }
                }

                var retryingCatchStatements = new List<(CatchClauseSyntax Clause, List<StatementSyntax> Statements)>();
                foreach (var catchClause in tryStatement.Catches)
                {
                    if (IsRetrying(catchClause))
                    {
                        anatomy.RetryingCatches.Add(catchClause);
                        retryingCatchStatements.Add((catchClause, catchClause.Block.Statements.ToList()));
                    }
                    else if (anatomy.RetryingCatches.Count == 0)
                    {
                        anatomy.TerminalCatchesBefore.Add(catchClause);
                    }
                    else
                    {
                        anatomy.TerminalCatchesAfter.Add(catchClause);
                    }
                }

                if (anatomy.RetryingCatches.Count == 0)
                {
                    return Fail("no catch clause retries");
                }

                // Locals declared after a failure (in a retrying catch, or after the try) are machinery unless kept code reads them.
                var failureLocals = after.Concat(retryingCatchStatements.SelectMany(c => c.Statements))
                    .OfType<LocalDeclarationStatementSyntax>()
                    .SelectMany(d => d.Declaration.Variables)
                    .Select(v => (ILocalSymbol)_model.GetDeclaredSymbol(v, _cancellationToken)!)
                    .ToList();
                _candidates.UnionWith(failureLocals);

                // 3. The success flag, if the loop condition reads one.
                var conjuncts = condition == null ? new List<ExpressionSyntax>() : SplitAnd(condition);
                ILocalSymbol? flag = null;
                foreach (var conjunct in conjuncts)
                {
                    if (NegatedLocal(conjunct) is ILocalSymbol negated && _candidates.Contains(negated) && negated.Type.SpecialType == SpecialType.System_Boolean)
                    {
                        flag = negated;
                    }
                }

                var tryEndReachable = _model.AnalyzeControlFlow(tryStatement.Block) is ControlFlowAnalysis flow && flow.Succeeded && flow.EndPointIsReachable;
                if (flag != null)
                {
                    var last = tryStatement.Block.Statements.LastOrDefault() as ExpressionStatementSyntax;
                    if (last == null || !IsAssignmentOf(last, flag, SyntaxKind.TrueLiteralExpression))
                    {
                        return Fail("the success flag is not set as the last statement of the try block");
                    }

                    anatomy.SuccessFlagAssignment = last;
                }
                else if (tryEndReachable)
                {
                    return Fail("the success path does not leave the loop");
                }

                // 4. The loop condition: only bounds, the success flag, `true` and the caller's cancellation.
                foreach (var conjunct in conjuncts)
                {
                    if (conjunct.IsKind(SyntaxKind.TrueLiteralExpression) || IsCancellationCheck(conjunct))
                    {
                        continue;
                    }

                    if (NegatedLocal(conjunct) is ILocalSymbol negated && SymbolEqualityComparer.Default.Equals(negated, flag))
                    {
                        continue;
                    }

                    if (!IsBoundCondition(conjunct))
                    {
                        return Fail("the loop condition does more than bound the attempts");
                    }
                }

                foreach (var part in headerParts)
                {
                    if (!IsBookkeepingExpression(part as ExpressionSyntax))
                    {
                        return Fail("the for header does more than count attempts");
                    }
                }

                // 5. Inside the loop: machinery is removed, the rest is kept. A failure-path local that kept code
                //    reads is kept code too, which can make more statements kept: repeat until nothing changes.
                List<(CatchClauseSyntax? Clause, StatementSyntax Statement)> kept;
                var removedBefore = _removed.Count;
                while (true)
                {
                    _removed.RemoveRange(removedBefore, _removed.Count - removedBefore);
                    kept = new List<(CatchClauseSyntax? Clause, StatementSyntax Statement)>();
                    foreach (var statement in before)
                    {
                        Classify(statement, null, kept);
                    }

                    foreach (var (clause, statements) in retryingCatchStatements)
                    {
                        foreach (var statement in statements)
                        {
                            Classify(statement, clause, kept);
                        }
                    }

                    foreach (var statement in after)
                    {
                        Classify(statement, null, kept);
                    }

                    var readByKept = failureLocals.Where(l => _candidates.Contains(l) && kept.Any(k => References(k.Statement, l))).ToList();
                    if (readByKept.Count == 0)
                    {
                        break;
                    }

                    _candidates.ExceptWith(readByKept);
                }

                foreach (var (clause, statement) in kept)
                {
                    if (before.Contains(statement))
                    {
                        anatomy.KeptBeforeTry.Add(statement);
                    }
                    else if (after.Contains(statement) && tryEndReachable)
                    {
                        return Fail("statements after the try also run after success");
                    }
                    else
                    {
                        anatomy.KeptOnFailure.Add(statement);
                    }
                }

                var keptFromCatches = kept.Where(k => k.Clause != null).ToList();
                if (keptFromCatches.Select(k => k.Clause).Distinct().Count() > 1)
                {
                    return Fail("more than one retrying catch does its own work on failure");
                }

                var catchWithKept = keptFromCatches.Select(k => k.Clause).FirstOrDefault();
                if (catchWithKept == null && anatomy.KeptOnFailure.Count > 0 && anatomy.RetryingCatches.Count == 1)
                {
                    catchWithKept = anatomy.RetryingCatches[0];
                }

                if (catchWithKept?.Declaration != null && catchWithKept.Declaration.Identifier.ValueText.Length > 0)
                {
                    anatomy.CatchIdentifier = catchWithKept.Declaration.Identifier.ValueText;
                }

                // 6. Kept code must not jump, wait or touch the machinery's locals.
                foreach (var statement in anatomy.KeptBeforeTry.Concat(anatomy.KeptOnFailure))
                {
                    if (ContainsControlTransfer(statement, allowBreakToLoop: false) || ContainsWait(statement) || ReferencesCandidate(statement))
                    {
                        return Fail("kept code jumps, waits or uses the retry counter");
                    }
                }

                if (ContainsLoopJump(tryStatement.Block, continueOnly: _label == null))
                {
                    return Fail("the try block continues the loop or jumps out of it");
                }

                if (ReferencesCandidate(tryStatement.Block, except: anatomy.SuccessFlagAssignment))
                {
                    return Fail("the try block uses the retry counter");
                }

                // 7. After the loop: with no way out but success (return, or break with a flag) the statements that
                //    follow are unreachable, so they must be placeholders (return null, throw the last failure).
                var newLoopCompletes = flag != null || ContainsLoopJump(tryStatement.Block, continueOnly: false);
                for (var i = regionEnd + 1; i < outerBlock.Statements.Count; i++)
                {
                    var statement = outerBlock.Statements[i];
                    if (statement is LocalFunctionStatementSyntax)
                    {
                        continue;
                    }

                    var readsMachinery = ReferencesCandidate(statement);
                    if (newLoopCompletes && !readsMachinery)
                    {
                        continue;
                    }

                    if (!IsPlaceholderTail(statement))
                    {
                        return Fail(newLoopCompletes
                            ? "code after the loop reads the retry machinery"
                            : "code after the loop does more than return a placeholder");
                    }

                    if (HasComments(statement))
                    {
                        return Fail("a comment on the code after the loop would be lost");
                    }

                    anatomy.RemovedOutside.Add(statement);
                    _removed.Add(statement);
                }

                // 8. The success flag after the loop.
                if (flag != null)
                {
                    anatomy.KeepSuccessFlag = !OnlyReferencedIn(flag, outerBlock, n =>
                        anatomy.SuccessFlagAssignment!.Span.Contains(n.Span) || condition!.Span.Contains(n.Span) || IsRemoved(n) || IsDeclarationOf(n, flag));
                }

                // 9. Bookkeeping declarations before the loop go away when nothing kept reads them.
                foreach (var declaration in declarationsBefore)
                {
                    var symbols = declaration.Declaration.Variables.Select(v => (ILocalSymbol)_model.GetDeclaredSymbol(v, _cancellationToken)!).ToList();
                    if (symbols.Any(s => SymbolEqualityComparer.Default.Equals(s, flag)) && anatomy.KeepSuccessFlag)
                    {
                        continue;
                    }

                    if (symbols.All(s => OnlyReferencedIn(s, outerBlock, n => IsRemovedOrHeader(n, headerParts, condition, anatomy) || IsDeclarationOf(n, s))))
                    {
                        anatomy.RemovedOutside.Add(declaration);
                        anatomy.OuterComments.AddRange(Comments(declaration));
                        foreach (var s in symbols)
                        {
                            anatomy.RemovedLocalNames.Add(s.Name);
                        }
                    }
                    else if (symbols.Any(s => IsWrittenInLoop(s, outerBlock, loopStart, regionEnd)))
                    {
                        return Fail("a retry counter is also used outside the loop");
                    }
                }

                foreach (var symbol in _candidates)
                {
                    if (symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is SyntaxNode declarator
                        && loop.Span.Contains(declarator.Span))
                    {
                        anatomy.RemovedLocalNames.Add(symbol.Name);
                    }
                }

                // 10. Comments in removed code inside the loop move into the new catch clause.
                foreach (var removed in _removed)
                {
                    if (removed.ContainsDirectives)
                    {
                        return Fail("preprocessor directives in the retry machinery");
                    }

                    if (!anatomy.RemovedOutside.Contains(removed))
                    {
                        anatomy.InnerComments.AddRange(Comments(removed));
                    }
                }

                foreach (var clause in anatomy.RetryingCatches)
                {
                    anatomy.InnerComments.AddRange(CommentsOutside(clause, clause.Block.Statements));
                }

                anatomy.HeaderComments.AddRange(CommentsOfHeader(loop));
                if (_label != null)
                {
                    anatomy.MovedIntoLoop.AddRange(_removed.Where(r => r.Parent == outerBlock && !anatomy.RemovedOutside.Contains(r)).Cast<StatementSyntax>());
                }

                return anatomy;
            }

            private void Classify(StatementSyntax statement, CatchClauseSyntax? clause, List<(CatchClauseSyntax? Clause, StatementSyntax Statement)> kept)
            {
                if (IsMachinery(statement))
                {
                    _removed.Add(statement);
                }
                else
                {
                    kept.Add((clause, statement));
                }
            }

            private bool References(SyntaxNode node, ILocalSymbol symbol)
                => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                    .Any(id => id.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol));

            /// <summary>Whether the attempt itself reads the local other than to set a success flag (then it is data, not bookkeeping).</summary>
            private bool IsUsedBySuccessPath(VariableDeclaratorSyntax variable, TryStatementSyntax tryStatement)
            {
                var symbol = (ILocalSymbol)_model.GetDeclaredSymbol(variable, _cancellationToken)!;
                var last = tryStatement.Block.Statements.LastOrDefault() as ExpressionStatementSyntax;
                var isFlagSet = last != null && symbol.Type.SpecialType == SpecialType.System_Boolean && IsAssignmentOf(last, symbol, SyntaxKind.TrueLiteralExpression);
                return tryStatement.Block.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Any(id => (!isFlagSet || !last!.Span.Contains(id.Span)) && id.Identifier.ValueText == symbol.Name
                        && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol));
            }

            private static void AddBody(StatementSyntax body, List<StatementSyntax> statements)
            {
                if (body is BlockSyntax block)
                {
                    statements.AddRange(block.Statements);
                }
                else if (body is TryStatementSyntax)
                {
                    statements.Add(body);
                }
            }

            private bool IsRemoved(SyntaxNode node) => _removed.Any(r => r.Span.Contains(node.Span));

            private bool IsRemovedOrHeader(SyntaxNode node, List<SyntaxNode> headerParts, ExpressionSyntax? condition, RetryLoopAnatomy anatomy)
                => IsRemoved(node)
                    || headerParts.Any(h => h.Span.Contains(node.Span))
                    || (condition != null && condition.Span.Contains(node.Span))
                    || (_loop is ForStatementSyntax forLoop && forLoop.Declaration != null && forLoop.Declaration.Span.Contains(node.Span))
                    || (anatomy.SuccessFlagAssignment != null && anatomy.SuccessFlagAssignment.Span.Contains(node.Span))
                    || anatomy.RemovedOutside.Any(r => r.Span.Contains(node.Span));

            private bool IsDeclarationOf(SyntaxNode node, ILocalSymbol symbol)
                => node.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is VariableDeclaratorSyntax declarator
                    && SymbolEqualityComparer.Default.Equals(_model.GetDeclaredSymbol(declarator, _cancellationToken), symbol)
                    && declarator.Identifier.Span.Contains(node.Span);

            /// <summary>Whether a local declared before the loop is used only from the loop on.</summary>
            private bool OnlyUsedFrom(VariableDeclaratorSyntax variable, BlockSyntax block, int loopStart)
            {
                var symbol = _model.GetDeclaredSymbol(variable, _cancellationToken);
                var usedBefore = false;
                for (var i = 0; i < loopStart && !usedBefore; i++)
                {
                    usedBefore = block.Statements[i].DescendantNodes().OfType<IdentifierNameSyntax>()
                        .Any(id => SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol));
                }

                return !usedBefore && (variable.Initializer == null || !ContainsSideEffects(variable.Initializer.Value));
            }

            private bool IsWrittenInLoop(ILocalSymbol symbol, BlockSyntax block, int loopStart, int regionEnd)
            {
                for (var i = loopStart; i <= regionEnd; i++)
                {
                    foreach (var id in block.Statements[i].DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol) && IsWrite(id))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsWrite(IdentifierNameSyntax id)
                => (id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
                    || id.Parent is PostfixUnaryExpressionSyntax
                    || (id.Parent is PrefixUnaryExpressionSyntax prefix && (prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression)));

            private bool OnlyReferencedIn(ILocalSymbol symbol, BlockSyntax block, System.Func<SyntaxNode, bool> allowed)
            {
                foreach (var id in block.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (id.Identifier.ValueText == symbol.Name
                        && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol)
                        && !allowed(id))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>A catch retries when control can leave it normally, by <c>continue</c>, or by the goto back to the label.</summary>
            private bool IsRetrying(CatchClauseSyntax catchClause)
            {
                var flow = _model.AnalyzeControlFlow(catchClause.Block);
                if (flow == null || !flow.Succeeded)
                {
                    return false;
                }

                return flow.EndPointIsReachable || catchClause.Block.DescendantNodes().Any(n => IsRetryJump(n));
            }

            private bool IsRetryJump(SyntaxNode node)
            {
                if (node is ContinueStatementSyntax continueStatement)
                {
                    return _label == null && JumpTarget(continueStatement, continueOnly: true) == _loop;
                }

                return node is GotoStatementSyntax gotoStatement && _label != null
                    && gotoStatement.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == _label.Identifier.ValueText;
            }

            /// <summary>The loop (or switch) a break/continue jumps out of; null when it leaves the function's scope of interest.</summary>
            private static SyntaxNode? JumpTarget(SyntaxNode jump, bool continueOnly)
            {
                for (var current = jump.Parent; current != null; current = current.Parent)
                {
                    switch (current)
                    {
                        case WhileStatementSyntax _:
                        case DoStatementSyntax _:
                        case ForStatementSyntax _:
                        case CommonForEachStatementSyntax _:
                            return current;
                        case SwitchStatementSyntax _ when !continueOnly:
                            return current;
                        case AnonymousFunctionExpressionSyntax _:
                        case LocalFunctionStatementSyntax _:
                        case MemberDeclarationSyntax _:
                            return null;
                    }
                }

                return null;
            }

            /// <summary>Whether <paramref name="scope"/> has a break (or continue) that leaves it to the retry loop (or beyond, for goto retries).</summary>
            private bool ContainsLoopJump(SyntaxNode scope, bool continueOnly)
            {
                foreach (var node in DescendantsInFunction(scope))
                {
                    var isJump = node is ContinueStatementSyntax || (!continueOnly && node is BreakStatementSyntax);
                    if (!isJump)
                    {
                        continue;
                    }

                    var target = JumpTarget(node, node is ContinueStatementSyntax);
                    if (target == null || !scope.Span.Contains(target.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static IEnumerable<SyntaxNode> DescendantsInFunction(SyntaxNode scope)
                => scope.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax));

            /// <summary>Retry machinery: waits, counter updates, bound checks, continue/goto back, <c>throw;</c>, placeholder returns.</summary>
            private bool IsMachinery(StatementSyntax statement)
            {
                switch (statement)
                {
                    case EmptyStatementSyntax _:
                        return true;
                    case BlockSyntax block:
                        return block.Statements.All(IsMachinery);
                    case ExpressionStatementSyntax expressionStatement:
                        return IsWait(expressionStatement.Expression) || IsBookkeepingExpression(expressionStatement.Expression);
                    case LocalDeclarationStatementSyntax declaration:
                        return declaration.Declaration.Variables.All(v =>
                            _model.GetDeclaredSymbol(v, _cancellationToken) is ILocalSymbol local && _candidates.Contains(local)
                            && (v.Initializer == null || !ContainsSideEffects(v.Initializer.Value)));
                    case ContinueStatementSyntax _:
                    case GotoStatementSyntax _:
                        return IsRetryJump(statement);
                    case BreakStatementSyntax _:
                        return _label == null && JumpTarget(statement, continueOnly: false) == _loop;
                    case ThrowStatementSyntax throwStatement:
                        return throwStatement.Expression == null || (throwStatement.Expression is IdentifierNameSyntax thrown && IsCandidate(thrown));
                    case ReturnStatementSyntax returnStatement:
                        return IsPlaceholderReturn(returnStatement);
                    case IfStatementSyntax ifStatement:
                        return !ContainsSideEffects(ifStatement.Condition)
                            && IsMachinery(ifStatement.Statement)
                            && (ifStatement.Else == null || IsMachinery(ifStatement.Else.Statement));
                    default:
                        return false;
                }
            }

            private bool IsPlaceholderTail(StatementSyntax statement)
            {
                switch (statement)
                {
                    case ReturnStatementSyntax returnStatement:
                        return IsPlaceholderReturn(returnStatement);
                    case ThrowStatementSyntax throwStatement:
                        return throwStatement.Expression is IdentifierNameSyntax thrown && IsCandidate(thrown);
                    case IfStatementSyntax ifStatement:
                        return ifStatement.Else == null && !ContainsSideEffects(ifStatement.Condition) && ReferencesCandidate(ifStatement.Condition)
                            && IsPlaceholderTail(ifStatement.Statement is BlockSyntax b && b.Statements.Count == 1 ? b.Statements[0] : ifStatement.Statement);
                    default:
                        return false;
                }
            }

            /// <summary><c>return;</c>, <c>return null;</c>, <c>return default;</c>, <c>return "";</c>: a failure dressed as a result.
            /// <c>return false;</c> is the Try pattern and is left alone.</summary>
            private bool IsPlaceholderReturn(ReturnStatementSyntax returnStatement)
            {
                var value = returnStatement.Expression;
                if (value == null)
                {
                    return true;
                }

                if (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression) || value is DefaultExpressionSyntax)
                {
                    return !(_model.GetTypeInfo(value, _cancellationToken).ConvertedType is ITypeSymbol type && type.SpecialType == SpecialType.System_Boolean);
                }

                if (value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText.Length == 0)
                {
                    return true;
                }

                return value is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "Empty"
                    && _model.GetSymbolInfo(member, _cancellationToken).Symbol is IFieldSymbol field && field.ContainingType.SpecialType == SpecialType.System_String;
            }

            /// <summary><c>attempt++</c>, <c>delay *= 2</c>, <c>last = ex</c>: updates of bookkeeping locals only.</summary>
            private bool IsBookkeepingExpression(ExpressionSyntax? expression)
            {
                switch (expression)
                {
                    case PostfixUnaryExpressionSyntax postfix:
                        return postfix.Operand is IdentifierNameSyntax a && IsCandidate(a);
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                        return prefix.Operand is IdentifierNameSyntax b && IsCandidate(b);
                    case AssignmentExpressionSyntax assignment:
                        return assignment.Left is IdentifierNameSyntax c && IsCandidate(c) && !ContainsSideEffects(assignment.Right);
                    default:
                        return false;
                }
            }

            private bool IsAssignmentOf(ExpressionStatementSyntax statement, ILocalSymbol symbol, SyntaxKind literal)
                => statement.Expression is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && assignment.Left is IdentifierNameSyntax name
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(name, _cancellationToken).Symbol, symbol)
                    && assignment.Right.IsKind(literal);

            private bool IsCandidate(IdentifierNameSyntax name)
                => _model.GetSymbolInfo(name, _cancellationToken).Symbol is ILocalSymbol local && _candidates.Contains(local);

            private bool ReferencesCandidate(SyntaxNode node, SyntaxNode? except = null)
                => DescendantsInFunction(node).Append(node).OfType<IdentifierNameSyntax>()
                    .Any(id => (except == null || !except.Span.Contains(id.Span)) && IsCandidate(id));

            /// <summary>A bound: compares or tests bookkeeping locals against constants, fields or parameters, with no other side effect.</summary>
            private bool IsBoundCondition(ExpressionSyntax condition)
                => ReferencesCandidate(condition) && !ContainsSideEffects(condition)
                    && !condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any();

            /// <summary>Side effects other than updating bookkeeping locals: calls (except pure-looking Math/TimeSpan ones), assignments to others, awaits.</summary>
            private bool ContainsSideEffects(ExpressionSyntax expression)
            {
                foreach (var node in expression.DescendantNodesAndSelf())
                {
                    switch (node)
                    {
                        case AwaitExpressionSyntax _:
                        case ObjectCreationExpressionSyntax _:
                            return true;
                        case AssignmentExpressionSyntax assignment when !(assignment.Left is IdentifierNameSyntax a && IsCandidate(a)):
                            return true;
                        case PostfixUnaryExpressionSyntax postfix when !(postfix.Operand is IdentifierNameSyntax b && IsCandidate(b)):
                            return true;
                        case PrefixUnaryExpressionSyntax prefix when (prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression))
                            && !(prefix.Operand is IdentifierNameSyntax c && IsCandidate(c)):
                            return true;
                        case InvocationExpressionSyntax invocation when !IsPureCall(invocation):
                            return true;
                    }
                }

                return false;
            }

            private bool IsPureCall(InvocationExpressionSyntax invocation)
            {
                if (!(_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method))
                {
                    return false;
                }

                var type = method.ContainingType?.ToDisplayString();
                return type == "System.Math" || type == "System.TimeSpan" || type == "System.Convert"
                    || (method.ContainingType?.SpecialType == SpecialType.System_Int32 || method.ContainingType?.SpecialType == SpecialType.System_Double) && method.Name == "ToString";
            }

            /// <summary>Thread.Sleep / Task.Delay, awaited, configured or blocked on.</summary>
            public bool IsWait(ExpressionSyntax expression) => WaitDetector.IsWait(_model, expression, _cancellationToken);

            private bool ContainsWait(SyntaxNode node)
                => DescendantsInFunction(node).Append(node).OfType<InvocationExpressionSyntax>().Any(i => WaitDetector.IsWaitCall(_model, i, _cancellationToken));

            private bool ContainsControlTransfer(SyntaxNode node, bool allowBreakToLoop)
            {
                foreach (var descendant in DescendantsInFunction(node).Append(node))
                {
                    switch (descendant)
                    {
                        case ReturnStatementSyntax _:
                        case ThrowStatementSyntax _:
                        case GotoStatementSyntax _:
                        case YieldStatementSyntax _:
                            return true;
                        case ContinueStatementSyntax _:
                        case BreakStatementSyntax _:
                            var target = JumpTarget(descendant, descendant is ContinueStatementSyntax);
                            if (target == null || !node.Span.Contains(target.Span))
                            {
                                return true;
                            }

                            break;
                    }
                }

                return false;
            }

            private bool IsCancellationCheck(ExpressionSyntax conjunct)
                => conjunct is PrefixUnaryExpressionSyntax not && not.IsKind(SyntaxKind.LogicalNotExpression)
                    && not.Operand is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "IsCancellationRequested"
                    && _model.GetTypeInfo(member.Expression, _cancellationToken).Type?.ToDisplayString() == "System.Threading.CancellationToken";

            private ILocalSymbol? NegatedLocal(ExpressionSyntax expression)
            {
                expression = Unparenthesize(expression);
                if (expression is PrefixUnaryExpressionSyntax not && not.IsKind(SyntaxKind.LogicalNotExpression) && Unparenthesize(not.Operand) is IdentifierNameSyntax name)
                {
                    return _model.GetSymbolInfo(name, _cancellationToken).Symbol as ILocalSymbol;
                }

                if (expression is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.EqualsExpression)
                    && binary.Right.IsKind(SyntaxKind.FalseLiteralExpression) && binary.Left is IdentifierNameSyntax left)
                {
                    return _model.GetSymbolInfo(left, _cancellationToken).Symbol as ILocalSymbol;
                }

                return null;
            }

            private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
            {
                while (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }

                return expression;
            }

            private static List<ExpressionSyntax> SplitAnd(ExpressionSyntax expression)
            {
                var result = new List<ExpressionSyntax>();
                expression = Unparenthesize(expression);
                if (expression is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.LogicalAndExpression))
                {
                    result.AddRange(SplitAnd(binary.Left));
                    result.AddRange(SplitAnd(binary.Right));
                }
                else
                {
                    result.Add(expression);
                }

                return result;
            }

            private static bool HasComments(SyntaxNode node) => Comments(node).Any();

            public static IEnumerable<SyntaxTrivia> Comments(SyntaxNode node)
                => node.DescendantTrivia(descendIntoTrivia: false).Where(IsComment);

            private static IEnumerable<SyntaxTrivia> CommentsOutside(SyntaxNode node, SyntaxList<StatementSyntax> kept)
                => node.DescendantTrivia(descendIntoTrivia: false).Where(t => IsComment(t) && !kept.Any(k => k.FullSpan.Contains(t.Span)));

            /// <summary>Comments between the loop keyword and its body, which the new header replaces.</summary>
            private static IEnumerable<SyntaxTrivia> CommentsOfHeader(StatementSyntax loop)
            {
                SyntaxNode? body;
                switch (loop)
                {
                    case WhileStatementSyntax w: body = w.Statement; break;
                    case ForStatementSyntax f: body = f.Statement; break;
                    case DoStatementSyntax d:
                        return d.WhileKeyword.LeadingTrivia.Concat(d.WhileKeyword.TrailingTrivia).Concat(d.Condition.DescendantTrivia())
                            .Concat(d.CloseParenToken.LeadingTrivia).Concat(d.SemicolonToken.LeadingTrivia).Concat(d.SemicolonToken.TrailingTrivia).Where(IsComment);
                    default: return Enumerable.Empty<SyntaxTrivia>();
                }

                return loop.DescendantTrivia(descendIntoTrivia: false)
                    .Where(t => IsComment(t) && t.SpanStart > loop.SpanStart && t.Span.End <= body.SpanStart);
            }

            public static bool IsComment(SyntaxTrivia trivia)
                => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
                    || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia);
        }
    }
}
