using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToRouter.Analyzers.CodeFixes
{
    /// <summary>Reads the file's own layout (line ends, indentation) so generated code matches it without running the formatter over user code.</summary>
    internal static class SyntaxFormatting
    {
        public static string EndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        /// <summary>The whitespace before the node on its line.</summary>
        public static string IndentOf(SyntaxNode node)
        {
            var text = node.SyntaxTree.GetText();
            var line = text.Lines.GetLineFromPosition(node.SpanStart);
            var prefix = text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(line.Start, node.SpanStart));
            if (prefix.All(c => c == ' ' || c == '\t'))
            {
                return prefix;
            }

            return new string(prefix.TakeWhile(c => c == ' ' || c == '\t').ToArray());
        }

        /// <summary>One level of indentation as the file uses it (four spaces when it cannot tell).</summary>
        public static string IndentUnit(SyntaxNode outer, string outerIndent)
        {
            if (outer is TypeDeclarationSyntax type)
            {
                var member = type.Members.FirstOrDefault();
                var memberIndent = member == null ? "" : IndentOf(member);
                return memberIndent.Length > outerIndent.Length && memberIndent.StartsWith(outerIndent, System.StringComparison.Ordinal)
                    ? memberIndent.Substring(outerIndent.Length)
                    : "    ";
            }

            var inner = outer.DescendantNodes().OfType<StatementSyntax>().FirstOrDefault(s => !(s is BlockSyntax) && s.Parent is BlockSyntax);
            if (inner != null)
            {
                var indent = IndentOf(inner);
                if (indent.Length > outerIndent.Length && indent.StartsWith(outerIndent, System.StringComparison.Ordinal))
                {
                    var depth = 0;
                    for (var node = inner.Parent; node != null && node != outer; node = node.Parent)
                    {
                        if (node is BlockSyntax)
                        {
                            depth++;
                        }
                    }

                    var extra = indent.Substring(outerIndent.Length);
                    if (depth > 0 && extra.Length % depth == 0)
                    {
                        return extra.Substring(0, extra.Length / depth);
                    }
                }
            }

            return "    ";
        }

        /// <summary>Whether the node's full text starts at the beginning of a line.</summary>
        public static bool StartsLine(SyntaxNode node)
        {
            var start = node.FullSpan.Start;
            return start == 0 || node.SyntaxTree.GetText()[start - 1] == '\n';
        }

        /// <summary>Adds <paramref name="shift"/> at the start of every non-blank line.</summary>
        public static string Reindent(string text, string shift, bool atLineStart = true)
        {
            if (shift.Length == 0)
            {
                return text;
            }

            var result = new StringBuilder();
            var lineStart = atLineStart;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (lineStart && c != '\r' && c != '\n')
                {
                    result.Append(shift);
                }

                lineStart = c == '\n';
                result.Append(c);
            }

            return result.ToString();
        }

        /// <summary>
        /// A statement's text moved from indentation <paramref name="from"/> to <paramref name="to"/>, in or out (a statement of an
        /// unwrapped if-branch moves out one level); null when a line does not start with the indentation to remove.
        /// </summary>
        public static string? MoveIndent(SyntaxNode node, string from, string to)
        {
            var text = node.ToFullString();
            if (IndentDelta(from, to) is string delta)
            {
                return delta.Length > 0 && HasMultiLineToken(node) ? null : Reindent(text, delta);
            }

            if (!from.StartsWith(to, System.StringComparison.Ordinal) || HasMultiLineToken(node))
            {
                return null;
            }

            var remove = from.Substring(to.Length);
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0)
                {
                    continue;
                }

                if (!lines[i].StartsWith(remove, System.StringComparison.Ordinal))
                {
                    return null;
                }

                lines[i] = lines[i].Substring(remove.Length);
            }

            return string.Join("\n", lines);
        }

        /// <summary>The indentation to add to move code from <paramref name="from"/> to <paramref name="to"/>; null when it would have to shrink.</summary>
        public static string? IndentDelta(string from, string to)
            => to.StartsWith(from, System.StringComparison.Ordinal) ? to.Substring(from.Length) : null;

        /// <summary>Whether re-indenting the node would change a string's value (verbatim or raw strings spanning lines).</summary>
        public static bool HasMultiLineToken(SyntaxNode node)
            => node.DescendantTokens().Any(t => t.Text.IndexOf('\n') >= 0);
    }
}
