using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GroundStation.NanoGuard
{
    /// <summary>How a property or field is used at one place: only an existing accessor of the device's member will do.</summary>
    internal enum MemberAccess
    {
        Read,
        Write,
        ReadWrite,
    }

    /// <summary>
    /// The device's API: the real mscorlib (<see cref="CoreLibrarySurface"/>) plus the reviewed list of the other
    /// pinned packages (<see cref="AllowList"/>). Answers whether a member the desktop bound a source line to exists on
    /// the device with the same signature. Lookup starts at the receiver's type (an inherited member is found where the
    /// device declares it, which need not be where the desktop does), walks the device's own hierarchy for mscorlib
    /// types and the desktop's for listed package types.
    /// </summary>
    internal sealed class NanoSurface
    {
        private readonly CoreLibrarySurface core;
        private readonly AllowList list;

        public NanoSurface(CoreLibrarySurface core, AllowList list)
        {
            this.core = core;
            this.list = list;
        }

        public AllowList List => list;

        public CoreLibrarySurface Core => core;

        public bool HasType(INamedTypeSymbol type)
        {
            var key = TypeKeys.Of(type.OriginalDefinition);
            return (core != null && core.FindType(key) != null) || list.AllowsType(key);
        }

        public bool HasNamespace(string name)
        {
            return (core != null && core.HasNamespace(name)) || list.KnowsNamespace(name);
        }

        /// <summary>
        /// True when the device has <paramref name="member"/> (same name, same parameter types, the accessors used).
        /// Otherwise <paramref name="deviceOverloads"/> lists the device's members of that name (for the message).
        /// </summary>
        public bool HasMember(ISymbol member, INamedTypeSymbol receiver, MemberAccess access, out List<string> deviceOverloads)
        {
            deviceOverloads = null;
            foreach (var type in LookupOrder(member, receiver))
            {
                var key = TypeKeys.Of(type.OriginalDefinition);
                var deviceType = core != null ? core.FindType(key) : null;
                if (deviceType != null)
                {
                    // mscorlib: the device's hierarchy is known and authoritative.
                    if (MatchInCoreLibrary(deviceType, member, access))
                    {
                        return true;
                    }

                    deviceOverloads = deviceOverloads ?? CoreLibraryOverloads(deviceType, TypeKeys.MemberName(member));
                    break;
                }

                if (MatchInList(key, member, access))
                {
                    return true;
                }

                if (deviceOverloads == null && list.AllowsType(key))
                {
                    deviceOverloads = new List<string>();
                    foreach (var overload in list.Overloads(key, TypeKeys.MemberName(member)))
                    {
                        deviceOverloads.Add(TypeKeys.MemberName(member) + "(" + overload.Display + ")");
                    }
                }
            }

            var declaring = member.ContainingType;
            return declaring != null && list.DesktopBindings.ContainsKey(TypeKeys.Of(declaring.OriginalDefinition) + "." + AllowList.Normalize(TypeKeys.Signature(member)));
        }

        /// <summary>The receiver's type and its bases, then the declaring type and its bases (desktop hierarchy).</summary>
        private static IEnumerable<INamedTypeSymbol> LookupOrder(ISymbol member, INamedTypeSymbol receiver)
        {
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var isConstructor = member is IMethodSymbol m && m.MethodKind == MethodKind.Constructor;
            for (var t = receiver; t != null; t = isConstructor ? null : t.BaseType)
            {
                if (seen.Add(t.OriginalDefinition))
                {
                    yield return t;
                }
            }

            for (var t = member.ContainingType; t != null; t = isConstructor ? null : t.BaseType)
            {
                if (seen.Add(t.OriginalDefinition))
                {
                    yield return t;
                }
            }
        }

        private static bool MatchInCoreLibrary(INamedTypeSymbol deviceType, ISymbol member, MemberAccess access)
        {
            var isConstructor = member is IMethodSymbol m && m.MethodKind == MethodKind.Constructor;
            var name = member is IPropertySymbol p && p.IsIndexer ? "this[]" : isConstructor ? ".ctor" : member.Name;
            for (var t = deviceType; t != null; t = isConstructor ? null : t.BaseType)
            {
                if (HasMatch(t, name, member, access))
                {
                    return true;
                }
            }

            // An interface inherits its base interfaces' members (ICollection.GetEnumerator is IEnumerable's).
            if (!isConstructor && deviceType.TypeKind == TypeKind.Interface)
            {
                foreach (var inherited in deviceType.AllInterfaces)
                {
                    if (HasMatch(inherited, name, member, access))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasMatch(INamedTypeSymbol type, string name, ISymbol member, MemberAccess access)
        {
            foreach (var candidate in type.GetMembers(name))
            {
                if (CoreLibrarySurface.IsVisible(candidate) && Matches(candidate, member, access))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Matches(ISymbol device, ISymbol desktop, MemberAccess access)
        {
            var desktopMethod = desktop as IMethodSymbol;
            if (desktopMethod != null)
            {
                var deviceMethod = device as IMethodSymbol;
                return deviceMethod != null && (TypeKeys.Signature(deviceMethod) == TypeKeys.Signature(desktopMethod)
                    || (deviceMethod.MethodKind != MethodKind.Conversion
                        && ListedOverload.Of(deviceMethod).AcceptsSameCallAs(ListedOverload.Of(desktopMethod))));
            }

            var deviceProperty = device as IPropertySymbol;
            var desktopProperty = desktop as IPropertySymbol;
            if (desktopProperty != null && desktopProperty.IsIndexer)
            {
                return deviceProperty != null && deviceProperty.IsIndexer
                    && TypeKeys.Parameters(deviceProperty) == TypeKeys.Parameters(desktopProperty) && HasAccessors(deviceProperty, access);
            }

            if (desktop is IEventSymbol)
            {
                return device is IEventSymbol;
            }

            // A field and a property of the same name read the same way; writing needs a setter or a writable field.
            if (deviceProperty != null && !deviceProperty.IsIndexer)
            {
                return HasAccessors(deviceProperty, access);
            }

            var deviceField = device as IFieldSymbol;
            return deviceField != null && (access == MemberAccess.Read || (!deviceField.IsReadOnly && !deviceField.IsConst));
        }

        private static bool HasAccessors(IPropertySymbol property, MemberAccess access)
        {
            var getter = property.GetMethod != null && CoreLibrarySurface.IsVisible(property.GetMethod);
            var setter = property.SetMethod != null && CoreLibrarySurface.IsVisible(property.SetMethod);
            return access == MemberAccess.Read ? getter : access == MemberAccess.Write ? setter : getter && setter;
        }

        private bool MatchInList(string typeKey, ISymbol member, MemberAccess access)
        {
            var method = member as IMethodSymbol;
            if (method != null)
            {
                if (list.Allows(typeKey, TypeKeys.Signature(member)))
                {
                    return true;
                }

                if (method.MethodKind == MethodKind.Conversion)
                {
                    return false;
                }

                var desktop = ListedOverload.Of(method);
                foreach (var overload in list.Overloads(typeKey, TypeKeys.MemberName(method)))
                {
                    if (overload.AcceptsSameCallAs(desktop))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (member is IPropertySymbol property)
            {
                var signature = TypeKeys.Signature(property);
                var readable = access == MemberAccess.Write || list.AllowsAccessor(typeKey, signature, setter: false);
                var writable = access == MemberAccess.Read || list.AllowsAccessor(typeKey, signature, setter: true);
                return (readable && writable) || (!property.IsIndexer && access == MemberAccess.Read && list.Allows(typeKey, property.Name));
            }

            // Fields, events and enum members are listed by name; a field read may also be a listed property getter.
            return list.Allows(typeKey, member.Name)
                || (member is IFieldSymbol && access == MemberAccess.Read && list.AllowsAccessor(typeKey, member.Name, setter: false));
        }

        private static List<string> CoreLibraryOverloads(INamedTypeSymbol deviceType, string name)
        {
            var result = new List<string>();
            for (var t = deviceType; t != null; t = t.BaseType)
            {
                foreach (var candidate in t.GetMembers(name == ".ctor" ? ".ctor" : name))
                {
                    if (candidate is IMethodSymbol && CoreLibrarySurface.IsVisible(candidate))
                    {
                        result.Add(TypeKeys.Signature(candidate));
                    }
                }
            }

            return result;
        }
    }
}
