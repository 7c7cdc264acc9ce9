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
    /// NANO000..NANO024) on constructs the stable nanoFramework 1.x toolchain cannot compile or run, on code the
    /// interpreter would compute differently, and on any library member the device does not have with the same
    /// signature: the real mscorlib 1.17.11 (MSBuild property NanoGuardCoreLibrary) and, for the other packages, the
    /// reviewed list nanoframework-api.txt (an AdditionalFile).
    /// </summary>
    /// <remarks>
    /// One pass over each syntax tree (<see cref="DeviceSourceWalker"/>) does the syntax and symbol checks; an operation
    /// action judges conversions (user-defined ones have no syntax of their own; numeric ones carry the interpreter's
    /// typing rule, <see cref="InterpreterTypingRules"/>). Optional MSBuild property <c>NanoGuardDeviceRoots</c> limits
    /// the guard to files under those folders; code of the same compilation outside them counts as a library.
    /// With <c>NanoGuardDesktopReferences</c> (the device-core build against the real mscorlib) it also compares every
    /// call's binding with a desktop twin compilation (<see cref="TwinBindingCheck"/>).
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoGuardAnalyzer : DiagnosticAnalyzer
    {
        public const string DeviceRootsProperty = "build_property.NanoGuardDeviceRoots";
        public const string CoreLibraryProperty = "build_property.NanoGuardCoreLibrary";
        public const string DesktopReferencesProperty = "build_property.NanoGuardDesktopReferences";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.MissingAllowList, Descriptors.Generic, Descriptors.Linq, Descriptors.Async, Descriptors.Record,
            Descriptors.Tuple, Descriptors.Nullable, Descriptors.MultiDimensionalArray, Descriptors.Span, Descriptors.Init,
            Descriptors.Dynamic, Descriptors.Unsafe, Descriptors.LanguageVersion, Descriptors.InterfaceMember,
            Descriptors.NotInAllowList, Descriptors.Iterator, Descriptors.IndexRange, Descriptors.CovariantReturn,
            Descriptors.FormatString, Descriptors.OtherOverload, Descriptors.CompilerRequiredType,
            Descriptors.SignReinterpretCast, Descriptors.ZeroExtendedSigned, Descriptors.CheckedArithmetic, Descriptors.TwinBinding);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            string roots, coreLibraryPath, desktopReferences;
            options.TryGetValue(DeviceRootsProperty, out roots);
            options.TryGetValue(CoreLibraryProperty, out coreLibraryPath);
            options.TryGetValue(DesktopReferencesProperty, out desktopReferences);

            string problem;
            var surface = LoadSurface(context.Options.AdditionalFiles, coreLibraryPath, context.CancellationToken, out problem);
            if (problem != null)
            {
                context.RegisterCompilationEndAction(end =>
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingAllowList, Location.None, problem)));
            }

            var scope = DeviceScope.Parse(roots);
            var symbols = new SymbolRules(context.Compilation, surface, scope);
            if (!string.IsNullOrWhiteSpace(desktopReferences))
            {
                var twin = new TwinBindingCheck(context.Compilation, desktopReferences);
                context.RegisterSemanticModelAction(model =>
                {
                    if (scope.Covers(model.SemanticModel.SyntaxTree))
                    {
                        twin.Check(model.SemanticModel, model.ReportDiagnostic, model.CancellationToken);
                    }
                });
            }

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
                if (!scope.Covers(conversion.Syntax.SyntaxTree))
                {
                    return;
                }

                var method = conversion.OperatorMethod;
                if (method != null)
                {
                    // byte[] -> ReadOnlySpan<byte> when a shared adapter calls spi.Write(buffer) on the desktop: no syntax
                    // names the span, so only the device API decides (see "desktop bindings" in the list).
                    symbols.CheckMember(method, conversion.Syntax.GetLocation(), op.ReportDiagnostic, skipGenericCheck: true);
                    return;
                }

                InterpreterTypingRules.Check(conversion, op.ReportDiagnostic);
            }, OperationKind.Conversion);
        }

        /// <summary>The device API, or null with the reason when the core library or the list is missing or broken.</summary>
        private static NanoSurface LoadSurface(ImmutableArray<AdditionalText> files, string coreLibraryPath,
            System.Threading.CancellationToken cancellation, out string problem)
        {
            problem = null;
            AllowList list = null;
            foreach (var file in files)
            {
                if (string.Equals(Path.GetFileName(file.Path), AllowList.FileName, StringComparison.OrdinalIgnoreCase))
                {
                    var text = file.GetText(cancellation);
                    list = text == null ? null : AllowList.Parse(text.ToString());
                }
            }

            if (list == null)
            {
                problem = "the allow-list '" + AllowList.FileName + "' is not among the AdditionalFiles of this project";
                return null;
            }

            if (list.Problems.Count > 0)
            {
                problem = AllowList.FileName + " " + string.Join("; ", list.Problems);
                return null;
            }

            var core = CoreLibrarySurface.Load(coreLibraryPath);
            if (core == null)
            {
                problem = "nanoFramework's mscorlib (MSBuild property NanoGuardCoreLibrary = '" + coreLibraryPath
                    + "') was not found; restore the nanoFramework.CoreLibrary package (tools/build/NanoCoreLibrary.props)";
                return null;
            }

            return new NanoSurface(core, list);
        }
    }
}
