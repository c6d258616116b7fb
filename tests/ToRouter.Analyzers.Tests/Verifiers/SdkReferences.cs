using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ToRouter.Analyzers.Tests.Verifiers
{
    /// <summary>
    /// The real client libraries this test project restores through PackageReference, added to test
    /// compilations from the NuGet package folder in the build that fits the compilation's framework
    /// (the test process itself loads their net10.0 builds, which a .NET 8 compilation cannot reference).
    /// </summary>
    internal static class SdkReferences
    {
        /// <summary>The packages whose public types test sources may use.</summary>
        private static readonly string[] Packages =
        {
            "System.ClientModel", "System.Memory.Data", "OpenAI", "Anthropic", "Azure.AI.OpenAI", "Azure.Core",
            "Microsoft.SemanticKernel.Abstractions", "Microsoft.Extensions.AI.Abstractions", "Polly", "Polly.Core",
            "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions", // ILogger, as most services log
            "Microsoft.Extensions.Options", "Microsoft.Extensions.Primitives", // IOptions<T> settings for retry counts and delays
            "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.FileProviders.Abstractions",
            "Microsoft.Extensions.Diagnostics.Abstractions", // BackgroundService workers
        };

        private static readonly string[] Net80Folders = { "net8.0", "net6.0", "netstandard2.1", "netstandard2.0" };
        private static readonly string[] Net48Folders = { "net48", "net472", "net462", "net461", "netstandard2.0" };

        private static readonly Lazy<ImmutableArray<MetadataReference>> s_net80 = new(() => Load(Net80Folders, Packages));
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_net48 = new(() => Load(Net48Folders, Packages.Concat(new[] { "Microsoft.Bcl.AsyncInterfaces", "System.Memory", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions", "System.Buffers", "System.Text.Json", "System.Diagnostics.DiagnosticSource", "System.Numerics.Vectors", "System.Text.Encodings.Web", "System.ValueTuple" }).ToArray()));

        private static readonly string[] NetStandard20Folders = { "netstandard2.0" };
        private static readonly Lazy<ImmutableArray<MetadataReference>> s_netstandard20 = new(() => Load(NetStandard20Folders, Packages.Concat(new[] { "Microsoft.Bcl.AsyncInterfaces", "System.Memory", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions", "System.Buffers", "System.Text.Json", "System.Diagnostics.DiagnosticSource", "System.Numerics.Vectors", "System.Text.Encodings.Web" }).ToArray()));

        /// <summary>SDK assemblies for a compilation against netstandard2.0 reference assemblies.</summary>
        public static ImmutableArray<MetadataReference> NetStandard20Sdk => s_netstandard20.Value;

        /// <summary>SDK assemblies for a compilation against .NET 8 reference assemblies.</summary>
        public static ImmutableArray<MetadataReference> All => s_net80.Value;

        /// <summary>SDK assemblies for a compilation against .NET Framework 4.8 reference assemblies.</summary>
        public static ImmutableArray<MetadataReference> Net48Sdk => s_net48.Value;

        /// <summary>.NET 8 reference assemblies; the NuGet copy here serves them.</summary>
        public static ReferenceAssemblies Net80 => ReferenceAssemblies.Net.Net80;

        private static ImmutableArray<MetadataReference> Load(string[] folderPreference, string[] packages)
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            }

            var libraries = ReadLibraries();
            var references = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (var package in packages)
            {
                if (!libraries.TryGetValue(package, out var relativePath))
                {
                    continue;
                }

                var lib = Path.Combine(root, relativePath, "lib");
                var folder = folderPreference.Select(f => Path.Combine(lib, f)).FirstOrDefault(Directory.Exists);
                if (folder == null)
                {
                    continue;
                }

                foreach (var dll in Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
                {
                    references.Add(MetadataReference.CreateFromFile(dll));
                }
            }

            return references.ToImmutable();
        }

        /// <summary>Package id → package folder, from the test assembly's deps.json (what restore actually chose).</summary>
        private static Dictionary<string, string> ReadLibraries()
        {
            var deps = Directory.GetFiles(AppContext.BaseDirectory, "ToRouter.Analyzers.Tests*.deps.json").First();
            using var document = JsonDocument.Parse(File.ReadAllText(deps));
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in document.RootElement.GetProperty("libraries").EnumerateObject())
            {
                if (library.Value.GetProperty("type").GetString() == "package" && library.Value.TryGetProperty("path", out var path))
                {
                    result[library.Name.Substring(0, library.Name.IndexOf('/'))] = path.GetString();
                }
            }

            return result;
        }
    }
}
