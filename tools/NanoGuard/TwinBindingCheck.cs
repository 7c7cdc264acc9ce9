using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// Same source, same meaning. Runs in the device-core build against the real mscorlib (tools/build/NanoCore): the
    /// same syntax trees are bound a second time against the desktop's reference assemblies, and every call or
    /// construction of a library member is compared. When the two targets bind the same line to members that convert an
    /// argument differently or return another type (Math.Max(long, long) on the desktop, Max(double, double) on the
    /// device), the line means two things and fails the build (NANO024). Overloads that differ only in how an argument
    /// reaches the same type (string.Format(string, object) against Format(string, params object[])) are the same.
    /// </summary>
    internal sealed class TwinBindingCheck
    {
        private readonly Lazy<Compilation> desktop;

        public TwinBindingCheck(Compilation device, string desktopReferenceDirectory)
        {
            desktop = new Lazy<Compilation>(() => CreateTwin(device, desktopReferenceDirectory));
        }

        public void Check(SemanticModel deviceModel, Action<Diagnostic> report, System.Threading.CancellationToken cancellation)
        {
            var tree = deviceModel.SyntaxTree;
            var desktopModel = desktop.Value.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellation).DescendantNodes())
            {
                cancellation.ThrowIfCancellationRequested();
                ArgumentListSyntax arguments;
                if (node is InvocationExpressionSyntax invocation)
                {
                    arguments = invocation.ArgumentList;
                }
                else if (node is BaseObjectCreationExpressionSyntax creation)
                {
                    arguments = creation.ArgumentList;
                }
                else
                {
                    continue;
                }

                var onDevice = deviceModel.GetSymbolInfo(node, cancellation).Symbol as IMethodSymbol;
                var onDesktop = desktopModel.GetSymbolInfo(node, cancellation).Symbol as IMethodSymbol;
                if (onDevice == null || onDesktop == null || IsOwnCode(onDevice, deviceModel.Compilation))
                {
                    continue;
                }

                var difference = Difference(node, arguments, deviceModel, desktopModel, onDevice, onDesktop, cancellation);
                if (difference != null)
                {
                    report(Diagnostic.Create(Descriptors.TwinBinding, node.GetLocation(),
                        Display(onDevice), Display(onDesktop), difference));
                }
            }
        }

        private static string Difference(SyntaxNode node, ArgumentListSyntax arguments, SemanticModel deviceModel,
            SemanticModel desktopModel, IMethodSymbol onDevice, IMethodSymbol onDesktop, System.Threading.CancellationToken cancellation)
        {
            if (onDevice.Name != onDesktop.Name)
            {
                return "another member";
            }

            if (TypeKeys.TypeName(onDevice.ReturnType) != TypeKeys.TypeName(onDesktop.ReturnType))
            {
                return "returns " + TypeKeys.TypeName(onDevice.ReturnType) + " on the device, " + TypeKeys.TypeName(onDesktop.ReturnType) + " on the desktop";
            }

            if (arguments == null)
            {
                return null;
            }

            for (var i = 0; i < arguments.Arguments.Count; i++)
            {
                var expression = arguments.Arguments[i].Expression;
                var device = deviceModel.GetTypeInfo(expression, cancellation).ConvertedType;
                var desktop = desktopModel.GetTypeInfo(expression, cancellation).ConvertedType;
                if (device == null || desktop == null)
                {
                    continue;
                }

                var deviceName = TypeKeys.TypeName(device);
                var desktopName = TypeKeys.TypeName(desktop);
                if (deviceName != desktopName)
                {
                    return "argument " + (i + 1) + " becomes " + deviceName + " on the device, " + desktopName + " on the desktop";
                }
            }

            return null;
        }

        private static bool IsOwnCode(ISymbol symbol, Compilation compilation)
        {
            return SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);
        }

        private static string Display(IMethodSymbol method)
        {
            return TypeKeys.Of(method.ContainingType) + "." + TypeKeys.Signature(method.ReducedFrom ?? method);
        }

        private static Compilation CreateTwin(Compilation device, string directory)
        {
#pragma warning disable RS1035 // the SDK's reference assemblies are an immutable build input
            var references = Directory.GetFiles(directory.Trim(), "*.dll")
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToList();
#pragma warning restore RS1035
            foreach (var reference in device.References)
            {
                // Keep project references (other device assemblies), drop the device's mscorlib.
                var assembly = device.GetAssemblyOrModuleSymbol(reference) as IAssemblySymbol;
                if (assembly != null && assembly.Name != "mscorlib")
                {
                    references.Add(reference);
                }
            }

            return CSharpCompilation.Create(device.AssemblyName + ".DesktopTwin", device.SyntaxTrees, references,
                (CSharpCompilationOptions)device.Options);
        }
    }
}
