using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GroundStation.NanoGuard
{
    /// <summary>
    /// nanoCLR tags every evaluation-stack value with its type and lets that tag, not the opcode, decide `shr` and
    /// `rem` (and conv.r8, and the sign extension of conv.i8); a binary operation keeps its left operand's tag. C# emits
    /// no IL for a same-width signed/unsigned cast and tags a zero extension (conv.u8) unsigned, and an optimised build
    /// drops single-use locals, so neither a cast nor a local re-tags a value. Two rules follow (firmware/DEVICE_CODING.md):
    /// NANO021: no cast between int and uint or long and ulong on a non-constant value, outside the one audited helper;
    /// NANO022: a value zero-extended to long (from uint, ushort, byte or char) only where its tag cannot leak: as the
    /// right operand of an operator (the result takes the left one's tag), compared, stored in a field or array element,
    /// converted again or boxed.
    /// </summary>
    internal static class InterpreterTypingRules
    {
        /// <summary>The audited helper: the only place a bit pattern crosses between signed and unsigned.</summary>
        public const string AuditedHelper = "GroundStation.Hal.Reinterpret";

        public static void Check(IConversionOperation conversion, Action<Diagnostic> report)
        {
            if (conversion.OperatorMethod != null || conversion.ConstantValue.HasValue || conversion.Operand.ConstantValue.HasValue
                || !conversion.Conversion.IsNumeric || InAuditedHelper(conversion))
            {
                return;
            }

            var from = conversion.Operand.Type;
            var to = conversion.Type;
            if (from == null || to == null || from.TypeKind == TypeKind.Enum || to.TypeKind == TypeKind.Enum)
            {
                return;
            }

            var fromType = from.SpecialType;
            var toType = to.SpecialType;
            if (IsSameWidthSignFlip(fromType, toType))
            {
                report(Diagnostic.Create(Descriptors.SignReinterpretCast, conversion.Syntax.GetLocation(),
                    DeviceSourceWalker.Short(conversion.Syntax), "a " + Keyword(fromType), Keyword(toType), IsUnsigned(fromType) ? "unsigned" : "signed"));
                return;
            }

            if (toType == SpecialType.System_Int64 && IsZeroExtending(fromType))
            {
                var leak = Leak(conversion);
                if (leak != null)
                {
                    report(Diagnostic.Create(Descriptors.ZeroExtendedSigned, conversion.Syntax.GetLocation(),
                        DeviceSourceWalker.Short(conversion.Syntax), "a " + Keyword(fromType), "long", leak));
                }
            }
        }

        /// <summary>Null when the zero-extended value's tag cannot reach a tag-sensitive instruction; else why it can.</summary>
        private static string Leak(IOperation conversion)
        {
            var parent = conversion.Parent;
            while (parent is IParenthesizedOperation)
            {
                conversion = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IBinaryOperation binary:
                    if (IsComparison(binary.OperatorKind) || binary.RightOperand == conversion)
                    {
                        return null;
                    }

                    return "it is the left operand of '" + OperatorText(binary.OperatorKind) + "', whose result keeps its tag";
                case ICompoundAssignmentOperation compound:
                    return compound.Value == conversion ? null : "it is assigned to";
                case IConversionOperation _:
                    return null; // conv.* re-tags; conv.r8 of a non-negative value is exact either way
                case ISimpleAssignmentOperation assignment:
                    return IsStoredTyped(assignment.Target) ? null : "it is assigned to a local, which an optimised build keeps on the stack";
                case IVariableInitializerOperation initializer:
                    return initializer.Parent is IFieldInitializerOperation ? null
                        : "it initialises a local, which an optimised build keeps on the stack";
                case IFieldInitializerOperation _:
                    return null;
                case IArgumentOperation _:
                    return "it is passed as an argument, and the callee sees the unsigned tag";
                case IReturnOperation _:
                    return "it is returned, and the caller sees the unsigned tag";
                case IUnaryOperation _:
                    return "it is negated or complemented, and the result keeps its tag";
                default:
                    return "it flows on with its unsigned tag";
            }
        }

        /// <summary>A store into a field or array element writes the declared type: the value is re-tagged on its way out.</summary>
        private static bool IsStoredTyped(IOperation target)
        {
            return target is IFieldReferenceOperation || target is IArrayElementReferenceOperation;
        }

        private static bool InAuditedHelper(IOperation operation)
        {
            var model = operation.SemanticModel;
            if (model == null)
            {
                return false;
            }

            var symbol = model.GetEnclosingSymbol(operation.Syntax.SpanStart);
            for (var type = symbol?.ContainingType; type != null; type = type.ContainingType)
            {
                if (TypeKeys.Of(type) == AuditedHelper)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSameWidthSignFlip(SpecialType from, SpecialType to)
        {
            return (from == SpecialType.System_Int32 && to == SpecialType.System_UInt32)
                || (from == SpecialType.System_UInt32 && to == SpecialType.System_Int32)
                || (from == SpecialType.System_Int64 && to == SpecialType.System_UInt64)
                || (from == SpecialType.System_UInt64 && to == SpecialType.System_Int64);
        }

        private static bool IsZeroExtending(SpecialType from)
        {
            return from == SpecialType.System_UInt32 || from == SpecialType.System_UInt16
                || from == SpecialType.System_Byte || from == SpecialType.System_Char;
        }

        private static bool IsUnsigned(SpecialType type)
        {
            return type == SpecialType.System_UInt32 || type == SpecialType.System_UInt64;
        }

        private static bool IsComparison(BinaryOperatorKind kind)
        {
            switch (kind)
            {
                case BinaryOperatorKind.Equals:
                case BinaryOperatorKind.NotEquals:
                case BinaryOperatorKind.LessThan:
                case BinaryOperatorKind.LessThanOrEqual:
                case BinaryOperatorKind.GreaterThan:
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return true;
                default:
                    return false;
            }
        }

        private static string OperatorText(BinaryOperatorKind kind)
        {
            switch (kind)
            {
                case BinaryOperatorKind.Add: return "+";
                case BinaryOperatorKind.Subtract: return "-";
                case BinaryOperatorKind.Multiply: return "*";
                case BinaryOperatorKind.Divide: return "/";
                case BinaryOperatorKind.Remainder: return "%";
                case BinaryOperatorKind.LeftShift: return "<<";
                case BinaryOperatorKind.RightShift: return ">>";
                case BinaryOperatorKind.And: return "&";
                case BinaryOperatorKind.Or: return "|";
                case BinaryOperatorKind.ExclusiveOr: return "^";
                default: return kind.ToString();
            }
        }

        private static string Keyword(SpecialType type)
        {
            switch (type)
            {
                case SpecialType.System_Int32: return "int";
                case SpecialType.System_UInt32: return "uint";
                case SpecialType.System_Int64: return "long";
                case SpecialType.System_UInt64: return "ulong";
                case SpecialType.System_UInt16: return "ushort";
                case SpecialType.System_Byte: return "byte";
                case SpecialType.System_Char: return "char";
                default: return type.ToString();
            }
        }
    }
}
