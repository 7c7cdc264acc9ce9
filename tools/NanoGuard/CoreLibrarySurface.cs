using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// The public API of nanoFramework's real mscorlib (the nanoFramework.CoreLibrary package's lib/mscorlib.dll),
    /// read through Roslyn's metadata reader: the device's core library judged from the assembly itself, member by
    /// member and overload by overload, not from a hand-written list. The path comes from the MSBuild property
    /// NanoGuardCoreLibrary (tools/build/DeviceProject.props); one instance per path per compiler process.
    /// </summary>
    internal sealed class CoreLibrarySurface
    {
        private static readonly ConcurrentDictionary<string, CoreLibrarySurface> Cache =
            new ConcurrentDictionary<string, CoreLibrarySurface>(StringComparer.Ordinal);

        private readonly Dictionary<string, INamedTypeSymbol> types = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        private readonly HashSet<string> namespaces = new HashSet<string>(StringComparer.Ordinal);

        private CoreLibrarySurface(string path)
        {
            Path = path;
#pragma warning disable RS1035 // The package's mscorlib.dll is an immutable build input, like an AdditionalFile.
            var reference = MetadataReference.CreateFromFile(path);
#pragma warning restore RS1035
            var probe = CSharpCompilation.Create("NanoGuardCoreLibraryProbe", references: new[] { reference });
            var assembly = probe.GetAssemblyOrModuleSymbol(reference) as IAssemblySymbol;
            if (assembly == null)
            {
                throw new InvalidOperationException(path + " is not an assembly");
            }

            Version = assembly.Identity.Version.ToString();
            Collect(assembly.GlobalNamespace);
        }

        public string Path { get; }

        /// <summary>The assembly version of the mscorlib read (1.17.11 has assembly version 1.17.11.0).</summary>
        public string Version { get; }

        /// <summary>Loads (once per process) the mscorlib at <paramref name="path"/>; null when the file is missing.</summary>
        public static CoreLibrarySurface Load(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return null;
            }

#pragma warning disable RS1035 // see the constructor
            if (!File.Exists(path))
            {
                return null;
            }
#pragma warning restore RS1035

            return Cache.GetOrAdd(path, p => new CoreLibrarySurface(p));
        }

        /// <summary>The public type with this key (namespace-qualified, nested types dotted), or null.</summary>
        public INamedTypeSymbol FindType(string typeKey)
        {
            INamedTypeSymbol type;
            return types.TryGetValue(typeKey, out type) ? type : null;
        }

        public bool HasNamespace(string name)
        {
            return namespaces.Contains(name);
        }

        private void Collect(INamespaceOrTypeSymbol container)
        {
            foreach (var member in container.GetMembers())
            {
                var ns = member as INamespaceSymbol;
                if (ns != null)
                {
                    Collect(ns);
                    continue;
                }

                var type = member as INamedTypeSymbol;
                if (type == null || !IsVisible(type))
                {
                    continue;
                }

                types[TypeKeys.Of(type)] = type;
                var containing = type.ContainingNamespace;
                for (var n = containing; n != null && !n.IsGlobalNamespace; n = n.ContainingNamespace)
                {
                    namespaces.Add(n.ToDisplayString());
                }

                Collect(type);
            }
        }

        /// <summary>Public, or protected/public nested in a visible type: what device code can name.</summary>
        public static bool IsVisible(ISymbol symbol)
        {
            for (var s = symbol; s != null && !(s is INamespaceSymbol); s = s.ContainingSymbol)
            {
                var access = s.DeclaredAccessibility;
                if (access != Accessibility.Public && access != Accessibility.Protected && access != Accessibility.ProtectedOrInternal)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
