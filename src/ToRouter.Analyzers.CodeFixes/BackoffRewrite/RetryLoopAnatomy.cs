using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes.BackoffRewrite
{
    /// <summary>
    /// A retry loop taken apart: the attempted <c>try</c> statement (or, in a loop with no try, the HTTP send and the
    /// status check after it) and the statements kept around it, and the retry machinery (counters, waits, bound
    /// checks, <c>continue</c>, placeholder returns) that the canonical shape replaces. A self-recursive retry is taken
    /// apart the same way, its method body standing for the loop body and the recursive call for <c>continue</c>.
    /// <see cref="Analyze"/> returns null for any loop it cannot take apart without dropping code or changing what
    /// the code does on success: then no rewrite is offered.
    /// </summary>
    internal sealed partial class RetryLoopAnatomy
    {
        private RetryLoopAnatomy(StatementSyntax loop, TryStatementSyntax? tryStatement, StatusCheck? status)
        {
            Loop = loop;
            Try = tryStatement;
            Status = status;
        }

        /// <summary>The statement the canonical loop replaces (the labeled statement of a goto retry, the first statement of a recursive method).</summary>
        public StatementSyntax Loop { get; }

        /// <summary>The attempted operation; null in a status-check loop.</summary>
        public TryStatementSyntax? Try { get; }

        /// <summary>The send and the status check of a loop with no try.</summary>
        public StatusCheck? Status { get; }

        /// <summary>Statements before the <c>try</c> (or the send), inside the loop, that run on every attempt and are kept.</summary>
        public List<StatementSyntax> KeptBeforeTry { get; } = new List<StatementSyntax>();

        /// <summary>Statements that ran after a failed attempt (logging) and are kept in the new catch clauses.</summary>
        public List<StatementSyntax> KeptOnFailure { get; } = new List<StatementSyntax>();

        /// <summary>Statements after a try that only sends (its catches go round with <c>continue</c>): the success path, kept after the try.</summary>
        public List<StatementSyntax> SuccessAfterTry { get; } = new List<StatementSyntax>();

        /// <summary>
        /// When more than one retrying catch does its own work (logs its own message), each catch with its statements: the
        /// rewrite then keeps each catch's type, narrowed by the family's retry decision, instead of generating the family's catches.
        /// </summary>
        public List<(CatchClauseSyntax Clause, List<StatementSyntax> Kept)> KeptByCatch { get; } = new List<(CatchClauseSyntax, List<StatementSyntax>)>();

        /// <summary>
        /// The user's budget step the old <c>while</c> condition made before each attempt (<c>retries--</c> of
        /// <c>while (retries-- &gt; 0)</c>), when that budget stays the user's data: the new loop makes it first thing in each attempt.
        /// </summary>
        public string? StepBeforeAttempt { get; private set; }

        /// <summary>
        /// Conditions of the old loop that are the user's own reason to stop (<c>sw.Elapsed &lt; Budget</c>, <c>_attempt &lt; MaxAttempts</c>
        /// on a field): they stay, in the new loop's header when it runs out into the user's ending, else in the retry filter.
        /// </summary>
        public List<ExpressionSyntax> UserConditions { get; } = new List<ExpressionSyntax>();

        /// <summary>Whether the old loop was a do loop: its condition was not checked before the first attempt.</summary>
        public bool IsDoLoop => Loop is DoStatementSyntax;

        /// <summary>
        /// What a recursive retry's call did to a budget parameter that stays the user's (<c>retriesLeft--;</c> for
        /// <c>AskAsync(history, retriesLeft - 1)</c>): the new loop does it after each wait.
        /// </summary>
        public string? StepOnRetry { get; set; }

        /// <summary>A count the old for header declared and stepped that kept code reads (<c>remaining = 3</c>, <c>remaining--</c>): the new header keeps it.</summary>
        public (string Declarator, string Step)? HeaderCompanion { get; private set; }

        /// <summary>The literal start values of count-down budgets that kept code reads (<c>int retries = 3;</c>): set to max_attempts.</summary>
        public List<ExpressionSyntax> BudgetStarts { get; } = new List<ExpressionSyntax>();

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

        /// <summary>Comments of removed statements that opened a retrying catch: they open the first new catch clause.</summary>
        public List<SyntaxTrivia> LeadingInnerComments { get; } = new List<SyntaxTrivia>();

        /// <summary>Comments in the old loop header (<c>while (true) // keep trying</c>): they stay on the new header line.</summary>
        public List<SyntaxTrivia> HeaderComments { get; } = new List<SyntaxTrivia>();

        /// <summary>Comments of removed statements before the loop: they move above the new loop.</summary>
        public List<SyntaxTrivia> OuterComments { get; } = new List<SyntaxTrivia>();

        /// <summary>Statements outside the loop that only served the old retry machinery (counter declarations, placeholder returns).</summary>
        public List<StatementSyntax> RemovedOutside { get; } = new List<StatementSyntax>();

        /// <summary>Statements of a goto retry between the label and the try (of a recursive method, before the try), moved into the loop.</summary>
        public List<StatementSyntax> MovedIntoLoop { get; } = new List<StatementSyntax>();

        /// <summary>Machinery statements inside the loop that the rewrite drops.</summary>
        public List<SyntaxNode> RemovedInside { get; } = new List<SyntaxNode>();

        /// <summary><c>success = true;</c> at the end of the try block, when a flag ends the loop: becomes <c>break;</c> (or gets one after it).</summary>
        public ExpressionStatementSyntax? SuccessFlagAssignment { get; private set; }

        /// <summary>Whether the flag is still read after the loop, so its assignment stays and a <c>break;</c> follows it.</summary>
        public bool KeepSuccessFlag { get; private set; }

        /// <summary>Names of locals the rewrite removes; the new counter may reuse one of them.</summary>
        public HashSet<string> RemovedLocalNames { get; } = new HashSet<string>();

        /// <summary>
        /// Whether the code after the loop stays: the user's own ending for when every attempt failed (<c>throw new
        /// GatewayException("gave up", last)</c>, a fallback answer). The new loop then runs out after max_attempts and
        /// falls through to it, instead of letting the last failure propagate from the final attempt.
        /// </summary>
        public bool KeepsCodeAfterLoop { get; private set; }

        /// <summary>
        /// The retrying catch's own ending for the last attempt, <c>if (attempt == max) { Log(ex); throw new GatewayException(…, ex); }</c>
        /// (or <c>…; return null;</c>): kept, with its condition asking for the last of max_attempts and a placeholder return turned
        /// into <c>throw;</c>, so the user's logging and exception survive and the last failure is never hidden.
        /// </summary>
        public IfStatementSyntax? GiveUp { get; private set; }

        /// <summary>
        /// The give-up branch only logs before it breaks out (to a placeholder after the loop): its break becomes <c>throw;</c>. A
        /// branch that also records the failure (<c>stopBatch = true; break;</c>) keeps its break: the code after the loop handles it.
        /// </summary>
        public bool GiveUpBreakKept { get; private set; }

        /// <summary>Calls and fallbacks after a loop that gave up quietly (<c>Log("giving up")</c>): they run in the catch of the last attempt, before its failure propagates.</summary>
        public List<StatementSyntax> LoggedOnGiveUp { get; } = new List<StatementSyntax>();

        /// <summary>
        /// The user's named constant bound (<c>attempt &lt; MaxAttempts</c> from 0, <c>attempt &lt;= MaxAttempts</c> from 1) and its value,
        /// when it counts attempts and code that stays reads it (<c>Log($"attempt {attempt}/{MaxAttempts}")</c>): the new loop then
        /// counts to it, if it is within max_attempts, so what the code says stays true. A bound the caller passes (a parameter,
        /// value -1) is always kept: the caller chose it.
        /// </summary>
        public (string Name, int Value)? UserBound { get; private set; }

        /// <summary>
        /// Conditions of the retrying catch's filter that stay in the new filter, after the generated decision: those that declare
        /// what kept code reads (<c>ex.StatusCode is { } status</c> for a log of <c>status</c>), and the user's own budget
        /// (<c>retriesLeft &gt; 0</c>, <c>tries++ &lt; 5</c>).
        /// </summary>
        public List<ExpressionSyntax> KeptFilterConditions { get; } = new List<ExpressionSyntax>();

        /// <summary>
        /// The response a try block checks with <c>if (response.IsSuccessStatusCode) return …;</c> and then falls out of: its
        /// end is a failing status, where the rewrite records the response and calls <c>EnsureSuccessStatusCode()</c>.
        /// </summary>
        public string? FailingStatusAtTryEnd { get; private set; }

        /// <summary>
        /// <c>if (!response.IsSuccessStatusCode) { Log(…); await Task.Delay(…); continue; }</c> inside the try: the branch keeps its
        /// logging, and its wait and <c>continue</c> give way to <c>EnsureSuccessStatusCode()</c>, so the generated catches decide.
        /// </summary>
        public (BlockSyntax Branch, string Response)? FailingStatusBranch { get; private set; }

        /// <summary>Whether the loop's try block must be indented one level deeper (a goto retry or a recursive method gains a loop).</summary>
        public bool NeedsIndent { get; private set; }

        /// <summary>The user's attempt counter, reused (same name, same numbers) because kept code reads it or it is a recursive
        /// method's budget parameter; null when the rewrite declares its own.</summary>
        public string? CounterName { get; private set; }

        /// <summary>The counter's value during the first attempt: 0 or 1.</summary>
        public int CounterBase { get; private set; } = 1;

        /// <summary>Whether the counter's declaration stays where it is (read after the loop, or a parameter): the new loop only increments it.</summary>
        public bool KeepCounterDeclaration { get; private set; }

        /// <summary>The anatomy of the loop, or null with the reason no rewrite is offered.</summary>
        public static RetryLoopAnatomy? Analyze(SemanticModel model, SyntaxNode loopNode, CancellationToken cancellationToken, out string? failure)
        {
            var analyzer = new Analyzer(model, cancellationToken, null);
            var result = analyzer.Run(loopNode);
            if (result == null && analyzer.KeepAsUserData != null)
            {
                // A counter the new loop cannot take over (read before and after it goes up, or counting down) stays the user's:
                // its declaration and updates are kept, and the new loop counts attempts by itself.
                var second = new Analyzer(model, cancellationToken, analyzer.KeepAsUserData);
                var retried = second.Run(loopNode);
                if (retried != null)
                {
                    failure = null;
                    return retried;
                }
            }

            failure = result == null ? analyzer.Failure : null;
            return result;
        }

        /// <summary>The statements the loop is one of: a block's, or a top-level program's.</summary>
        private sealed class StatementScope
        {
            public StatementScope(SyntaxNode node, IEnumerable<StatementSyntax> statements)
            {
                Node = node;
                Statements = statements.ToList();
            }

            /// <summary>The block, or the compilation unit of a top-level program.</summary>
            public SyntaxNode Node { get; }

            public List<StatementSyntax> Statements { get; }

            public static StatementScope? Of(StatementSyntax statement)
                => statement.Parent is BlockSyntax block ? new StatementScope(block, block.Statements)
                    : statement.Parent is GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }
                        ? new StatementScope(unit, unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement))
                        : null;

            public IEnumerable<SyntaxNode> DescendantNodes() => Node.DescendantNodes();
        }

        private sealed partial class Analyzer
        {
            private readonly SemanticModel _model;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _candidates = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly List<SyntaxNode> _removed = new List<SyntaxNode>();
            private readonly List<StatementSyntax> _moved = new List<StatementSyntax>();
            private StatementSyntax _loop = null!;
            private LabeledStatementSyntax? _label;
            private IMethodSymbol? _function;
            private StatusCheck? _status;
            private IfStatementSyntax? _giveUp;
            private ExpressionSyntax? _condition;
            private SyntaxNode? _failingContinue; // the failing-status branch's continue: the rewrite replaces it
            private readonly ISymbol? _userData;
            /// <summary>Control code the generated decision takes over: a catch's rethrow branch and condition, a status switch's break.</summary>
            private readonly List<SyntaxNode> _replacedByDecision = new List<SyntaxNode>();
            private readonly List<StatementSyntax> _tryLead = new List<StatementSyntax>();

            public Analyzer(SemanticModel model, CancellationToken cancellationToken, ISymbol? userData)
            {
                _model = model;
                _cancellationToken = cancellationToken;
                _userData = userData;
            }

            /// <summary>Set when the rewrite failed only because kept code reads a counter it cannot take over.</summary>
            public ISymbol? KeepAsUserData { get; private set; }

            public string? Failure { get; private set; }

            private RetryLoopAnatomy? Fail(string reason)
            {
                Failure = reason;
                return null;
            }

            public RetryLoopAnatomy? Run(SyntaxNode loopNode)
            {
                if (loopNode is CommonForEachStatementSyntax && RangeStart(loopNode) == null)
                {
                    return Fail("a foreach that is not a failover (a schedule of delays, say) is not rewritten");
                }

                StatementScope? outerBlock;
                StatementSyntax? loop;
                if (loopNode is MethodDeclarationSyntax || loopNode is LocalFunctionStatementSyntax)
                {
                    var body = (loopNode as MethodDeclarationSyntax)?.Body ?? (loopNode as LocalFunctionStatementSyntax)?.Body;
                    outerBlock = body == null ? null : new StatementScope(body, body.Statements);
                    _function = _model.GetDeclaredSymbol(loopNode, _cancellationToken) as IMethodSymbol;
                    loop = outerBlock?.Statements.FirstOrDefault();
                    if (outerBlock == null || loop == null || _function == null)
                    {
                        return Fail("the recursive method has no statement body");
                    }
                }
                else
                {
                    loop = loopNode as StatementSyntax;
                    outerBlock = loop == null ? null : StatementScope.Of(loop);
                    if (loop == null || outerBlock == null)
                    {
                        return Fail("the loop is not a statement of a block");
                    }
                }

                _loop = loop;
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
                    case StatementSyntax _ when _function != null:
                        // The try ends the function, or only its catches reach what follows it (a wait and the recursive call).
                        var retried = outerBlock.Statements.OfType<TryStatementSyntax>().FirstOrDefault();
                        regionEnd = outerBlock.Statements.IndexOf(retried);
                        if (regionEnd < 0 || (regionEnd != outerBlock.Statements.Count - 1
                            && (!(_model.AnalyzeControlFlow(retried!.Block) is ControlFlowAnalysis returns) || !returns.Succeeded || returns.EndPointIsReachable)))
                        {
                            return Fail(regionEnd < 0 ? "recursive retries are rewritten only around a try statement" : "code follows the retried try statement");
                        }

                        regionEnd = outerBlock.Statements.Count - 1;

                        bodyStatements.AddRange(outerBlock.Statements);
                        _moved.AddRange(outerBlock.Statements.Skip(1));
                        break;
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
                                _candidates.Add(_model.GetDeclaredSymbol(variable, _cancellationToken)!);
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
                    case ForEachStatementSyntax counted:
                        // foreach (var attempt in Enumerable.Range(1, 3)) counts attempts like a for loop.
                        _candidates.Add(_model.GetDeclaredSymbol(counted, _cancellationToken)!);
                        AddBody(counted.Statement, bodyStatements);
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
                            _moved.Add(outerBlock.Statements[i]);
                        }

                        break;
                    default:
                        return Fail("not a loop");
                }

                if (bodyStatements.Count == 0)
                {
                    return Fail("the loop body is not a block");
                }

                if (_moved.Any(s => s.ContainsDirectives))
                {
                    return Fail("preprocessor directives inside the loop");
                }

                _condition = condition;
                var conjuncts = condition == null ? new List<ExpressionSyntax>() : SplitAnd(condition);
                var loopStart = _label != null ? outerBlock.Statements.IndexOf(_label) : _function != null ? 0 : outerBlock.Statements.IndexOf(loop);

                // 2. The attempt: a try statement, or a send whose response's status decides (and no try). Around it: the
                //    statements before it, the failure paths (retrying catches, or the failing branch of the status check),
                //    statements after it, and the success path that leaves the loop.
                var tries = bodyStatements.OfType<TryStatementSyntax>().ToList();
                if (tries.Count > 1)
                {
                    return Fail("more than one try statement in the loop");
                }

                RetryLoopAnatomy anatomy;
                List<StatementSyntax> before;
                var after = new List<StatementSyntax>();
                var failurePaths = new List<(CatchClauseSyntax? Clause, List<StatementSyntax> Statements)>();
                var attempt = new List<SyntaxNode>();
                var between = new List<StatementSyntax>();
                var tryEndReachable = false;
                TryStatementSyntax? tryStatement = null;
                if (tries.Count == 1)
                {
                    tryStatement = tries[0];
                    if (tryStatement.Catches.Count == 0)
                    {
                        return Fail("the try statement has no catch");
                    }

                    anatomy = new RetryLoopAnatomy(loop, tryStatement, null) { NeedsIndent = _label != null || _function != null };
                    var tryIndex = bodyStatements.IndexOf(tryStatement);
                    before = bodyStatements.Take(tryIndex).ToList();
                    after = bodyStatements.Skip(tryIndex + 1).ToList();
                    attempt.Add(tryStatement.Block);
                    foreach (var catchClause in tryStatement.Catches)
                    {
                        if (IsRetrying(catchClause))
                        {
                            anatomy.RetryingCatches.Add(catchClause);
                            failurePaths.Add((catchClause, UnwrapRethrowBranches(catchClause.Block.Statements)));
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

                    attempt.AddRange(anatomy.TerminalCatchesBefore.Concat(anatomy.TerminalCatchesAfter));
                    if (anatomy.RetryingCatches.Count == 0)
                    {
                        return Fail("no catch clause retries");
                    }

                    tryEndReachable = _model.AnalyzeControlFlow(tryStatement.Block) is ControlFlowAnalysis flow && flow.Succeeded && flow.EndPointIsReachable;
                    anatomy.FailingStatusBranch = FailingStatusBranch(tryStatement);
                    _failingContinue = anatomy.FailingStatusBranch?.Branch.Statements.Last();

                    // try { response = await http.SendAsync(…); } catch (…) { …; continue; } …success…: the statements after the
                    // try are the success path (every retrying catch goes round before reaching them), kept as they are.
                    if (tryEndReachable && _label == null && _function == null && after.Count > 0
                        && anatomy.RetryingCatches.All(c => _model.AnalyzeControlFlow(c.Block) is ControlFlowAnalysis goesRound && goesRound.Succeeded && !goesRound.EndPointIsReachable)
                        && _model.AnalyzeControlFlow(after[0], after[after.Count - 1]) is ControlFlowAnalysis leaves && leaves.Succeeded && !leaves.EndPointIsReachable)
                    {
                        anatomy.SuccessAfterTry.AddRange(after);
                        attempt.AddRange(after);
                        after.Clear();
                        tryEndReachable = false;
                    }

                    if (_function != null && !anatomy.RetryingCatches.Any(c => DescendantsInFunction(c.Block).Any(IsRetryJump))
                        && !after.Any(a => DescendantsInFunction(a).Append(a).Any(IsRetryJump)))
                    {
                        return Fail("the recursive call ends neither a catch clause nor the function");
                    }
                }
                else
                {
                    if (_label != null || _function != null)
                    {
                        return Fail("status-check retries are rewritten only in loops");
                    }

                    _status = FindStatusCheck(bodyStatements, conjuncts, out before, out between, out var failureStatements, out var success);
                    if (_status == null)
                    {
                        return null;
                    }

                    anatomy = new RetryLoopAnatomy(loop, null, _status);
                    _candidates.Remove(_status.Response); // the response is the attempt's, whatever kept code reads of it
                    failurePaths.Add((null, failureStatements));
                    attempt.Add(_status.InUsingBlock ? _status.Call : _status.Send);
                    attempt.AddRange(success);
                }

                // 3. Bookkeeping candidates: locals declared before the loop in the same block and only used by the loop
                //    and what follows it, plus locals declared at the top level of the loop body or a catch body, plus the
                //    budget parameter of a recursive retry. An attempt counter stays a candidate even when the attempt reads it.
                var declarationsBefore = new List<LocalDeclarationStatementSyntax>();
                for (var i = 0; i < loopStart; i++)
                {
                    if (outerBlock.Statements[i] is LocalDeclarationStatementSyntax declaration && !declaration.IsConst
                        && declaration.Declaration.Variables.All(v => OnlyUsedFrom(v, outerBlock, loopStart)
                            && (!IsUsedBySuccessPath(v, attempt, tryStatement) || IsCountUp(_model.GetDeclaredSymbol(v, _cancellationToken)!))))
                    {
                        declarationsBefore.Add(declaration);
                        foreach (var variable in declaration.Declaration.Variables)
                        {
                            _candidates.Add(_model.GetDeclaredSymbol(variable, _cancellationToken)!);
                        }
                    }
                }

                if (_userData != null)
                {
                    _candidates.Remove(_userData);
                }

                var budget = _function == null ? null : RecursionBudget(anatomy);
                if (_function != null && Failure != null)
                {
                    return null;
                }

                if (budget != null)
                {
                    _candidates.Add(budget);
                }

                // Locals declared after a failure (on a failure path, or after the try) are machinery unless kept code reads them.
                var failureLocals = after.Concat(failurePaths.SelectMany(c => c.Statements))
                    .SelectMany(st => DescendantsInFunction(st).Append(st)) // also in a block: if (attempt < max) { var delay = …; await Task.Delay(delay); }
                    .OfType<LocalDeclarationStatementSyntax>()
                    .SelectMany(d => d.Declaration.Variables)
                    .Select(v => _model.GetDeclaredSymbol(v, _cancellationToken)!)
                    .ToList();
                _candidates.UnionWith(failureLocals);

                // 4. The success flag, if the loop condition reads one.
                ILocalSymbol? flag = null;
                foreach (var conjunct in conjuncts)
                {
                    if (NegatedLocal(conjunct) is ILocalSymbol negated && _candidates.Contains(negated) && negated.Type.SpecialType == SpecialType.System_Boolean)
                    {
                        flag = negated;
                    }
                }

                // for (…; reply is null; …) { try { reply = await …; } catch … }: the result's own assignment is the success; it stays,
                // and the new loop breaks out after the try block's last statement.
                var resultCheck = flag == null ? conjuncts.FirstOrDefault(c => ResultSet(c, tryStatement) != null) : null;
                if (resultCheck != null)
                {
                    anatomy.SuccessFlagAssignment = ResultSet(resultCheck, tryStatement);
                    anatomy.KeepSuccessFlag = true;
                    tryEndReachable = false;
                }
                else if (flag != null)
                {
                    // success = true; then perhaps a log line: the new loop breaks out after the try block's last statement.
                    var set = FlagSet(tryStatement, flag);
                    var trailing = set == null ? null : tryStatement!.Block.Statements.SkipWhile(st => st != set).Skip(1).ToList();
                    if (set == null || trailing!.Any(t => ContainsControlTransfer(t, allowBreakToLoop: false) || ContainsWait(t)))
                    {
                        return Fail("the success flag is not set at the end of the try block");
                    }

                    anatomy.SuccessFlagAssignment = set;
                }
                else if (tryEndReachable)
                {
                    // try { var response = await http.PostAsync(…); if (response.IsSuccessStatusCode) return …; Log(…); } catch …: the
                    // end of the try is a failing status; the rewrite makes it throw there, as EnsureSuccessStatusCode() would.
                    anatomy.FailingStatusAtTryEnd = FallThroughStatusResponse(tryStatement!);
                    if (anatomy.FailingStatusAtTryEnd == null)
                    {
                        return Fail("the success path does not leave the loop");
                    }

                    tryEndReachable = false;
                }

                // The loop condition: only bounds, the success flag, `true`, the caller's cancellation (and a do loop's status check).
                foreach (var conjunct in conjuncts)
                {
                    if (conjunct.IsKind(SyntaxKind.TrueLiteralExpression) || IsCancellationCheck(conjunct)
                        || (_status != null && _status.BreakOnSuccess && IsStatusCheck(conjunct) == false))
                    {
                        continue;
                    }

                    if ((NegatedLocal(conjunct) is ILocalSymbol negated && SymbolEqualityComparer.Default.Equals(negated, flag)) || conjunct == resultCheck)
                    {
                        continue;
                    }

                    if (_userData != null && References(conjunct, _userData) && !ContainsSideEffects(conjunct))
                    {
                        continue; // the user's own count bounded the old loop; the new one counts by itself
                    }

                    if (_userData != null && conjunct == conjuncts[0] && ConditionStep(conjunct) is { } step
                        && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(step.Operand, _cancellationToken).Symbol, _userData))
                    {
                        anatomy.StepBeforeAttempt = step.Step + ";"; // the count still changes once per attempt
                        continue;
                    }

                    if (!IsBoundCondition(conjunct))
                    {
                        if (ContainsSideEffects(conjunct) || ReadCandidates(new[] { conjunct }).Any(IsCountUp))
                        {
                            return Fail("the loop condition does more than bound the attempts");
                        }

                        // The user's own reason to stop (a deadline, a field's count): it still decides whether another attempt is made.
                        anatomy.UserConditions.Add(conjunct);
                        _candidates.ExceptWith(ReadCandidates(new[] { conjunct }).ToList());
                    }
                }

                if (_userData is ILocalSymbol companion && HeaderCount(companion) is { } countdown)
                {
                    anatomy.HeaderCompanion = (countdown.Declarator, countdown.Step);
                    headerParts.Remove(countdown.Incrementor);
                }

                foreach (var part in headerParts)
                {
                    if (!IsBookkeepingExpression(part as ExpressionSyntax))
                    {
                        return Fail("the for header does more than count attempts");
                    }
                }

                // The ending after the loop: placeholders go (the last failure propagates instead), dead code goes, and the
                // user's own ending for when every attempt failed (a throw, a real fallback) stays, reached when the new
                // loop runs out. What that ending reads (the last exception, say) is then the user's data, not machinery.
                var newLoopCompletes = flag != null || resultCheck != null || attempt.Any(a => ContainsLoopJump(a, continueOnly: false)) || (_status != null && _status.BreakOnSuccess);
                var deadAfterLoop = !newLoopCompletes && NeverExhausted(conjuncts, failurePaths);
                var tail = outerBlock.Statements.Skip(regionEnd + 1).Where(t => !(t is LocalFunctionStatementSyntax)).ToList();

                // if (reply == null) { _history.RemoveAt(…); return "Sorry…"; } after a loop that leaves on success: the ending for when every
                // attempt failed. Its work runs in the last attempt's catch, and then the failure propagates instead of the placeholder.
                if ((flag != null || resultCheck != null) && _status == null && tail.FirstOrDefault() is IfStatementSyntax noResult
                    && NoResultEnding(noResult, resultCheck != null ? null : flag, anatomy.SuccessFlagAssignment, tryStatement) is { } giveUpWork)
                {
                    anatomy.LoggedOnGiveUp.AddRange(giveUpWork);
                    anatomy.RemovedOutside.Add(noResult);
                    tail.RemoveAt(0);
                }
                var inEventHandler = _model.GetEnclosingSymbol(loop.SpanStart, _cancellationToken) is IMethodSymbol enclosing
                    && ToRouter.Analyzers.Model.RetryLoopBuilder.IsEventHandler(enclosing);
                if (!newLoopCompletes && !deadAfterLoop && _label == null && _function == null && tail.Count > 0 && !tail.All(IsPlaceholderTail)
                    && (tail[tail.Count - 1] is ThrowStatementSyntax { Expression: { } } || (tail[tail.Count - 1] is ReturnStatementSyntax { Expression: { } } ending && !IsPlaceholderReturn(ending))
                        || (inEventHandler && !tail.Any(t => ContainsControlTransfer(t, allowBreakToLoop: false)))))
                {
                    anatomy.KeepsCodeAfterLoop = true;
                    _candidates.ExceptWith(ReadCandidates(tail).Where(c => !IsCountUp(c)).ToList());
                }
                else if (!newLoopCompletes && !deadAfterLoop && _label == null && _function == null && _status == null && tail.Any(IsGiveUpStatement)
                    && tail.Take(tail.Count - 1).All(IsGiveUpStatement) && (IsGiveUpStatement(tail[tail.Count - 1]) || IsPlaceholderTail(tail[tail.Count - 1]))
                    && !ReadCandidates(tail).Any(IsCountUp))
                {
                    // Console.Error.WriteLine("giving up: " + last?.Message); [return null;] after the loop: the logging runs when the
                    // last attempt fails, and then the failure propagates instead of the work silently not being done.
                    anatomy.LoggedOnGiveUp.AddRange(tail.Where(IsGiveUpStatement));
                    _candidates.ExceptWith(ReadCandidates(tail).ToList());
                }

                if (anatomy.UserConditions.Count > 0 && _status != null && !anatomy.KeepsCodeAfterLoop)
                {
                    return Fail("the loop condition does more than bound the attempts");
                }

                // 5. Inside the loop: machinery is removed, the rest is kept. A failure-path local that kept code
                //    reads is kept code too, which can make more statements kept: repeat until nothing changes.
                List<(CatchClauseSyntax? Clause, StatementSyntax Statement)> kept;
                while (true)
                {
                    _removed.Clear();
                    _removed.AddRange(_replacedByDecision);

                    // The failing-status branch inside the try: its continue and its waits give way to the generated decision.
                    if (anatomy.FailingStatusBranch is { } failingBranch)
                    {
                        foreach (var statement in failingBranch.Branch.Statements)
                        {
                            if (statement is ContinueStatementSyntax || (IsMachinery(statement) && ContainsWait(statement)))
                            {
                                _removed.Add(statement);
                            }
                        }
                    }

                    // try { tries++; if (attempt > 0) Thread.Sleep(interval); return action(); }: counting and waiting before the
                    // attempt is the old machinery (and runs before each attempt, like the statements before the try).
                    _tryLead.Clear();
                    foreach (var statement in tryStatement?.Block.Statements ?? default)
                    {
                        if (!IsMachinery(statement) || statement is ReturnStatementSyntax || statement is ThrowStatementSyntax)
                        {
                            break;
                        }

                        _removed.Add(statement);
                        _tryLead.Add(statement);
                    }

                    _giveUp = null;
                    kept = new List<(CatchClauseSyntax? Clause, StatementSyntax Statement)>();
                    foreach (var statement in before.Concat(between))
                    {
                        Classify(statement, null, kept);
                    }

                    foreach (var (clause, statements) in failurePaths)
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

                    // A count-down budget or a growing delay that kept code reports (Log("retries left: " + retries)) is the
                    // user's number: its declaration and its update stay; the new loop keeps its own count and delay.
                    var readByKept = failureLocals.Concat(declarationsBefore.SelectMany(d => d.Declaration.Variables).Select(v => _model.GetDeclaredSymbol(v, _cancellationToken)!)
                            .Where(b => Writes(b) is { Count: 1 } writes && !IsCountUp(b) && writes[0].Parent?.Parent is ExpressionStatementSyntax))
                        .Where(l => _candidates.Contains(l) && kept.Any(k => References(k.Statement, l))).ToList();
                    if (readByKept.Count == 0)
                    {
                        break;
                    }

                    _candidates.ExceptWith(readByKept);
                }

                // A kept count-down budget counted the attempts the old loop made; it now counts max_attempts of them.
                foreach (var declaration in declarationsBefore)
                {
                    foreach (var variable in declaration.Declaration.Variables)
                    {
                        if (!_candidates.Contains(_model.GetDeclaredSymbol(variable, _cancellationToken)!) && variable.Initializer?.Value is LiteralExpressionSyntax start
                            && start.IsKind(SyntaxKind.NumericLiteralExpression) && conjuncts.Any(c => References(c, _model.GetDeclaredSymbol(variable, _cancellationToken)!)))
                        {
                            anatomy.BudgetStarts.Add(start);
                        }
                    }
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
                    else if (_status == null)
                    {
                        anatomy.KeptOnFailure.Add(statement);
                    }
                }

                var keptFromCatches = kept.Where(k => k.Clause != null).ToList();
                if (keptFromCatches.Select(k => k.Clause).Distinct().Count() > 1)
                {
                    // catch (RateLimitException) { Log("rate limited"); … } catch (OverloadedException) { Log("overloaded"); … }:
                    // each keeps its own type and work, one exception name for all.
                    if (anatomy.RetryingCatches.Select(c => c.Declaration?.Identifier.ValueText ?? "").Where(n => n.Length > 0).Distinct().Count() > 1
                        || anatomy.RetryingCatches.Any(c => c.Declaration == null) || _giveUp != null)
                    {
                        return Fail("more than one retrying catch does its own work on failure");
                    }

                    foreach (var clause in anatomy.RetryingCatches)
                    {
                        anatomy.KeptByCatch.Add((clause, keptFromCatches.Where(k => k.Clause == clause).Select(k => k.Statement).ToList()));
                    }
                }

                var catchWithKept = keptFromCatches.Select(k => k.Clause).FirstOrDefault();
                if (catchWithKept == null && anatomy.KeptOnFailure.Count > 0 && anatomy.RetryingCatches.Count == 1)
                {
                    catchWithKept = anatomy.RetryingCatches[0];
                }

                var caughtName = catchWithKept?.Declaration?.Identifier.ValueText;
                if (!string.IsNullOrEmpty(caughtName) && anatomy.KeptOnFailure.Any(s => s.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == caughtName)))
                {
                    anatomy.CatchIdentifier = caughtName;
                }

                // 6. Kept code must not jump or wait; the attempt must not leave the loop but by returning (or breaking out of it).
                anatomy.GiveUp = _giveUp;
                if (_giveUp?.Statement is BlockSyntax giveUpBody && giveUpBody.Statements.LastOrDefault() is BreakStatementSyntax)
                {
                    // Only logging before the break: the placeholder after the loop is what it gave up to.
                    anatomy.GiveUpBreakKept = !giveUpBody.Statements.Take(giveUpBody.Statements.Count - 1)
                        .All(st => st is ExpressionStatementSyntax { Expression: var call } && (call is InvocationExpressionSyntax || call is AwaitExpressionSyntax));
                }
                else if (_giveUp?.Statement is BreakStatementSyntax)
                {
                    anatomy.GiveUpBreakKept = true; // if (attempt == max) break; says nothing of what the code after the loop does with it
                }
                foreach (var clause in anatomy.RetryingCatches.Where(c => c.Filter != null))
                {
                    foreach (var conjunct in SplitAnd(clause.Filter!.FilterExpression))
                    {
                        if (_userData != null && References(conjunct, _userData)
                            && (!ContainsSideEffects(conjunct) || (CountingComparison(conjunct) is { } step && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(step.Operand, _cancellationToken).Symbol, _userData))))
                        {
                            anatomy.KeptFilterConditions.Add(conjunct); // the user's own budget (retriesLeft > 0, tries++ < 5) still bounds the retries
                            continue;
                        }

                        var declared = conjunct.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText).ToList();
                        if (declared.Count > 0 && kept.Any(k => k.Statement.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => declared.Contains(id.Identifier.ValueText))))
                        {
                            anatomy.KeptFilterConditions.Add(conjunct);
                        }
                    }
                }

                foreach (var (clause, statement) in kept)
                {
                    // The user's own terminal decisions (if (body.Contains("TEAM_BUDGET_SPENT")) throw new …; if (!ShouldRetry(ex)) throw;)
                    // stay as they are: they only stop retrying sooner.
                    if (statement == _giveUp || ContainsControlTransfer(statement, allowBreakToLoop: false, allowThrow: true))
                    {
                        if (statement != _giveUp)
                        {
                            return Fail("kept code jumps or waits");
                        }

                        continue;
                    }

                    // if (ex.Status == 429) { Log(…); Thread.Sleep(60_000); } else { Log(…); Thread.Sleep(1000); } in a catch: the branches
                    // keep their logging, their waits go (the generated wait follows).
                    var branchWaits = clause != null && statement is IfStatementSyntax ? BranchWaits(statement) : null;
                    if (branchWaits != null)
                    {
                        _removed.AddRange(branchWaits);
                    }
                    else if (ContainsWait(statement))
                    {
                        return Fail("kept code jumps or waits");
                    }
                }

                if (attempt.Any(a => ContainsLoopJump(a, continueOnly: _label == null)))
                {
                    return Fail("the attempt continues the loop or jumps out of it");
                }

                // 7. After the loop: with no way out but success (return, or break with a flag) the statements that
                //    follow are unreachable, so they must be placeholders (return null, throw the last failure).
                var readAfterLoop = new List<ISymbol>();
                for (var i = regionEnd + 1; i < outerBlock.Statements.Count; i++)
                {
                    var statement = outerBlock.Statements[i];
                    if (statement is LocalFunctionStatementSyntax)
                    {
                        continue;
                    }

                    // The success flag may be read after the loop (if (!success) throw …): it stays, set before the break.
                    var readsMachinery = ReadCandidates(new[] { statement }).Where(r => !SymbolEqualityComparer.Default.Equals(r, flag)).ToList();
                    if (anatomy.LoggedOnGiveUp.Contains(statement))
                    {
                        anatomy.RemovedOutside.Add(statement);
                        continue;
                    }

                    if (anatomy.RemovedOutside.Contains(statement))
                    {
                        continue; // the give-up ending, moved into the last attempt's catch
                    }

                    if (anatomy.KeepsCodeAfterLoop)
                    {
                        readAfterLoop.AddRange(readsMachinery);
                        continue;
                    }

                    if (newLoopCompletes && (readsMachinery.Count == 0 || (readsMachinery.Count == 1 && IsCountUp(readsMachinery[0]))))
                    {
                        readAfterLoop.AddRange(readsMachinery);
                        continue;
                    }

                    if (!deadAfterLoop && !IsPlaceholderTail(statement))
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

                // 8. The attempt counter: when kept code reads it (or it is a recursive method's budget), the new loop
                //    counts with it, in the numbers the user's code saw.
                var readInLoop = ReadCandidates(kept.Select(k => k.Statement).Concat(attempt)).ToList();
                var counter = readInLoop.Concat(readAfterLoop).Append(budget).OfType<ISymbol>().Distinct<ISymbol>(SymbolEqualityComparer.Default)
                    .Where(c => !(c is ILocalSymbol local) || local.Type.SpecialType == SpecialType.System_Int32 || local.Type.SpecialType == SpecialType.System_Int64)
                    .ToList(); // a content or request local the attempt reads is not a count

                // A bound the loop only reads (var totalAttempts = _settings.MaxRetries + 1;) is the user's number, not a count.
                foreach (var bound in counter.Where(c => c is ILocalSymbol { Type: { SpecialType: SpecialType.System_Int32 } } && Writes(c).Count == 0 && !IsCountUp(c)).ToList())
                {
                    counter.Remove(bound);
                    _candidates.Remove(bound);
                }

                if (counter.Count > 1)
                {
                    return Fail("kept code uses the retry machinery");
                }

                if (counter.Count == 1 && !ReuseCounter(anatomy, counter[0], readAfterLoop.Count > 0, before.Concat(_tryLead).ToList(), failurePaths, after, kept.Select(k => k.Statement).Concat(attempt).ToList()))
                {
                    // Worth a second pass with the counter as the user's data when every update of it is a statement of its own
                    // inside the loop body (attempts++; in the catch), so keeping them keeps what it counts.
                    if (_userData == null && counter[0] is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _function))
                    {
                        KeepAsUserData = parameter; // the caller's count: kept, and given the value each recursive call passed
                    }
                    else if (_userData == null && counter[0] is ILocalSymbol local && declarationsBefore.Any(d => d.Declaration.Variables.Any(v => SymbolEqualityComparer.Default.Equals(_model.GetDeclaredSymbol(v, _cancellationToken), local)))
                        && Writes(local).All(w => (w.Parent?.Parent is ExpressionStatementSyntax update && !(update.Parent is ForStatementSyntax) && loop.Span.Contains(update.Span)
                            && !(_condition != null && _condition.Span.Contains(update.Span)))
                            || (conjuncts.Count > 0 && ConditionStep(conjuncts[0]) is { } step && step.Operand == w)
                            || anatomy.RetryingCatches.Any(c => c.Filter != null && SplitAnd(c.Filter.FilterExpression).Any(f => CountingComparison(f) is { } counted && counted.Operand == w))
                            || (w.FirstAncestorOrSelf<IfStatementSyntax>() is { } guard && CountingComparison(guard.Condition) is { } guarded && guarded.Operand == w
                                && anatomy.RetryingCatches.Any(c => c.Block.Statements.Contains(guard))
                                && EndsInThrow(guard.Statement))))
                    {
                        KeepAsUserData = local;
                    }
                    else if (_userData == null && counter[0] is ILocalSymbol headerCount && HeaderCount(headerCount) != null)
                    {
                        KeepAsUserData = headerCount; // for (int remaining = 3; ; remaining--): the new header declares and steps it too
                    }

                    return null;
                }

                // 9. The success flag after the loop.
                if (flag != null)
                {
                    anatomy.KeepSuccessFlag = !OnlyReferencedIn(flag, outerBlock, n =>
                        anatomy.SuccessFlagAssignment!.Span.Contains(n.Span) || condition!.Span.Contains(n.Span) || IsRemoved(n) || IsDeclarationOf(n, flag));
                }

                // 10. Bookkeeping declarations before the loop go away when nothing kept reads them (or the new loop declares them).
                foreach (var declaration in declarationsBefore)
                {
                    var symbols = declaration.Declaration.Variables.Select(v => _model.GetDeclaredSymbol(v, _cancellationToken)!).ToList();
                    if (symbols.Any(s => !_candidates.Contains(s)))
                    {
                        continue; // the user's data after all (the last exception the code after the loop wraps)
                    }

                    if (symbols.Any(s => SymbolEqualityComparer.Default.Equals(s, flag)) && anatomy.KeepSuccessFlag)
                    {
                        continue;
                    }

                    var keptCounter = anatomy.KeepCounterDeclaration ? anatomy.CounterName : null;
                    if (symbols.Any(s => s.Name == keptCounter))
                    {
                        continue;
                    }

                    if (symbols.All(s => s.Name == anatomy.CounterName
                        || OnlyReferencedIn(s, outerBlock, n => IsRemovedOrHeader(n, headerParts, condition, anatomy) || IsDeclarationOf(n, s))))
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

                // A local constant that only the old bound read (const int maxAttempts = 5;) would be left unused.
                for (var i = 0; i < loopStart; i++)
                {
                    if (outerBlock.Statements[i] is LocalDeclarationStatementSyntax constant && constant.IsConst && !HasComments(constant)
                        && constant.Declaration.Variables.All(v => OnlyReferencedIn(_model.GetDeclaredSymbol(v, _cancellationToken)!, outerBlock,
                            n => IsRemovedOrHeader(n, headerParts, condition, anatomy) || v.Identifier.Span.Contains(n.Span))))
                    {
                        anatomy.RemovedOutside.Add(constant);
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

                if (anatomy.CounterName != null)
                {
                    anatomy.RemovedLocalNames.Remove(anatomy.CounterName);
                }

                anatomy.UserBound = NamedBound(conjuncts, outerBlock) ?? CallerBound(failurePaths, before) ?? FilterBound(anatomy.RetryingCatches) ?? SuccessCheckBound() ?? CountdownBound(conjuncts);

                // A bound read from settings held in a local (var o = options.Value; … o.MaxAttempts): that declaration stays.
                var settingsName = anatomy.UserBound?.Name.Split('.')[0];
                if (settingsName != null && anatomy.RemovedOutside.OfType<LocalDeclarationStatementSyntax>()
                    .FirstOrDefault(d => d.Declaration.Variables.Any(v => v.Identifier.ValueText == settingsName)) is { } settings)
                {
                    anatomy.RemovedOutside.Remove(settings);
                    anatomy.OuterComments.RemoveAll(c => settings.FullSpan.Contains(c.Span));
                    anatomy.RemovedLocalNames.Remove(settingsName);
                }

                // 11. Comments in removed code inside the loop move into the new catch clause (or the status check's failure path).
                foreach (var removed in _removed)
                {
                    if (removed.ContainsDirectives)
                    {
                        return Fail("preprocessor directives in the retry machinery");
                    }

                    if (!anatomy.RemovedOutside.Contains(removed))
                    {
                        // A comment that opened a retrying catch (above its removed first statements) still opens it.
                        var opensCatch = removed.Parent is BlockSyntax { Parent: CatchClauseSyntax opened } catchBlock && anatomy.RetryingCatches.Contains(opened)
                            && catchBlock.Statements.TakeWhile(st => st != removed).All(st => _removed.Contains(st));
                        (opensCatch ? anatomy.LeadingInnerComments : anatomy.InnerComments).AddRange(Comments(removed));
                        anatomy.RemovedInside.Add(removed);
                    }
                }

                foreach (var clause in anatomy.RetryingCatches)
                {
                    anatomy.InnerComments.AddRange(CommentsOutside(clause, clause.Block.Statements));
                }

                anatomy.HeaderComments.AddRange(CommentsOfHeader(loop));
                anatomy.MovedIntoLoop.AddRange(_moved);
                if (_status != null)
                {
                    _status.ErrorBody = ErrorBodyRead(_status, anatomy);
                }

                return anatomy;
            }

            private void Classify(StatementSyntax statement, CatchClauseSyntax? clause, List<(CatchClauseSyntax? Clause, StatementSyntax Statement)> kept)
            {
                if (IsMachinery(statement))
                {
                    _removed.Add(statement);
                    return;
                }

                if (clause != null && _giveUp == null && statement is IfStatementSyntax giveUp && IsGiveUp(giveUp))
                {
                    _giveUp = giveUp;
                }

                kept.Add((clause, statement));
            }

            /// <summary>
            /// A catch that classifies by itself, <c>if (ex.Status == 429) { …log…; wait; } else { throw; }</c>: the new filter decides
            /// instead, so the branch that rethrows (and the condition) are machinery and the other branch's statements are the
            /// catch's failure path.
            /// </summary>
            private List<StatementSyntax> UnwrapRethrowBranches(IEnumerable<StatementSyntax> statements)
            {
                var result = new List<StatementSyntax>();
                foreach (var statement in statements)
                {
                    if (statement is IfStatementSyntax branch && branch.Else != null && !ContainsSideEffects(branch.Condition)
                        && (IsRethrow(branch.Else.Statement) != IsRethrow(branch.Statement)))
                    {
                        var (rethrow, retry) = IsRethrow(branch.Else.Statement) ? (branch.Else.Statement, branch.Statement) : (branch.Statement, branch.Else.Statement);
                        _replacedByDecision.Add(branch.Condition);
                        _replacedByDecision.Add(rethrow);
                        result.AddRange(retry is BlockSyntax block ? block.Statements : (IEnumerable<StatementSyntax>)new[] { retry });
                    }
                    else if (statement is SwitchStatementSyntax choice && !ContainsSideEffects(choice.Expression)
                        && choice.Sections.Count(IsBreakingSection) == 1
                        && choice.Sections.All(section => IsBreakingSection(section) || (section.Statements.Count == 1 && IsRethrow(section.Statements[0]))))
                    {
                        // switch (ex.Status) { case 429: case 503: …; break; default: throw; }: the section that goes round stays.
                        var retry = choice.Sections.Single(IsBreakingSection);
                        _replacedByDecision.Add(choice.Expression);
                        _replacedByDecision.AddRange(choice.Sections.Where(section => section != retry).SelectMany(section => section.Statements));
                        _replacedByDecision.Add(retry.Statements.Last());
                        var kept = retry.Statements.Take(retry.Statements.Count - 1).ToList();
                        result.AddRange(kept.Count == 1 && kept[0] is BlockSyntax block ? block.Statements : (IEnumerable<StatementSyntax>)kept);
                    }
                    else
                    {
                        result.Add(statement);
                    }
                }

                return result;
            }

            /// <summary>A switch section that ends in its only break (and so goes on after the switch).</summary>
            private static bool IsBreakingSection(SwitchSectionSyntax section)
                => section.Statements.LastOrDefault() is BreakStatementSyntax
                    && section.Statements.Take(section.Statements.Count - 1).All(st => !st.DescendantNodesAndSelf().Any(n => n is BreakStatementSyntax || n is ContinueStatementSyntax || n is GotoStatementSyntax));

            private static bool IsRethrow(StatementSyntax statement)
                => statement is ThrowStatementSyntax { Expression: null } || (statement is BlockSyntax { Statements: { Count: 1 } only } && IsRethrow(only[0]));

            /// <summary>The named constant the loop condition counts attempts up to, when code that stays reads it too.</summary>
            private (string Name, int Value)? NamedBound(List<ExpressionSyntax> conjuncts, StatementScope outerBlock)
            {
                foreach (var conjunct in conjuncts)
                {
                    if (Unparenthesize(conjunct) is BinaryExpressionSyntax comparison && comparison.Left is IdentifierNameSyntax counterName
                        && comparison.Right is IdentifierNameSyntax boundName
                        && _model.GetSymbolInfo(counterName, _cancellationToken).Symbol is ISymbol counter && IsCountUp(counter)
                        && _model.GetSymbolInfo(boundName, _cancellationToken).Symbol is ISymbol bound
                        && (bound is IFieldSymbol { IsConst: true } || bound is ILocalSymbol { IsConst: true } || IsConfiguredBound(bound))
                        && (_model.GetConstantValue(boundName, _cancellationToken).Value is int constant ? constant : IsConfiguredBound(bound) ? -1 : 0) is int value && value != 0
                        && StartValue(counter) is int start
                        && ((comparison.IsKind(SyntaxKind.LessThanExpression) && start == 0) || (comparison.IsKind(SyntaxKind.LessThanOrEqualExpression) && (start == 0 || start == 1)))
                        && (IsConfiguredBound(bound) || outerBlock.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id != boundName && id.Identifier.ValueText == boundName.Identifier.ValueText
                            && !IsRemoved(id) && !IsReplaced(id) && !conjuncts.Any(c => c.Span.Contains(id.Span)))))
                    {
                        // for (i = 0; i <= _retryCount; i++): the first attempt and then that many retries.
                        return comparison.IsKind(SyntaxKind.LessThanOrEqualExpression) && start == 0
                            ? (boundName.Identifier.ValueText + " + 1", value == -1 ? -1 : value + 1)
                            : (boundName.Identifier.ValueText, value);
                    }

                    // attempt < _options.MaxAttempts, attempt <= settings.Value.MaxRetries
                    if (Unparenthesize(conjunct) is BinaryExpressionSyntax setting && setting.Left is IdentifierNameSyntax settingCounter
                        && setting.Right is MemberAccessExpressionSyntax && ConfiguredBound(setting.Right) is string configured
                        && _model.GetSymbolInfo(settingCounter, _cancellationToken).Symbol is ISymbol counted && IsCountUp(counted) && StartValue(counted) is int from
                        && ((setting.IsKind(SyntaxKind.LessThanExpression) && from == 0) || (setting.IsKind(SyntaxKind.LessThanOrEqualExpression) && (from == 0 || from == 1))))
                    {
                        return (setting.IsKind(SyntaxKind.LessThanOrEqualExpression) && from == 0 ? configured + " + 1" : configured, -1);
                    }
                }

                return null;
            }

            /// <summary>
            /// A configured bound in the retrying catch's filter (<c>when (attempt &lt; _maxAttempts)</c>): the new loop keeps it, counted
            /// in attempts (from 1: that many attempts; from 0: one more).
            /// </summary>
            private (string Name, int Value)? FilterBound(List<CatchClauseSyntax> catches)
            {
                foreach (var conjunct in catches.Where(c => c.Filter != null).SelectMany(c => SplitAnd(c.Filter!.FilterExpression)))
                {
                    if (Unparenthesize(conjunct) is BinaryExpressionSyntax comparison && comparison.IsKind(SyntaxKind.LessThanExpression)
                        && comparison.Left is IdentifierNameSyntax counterName && ConfiguredBound(comparison.Right) is string bound
                        && _model.GetSymbolInfo(counterName, _cancellationToken).Symbol is ISymbol counter && IsCountUp(counter)
                        && StartValue(counter) is int start && (start == 0 || start == 1))
                    {
                        return (start == 1 ? bound : bound + " + 1", -1);
                    }

                    // when (attempt < MaxAttempts) with the constant in kept logging ("attempt {Attempt}/{Max}"): the constant stays the bound.
                    if (Unparenthesize(conjunct) is BinaryExpressionSyntax named && named.IsKind(SyntaxKind.LessThanExpression)
                        && named.Left is IdentifierNameSyntax namedCounter && named.Right is IdentifierNameSyntax constantName
                        && _model.GetConstantValue(constantName, _cancellationToken).Value is int constant
                        && _model.GetSymbolInfo(namedCounter, _cancellationToken).Symbol is ISymbol counted && IsCountUp(counted) && StartValue(counted) is int from && (from == 0 || from == 1)
                        && catches.Any(c => c.Block.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == constantName.Identifier.ValueText && !IsRemoved(id))))
                    {
                        return from == 1 ? (constantName.Identifier.ValueText, constant) : (constantName.Identifier.ValueText + " + 1", constant + 1);
                    }
                }

                return null;
            }

            /// <summary>
            /// A configured bound among the conditions a replaced success check also stopped on
            /// (<c>if (response.IsSuccessStatusCode || … || attempt &gt;= maxAttempts) return response;</c>, counting from 1).
            /// </summary>
            private (string Name, int Value)? SuccessCheckBound()
            {
                if (_status?.Check == null || !_status.SuccessCheck || !_status.ReplaceCondition)
                {
                    return null;
                }

                foreach (var comparison in _status.Check.Condition.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>())
                {
                    if ((comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression) || comparison.IsKind(SyntaxKind.EqualsExpression))
                        && comparison.Left is IdentifierNameSyntax counterName && ConfiguredBound(comparison.Right) is string bound
                        && _model.GetSymbolInfo(counterName, _cancellationToken).Symbol is ISymbol counter && IsCountUp(counter) && StartValue(counter) == 1)
                    {
                        return (bound, -1);
                    }
                }

                return null;
            }

            /// <summary>
            /// The configured start of a count-down the new header keeps (<c>for (var remaining = o.RetryCount; remaining &gt;= 0; remaining--)</c>):
            /// that many retries after the first attempt.
            /// </summary>
            private (string Name, int Value)? CountdownBound(List<ExpressionSyntax> conjuncts)
            {
                if (!(_userData is ILocalSymbol counter) || HeaderCount(counter) == null || !(_loop is ForStatementSyntax { Declaration: { } declaration })
                    || !(declaration.Variables[0].Initializer?.Value is ExpressionSyntax start) || !(ConfiguredBound(start) is string configured))
                {
                    return null;
                }

                foreach (var conjunct in conjuncts)
                {
                    if (Unparenthesize(conjunct) is BinaryExpressionSyntax comparison && comparison.Left is IdentifierNameSyntax name && name.Identifier.ValueText == counter.Name
                        && _model.GetConstantValue(comparison.Right, _cancellationToken).Value is int floor
                        && ((comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression) && floor == 0) || (comparison.IsKind(SyntaxKind.GreaterThanExpression) && floor == 0)))
                    {
                        return (comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression) ? configured + " + 1" : configured, -1);
                    }
                }

                return null;
            }

            /// <summary>
            /// The text of an int bound set from outside the loop (<c>maxAttempts</c>, <c>_maxRetries</c>, <c>_options.MaxAttempts</c>,
            /// <c>settings.Value.MaxRetries</c>), or null: a name or a chain of names, no calls, nothing in it written by the loop.
            /// </summary>
            private string? ConfiguredBound(ExpressionSyntax expression)
            {
                expression = Unparenthesize(expression);
                if (expression is IdentifierNameSyntax name)
                {
                    return _model.GetSymbolInfo(name, _cancellationToken).Symbol is ISymbol bound && IsConfiguredBound(bound) ? bound.Name : null;
                }

                if (!(expression is MemberAccessExpressionSyntax member) || !(_model.GetSymbolInfo(member, _cancellationToken).Symbol is ISymbol setting)
                    || !(setting is IPropertySymbol { Type: { SpecialType: SpecialType.System_Int32 } } || setting is IFieldSymbol { IsConst: false, Type: { SpecialType: SpecialType.System_Int32 } }))
                {
                    return null;
                }

                for (var owner = member.Expression; ; owner = ((MemberAccessExpressionSyntax)owner).Expression)
                {
                    if (owner is IdentifierNameSyntax || owner is ThisExpressionSyntax)
                    {
                        var root = _model.GetSymbolInfo(owner, _cancellationToken).Symbol;
                        return owner is ThisExpressionSyntax || root is IFieldSymbol || root is IPropertySymbol || root is IParameterSymbol
                            || (root is ILocalSymbol local && Writes(local).Count == 0)
                            ? member.ToString()
                            : null;
                    }

                    if (!(owner is MemberAccessExpressionSyntax))
                    {
                        return null;
                    }
                }
            }

            /// <summary>An int bound set from outside the loop: a parameter, or a field or property (from configuration, a constructor).</summary>
            private bool IsConfiguredBound(ISymbol bound)
                => bound is IParameterSymbol { Type: { SpecialType: SpecialType.System_Int32 } }
                    || (bound is ILocalSymbol { IsConst: false, Type: { SpecialType: SpecialType.System_Int32 } } && !_candidates.Contains(bound) && Writes(bound).Count == 0)
                    || bound is IFieldSymbol { IsConst: false, Type: { SpecialType: SpecialType.System_Int32 } }
                    || bound is IPropertySymbol { Type: { SpecialType: SpecialType.System_Int32 } };

            /// <summary>
            /// A generic helper's bound that its caller passes (<c>if (attempts == times) throw;</c> with <c>attempts++</c> before the
            /// attempt): the caller chose it, so the new loop keeps counting to it.
            /// </summary>
            private (string Name, int Value)? CallerBound(List<(CatchClauseSyntax? Clause, List<StatementSyntax> Statements)> failurePaths, List<StatementSyntax> beforeTry)
            {
                foreach (var guard in failurePaths.SelectMany(p => p.Statements).OfType<IfStatementSyntax>())
                {
                    if (IsRemoved(guard) && Unparenthesize(guard.Condition) is BinaryExpressionSyntax comparison
                        && (comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression))
                        && comparison.Left is IdentifierNameSyntax counterName && ConfiguredBound(comparison.Right) is string bound
                        && _model.GetSymbolInfo(counterName, _cancellationToken).Symbol is ISymbol counter && IsCountUp(counter)
                        && StartValue(counter) == 0)
                    {
                        // Counted before the attempt (tries++ at the top of the try or of the loop body): 'tries == max' on the max-th attempt.
                        // Counted at the end of the iteration (a for incrementor): 'attempt == max' on attempt max + 1.
                        if (_tryLead.Concat(beforeTry).Any(s => References(s, counter)))
                        {
                            return (bound, -1);
                        }

                        if (_loop is ForStatementSyntax forLoop && forLoop.Incrementors.Any(i => References(i, counter)))
                        {
                            return (bound + " + 1", -1);
                        }
                    }
                }

                return null;
            }

            /// <summary><c>if (!response.IsSuccessStatusCode) { …; continue; }</c> anywhere in the try block, on an HttpResponseMessage local.</summary>
            private (BlockSyntax Branch, string Response)? FailingStatusBranch(TryStatementSyntax tryStatement)
            {
                foreach (var branch in DescendantsInFunction(tryStatement.Block).OfType<IfStatementSyntax>())
                {
                    if (branch.Else == null && branch.Statement is BlockSyntax block && block.Statements.LastOrDefault() is ContinueStatementSyntax goesRound
                        && JumpTarget(goesRound, continueOnly: true) == _loop
                        && !block.Statements.Take(block.Statements.Count - 1).Any(st => ContainsControlTransfer(st, allowBreakToLoop: false))
                        && branch.Condition.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                            .Select(m => m.Expression is IdentifierNameSyntax name ? _model.GetSymbolInfo(name, _cancellationToken).Symbol as ILocalSymbol : null)
                            .FirstOrDefault(l => l != null && l.Type.ToDisplayString().TrimEnd('?') == "System.Net.Http.HttpResponseMessage") is ILocalSymbol response
                        && (IsStatusCheck(branch.Condition, response) == false || (ReadsStatusCode(branch.Condition, response) && !ContainsSideEffects(branch.Condition))))
                    {
                        return (block, response.Name);
                    }
                }

                return null;
            }

            /// <summary>The response local of <c>if (response.IsSuccessStatusCode) { …leave… }</c> at the top level of the try block.</summary>
            private string? FallThroughStatusResponse(TryStatementSyntax tryStatement)
            {
                var statements = tryStatement.Block.Statements;
                foreach (var check in statements.OfType<IfStatementSyntax>())
                {
                    var declared = statements.Take(statements.IndexOf(check)).OfType<LocalDeclarationStatementSyntax>()
                        .SelectMany(d => d.Declaration.Variables).Select(v => _model.GetDeclaredSymbol(v, _cancellationToken)).OfType<ILocalSymbol>()
                        .FirstOrDefault(l => l.Type.ToDisplayString().TrimEnd('?') == "System.Net.Http.HttpResponseMessage" && IsStatusCheck(check.Condition, l) == true);
                    if (declared != null && check.Else == null
                        && _model.AnalyzeControlFlow(check.Statement) is ControlFlowAnalysis leaves && leaves.Succeeded && !leaves.EndPointIsReachable)
                    {
                        return declared.Name;
                    }
                }

                return null;
            }

            /// <summary>A call made for its own sake after the loop (logging, a metric): no jump, no wait, no declaration.</summary>
            /// <summary>A call (<c>_logger.LogError(…)</c>) or a fallback for the caller (<c>_models = Array.Empty&lt;string&gt;();</c>) after a loop that gave up quietly.</summary>
            private bool IsGiveUpStatement(StatementSyntax statement)
                => statement is ExpressionStatementSyntax { Expression: var call }
                    && (call is InvocationExpressionSyntax || call is AwaitExpressionSyntax { Expression: InvocationExpressionSyntax }
                        || (call is AssignmentExpressionSyntax assignment && !ReferencesCandidate(assignment.Left)))
                    && !ContainsWait(statement) && !SyntaxFormatting.HasMultiLineToken(statement) && !IsPlaceholderTail(statement);

            /// <summary><c>if (attempt == max) { …log…; throw …; }</c>, <c>…; return null; }</c> or <c>…; break; }</c>: a catch's ending for the last attempt.</summary>
            private bool IsGiveUp(IfStatementSyntax statement)
            {
                var condition = Unparenthesize(statement.Condition);
                if (statement.Else != null || !(condition is BinaryExpressionSyntax comparison)
                    || !(comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression) || comparison.IsKind(SyntaxKind.GreaterThanExpression))
                    || !ReferencesCandidate(comparison.Left) || condition.DescendantNodes().OfType<InvocationExpressionSyntax>().Any())
                {
                    return false;
                }

                var body = statement.Statement is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { statement.Statement };
                var last = body.LastOrDefault();
                // …; break; out of the retry loop gives up too: what follows the loop then sees no result.
                return (last is ThrowStatementSyntax || (last is ReturnStatementSyntax ret && IsPlaceholderReturn(ret))
                        || (last is BreakStatementSyntax && _label == null && _function == null && JumpTarget(last, continueOnly: false) == _loop))
                    && body.Take(body.Count - 1).All(s => !ContainsControlTransfer(s, allowBreakToLoop: false) && !ContainsWait(s));
            }

            private bool References(SyntaxNode node, ISymbol symbol)
                => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                    .Any(id => id.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol));

            /// <summary>Whether the attempt itself reads the local other than to set a success flag (then it is data, not bookkeeping).</summary>
            /// <summary>
            /// The top-level <c>flag = true;</c> of the try block: its last statement, or followed only by statements that neither jump
            /// nor wait when the loop condition tests the flag (<c>while (!success &amp;&amp; …)</c>).
            /// </summary>
            private ExpressionStatementSyntax? FlagSet(TryStatementSyntax? tryStatement, ILocalSymbol flag)
            {
                var statements = tryStatement?.Block.Statements;
                var set = statements?.OfType<ExpressionStatementSyntax>().FirstOrDefault(st => IsAssignmentOf(st, flag, SyntaxKind.TrueLiteralExpression));
                if (set == null || set == statements!.Value.Last())
                {
                    return set;
                }

                var testedByLoop = _condition != null && SplitAnd(_condition).Any(c => NegatedLocal(c) is ILocalSymbol negated && SymbolEqualityComparer.Default.Equals(negated, flag));
                return testedByLoop && statements.Value.SkipWhile(st => st != set).Skip(1).All(t => !ContainsControlTransfer(t, allowBreakToLoop: false) && !ContainsWait(t))
                    ? set
                    : null;
            }

            /// <summary>
            /// The waits in the branches of a kept if statement, when each is a statement of its own in a block
            /// (<c>Thread.Sleep(60_000);</c>, <c>await Task.Delay(delay, ct);</c>) and nothing else there waits; null otherwise.
            /// </summary>
            private List<StatementSyntax>? BranchWaits(StatementSyntax statement)
            {
                var waits = DescendantsInFunction(statement).OfType<ExpressionStatementSyntax>().Where(st => IsWait(st.Expression)).ToList<StatementSyntax>();
                if (waits.Count == 0 || waits.Any(w => !(w.Parent is BlockSyntax)))
                {
                    return null;
                }

                var waitCalls = waits.SelectMany(w => w.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()).ToList();
                return DescendantsInFunction(statement).OfType<InvocationExpressionSyntax>()
                    .Any(i => !waitCalls.Contains(i) && (WaitDetector.IsWaitCall(_model, i, _cancellationToken) || CallsWaitHelper(i)))
                    ? null
                    : waits;
            }

            /// <summary>
            /// <c>for (int remaining = 3; ; remaining--)</c> (or a count up that kept code reads in ways the new counter cannot take over,
            /// such as an index into a table of delays), with <paramref name="counter"/> (an int) the header's only variable and the
            /// incrementor its only write: what the new header declares and steps beside its own counter.
            /// </summary>
            private (string Declarator, string Step, ExpressionSyntax Incrementor)? HeaderCount(ILocalSymbol counter)
            {
                if (!(_loop is ForStatementSyntax forLoop) || forLoop.Declaration == null || forLoop.Declaration.Variables.Count != 1
                    || counter.Type.SpecialType != SpecialType.System_Int32
                    || forLoop.Incrementors.Count != 1 || !(forLoop.Declaration.Variables[0].Initializer is { } start) || ContainsSideEffects(start.Value)
                    || !SymbolEqualityComparer.Default.Equals(_model.GetDeclaredSymbol(forLoop.Declaration.Variables[0], _cancellationToken), counter)
                    || !Writes(counter).All(w => forLoop.Incrementors[0].Span.Contains(w.Span)))
                {
                    return null;
                }

                return (forLoop.Declaration.Variables[0].ToString(), forLoop.Incrementors[0].ToString(), forLoop.Incrementors[0]);
            }

            /// <summary>
            /// <c>if (reply == null) { …; return placeholder; }</c> (or <c>if (!success) …</c>) right after a loop that leaves on success:
            /// the statements before its placeholder, when they only log or set a fallback; null otherwise.
            /// </summary>
            private List<StatementSyntax>? NoResultEnding(IfStatementSyntax ending, ILocalSymbol? flag, ExpressionStatementSyntax? resultSet, TryStatementSyntax? tryStatement)
            {
                var testsNoResult = flag != null
                    ? NegatedLocal(ending.Condition) is ILocalSymbol unset && SymbolEqualityComparer.Default.Equals(unset, flag)
                    : resultSet != null && ResultSet(ending.Condition, tryStatement) == resultSet;
                if (!testsNoResult || ending.Else != null || !(ending.Statement is BlockSyntax block)
                    || !(block.Statements.LastOrDefault() is ReturnStatementSyntax placeholder) || !IsPlaceholderReturn(placeholder))
                {
                    return null;
                }

                var work = block.Statements.Take(block.Statements.Count - 1).ToList();
                return work.All(IsGiveUpStatement) ? work : null;
            }

            /// <summary>
            /// For <c>reply is null</c> (or <c>reply == null</c>) in the loop condition: the try block's own statement that assigns
            /// <c>reply</c>, the only write of it in the loop, with nothing after it that jumps or waits.
            /// </summary>
            private ExpressionStatementSyntax? ResultSet(ExpressionSyntax conjunct, TryStatementSyntax? tryStatement)
            {
                var tested = Unparenthesize(conjunct) switch
                {
                    IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var value } } test when value.IsKind(SyntaxKind.NullLiteralExpression) => test.Expression,
                    BinaryExpressionSyntax equals when equals.IsKind(SyntaxKind.EqualsExpression) && equals.Right.IsKind(SyntaxKind.NullLiteralExpression) => equals.Left,
                    _ => null,
                };
                if (tryStatement == null || !(tested is IdentifierNameSyntax name) || !(_model.GetSymbolInfo(name, _cancellationToken).Symbol is ILocalSymbol result)
                    || _candidates.Contains(result) || result.DeclaringSyntaxReferences.Any(r => _loop.Span.Contains(r.Span)))
                {
                    return null;
                }

                var set = tryStatement.Block.Statements.OfType<ExpressionStatementSyntax>()
                    .FirstOrDefault(st => st.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(target, _cancellationToken).Symbol, result));
                return set != null && Writes(result).Count == 1
                    && tryStatement.Block.Statements.SkipWhile(st => st != set).Skip(1).All(t => !ContainsControlTransfer(t, allowBreakToLoop: false) && !ContainsWait(t))
                    ? set
                    : null;
            }

            private bool IsUsedBySuccessPath(VariableDeclaratorSyntax variable, List<SyntaxNode> attempt, TryStatementSyntax? tryStatement)
            {
                var symbol = (ILocalSymbol)_model.GetDeclaredSymbol(variable, _cancellationToken)!;
                var last = symbol.Type.SpecialType == SpecialType.System_Boolean ? FlagSet(tryStatement, symbol) : null;
                var isFlagSet = last != null;
                var successPath = tryStatement != null ? new[] { (SyntaxNode)tryStatement.Block } : attempt.ToArray();
                return successPath.SelectMany(s => s.DescendantNodesAndSelf()).OfType<IdentifierNameSyntax>()
                    .Any(id => (!isFlagSet || !last!.Span.Contains(id.Span)) && id.Identifier.ValueText == symbol.Name
                        && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(id, _cancellationToken).Symbol, symbol));
            }

            /// <summary>The first value of <c>foreach (var attempt in Enumerable.Range(start, count))</c>; null for any other foreach.</summary>
            private int? RangeStart(SyntaxNode loop)
                => loop is ForEachStatementSyntax forEach && forEach.Expression is InvocationExpressionSyntax range && range.ArgumentList.Arguments.Count == 2
                    && _model.GetSymbolInfo(range, _cancellationToken).Symbol is IMethodSymbol method && method.Name == "Range"
                    && method.ContainingType?.ToDisplayString() == "System.Linq.Enumerable"
                    && _model.GetConstantValue(range.ArgumentList.Arguments[0].Expression, _cancellationToken).Value is int start
                    ? start
                    : (int?)null;

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
                    || anatomy.RemovedOutside.Any(r => r.Span.Contains(node.Span))
                    || IsReplaced(node);

            /// <summary>Inside a retry decision the rewrite writes anew: a retrying catch's filter, a status check's own condition.</summary>
            private bool IsReplaced(SyntaxNode node)
                => RegionNodes().OfType<CatchClauseSyntax>().Any(c => c.Filter != null && c.Filter.Span.Contains(node.Span) && IsRetrying(c))
                    || (_giveUp != null && _giveUp.Condition.Span.Contains(node.Span))
                    || (_status != null && _status.ReplaceCondition && _status.Check!.Condition.Span.Contains(node.Span));

            private bool IsDeclarationOf(SyntaxNode node, ISymbol symbol)
                => node.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is VariableDeclaratorSyntax declarator
                    && SymbolEqualityComparer.Default.Equals(_model.GetDeclaredSymbol(declarator, _cancellationToken), symbol)
                    && declarator.Identifier.Span.Contains(node.Span);

            /// <summary>Whether a local declared before the loop is used only from the loop on.</summary>
            private bool OnlyUsedFrom(VariableDeclaratorSyntax variable, StatementScope block, int loopStart)
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

            private bool IsWrittenInLoop(ISymbol symbol, StatementScope block, int loopStart, int regionEnd)
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

            private bool OnlyReferencedIn(ISymbol symbol, StatementScope block, System.Func<SyntaxNode, bool> allowed)
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

            /// <summary><c>continue</c> to the loop, <c>goto</c> back to the label, or <c>return [await] Self(…)</c> in a recursive retry.</summary>
            private bool IsRetryJump(SyntaxNode node)
            {
                switch (node)
                {
                    case ContinueStatementSyntax continueStatement:
                        return _label == null && _function == null && JumpTarget(continueStatement, continueOnly: true) == _loop;
                    case GotoStatementSyntax gotoStatement:
                        return _label != null && gotoStatement.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == _label.Identifier.ValueText;
                    case ReturnStatementSyntax returnStatement:
                        return _function != null && returnStatement.Expression != null && Awaited(returnStatement.Expression) is InvocationExpressionSyntax call && IsRecursiveCall(call);
                    default:
                        return false;
                }
            }

            /// <summary>The expression under <c>await</c>, parentheses and <c>.ConfigureAwait(…)</c>.</summary>
            private static ExpressionSyntax Awaited(ExpressionSyntax expression)
            {
                while (true)
                {
                    switch (expression)
                    {
                        case AwaitExpressionSyntax awaitExpression:
                            expression = awaitExpression.Expression;
                            continue;
                        case ParenthesizedExpressionSyntax parenthesized:
                            expression = parenthesized.Expression;
                            continue;
                        case InvocationExpressionSyntax configured when configured.Expression is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == "ConfigureAwait":
                            expression = member.Expression;
                            continue;
                        default:
                            return expression;
                    }
                }
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
                foreach (var node in DescendantsInFunction(scope).Append(scope)) // the scope may be the jump itself: if (ok) break;
                {
                    var isJump = (node is ContinueStatementSyntax && !(_failingContinue == node)) || (!continueOnly && node is BreakStatementSyntax);
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
                        return IsWait(expressionStatement.Expression) || IsBookkeepingExpression(expressionStatement.Expression) || IsResponseDispose(expressionStatement.Expression);
                    case LocalDeclarationStatementSyntax declaration:
                        return declaration.Declaration.Variables.All(v =>
                            _model.GetDeclaredSymbol(v, _cancellationToken) is ILocalSymbol local && _candidates.Contains(local)
                            && (v.Initializer == null || !ContainsSideEffects(v.Initializer.Value)));
                    case ContinueStatementSyntax _:
                    case GotoStatementSyntax _:
                        return IsRetryJump(statement);
                    case BreakStatementSyntax _:
                        return _label == null && _function == null && JumpTarget(statement, continueOnly: false) == _loop;
                    case ThrowStatementSyntax throwStatement:
                        return throwStatement.Expression == null || (throwStatement.Expression is IdentifierNameSyntax thrown && IsCandidate(thrown));
                    case ReturnStatementSyntax returnStatement:
                        return IsRetryJump(returnStatement) || IsPlaceholderReturn(returnStatement);
                    case IfStatementSyntax ifStatement:
                        // 'if (attempt == max) return null;' is machinery; 'if (prompt.Length == 0) return "";' is the user's.
                        return !ContainsSideEffects(ifStatement.Condition)
                            && (ReferencesCandidate(ifStatement.Condition) || !ifStatement.DescendantNodes().OfType<ReturnStatementSyntax>().Any())
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
                    case ReturnStatementSyntax returnStatement when _status != null && _status.ReturnsResponse && returnStatement.Expression is IdentifierNameSyntax returned:
                        // A handler that returns the last failing response: the new loop returns it itself.
                        return SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(returned, _cancellationToken).Symbol, _status.Response);
                    case ReturnStatementSyntax returnStatement:
                        return IsPlaceholderReturn(returnStatement);
                    case ThrowStatementSyntax throwStatement:
                        return throwStatement.Expression is IdentifierNameSyntax thrown && IsCandidate(thrown);
                    case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Throw" } } } throwCall } rethrow }
                        when throwCall.Expression is InvocationExpressionSyntax capture && capture.ArgumentList.Arguments.Count == 1
                            && capture.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax captured && IsCandidate(captured)
                            && _model.GetSymbolInfo(rethrow, _cancellationToken).Symbol?.ContainingType?.Name == "ExceptionDispatchInfo":
                        return true; // ExceptionDispatchInfo.Capture(last).Throw(): the last failure, as the new loop lets it propagate
                    case IfStatementSyntax ifStatement:
                        return ifStatement.Else == null && !ContainsSideEffects(ifStatement.Condition) && ReferencesCandidate(ifStatement.Condition)
                            && IsPlaceholderTail(ifStatement.Statement is BlockSyntax b && b.Statements.Count == 1 ? b.Statements[0] : ifStatement.Statement);
                    default:
                        return false;
                }
            }

            /// <summary><c>return;</c>, <c>return null;</c>, <c>return "";</c>, <c>return "Sorry…";</c>: a failure dressed as a
            /// result, as TR0008 defines it (<c>return false;</c> in a Try method is an honest answer and is left alone).</summary>
            private bool IsPlaceholderReturn(ReturnStatementSyntax returnStatement)
                => returnStatement.Expression == null
                    || ToRouter.Analyzers.Model.PlaceholderValue.Classify(returnStatement.Expression,
                        ToRouter.Analyzers.Model.PlaceholderValue.IsTryMethodName(_model.GetEnclosingSymbol(returnStatement.SpanStart, _cancellationToken)?.Name))
                        != ToRouter.Analyzers.Model.LastFailure.Propagates;

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
                => _model.GetSymbolInfo(name, _cancellationToken).Symbol is ISymbol symbol && (symbol is ILocalSymbol || symbol is IParameterSymbol) && _candidates.Contains(symbol);

            private bool ReferencesCandidate(SyntaxNode node, SyntaxNode? except = null)
                => DescendantsInFunction(node).Append(node).OfType<IdentifierNameSyntax>()
                    .Any(id => (except == null || !except.Span.Contains(id.Span)) && IsCandidate(id));

            /// <summary>A bound: compares or tests bookkeeping locals against constants, fields or parameters, with no other side effect.</summary>
            private bool IsBoundCondition(ExpressionSyntax condition)
                => ReferencesCandidate(condition) && !ContainsSideEffects(condition)
                    && !condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any();

            /// <summary>
            /// <c>retries--</c> of a while condition <c>retries-- &gt; 0</c> (or <c>--retries &gt;= 0</c>, <c>tries++ &lt; max</c>): one step of a
            /// local, compared with something that has no side effects.
            /// </summary>
            private (IdentifierNameSyntax Operand, ExpressionSyntax Step)? ConditionStep(ExpressionSyntax conjunct)
                => _loop is WhileStatementSyntax ? CountingComparison(conjunct) : null;

            /// <summary><c>tries++ &lt; 5</c>, <c>retries-- &gt; 0</c>: a comparison whose one side effect steps a local.</summary>
            private (IdentifierNameSyntax Operand, ExpressionSyntax Step)? CountingComparison(ExpressionSyntax conjunct)
            {
                if (!(Unparenthesize(conjunct) is BinaryExpressionSyntax comparison)
                    || !(comparison.IsKind(SyntaxKind.GreaterThanExpression) || comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression)
                        || comparison.IsKind(SyntaxKind.LessThanExpression) || comparison.IsKind(SyntaxKind.LessThanOrEqualExpression)))
                {
                    return null;
                }

                foreach (var (side, other) in new[] { (comparison.Left, comparison.Right), (comparison.Right, comparison.Left) })
                {
                    var step = Unparenthesize(side);
                    var operand = (step as PostfixUnaryExpressionSyntax)?.Operand ?? (step as PrefixUnaryExpressionSyntax)?.Operand;
                    if (operand is IdentifierNameSyntax identifier && !ContainsSideEffects(other)
                        && (step.IsKind(SyntaxKind.PostDecrementExpression) || step.IsKind(SyntaxKind.PreDecrementExpression)
                            || step.IsKind(SyntaxKind.PostIncrementExpression) || step.IsKind(SyntaxKind.PreIncrementExpression)))
                    {
                        return (identifier, step);
                    }
                }

                return null;
            }

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
                var special = method.ContainingType?.SpecialType ?? SpecialType.None;
                var number = special == SpecialType.System_Int32 || special == SpecialType.System_Int64 || special == SpecialType.System_Double;
                return type == "System.Math" || type == "System.TimeSpan" || type == "System.Convert" || type == "System.Random" || type == "System.Linq.Enumerable"
                    || (number && (method.Name == "ToString" || method.Name == "Parse" || method.Name == "TryParse"))
                    || ((type == "System.DateTimeOffset" || type == "System.DateTime") && (method.Name == "Parse" || method.Name == "TryParse"))
                    || (method.Name == "TryGetValues" && type == "System.Net.Http.Headers.HttpHeaders"); // reading a Retry-After by hand
            }

            /// <summary>Thread.Sleep / Task.Delay, awaited, configured or blocked on.</summary>
            public bool IsWait(ExpressionSyntax expression)
                => WaitDetector.IsWait(_model, expression, _cancellationToken)
                    || ((expression is AwaitExpressionSyntax awaited ? awaited.Expression : expression) is InvocationExpressionSyntax call
                        && _model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol method
                        && method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<MethodDeclarationSyntax>()
                            .Any(helper => helper.SyntaxTree == call.SyntaxTree && ToRouter.Analyzers.Model.RetryLoopBuilder.OnlyWaits(_model, helper, _cancellationToken, out _)));

            private bool ContainsWait(SyntaxNode node)
                => DescendantsInFunction(node).Append(node).OfType<InvocationExpressionSyntax>().Any(i => WaitDetector.IsWaitCall(_model, i, _cancellationToken) || CallsWaitHelper(i));

            /// <summary>A call of a method in this file that waits (<c>Pause(100 &lt;&lt; attempt)</c>): kept, it would wait on top of the new backoff.</summary>
            private bool CallsWaitHelper(InvocationExpressionSyntax invocation)
                => _model.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol method
                    && method.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == invocation.SyntaxTree
                        && r.GetSyntax(_cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => WaitDetector.IsWaitCall(_model, i, _cancellationToken)));

            private bool ContainsControlTransfer(SyntaxNode node, bool allowBreakToLoop, bool allowThrow = false)
            {
                foreach (var descendant in DescendantsInFunction(node).Append(node))
                {
                    switch (descendant)
                    {
                        case ThrowStatementSyntax _ when allowThrow:
                            break;
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

            private static List<ExpressionSyntax> SplitAnd(ExpressionSyntax expression) => Split(expression, SyntaxKind.LogicalAndExpression);

            /// <summary>The operands of a chain of <c>&amp;&amp;</c> (or <c>||</c>), parentheses removed.</summary>
            private static List<ExpressionSyntax> Split(ExpressionSyntax expression, SyntaxKind chain)
            {
                var result = new List<ExpressionSyntax>();
                expression = Unparenthesize(expression);
                if (expression is BinaryExpressionSyntax binary && binary.IsKind(chain))
                {
                    result.AddRange(Split(binary.Left, chain));
                    result.AddRange(Split(binary.Right, chain));
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
