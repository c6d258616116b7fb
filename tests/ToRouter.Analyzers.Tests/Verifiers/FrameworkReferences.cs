using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ToRouter.Analyzers.Tests.Verifiers
{
    /// <summary>The target frameworks a fixed output is compiled against.</summary>
    public enum TargetFramework
    {
        Net80,
        Net48,
        NetStandard20,
    }

    /// <summary>Reference assemblies and SDK packages for each target framework a fix must compile for.</summary>
    internal static class FrameworkReferences
    {
        /// <summary>.NET Framework 4.8: the testing library's default asks for a package version the NuGet copy here lacks.</summary>
        public static readonly ReferenceAssemblies Net48 = new ReferenceAssemblies(
                "net48",
                new PackageIdentity("Microsoft.NETFramework.ReferenceAssemblies.net48", "1.0.3"),
                Path.Combine("build", ".NETFramework", "v4.8"))
            .AddAssemblies(ImmutableArray.Create("mscorlib", "System", "System.Core", "System.Net.Http", "System.Runtime", "System.Threading.Tasks", "netstandard"));

        public static ReferenceAssemblies For(TargetFramework framework)
            => framework == TargetFramework.Net48 ? Net48
                : framework == TargetFramework.NetStandard20 ? ReferenceAssemblies.NetStandard.NetStandard20
                : SdkReferences.Net80;

        public static ImmutableArray<MetadataReference> SdkFor(TargetFramework framework)
            => framework == TargetFramework.Net48 ? SdkReferences.Net48Sdk
                : framework == TargetFramework.NetStandard20 ? SdkReferences.NetStandard20Sdk
                : SdkReferences.All;
    }
}
