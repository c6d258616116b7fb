using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ToRouter.Analyzers.EndToEnd.Infrastructure
{
    /// <summary>
    /// What scenario code compiles against and which assemblies its load context loads privately.
    /// <see cref="Default"/> is the running runtime's trusted platform assemblies (the framework plus the real
    /// SDK packages this project references: OpenAI 2.15, Anthropic 13.12, Semantic Kernel 1.82, …), so the
    /// compiled code binds to exactly the assemblies it runs with.
    /// </summary>
    public sealed class ReferenceSet
    {
        private static readonly string[] ExcludedPrefixes =
        {
            "Microsoft.CodeAnalysis", "xunit", "testhost", "Microsoft.TestPlatform", "Microsoft.VisualStudio",
            "NuGet.", "ToRouter.", "Microsoft.NET.Test", "Humanizer", "MessagePack", "Microsoft.TestHost",
        };

        private static readonly Lazy<ReferenceSet> s_default = new(CreateDefault);
        private static readonly Lazy<ReferenceSet> s_azure = new(CreateAzureOpenAi21);
        private static readonly Lazy<IReadOnlyDictionary<string, string>> s_tpa = new(ReadTrustedPlatformAssemblies);

        private ReferenceSet(string name, ImmutableArray<MetadataReference> references, IReadOnlyDictionary<string, string> privateAssemblies)
        {
            Name = name;
            References = references;
            PrivateAssemblies = privateAssemblies;
        }

        public string Name { get; }

        public ImmutableArray<MetadataReference> References { get; }

        /// <summary>Simple name → path of assemblies scenarios load privately instead of sharing the test's copies.</summary>
        public IReadOnlyDictionary<string, string> PrivateAssemblies { get; }

        /// <summary>Runtime + SDKs as the test process runs them.</summary>
        public static ReferenceSet Default => s_default.Value;

        /// <summary>
        /// Azure.AI.OpenAI 2.1.0 with the OpenAI 2.1.0 it was built against (it throws MissingMethodException
        /// on OpenAI 2.15); both load privately, once, into a context the scenarios share.
        /// </summary>
        public static ReferenceSet AzureOpenAi21 => s_azure.Value;

        public override string ToString() => Name;

        private static ReferenceSet CreateDefault()
        {
            var refs = s_tpa.Value.Where(kv => IsUseful(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (MetadataReference)MetadataReference.CreateFromFile(kv.Value)).ToImmutableArray();
            return new ReferenceSet("runtime + SDKs", refs, new Dictionary<string, string>());
        }

        private static ReferenceSet CreateAzureOpenAi21()
        {
            string root = NuGetPackageRoot();
            string openAi21 = new[] { "net6.0", "netstandard2.0" }
                .Select(f => Path.Combine(root, "openai", "2.1.0", "lib", f, "OpenAI.dll"))
                .FirstOrDefault(File.Exists)
                ?? throw new FileNotFoundException("OpenAI 2.1.0 is not in the NuGet package folder " + root + " (the project downloads it with PackageDownload; run dotnet restore).");
            string azure = s_tpa.Value.TryGetValue("Azure.AI.OpenAI", out var a) ? a
                : throw new FileNotFoundException("Azure.AI.OpenAI is not among the trusted platform assemblies.");

            var privateAssemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["OpenAI"] = openAi21,
                ["Azure.AI.OpenAI"] = azure,
            };
            var refs = s_tpa.Value.Where(kv => IsUseful(kv.Key) && !privateAssemblies.ContainsKey(kv.Key))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (MetadataReference)MetadataReference.CreateFromFile(kv.Value))
                .Concat(privateAssemblies.Values.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)))
                .ToImmutableArray();
            return new ReferenceSet("runtime + Azure.AI.OpenAI 2.1.0 on OpenAI 2.1.0", refs, privateAssemblies);
        }

        private static bool IsUseful(string simpleName)
            => !ExcludedPrefixes.Any(p => simpleName.StartsWith(p, StringComparison.OrdinalIgnoreCase));

        private static IReadOnlyDictionary<string, string> ReadTrustedPlatformAssemblies()
        {
            var tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
                ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set.");
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
                {
                    result[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }

            return result;
        }

        /// <summary>The NuGet package folder restore used (baked in at build), or the usual defaults.</summary>
        public static string NuGetPackageRoot()
        {
            var candidates = new List<string>();
            var env = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (!string.IsNullOrEmpty(env))
            {
                candidates.Add(env);
            }

            var baked = typeof(ReferenceSet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
            if (!string.IsNullOrEmpty(baked))
            {
                candidates.Add(baked);
            }

            candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
            return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "openai", "2.1.0"))) ?? candidates.Last();
        }
    }
}
