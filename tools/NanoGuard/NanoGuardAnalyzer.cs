using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// The nanoFramework compatibility guard. Runs in every desktop build of device sources and fails it (errors
    /// NANO000..NANO018) on constructs the stable nanoFramework 1.x toolchain cannot compile or run, and on any
    /// library API outside the reviewed allow-list (nanoframework-api.txt, passed as an AdditionalFile).
    /// </summary>
    /// <remarks>
    /// One pass over each syntax tree (<see cref="DeviceSourceWalker"/>) does the syntax and symbol checks; an operation
    /// action catches user-defined conversion operators, which have no syntax of their own.
    /// Optional MSBuild property <c>NanoGuardDeviceRoots</c> (made compiler-visible) limits the guard to files under
    /// those folders; then code of the same compilation outside them counts as a library and is checked like one.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoGuardAnalyzer : DiagnosticAnalyzer
    {
        public const string DeviceRootsProperty = "build_property.NanoGuardDeviceRoots";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.MissingAllowList, Descriptors.Generic, Descriptors.Linq, Descriptors.Async, Descriptors.Record,
            Descriptors.Tuple, Descriptors.Nullable, Descriptors.MultiDimensionalArray, Descriptors.Span, Descriptors.Init,
            Descriptors.Dynamic, Descriptors.Unsafe, Descriptors.LanguageVersion, Descriptors.InterfaceMember,
            Descriptors.NotInAllowList, Descriptors.Iterator, Descriptors.IndexRange, Descriptors.CovariantReturn,
            Descriptors.FormatString);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var allowList = LoadAllowList(context.Options.AdditionalFiles, context.CancellationToken);
            if (allowList == null)
            {
                context.RegisterCompilationEndAction(end =>
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingAllowList, Location.None, AllowList.FileName)));
            }

            string roots;
            context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(DeviceRootsProperty, out roots);
            var scope = DeviceScope.Parse(roots);
            var symbols = new SymbolRules(context.Compilation, allowList, scope);

            context.RegisterSemanticModelAction(model =>
            {
                if (scope.Covers(model.SemanticModel.SyntaxTree))
                {
                    new DeviceSourceWalker(model.SemanticModel, symbols, model.ReportDiagnostic, model.CancellationToken).Run();
                }
            });

            context.RegisterOperationAction(op =>
            {
                var conversion = (IConversionOperation)op.Operation;
                var method = conversion.OperatorMethod;
                if (method != null && scope.Covers(conversion.Syntax.SyntaxTree))
                {
                    // byte[] -> ReadOnlySpan<byte> when a shared adapter calls spi.Write(buffer) on the desktop: no syntax
                    // names the span, so only the allow-list decides (see "desktop bindings" in the list).
                    symbols.CheckMember(method, conversion.Syntax.GetLocation(), op.ReportDiagnostic, skipGenericCheck: true);
                }
            }, OperationKind.Conversion);
        }

        private static AllowList LoadAllowList(ImmutableArray<AdditionalText> files, System.Threading.CancellationToken cancellation)
        {
            foreach (var file in files)
            {
                if (string.Equals(Path.GetFileName(file.Path), AllowList.FileName, StringComparison.OrdinalIgnoreCase))
                {
                    var text = file.GetText(cancellation);
                    return text == null ? null : AllowList.Parse(text.ToString());
                }
            }

            return null;
        }
    }
}
