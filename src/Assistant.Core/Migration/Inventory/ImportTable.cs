using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Rules.UserRules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// What each name of a module refers to: <c>t</c> → <c>flytekit.task</c> after
/// <c>from flytekit import task as t</c>; <c>fk.workflow</c> → <c>flytekit.workflow</c> after
/// <c>import flytekit as fk</c>; a top-level <c>def load</c> → <c>pkg.mod.load</c>. Relative imports
/// are resolved against the module's own package. Names declared equivalent to a framework object
/// (<see cref="FrameworkAlias"/>) resolve to that object.
/// </summary>
public sealed class ImportTable
{
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);
    private readonly FrameworkAliasMap _aliases;

    public ImportTable(PythonModule module, FrameworkAliasMap? aliases = null)
    {
        _aliases = aliases ?? FrameworkAliasMap.Empty;
        ModuleName = ProjectModel.ModuleName(module.Path);
        foreach (var statement in module.Root.Descendants(n => n.Kind is not ("FunctionDef" or "AsyncFunctionDef" or "ClassDef")))
        {
            if (ImportSyntax.From(statement) is { } import)
            {
                Bind(import, module.Path);
            }
        }

        foreach (var statement in module.Body)
        {
            if (statement.Scalar("name") is { } name && statement.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef")
            {
                _bindings[name] = $"{ModuleName}.{name}";
            }
            else if (AssignSyntax.From(statement) is { } assign && !statement.Is("AugAssign"))
            {
                foreach (var target in assign.Targets.Where(t => t.Is("Name")))
                {
                    _bindings[target.Scalar("id")!] = $"{ModuleName}.{target.Scalar("id")}";
                }
            }
        }
    }

    public string ModuleName { get; }

    /// <summary>Modules this one imports from (fully qualified, relative imports resolved).</summary>
    public IEnumerable<string> ImportedModules => _bindings.Values;

    /// <summary>The qualified name an expression refers to (<c>Name</c>/<c>Attribute</c> chains), or null.</summary>
    public string? Resolve(SyntaxNode? expression)
    {
        var dotted = expression?.DottedName();
        if (dotted is null)
        {
            return null;
        }

        var head = dotted.Split('.')[0];
        return _bindings.TryGetValue(head, out var qualified) ? _aliases.Map(qualified + dotted[head.Length..]) : null;
    }

    public string? Resolve(string name) => _bindings.GetValueOrDefault(name) is { } qualified ? _aliases.Map(qualified) : null;

    private void Bind(ImportSyntax import, string path)
    {
        foreach (var name in import.Names)
        {
            if (!import.IsFrom)
            {
                _bindings[name.BoundName] = name.Alias is null ? name.BoundName : name.Name;
                continue;
            }

            if (name.Name == "*")
            {
                continue;
            }

            // A relative import that climbs above the top-level package reads from the top.
            var source = PythonImports.AbsoluteModule(path, import) ?? import.Module ?? string.Empty;
            _bindings[name.BoundName] = $"{source}.{name.Name}";
        }
    }

}
