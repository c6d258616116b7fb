using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ToRouter.Analyzers.Tests.Verifiers;
using Xunit;

namespace ToRouter.Analyzers.Tests
{
    /// <summary>
    /// Every rule in the descriptor registry ships with what the package promises for it: a doc page with the
    /// standard sections, a release-tracking row that agrees with the descriptor, a help link to that page, and a
    /// link from the README.
    /// </summary>
    public class PackageConsistencyTests
    {
        private static readonly string[] RequiredHeadings = { "Cause", "Why it matters", "How to fix", "How to configure or suppress" };

        public static IEnumerable<object[]> RuleIds => AllDescriptors().Select(d => new object[] { d.Id });

        [Fact]
        public void RegistryHasUniqueRuleIds()
        {
            var descriptors = AllDescriptors();
            Assert.NotEmpty(descriptors);
            Assert.All(descriptors, d => Assert.Matches(@"^TR\d{4}$", d.Id));
            var duplicates = descriptors.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, "Duplicate rule ids in Descriptors: " + string.Join(", ", duplicates));
        }

        [Fact]
        public void AnalyzersReportOnlyRegisteredDescriptors()
        {
            var registered = new HashSet<string>(AllDescriptors().Select(d => d.Id), StringComparer.Ordinal);
            var analyzers = typeof(Descriptors).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t))
                .ToList();
            Assert.NotEmpty(analyzers);
            foreach (var analyzer in analyzers)
            {
                foreach (var supported in analyzer.SupportedDiagnostics)
                {
                    Assert.True(registered.Contains(supported.Id), $"{analyzer.GetType().Name} supports {supported.Id}, which is not a public field of Descriptors.");
                }
            }
        }

        /// <summary>
        /// The shipped assemblies must load in the oldest host the package supports (.NET 8 SDK, VS 2022 17.8:
        /// Roslyn 4.8), target netstandard2.0, and keep Workspaces out of the analyzer assembly.
        /// </summary>
        [Theory]
        [InlineData("ToRouter.Analyzers", false)]
        [InlineData("ToRouter.Analyzers.CodeFixes", true)]
        public void ShippedAssemblyTargetsNetStandard20AndRoslyn48(string assemblyName, bool mayReferenceWorkspaces)
        {
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            var references = assembly.GetReferencedAssemblies();
            Assert.True(
                references.Any(r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0)) && !references.Any(r => r.Name == "System.Runtime"),
                $"{assemblyName} is not a netstandard2.0 assembly; it references {string.Join(", ", references.Select(r => r.Name + " " + r.Version))}.");

            var roslyn = references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.True(roslyn.Any(r => r.Name == "Microsoft.CodeAnalysis"), $"{assemblyName} does not reference Microsoft.CodeAnalysis: it contains no analyzer or code fix.");
            var maxVersion = new Version(4, 8, 0, 0);
            Assert.All(roslyn, r => Assert.True(r.Version <= maxVersion, $"{assemblyName} references {r.Name} {r.Version}; the package must load in Roslyn {maxVersion} hosts."));
            if (!mayReferenceWorkspaces)
            {
                Assert.DoesNotContain(roslyn, r => r.Name.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal) || r.Name.StartsWith("Microsoft.CodeAnalysis.CSharp.Workspaces", StringComparison.Ordinal));
            }
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void RuleHasDocPageWithStandardSections(string id)
        {
            var page = DocPagePath(id);
            Assert.True(File.Exists(page), $"Missing doc page {Relative(page)} for {id}.");
            var text = File.ReadAllText(page);
            Assert.True(text.Contains(id, StringComparison.Ordinal), $"{Relative(page)} does not mention {id}.");

            var headings = Regex.Matches(text, @"^[ ]{0,3}#{1,6}[ \t]+(?<text>.+?)[ \t#]*$", RegexOptions.Multiline)
                .Select(m => m.Groups["text"].Value.Trim())
                .ToList();
            var missing = RequiredHeadings.Where(h => !headings.Any(found => string.Equals(found, h, StringComparison.OrdinalIgnoreCase))).ToList();
            Assert.True(missing.Count == 0, $"{Relative(page)} lacks the heading(s): {string.Join(", ", missing)}. Headings found: {string.Join(" | ", headings)}");
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void RuleIsTrackedInAnalyzerReleasesWithSameCategoryAndSeverity(string id)
        {
            var descriptor = Descriptor(id);
            var tracked = ReadReleaseTracking();
            Assert.True(tracked.TryGetValue(id, out var row), $"{id} has no row in AnalyzerReleases.Shipped.md or AnalyzerReleases.Unshipped.md.");
            var expectedSeverity = descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled";
            Assert.True(string.Equals(descriptor.Category, row.Category, StringComparison.Ordinal), $"{id}: category is '{descriptor.Category}' in Descriptors but '{row.Category}' in {row.File}.");
            Assert.True(string.Equals(expectedSeverity, row.Severity, StringComparison.OrdinalIgnoreCase), $"{id}: severity is '{expectedSeverity}' in Descriptors but '{row.Severity}' in {row.File}.");
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void HelpLinkPointsToTheDocPage(string id)
        {
            var descriptor = Descriptor(id);
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp), $"{id}: HelpLinkUri '{descriptor.HelpLinkUri}' is not an absolute http(s) address.");
            Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void ReadmeLinksTheDocPage(string id)
        {
            var readme = Path.Combine(RepositoryRoot(), "README.md");
            Assert.True(File.Exists(readme), "README.md is missing at the repository root.");
            var text = File.ReadAllText(readme);
            var target = @"[^\s)""'>]*docs/rules/" + Regex.Escape(id) + @"\.md(?:#[^\s)""'>]*)?";
            var inline = @"\]\(\s*<?" + target + @">?(?:\s+""[^""]*"")?\s*\)";
            var reference = @"^[ ]{0,3}\[[^\]]+\]:\s*<?" + target;
            var html = @"href\s*=\s*[""']" + target + @"[""']";
            Assert.True(
                Regex.IsMatch(text, inline) || Regex.IsMatch(text, reference, RegexOptions.Multiline) || Regex.IsMatch(text, html),
                $"README.md does not link docs/rules/{id}.md.");
        }

        private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors()
            => typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => typeof(DiagnosticDescriptor).IsAssignableFrom(f.FieldType))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null))
                .Where(d => d != null)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToList();

        private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors().First(d => d.Id == id);

        private static string DocPagePath(string id) => Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");

        private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot(), path).Replace('\\', '/');

        /// <summary>
        /// The latest state of each rule in the release-tracking files: Shipped.md releases in file order, then
        /// Unshipped.md; "New Rules" and "Changed Rules" rows set category and severity (the first two columns
        /// after the id in both tables), "Removed Rules" rows drop the rule.
        /// </summary>
        private static Dictionary<string, (string Category, string Severity, string File)> ReadReleaseTracking()
        {
            var result = new Dictionary<string, (string Category, string Severity, string File)>(StringComparer.Ordinal);
            foreach (var name in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                var path = Path.Combine(RepositoryRoot(), "src", "ToRouter.Analyzers", name);
                if (!File.Exists(path))
                {
                    continue;
                }

                string section = null;
                foreach (var raw in File.ReadAllLines(path))
                {
                    var line = raw.Trim();
                    if (line.StartsWith("###", StringComparison.Ordinal))
                    {
                        section = line.TrimStart('#').Trim();
                        continue;
                    }

                    if (line.StartsWith("#", StringComparison.Ordinal))
                    {
                        section = null;
                        continue;
                    }

                    if (section == null || !line.Contains('|'))
                    {
                        continue;
                    }

                    var cells = line.Split('|').Select(c => c.Trim()).ToList();
                    if (cells.Count > 0 && cells[0].Length == 0)
                    {
                        cells.RemoveAt(0);
                    }

                    if (cells.Count < 3 || !Regex.IsMatch(cells[0], @"^[A-Za-z]+\d+$"))
                    {
                        continue;
                    }

                    if (section.StartsWith("Removed", StringComparison.OrdinalIgnoreCase))
                    {
                        result.Remove(cells[0]);
                    }
                    else if (section.StartsWith("New", StringComparison.OrdinalIgnoreCase) || section.StartsWith("Changed", StringComparison.OrdinalIgnoreCase))
                    {
                        result[cells[0]] = (cells[1], cells[2], name);
                    }
                }
            }

            return result;
        }

        private static string RepositoryRoot() => Repository.Root;
    }
}
