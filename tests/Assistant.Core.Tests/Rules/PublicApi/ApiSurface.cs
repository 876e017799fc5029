using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Assistant.Core.Tests.Rules.PublicApi;

/// <summary>
/// Renders the public surface a rule compiles against as text: every public type of the given
/// namespaces plus every public type of the same assembly their public members mention (the Source
/// types a rule sees), each with its public members and nullability, sorted so the text is stable.
/// </summary>
internal static class ApiSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Render(Assembly assembly, IReadOnlyCollection<string> namespaces)
    {
        var types = Closure(assembly, assembly.GetExportedTypes().Where(t => namespaces.Contains(t.Namespace)));
        var text = new StringBuilder();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Header(type)).Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static HashSet<Type> Closure(Assembly assembly, IEnumerable<Type> roots)
    {
        var included = new HashSet<Type>(roots);
        var queue = new Queue<Type>(included);
        while (queue.TryDequeue(out var type))
        {
            foreach (var referenced in Mentioned(type).SelectMany(Flatten))
            {
                if (referenced.Assembly == assembly && (referenced.IsPublic || referenced.IsNestedPublic) && included.Add(referenced))
                {
                    queue.Enqueue(referenced);
                }
            }
        }

        return included;
    }

    private static IEnumerable<Type> Mentioned(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var face in type.GetInterfaces())
        {
            yield return face;
        }

        foreach (var member in type.GetMembers(Declared))
        {
            switch (member)
            {
                case PropertyInfo property:
                    yield return property.PropertyType;
                    break;
                case FieldInfo field:
                    yield return field.FieldType;
                    break;
                case MethodBase method:
                    foreach (var parameter in method.GetParameters())
                    {
                        yield return parameter.ParameterType;
                    }

                    if (method is MethodInfo info)
                    {
                        yield return info.ReturnType;
                    }

                    break;
            }
        }
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            return Flatten(type.GetElementType()!);
        }

        return type.IsGenericType
            ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }

    private static string Header(Type type)
    {
        var kind = type.IsEnum ? "enum"
            : type.IsInterface ? "interface"
            : type.IsValueType ? "struct"
            : type.GetMethod("<Clone>$") is not null ? "record"
            : "class";
        var modifiers = type.IsAbstract && type.IsSealed ? "static "
            : type.IsSealed && !type.IsValueType && !type.IsEnum ? "sealed "
            : type.IsAbstract && !type.IsInterface ? "abstract "
            : string.Empty;
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType, null));
        }

        // An enum's interfaces belong to the runtime (they grow with .NET versions), not to the rule API.
        bases.AddRange(type.IsEnum ? [] : type.GetInterfaces().Select(i => Name(i, null)).Order(StringComparer.Ordinal));
        return $"{type.Namespace}: public {modifiers}{kind} {Name(type, null)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}";
    }

    private static IEnumerable<string> Members(Type type)
    {
        var nullability = new NullabilityInfoContext();
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared).Where(m => !m.Name.Contains('<', StringComparison.Ordinal)))
        {
            switch (member)
            {
                case ConstructorInfo constructor:
                    yield return $"{(constructor.IsStatic ? "static " : string.Empty)}.ctor({Parameters(constructor, nullability)})";
                    break;
                case PropertyInfo property:
                    var accessors = new List<string>();
                    if (property.GetMethod is { IsPublic: true })
                    {
                        accessors.Add("get;");
                    }

                    if (property.SetMethod is { IsPublic: true } setter)
                    {
                        accessors.Add(setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init;" : "set;");
                    }

                    var indexer = property.GetIndexParameters();
                    var name = indexer.Length == 0 ? property.Name : $"this[{string.Join(", ", indexer.Select(p => Parameter(p, nullability)))}]";
                    yield return $"{(property.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(property.PropertyType, nullability.Create(property))} {name} {{ {string.Join(' ', accessors)} }}";
                    break;
                case FieldInfo field:
                    var prefix = field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty;
                    var value = field.IsLiteral ? $" = {field.GetRawConstantValue()}" : string.Empty;
                    yield return $"{prefix}{(field.IsInitOnly ? "readonly " : string.Empty)}{Name(field.FieldType, nullability.Create(field))} {field.Name}{value}";
                    break;
                case MethodInfo method when !method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal):
                    var generic = method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;
                    var modifier = method.IsStatic ? "static " : method.IsAbstract && !type.IsInterface ? "abstract " : string.Empty;
                    yield return $"{modifier}{Name(method.ReturnType, nullability.Create(method.ReturnParameter))} {method.Name}{generic}({Parameters(method, nullability)})";
                    break;
            }
        }
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p => Parameter(p, nullability)));

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var type = parameter.ParameterType;
        var prefix = parameter.IsDefined(typeof(ParamArrayAttribute)) ? "params "
            : type.IsByRef ? (parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ")
            : string.Empty;
        var info = nullability.Create(parameter);
        var shown = type.IsByRef ? Name(type.GetElementType()!, info) : Name(type, info);
        var defaultValue = parameter.HasDefaultValue ? $" = {parameter.DefaultValue switch { null => "null", string s => $"\"{s}\"", bool b => b ? "true" : "false", var v => v.ToString() }}" : string.Empty;
        return $"{prefix}{shown} {parameter.Name}{defaultValue}";
    }

    private static string Name(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying, null) + "?";
        }

        var mark = !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : string.Empty;
        if (type.IsArray)
        {
            return Name(type.GetElementType()!, nullability?.ElementType) + "[]" + mark;
        }

        var name = Aliases.TryGetValue(type, out var alias) ? alias : type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsNested && !type.IsGenericParameter)
        {
            name = Name(type.DeclaringType!, null) + "." + name;
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var infos = nullability?.GenericTypeArguments;
            name += "<" + string.Join(", ", arguments.Select((a, i) => Name(a, infos is { } n && i < n.Length ? n[i] : null))) + ">";
        }

        return name + mark;
    }

    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(double)] = "double",
        [typeof(char)] = "char",
        [typeof(byte)] = "byte",
    };
}
