using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// One pass over a device source file: language constructs the nanoFramework toolchain rejects, then every name,
    /// constructor, indexer, operator, attribute and foreach that binds to a library symbol.
    /// </summary>
    internal sealed class DeviceSourceWalker
    {
        private readonly SemanticModel model;
        private readonly SymbolRules symbols;
        private readonly Action<Diagnostic> report;
        private readonly CancellationToken cancellation;

        public DeviceSourceWalker(SemanticModel model, SymbolRules symbols, Action<Diagnostic> report, CancellationToken cancellation)
        {
            this.model = model;
            this.symbols = symbols;
            this.report = report;
            this.cancellation = cancellation;
        }

        public void Run()
        {
            var tree = model.SyntaxTree;
            var root = tree.GetRoot(cancellation);
            CheckLanguageVersion(tree, root);

            // DescendantNodes is iterative: deep expressions cannot overflow the stack.
            foreach (var node in root.DescendantNodesAndSelf())
            {
                cancellation.ThrowIfCancellationRequested();
                try
                {
                    Visit(node);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    // Odd code must never crash the build's analyzer; the compiler reports real errors itself.
                }
            }
        }

        private void CheckLanguageVersion(SyntaxTree tree, SyntaxNode root)
        {
            var options = tree.Options as CSharpParseOptions;
            if (options != null && options.LanguageVersion > LanguageVersion.CSharp9)
            {
                var first = root.GetFirstToken();
                var location = first.RawKind == 0 ? Location.Create(tree, default(Microsoft.CodeAnalysis.Text.TextSpan)) : first.GetLocation();
                Report(Descriptors.LanguageVersion, location, "language version C# " + options.LanguageVersion.ToDisplayString());
            }
        }

        private void Visit(SyntaxNode node)
        {
            switch (node.Kind())
            {
                // ---- declarations -------------------------------------------------------------------------------
                case SyntaxKind.ClassDeclaration:
                case SyntaxKind.StructDeclaration:
                case SyntaxKind.InterfaceDeclaration:
                    {
                        var type = (TypeDeclarationSyntax)node;
                        if (type.TypeParameterList != null)
                        {
                            Report(Descriptors.Generic, type.Identifier.GetLocation(), "generic type declaration '" + type.Identifier.Text + type.TypeParameterList + "'");
                        }

                        CheckModifiers(type.Modifiers, type.Identifier);
                        break;
                    }

                case SyntaxKind.RecordDeclaration:
                case SyntaxKind.RecordStructDeclaration:
                    {
                        var record = (RecordDeclarationSyntax)node;
                        Report(Descriptors.Record, record.Identifier.GetLocation(), "record '" + record.Identifier.Text + "'");
                        break;
                    }

                case SyntaxKind.DelegateDeclaration:
                    {
                        var d = (DelegateDeclarationSyntax)node;
                        if (d.TypeParameterList != null)
                        {
                            Report(Descriptors.Generic, d.Identifier.GetLocation(), "generic delegate declaration '" + d.Identifier.Text + d.TypeParameterList + "'");
                        }

                        break;
                    }

                case SyntaxKind.MethodDeclaration:
                    VisitMethod((MethodDeclarationSyntax)node);
                    break;

                case SyntaxKind.LocalFunctionStatement:
                    {
                        var f = (LocalFunctionStatementSyntax)node;
                        if (f.TypeParameterList != null)
                        {
                            Report(Descriptors.Generic, f.Identifier.GetLocation(), "generic method declaration '" + f.Identifier.Text + f.TypeParameterList + "'");
                        }

                        CheckModifiers(f.Modifiers, f.Identifier);
                        break;
                    }

                case SyntaxKind.PropertyDeclaration:
                case SyntaxKind.IndexerDeclaration:
                case SyntaxKind.EventDeclaration:
                    VisitPropertyLike((BasePropertyDeclarationSyntax)node);
                    break;

                case SyntaxKind.FieldDeclaration:
                case SyntaxKind.EventFieldDeclaration:
                case SyntaxKind.ConstructorDeclaration:
                case SyntaxKind.OperatorDeclaration:
                case SyntaxKind.ConversionOperatorDeclaration:
                case SyntaxKind.DestructorDeclaration:
                    {
                        var member = (MemberDeclarationSyntax)node;
                        var field = member as BaseFieldDeclarationSyntax;
                        CheckModifiers(member.Modifiers, field != null && field.Declaration.Variables.Count > 0
                            ? field.Declaration.Variables[0].Identifier : member.GetFirstToken());
                        CheckInterfaceMember(member, member.GetFirstToken(), hasBody: !(node is BaseFieldDeclarationSyntax));
                        break;
                    }

                case SyntaxKind.InitAccessorDeclaration:
                    Report(Descriptors.Init, ((AccessorDeclarationSyntax)node).Keyword.GetLocation(), "'init' accessor");
                    break;

                case SyntaxKind.UsingDirective:
                    VisitUsing((UsingDirectiveSyntax)node);
                    break;

                // ---- language constructs ------------------------------------------------------------------------
                case SyntaxKind.QueryExpression:
                    Report(Descriptors.Linq, node.GetFirstToken().GetLocation(), "LINQ query expression");
                    break;

                case SyntaxKind.AwaitExpression:
                    Report(Descriptors.Async, node.GetFirstToken().GetLocation(), "'await'");
                    break;

                case SyntaxKind.ParenthesizedLambdaExpression:
                case SyntaxKind.SimpleLambdaExpression:
                case SyntaxKind.AnonymousMethodExpression:
                    {
                        var f = (AnonymousFunctionExpressionSyntax)node;
                        if (f.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                        {
                            Report(Descriptors.Async, f.AsyncKeyword.GetLocation(), "async lambda");
                        }

                        break;
                    }

                case SyntaxKind.ForEachStatement:
                case SyntaxKind.ForEachVariableStatement:
                    VisitForEach((CommonForEachStatementSyntax)node);
                    break;

                case SyntaxKind.UsingStatement:
                    if (((UsingStatementSyntax)node).AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    {
                        Report(Descriptors.Async, node.GetFirstToken().GetLocation(), "'await using'");
                    }

                    break;

                case SyntaxKind.LocalDeclarationStatement:
                    if (((LocalDeclarationStatementSyntax)node).AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    {
                        Report(Descriptors.Async, node.GetFirstToken().GetLocation(), "'await using'");
                    }

                    break;

                case SyntaxKind.TupleType:
                    Report(Descriptors.Tuple, node.GetLocation(), "tuple type '" + Short(node) + "'");
                    break;

                case SyntaxKind.TupleExpression:
                    Report(Descriptors.Tuple, node.GetLocation(),
                        node.Parent is AssignmentExpressionSyntax a && a.Left == node ? "tuple deconstruction '" + Short(node) + "'" : "tuple literal '" + Short(node) + "'");
                    break;

                case SyntaxKind.ParenthesizedVariableDesignation:
                    if (!(node.Parent is ParenthesizedVariableDesignationSyntax))
                    {
                        Report(Descriptors.Tuple, node.GetLocation(), "deconstruction '" + Short(node) + "'");
                    }

                    break;

                case SyntaxKind.PositionalPatternClause:
                    Report(Descriptors.Tuple, node.GetLocation(), "positional pattern (Deconstruct) '" + Short(node) + "'");
                    break;

                case SyntaxKind.NullableType:
                    {
                        var type = model.GetTypeInfo(node, cancellation).Type;
                        if (type != null && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                        {
                            Report(Descriptors.Nullable, node.GetLocation(), "nullable value type '" + Short(node) + "'");
                        }

                        break;
                    }

                case SyntaxKind.ArrayRankSpecifier:
                    if (((ArrayRankSpecifierSyntax)node).Rank > 1)
                    {
                        Report(Descriptors.MultiDimensionalArray, node.GetLocation(), "multi-dimensional array '" + Short(node.Parent ?? node) + "'");
                    }

                    break;

                case SyntaxKind.StackAllocArrayCreationExpression:
                case SyntaxKind.ImplicitStackAllocArrayCreationExpression:
                    Report(Descriptors.Span, node.GetFirstToken().GetLocation(), "'stackalloc'");
                    break;

                case SyntaxKind.UnsafeStatement:
                    Report(Descriptors.Unsafe, node.GetFirstToken().GetLocation(), "'unsafe' block");
                    break;

                case SyntaxKind.FixedStatement:
                    Report(Descriptors.Unsafe, node.GetFirstToken().GetLocation(), "'fixed' statement");
                    break;

                case SyntaxKind.PointerType:
                case SyntaxKind.FunctionPointerType:
                    Report(Descriptors.Unsafe, node.GetLocation(), "pointer type '" + Short(node) + "'");
                    return;

                case SyntaxKind.AddressOfExpression:
                case SyntaxKind.PointerIndirectionExpression:
                case SyntaxKind.PointerMemberAccessExpression:
                    Report(Descriptors.Unsafe, node.GetLocation(), "pointer operation '" + Short(node) + "'");
                    break;

                case SyntaxKind.ArgListExpression:
                case SyntaxKind.MakeRefExpression:
                case SyntaxKind.RefTypeExpression:
                case SyntaxKind.RefValueExpression:
                    Report(Descriptors.Unsafe, node.GetLocation(), "'" + node.GetFirstToken().Text + "'");
                    break;

                case SyntaxKind.YieldReturnStatement:
                case SyntaxKind.YieldBreakStatement:
                    Report(Descriptors.Iterator, node.GetFirstToken().GetLocation(), "iterator ('yield')");
                    break;

                case SyntaxKind.IndexExpression:
                    Report(Descriptors.IndexRange, node.GetLocation(), "index from end '" + Short(node) + "'");
                    break;

                case SyntaxKind.RangeExpression:
                    Report(Descriptors.IndexRange, node.GetLocation(), "range '" + Short(node) + "'");
                    break;

                case SyntaxKind.InterpolationFormatClause:
                    VisitFormatClause((InterpolationFormatClauseSyntax)node);
                    break;

                // ---- compiler-required types mscorlib 1.17.11 lacks; checks the interpreter does not make ---------
                case SyntaxKind.Parameter:
                    VisitParameter((ParameterSyntax)node);
                    break;

                case SyntaxKind.RefType:
                    if (((RefTypeSyntax)node).ReadOnlyKeyword.IsKind(SyntaxKind.ReadOnlyKeyword))
                    {
                        Report(Descriptors.CompilerRequiredType, node.GetLocation(), "'ref readonly'",
                            "System.Runtime.InteropServices.InAttribute", "return the value, or use ref");
                    }

                    break;

                case SyntaxKind.NumericLiteralExpression:
                    if (((LiteralExpressionSyntax)node).Token.Value is decimal)
                    {
                        Report(Descriptors.CompilerRequiredType, node.GetLocation(), "decimal literal '" + Short(node) + "'",
                            "System.Decimal", "use integers with a fixed scale");
                    }

                    break;

                case SyntaxKind.CheckedExpression:
                case SyntaxKind.CheckedStatement:
                    Report(Descriptors.CheckedArithmetic, node.GetFirstToken().GetLocation(), "'checked'");
                    break;

                // ---- names and what they bind to ----------------------------------------------------------------
                case SyntaxKind.GenericName:
                    VisitGenericName((GenericNameSyntax)node);
                    break;

                case SyntaxKind.IdentifierName:
                    VisitIdentifier((IdentifierNameSyntax)node);
                    break;

                case SyntaxKind.PredefinedType:
                    if (((PredefinedTypeSyntax)node).Keyword.IsKind(SyntaxKind.DecimalKeyword))
                    {
                        Report(Descriptors.CompilerRequiredType, node.GetLocation(), "'decimal'", "System.Decimal",
                            "use integers with a fixed scale");
                        break;
                    }

                    symbols.Check(model.GetSymbolInfo(node, cancellation).Symbol, node.GetLocation(), report);
                    break;

                case SyntaxKind.ObjectCreationExpression:
                case SyntaxKind.ImplicitObjectCreationExpression:
                case SyntaxKind.ElementAccessExpression:
                case SyntaxKind.ElementBindingExpression:
                case SyntaxKind.Attribute:
                case SyntaxKind.BaseConstructorInitializer:
                case SyntaxKind.ThisConstructorInitializer:
                    CheckBoundMember(node);
                    break;

                case SyntaxKind.InvocationExpression:
                    VisitInvocation((InvocationExpressionSyntax)node);
                    break;

                case SyntaxKind.CollectionInitializerExpression:
                    foreach (var element in ((InitializerExpressionSyntax)node).Expressions)
                    {
                        var info = model.GetCollectionInitializerSymbolInfo(element, cancellation);
                        symbols.Check(info.Symbol, element.GetLocation(), report);
                    }

                    break;

                default:
                    if (node is BinaryExpressionSyntax || node is PrefixUnaryExpressionSyntax || node is PostfixUnaryExpressionSyntax
                        || node is AssignmentExpressionSyntax)
                    {
                        var method = model.GetSymbolInfo(node, cancellation).Symbol as IMethodSymbol;
                        if (method != null && method.MethodKind == MethodKind.UserDefinedOperator)
                        {
                            symbols.Check(method, node.GetLocation(), report);
                        }
                    }

                    break;
            }
        }

        private void VisitMethod(MethodDeclarationSyntax method)
        {
            if (method.TypeParameterList != null)
            {
                Report(Descriptors.Generic, method.Identifier.GetLocation(), "generic method declaration '" + method.Identifier.Text + method.TypeParameterList + "'");
            }

            CheckModifiers(method.Modifiers, method.Identifier);
            CheckInterfaceMember(method, method.Identifier, method.Body != null || method.ExpressionBody != null);

            if (method.Modifiers.Any(SyntaxKind.OverrideKeyword))
            {
                var symbol = model.GetDeclaredSymbol(method, cancellation);
                var overridden = symbol?.OverriddenMethod;
                if (overridden != null && !SymbolEqualityComparer.Default.Equals(symbol.ReturnType, overridden.ReturnType))
                {
                    Report(Descriptors.CovariantReturn, method.Identifier.GetLocation(), "covariant return type on override '" + method.Identifier.Text + "'");
                }
            }
        }

        /// <summary>
        /// An 'in' parameter of a virtual, abstract, override, interface or delegate member carries modreq(InAttribute),
        /// which mscorlib 1.17.11 lacks (CS0518); elsewhere it leans on an attribute the compiler embeds, which the
        /// device toolchain has never been shown to load. Either way: not in device code.
        /// </summary>
        private void VisitParameter(ParameterSyntax parameter)
        {
            foreach (var modifier in parameter.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.InKeyword))
                {
                    Report(Descriptors.CompilerRequiredType, modifier.GetLocation(), "'in' parameter '" + parameter.Identifier.Text + "'",
                        "System.Runtime.InteropServices.InAttribute", "pass by value, or by ref");
                }
            }
        }

        private void VisitPropertyLike(BasePropertyDeclarationSyntax property)
        {
            var identifier = property is PropertyDeclarationSyntax p ? p.Identifier
                : property is EventDeclarationSyntax e ? e.Identifier
                : property.GetFirstToken();
            CheckModifiers(property.Modifiers, identifier);

            var hasBody = property is PropertyDeclarationSyntax withArrow && withArrow.ExpressionBody != null
                || property is IndexerDeclarationSyntax indexer && indexer.ExpressionBody != null;
            if (property.AccessorList != null)
            {
                foreach (var accessor in property.AccessorList.Accessors)
                {
                    hasBody |= accessor.Body != null || accessor.ExpressionBody != null;
                }
            }

            CheckInterfaceMember(property, identifier, hasBody);

            if (property.Modifiers.Any(SyntaxKind.OverrideKeyword))
            {
                var symbol = model.GetDeclaredSymbol(property, cancellation) as IPropertySymbol;
                var overridden = symbol?.OverriddenProperty;
                if (overridden != null && !SymbolEqualityComparer.Default.Equals(symbol.Type, overridden.Type))
                {
                    Report(Descriptors.CovariantReturn, identifier.GetLocation(), "covariant property type on override '" + identifier.Text + "'");
                }
            }
        }

        private void CheckModifiers(SyntaxTokenList modifiers, SyntaxToken name)
        {
            foreach (var modifier in modifiers)
            {
                if (modifier.IsKind(SyntaxKind.AsyncKeyword))
                {
                    Report(Descriptors.Async, modifier.GetLocation(), "async method '" + name.Text + "'");
                }
                else if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
                {
                    Report(Descriptors.Unsafe, modifier.GetLocation(), "'unsafe' modifier on '" + name.Text + "'");
                }
                else if (modifier.IsKind(SyntaxKind.FixedKeyword))
                {
                    Report(Descriptors.Unsafe, modifier.GetLocation(), "fixed-size buffer");
                }
                else if (modifier.IsKind(SyntaxKind.VolatileKeyword))
                {
                    Report(Descriptors.CompilerRequiredType, modifier.GetLocation(), "'volatile' field '" + name.Text + "'",
                        "System.Runtime.CompilerServices.IsVolatile", "use Interlocked or a lock");
                }
            }
        }

        /// <summary>Default interface methods (C# 8) and static interface members (static abstract: C# 11) need runtime support.</summary>
        private void CheckInterfaceMember(MemberDeclarationSyntax member, SyntaxToken name, bool hasBody)
        {
            if (!(member.Parent is InterfaceDeclarationSyntax))
            {
                return;
            }

            var isStatic = member.Modifiers.Any(SyntaxKind.StaticKeyword);
            if (isStatic && (member.Modifiers.Any(SyntaxKind.AbstractKeyword) || member.Modifiers.Any(SyntaxKind.VirtualKeyword)))
            {
                Report(Descriptors.InterfaceMember, name.GetLocation(), "static abstract interface member '" + name.Text + "'");
            }
            else if (isStatic)
            {
                Report(Descriptors.InterfaceMember, name.GetLocation(), "static interface member '" + name.Text + "'");
            }
            else if (hasBody)
            {
                Report(Descriptors.InterfaceMember, name.GetLocation(), "default interface method '" + name.Text + "'");
            }
        }

        private void VisitUsing(UsingDirectiveSyntax directive)
        {
            if (directive.Alias != null || directive.Name == null)
            {
                return; // an alias is checked where it is used
            }

            var symbol = model.GetSymbolInfo(directive.Name, cancellation).Symbol;
            var ns = symbol as INamespaceSymbol;
            if (ns == null)
            {
                return; // using static: the type name is checked as an identifier
            }

            var name = ns.ToDisplayString();
            var location = directive.Name.GetLocation();
            if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
            {
                Report(Descriptors.Linq, location, "'using " + name + "'");
                return;
            }

            if (name == "System.Threading.Tasks" || name.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal))
            {
                Report(Descriptors.Async, location, "'using " + name + "'");
                return;
            }

            if (symbols.Surface == null || symbols.Surface.HasNamespace(name))
            {
                return;
            }

            // A namespace with firmware types of its own (GroundStation.*) is fine; a library namespace the device
            // libraries don't have would not even compile there.
            foreach (var constituent in ns.ConstituentNamespaces)
            {
                if (constituent.ContainingAssembly == null || !symbols.IsLibrary(constituent))
                {
                    return;
                }
            }

            Report(Descriptors.NotInAllowList, location, "namespace " + name);
        }

        private void VisitForEach(CommonForEachStatementSyntax loop)
        {
            if (loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
            {
                Report(Descriptors.Async, loop.AwaitKeyword.GetLocation(), "'await foreach'");
            }

            if (loop is ForEachVariableStatementSyntax)
            {
                Report(Descriptors.Tuple, loop.ForEachKeyword.GetLocation(), "deconstruction in foreach");
            }

            var info = model.GetForEachStatementInfo(loop);
            var location = loop.ForEachKeyword.GetLocation();
            symbols.Check(info.GetEnumeratorMethod, location, report);
            symbols.Check(info.MoveNextMethod, location, report);
            symbols.Check(info.CurrentProperty, location, report);
        }

        private void VisitGenericName(GenericNameSyntax name)
        {
            var symbol = model.GetSymbolInfo(name, cancellation).Symbol;
            var type = symbol as INamedTypeSymbol;
            if (type != null && symbols.RefuseSpecialType(type, name.GetLocation(), report))
            {
                return;
            }

            string what;
            if (type != null)
            {
                what = "generic type '" + SymbolRules.Display(type.OriginalDefinition) + "'";
            }
            else if (symbol is IMethodSymbol method)
            {
                var m = (method.ReducedFrom ?? method).OriginalDefinition;
                var linq = m.ContainingNamespace != null && m.ContainingNamespace.ToDisplayString().StartsWith("System.Linq", StringComparison.Ordinal);
                Report(linq ? Descriptors.Linq : Descriptors.Generic, name.GetLocation(), "generic method '" + SymbolRules.Display(m) + "'");
                return;
            }
            else
            {
                what = "generic name '" + Short(name) + "'";
            }

            Report(Descriptors.Generic, name.GetLocation(), what);
        }

        private void VisitIdentifier(IdentifierNameSyntax name)
        {
            if (name.IsVar)
            {
                return; // the initializer's own names are checked
            }

            var info = model.GetSymbolInfo(name, cancellation);
            var symbol = info.Symbol;
            if (symbol == null)
            {
                return; // unbound or ambiguous: the compiler reports it
            }

            SyntaxNode use;
            var receiver = Receiver(name, out use);
            if (symbol is IMethodSymbol method && name.Parent is InvocationExpressionSyntax == false
                && !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name && access.Parent is InvocationExpressionSyntax))
            {
                // A method group converted to a delegate: still a use of the method.
                symbols.Check(method, name.GetLocation(), report, receiver);
                return;
            }

            symbols.Check(symbol, name.GetLocation(), report, receiver, AccessOf(use));
        }

        /// <summary>
        /// The static type of what a member is reached through (<c>port</c> in <c>port.Dispose()</c>, the type in
        /// <c>Math.Max</c>), null for an unqualified name; <paramref name="use"/> is the whole member expression.
        /// </summary>
        private INamedTypeSymbol Receiver(SimpleNameSyntax name, out SyntaxNode use)
        {
            use = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            {
                use = access;
                return model.GetTypeInfo(access.Expression, cancellation).Type as INamedTypeSymbol;
            }

            if (name.Parent is MemberBindingExpressionSyntax binding)
            {
                use = binding;
                var conditional = binding.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>();
                return conditional == null ? null : model.GetTypeInfo(conditional.Expression, cancellation).Type as INamedTypeSymbol;
            }

            return null;
        }

        /// <summary>Whether a property, field or indexer is read, written (assigned, initialised) or both (+=, ++).</summary>
        private static MemberAccess AccessOf(SyntaxNode use)
        {
            var parent = use.Parent;
            if (parent is AssignmentExpressionSyntax assignment && assignment.Left == use)
            {
                return assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? MemberAccess.Write : MemberAccess.ReadWrite;
            }

            if (parent is PrefixUnaryExpressionSyntax || parent is PostfixUnaryExpressionSyntax)
            {
                var kind = parent.Kind();
                if (kind == SyntaxKind.PreIncrementExpression || kind == SyntaxKind.PreDecrementExpression
                    || kind == SyntaxKind.PostIncrementExpression || kind == SyntaxKind.PostDecrementExpression)
                {
                    return MemberAccess.ReadWrite;
                }
            }

            return MemberAccess.Read;
        }

        private void VisitInvocation(InvocationExpressionSyntax invocation)
        {
            // Generic methods called with inferred type arguments have no GenericName: catch them here.
            var method = model.GetSymbolInfo(invocation, cancellation).Symbol as IMethodSymbol;
            if (method == null)
            {
                return;
            }

            var original = method.ReducedFrom ?? method;
            if (original.IsGenericMethod && !symbols.IsLibrary(original) && !(InvokedName(invocation) is GenericNameSyntax))
            {
                Report(Descriptors.Generic, InvokedName(invocation).GetLocation(), "generic method '" + SymbolRules.Display(original.OriginalDefinition) + "'");
            }
        }

        private static SyntaxNode InvokedName(InvocationExpressionSyntax invocation)
        {
            var expression = invocation.Expression;
            if (expression is MemberAccessExpressionSyntax access)
            {
                return access.Name;
            }

            if (expression is MemberBindingExpressionSyntax binding)
            {
                return binding.Name;
            }

            return expression;
        }

        private void CheckBoundMember(SyntaxNode node)
        {
            var symbol = model.GetSymbolInfo(node, cancellation).Symbol;
            if (symbol is IPropertySymbol || symbol is IMethodSymbol)
            {
                var receiver = node is ElementAccessExpressionSyntax element
                    ? model.GetTypeInfo(element.Expression, cancellation).Type as INamedTypeSymbol
                    : null;
                symbols.Check(symbol, node.GetLocation(), report, receiver, AccessOf(node));
            }
        }

        /// <summary>nanoFramework's number formatting knows only standard specifiers (D, X, N, F, G + precision).</summary>
        private void VisitFormatClause(InterpolationFormatClauseSyntax clause)
        {
            var interpolation = clause.Parent as InterpolationSyntax;
            if (interpolation == null)
            {
                return;
            }

            var type = model.GetTypeInfo(interpolation.Expression, cancellation).Type;
            var format = clause.FormatStringToken.ValueText;
            if (type != null && IsNumeric(type.SpecialType) && !IsStandardNumericFormat(format))
            {
                Report(Descriptors.FormatString, clause.GetLocation(), "custom numeric format string '" + format + "'");
            }
        }

        internal static bool IsStandardNumericFormat(string format)
        {
            if (string.IsNullOrEmpty(format))
            {
                return true;
            }

            if ("DdXxNnFfGg".IndexOf(format[0]) < 0 || format.Length > 3)
            {
                return false;
            }

            for (var i = 1; i < format.Length; i++)
            {
                if (format[i] < '0' || format[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNumeric(SpecialType type)
        {
            switch (type)
            {
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Source text of a construct for a message, cut at 60 characters.</summary>
        internal static string Short(SyntaxNode node)
        {
            var text = node.ToString();
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments)
        {
            report(Diagnostic.Create(descriptor, location, arguments));
        }
    }
}
