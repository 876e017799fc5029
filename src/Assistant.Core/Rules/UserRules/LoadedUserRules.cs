using System.Reflection;
using System.Runtime.Loader;

namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// A compiled user rule assembly loaded in its own collectible <see cref="AssemblyLoadContext"/> (read from bytes,
/// so the cached file is never locked), with one instance of each public rule class. Runs user code: construct it
/// only inside the rule host process.
/// </summary>
internal sealed class LoadedUserRules : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private LoadedUserRules(AssemblyLoadContext context, List<IRule> rules, List<IFileRule> fileRules, List<FrameworkAlias> aliases, List<string> errors, Dictionary<object, string> typeNames)
    {
        _context = context;
        Rules = rules;
        FileRules = fileRules;
        Aliases = aliases;
        Errors = errors;
        TypeNames = typeNames;
    }

    public IReadOnlyList<IRule> Rules { get; }

    public IReadOnlyList<IFileRule> FileRules { get; }

    public IReadOnlyList<FrameworkAlias> Aliases { get; }

    /// <summary>Classes that could not be instantiated, or whose declarations are invalid.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The full type name of each instance (to name its file in reports).</summary>
    public IReadOnlyDictionary<object, string> TypeNames { get; }

    public static LoadedUserRules Load(string assemblyPath)
    {
        var context = new AssemblyLoadContext("flowmigrate user rules", isCollectible: true);
        using var stream = new MemoryStream(File.ReadAllBytes(assemblyPath));
        var assembly = context.LoadFromStream(stream);
        var (rules, fileRules, aliases, errors) = (new List<IRule>(), new List<IFileRule>(), new List<FrameworkAlias>(), new List<string>());
        var typeNames = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        var types = assembly.GetExportedTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && (typeof(IRule).IsAssignableFrom(t) || typeof(IFileRule).IsAssignableFrom(t) || typeof(IEquivalenceRule).IsAssignableFrom(t)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                errors.Add($"{type.FullName}: a user rule needs a public parameterless constructor");
                continue;
            }

            try
            {
                var instance = Activator.CreateInstance(type)!;
                typeNames[instance] = type.FullName!;
                if (instance is IRule rule)
                {
                    _ = rule.Descriptor.Id;
                    rules.Add(rule);
                }

                if (instance is IFileRule fileRule)
                {
                    _ = fileRule.Descriptor.Id;
                    fileRules.Add(fileRule);
                }

                if (instance is IEquivalenceRule equivalence)
                {
                    foreach (var alias in equivalence.Aliases)
                    {
                        if (AliasProblem(alias) is { } problem)
                        {
                            errors.Add($"{type.FullName}: {problem}");
                        }
                        else
                        {
                            aliases.Add(alias);
                        }
                    }
                }
            }
            catch (Exception exception)
            {
                var inner = exception is TargetInvocationException { InnerException: { } cause } ? cause : exception;
                errors.Add($"{type.FullName}: could not be created ({inner.GetType().Name}: {inner.Message})");
            }
        }

        return new LoadedUserRules(context, rules, fileRules, aliases, errors, typeNames);
    }

    public void Dispose() => _context.Unload();

    private static string? AliasProblem(FrameworkAlias alias)
    {
        static bool Dotted(string? name) => !string.IsNullOrEmpty(name) && name.Split('.').All(p => p.Length > 0 && (char.IsLetter(p[0]) || p[0] == '_') && p.All(c => char.IsLetterOrDigit(c) || c == '_'));
        if (!Dotted(alias.Name) || !alias.Name.Contains('.'))
        {
            return $"alias name '{alias.Name}' must be a qualified Python name such as acme.workflows.company_task";
        }

        if (!Dotted(alias.Original) || !alias.Original.Contains('.') || alias.Original.Split('.')[0] is not ("prefect" or "flytekit"))
        {
            return $"alias original '{alias.Original}' must be a prefect.* or flytekit.* name such as prefect.task";
        }

        return null;
    }
}
