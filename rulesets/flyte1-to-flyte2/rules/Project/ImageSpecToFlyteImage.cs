using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY501: <c>ImageSpec(...)</c> → a <c>flyte.Image</c> builder chain (every field of reference §10.2).</summary>
public sealed class ImageSpecToFlyteImage : IPrefilteredRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY501",
        "image-spec-to-flyte-image",
        "images-and-project",
        Safety.Review,
        "ImageSpec(name, registry, python_version, packages, apt_packages, requirements, env, commands, copy, …) → flyte.Image.from_debian_base(...) / from_base(...).clone(...) with .with_apt_packages/.with_pip_packages/.with_requirements/.with_env_vars/.with_commands/...; flytekit packages become flyte ones; fields without equivalent become TODOs. A module-level `if img.is_container():` around imports becomes try/except ImportError (flyte.Image has no is_container); other is_container() calls get a TODO.",
        "Flyte 2 images are built with the flyte.Image builder; python_version is a tuple; from_base images must be cloned to be extended and must contain the flyte SDK (reference/flyte.md §10).",
        "ImageSpec(name=\"train\", python_version=\"3.11\", packages=[\"pandas\"])  →  flyte.Image.from_debian_base(name=\"train\", python_version=(3, 11)).with_pip_packages(\"pandas\")");

    // Findings are ImageSpec calls and builder methods on a variable an ImageSpec call or a flyte.Image. chain assigns.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => ["ImageSpec", "flyte.Image."];

    private static readonly string[] ImageSpecNames = ["flytekit.ImageSpec", "flytekit.image_spec.ImageSpec", "flytekit.image_spec.image_spec.ImageSpec"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var pathlibAdded = false;
        foreach (var node in PythonImports.MayResolveTo(bindings, ImageSpecNames) ? module.Root.Descendants().Where(n => Flytekit.Calls(n, bindings, ImageSpecNames)) : [])
        {
            var call = new CallSyntax(node);
            var notes = new List<string>();
            var ctor = new List<string>();
            var methods = new List<string>();
            var index = new List<string>();
            SyntaxNode? baseImage = null;
            var needsPathlib = false;
            string? pip = null;
            string? requirements = null;
            var values = call.Keywords.Where(k => k.Name is not null).ToDictionary(k => k.Name!, k => k.Value, StringComparer.Ordinal);
            if (call.Arguments.FirstOrDefault() is { } positionalName)
            {
                values.TryAdd("name", positionalName);
            }

            foreach (var (key, value) in values)
            {
                var row = context.Tables["image-spec"].Find("old", key);
                var text = module.GetText(value);
                switch (row?.Get("action"))
                {
                    case "ctor" when key == "python_version":
                        ctor.Add("python_version=" + (ConstantSyntax.StringValue(value) is { } version && version.Split('.') is [var major, var minor, ..] ? $"({major}, {minor})" : text));
                        break;
                    case "ctor" when key == "platform":
                        ctor.Add("platform=" + (ConstantSyntax.StringValue(value) is { } platforms
                            ? "(" + string.Join(", ", platforms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => SourceText.Literal(SourceText.PreferredQuote(module), p))) + (platforms.Contains(',', StringComparison.Ordinal) ? ")" : ",)")
                            : text));
                        break;
                    case "ctor":
                        ctor.Add($"{row.Require("new")}={text}");
                        break;
                    case "base":
                        baseImage = value;
                        break;
                    case "index":
                        index.Add($"{row.Require("new")}={(key == "pip_extra_args" && ConstantSyntax.StringValue(value) is { } args ? SourceText.Literal(SourceText.PreferredQuote(module), args) : text)}");
                        break;
                    case "method" when key == "packages":
                        pip = Items(module, value, context.Tables, notes);
                        break;
                    case "method" when key == "apt_packages":
                        methods.Add($".with_apt_packages({Star(module, value)})");
                        break;
                    case "method" when key == "requirements":
                        var file = ConstantSyntax.StringValue(value) ?? string.Empty;
                        requirements = file.EndsWith("pyproject.toml", StringComparison.Ordinal) || file.EndsWith("poetry.lock", StringComparison.Ordinal)
                            ? $".with_poetry_project({text}"
                            : file.EndsWith("uv.lock", StringComparison.Ordinal)
                                ? $".with_uv_project({SourceText.Literal(SourceText.PreferredQuote(module), file[..^"uv.lock".Length] + "pyproject.toml")}"
                                : $".with_requirements({text}";
                        break;
                    case "method" when key == "env":
                        methods.Add($".with_env_vars({text})");
                        break;
                    case "method" when key == "commands":
                        methods.Add($".with_commands({text})");
                        break;
                    case "method" when key == "copy":
                        needsPathlib = true;
                        var paths = value.Kind is "List" or "Tuple" ? value.Children("elts").Select(module.GetText).ToList() : [text];
                        methods.AddRange(paths.Select(p => $".with_source_file(pathlib.Path({p}))"));
                        break;
                    case "method" when key == "source_root":
                        needsPathlib = true;
                        methods.Add($".with_source_folder(pathlib.Path({text}))");
                        break;
                    case "drop":
                        if (ConstantSyntax.StringValue(value) is not (null or "default"))
                        {
                            notes.Add($"builder={text}: the image builder is a global setting in Flyte 2 (image.builder: local|remote, or flyte --builder)");
                        }

                        break;
                    default:
                        notes.Add(row?.Get("note") is { } note ? $"{key}={Flat(text)} was dropped: {note}" : $"ImageSpec({key}={Flat(text)}) has no flyte.Image equivalent");
                        break;
                }
            }

            string head;
            if (baseImage is not null && ConstantSyntax.StringValue(baseImage) is not null)
            {
                var clone = ctor.Where(c => !c.StartsWith("platform=", StringComparison.Ordinal)).ToList();
                if (!clone.Any(c => c.StartsWith("name=", StringComparison.Ordinal)))
                {
                    clone.Insert(0, "name=" + SourceText.Literal(SourceText.PreferredQuote(module), "flyte"));
                }

                clone.Add("extendable=True");
                head = $"flyte.Image.from_base({module.GetText(baseImage)}).clone({string.Join(", ", clone)})";
                pip = pip is null ? SourceText.Literal(SourceText.PreferredQuote(module), "flyte") : $"{pip}, {SourceText.Literal(SourceText.PreferredQuote(module), "flyte")}";
            }
            else if (baseImage is not null)
            {
                var clone = ctor.Where(c => c.StartsWith("name=", StringComparison.Ordinal) || c.StartsWith("registry=", StringComparison.Ordinal)).ToList();
                head = clone.Count == 0 ? module.GetText(baseImage) : $"{module.GetText(baseImage)}.clone({string.Join(", ", clone)})";
            }
            else
            {
                head = $"flyte.Image.from_debian_base({string.Join(", ", ctor)})";
            }

            var indexText = index.Count == 0 ? string.Empty : ", " + string.Join(", ", index);
            if (pip is not null && pip.Length > 0)
            {
                methods.Insert(methods.FindLastIndex(m => m.StartsWith(".with_apt_packages", StringComparison.Ordinal)) + 1, $".with_pip_packages({pip}{indexText})");
            }

            if (requirements is not null)
            {
                methods.Add(requirements + (requirements.StartsWith(".with_requirements", StringComparison.Ordinal) ? indexText : string.Empty) + ")");
            }

            if (index.Count > 0 && pip is null && requirements is null)
            {
                notes.Add("pip index settings without packages were dropped");
            }

            var indent = SourceText.IndentAt(module, node.Span.Start);
            var unit = SourceText.IndentUnit(module);
            var nl = module.NewLine;
            var replacement = methods.Count == 0
                ? head
                : $"({nl}{indent}{unit}{head}{nl}{string.Join(nl, methods.Select(m => indent + unit + m))}{nl}{indent})";
            if (node.Parent?.Is("Expr") == false && methods.Count > 0 && node.Parent.Kind is "Call" or "keyword")
            {
                replacement = head + string.Concat(methods);
            }

            var edits = new List<TextEdit> { TextEdit.Replace(node.Span, replacement) };
            if (needsPathlib && !pathlibAdded && PythonImports.AddImport(module, "pathlib", "flytekit") is { } add)
            {
                pathlibAdded = true;
                edits.Add(add);
            }

            yield return new Finding(Descriptor.Id, node.Span, "ImageSpec → flyte.Image")
            {
                Fix = new Fix(edits, Safety.Review, "flyte.Image builder chain"),
                Todo = notes.Count == 0 ? null : new ManualTodo(string.Join("; ", notes), "reference/flyte.md §10.2"),
            };
        }

        foreach (var finding in Methods(context, bindings))
        {
            yield return finding;
        }
    }

    // img.with_packages([...]) / with_apt_packages / with_commands / with_copy / force_push on an ImageSpec variable.
    private IEnumerable<Finding> Methods(RuleContext context, IReadOnlyList<ImportBinding> bindings)
    {
        var pathlibAdded = false;
        var module = context.Module;
        var images = module.Body.Select(AssignSyntax.From).Where(a => a is not null && (Flytekit.Calls(a.Value, bindings, "flytekit.ImageSpec", "flytekit.image_spec.ImageSpec")
            || module.GetText(a.Value!).Contains("flyte.Image.", StringComparison.Ordinal))).SelectMany(a => a!.TargetNames).ToHashSet(StringComparer.Ordinal);
        // No image variable, no method call to convert: the module's calls need no walk.
        foreach (var node in images.Count == 0 ? [] : module.Root.Descendants().Where(n => n.Is("Call")))
        {
            var call = new CallSyntax(node);
            if (AttributeSyntax.From(call.Function) is not { } attribute || Root(attribute.Value) is not { } receiver || !images.Contains(receiver))
            {
                continue;
            }

            var nameSpan = new TextSpan(attribute.Node.Span.End - attribute.Attribute.Length, attribute.Node.Span.End);
            if (attribute.Attribute == "is_container" && call.Arguments.Count == 0 && call.Keywords.Count == 0)
            {
                yield return IsContainer(module, receiver, node);
                continue;
            }

            if (attribute.Attribute == "force_push")
            {
                var text = $"{receiver}.force_push(): Flyte 2 builds images on deploy; the closest is flyte.build({receiver}, force=True)";
                yield return new Finding(Descriptor.Id, node.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §10.2") };
                continue;
            }

            if (context.Tables["image-spec-methods"].Find("old", attribute.Attribute) is not { } method || call.Arguments.Count != 1)
            {
                continue;
            }

            var renamed = method.Require("new");
            var argument = call.Arguments[0];
            var needsPath = method.Get("paths") == "yes";
            var items = argument.Kind is "List" or "Tuple" ? argument.Children("elts").Select(module.GetText).ToList() : null;
            var args = items is null
                ? "*" + module.GetText(argument)
                : string.Join(", ", needsPath ? items.Select(i => $"pathlib.Path({i})") : items);
            var edits = new List<TextEdit> { TextEdit.Replace(new TextSpan(nameSpan.Start, node.Span.End), $"{renamed}({args})") };
            if (attribute.Attribute == renamed && items is null)
            {
                // with_apt_packages("git") is already the Flyte 2 form.
                continue;
            }

            var specsLeft = module.Root.Descendants().Any(n => Flytekit.Calls(n, bindings, "flytekit.ImageSpec", "flytekit.image_spec.ImageSpec"));
            if (needsPath && !specsLeft && !pathlibAdded && PythonImports.AddImport(module, "pathlib", "flytekit") is { } add)
            {
                pathlibAdded = true;
                edits.Add(add);
            }

            yield return new Finding(Descriptor.Id, node.Span, $"ImageSpec.{attribute.Attribute} → flyte.Image.{renamed}")
            {
                Fix = new Fix(edits, Safety.Review, "flyte.Image builder method"),
            };
        }
    }

    // `if img.is_container():` guarding imports (flytekit runs the block only inside the built image; flyte.Image has no
    // is_container): a module-level block of imports alone becomes try/except ImportError, which imports them where the
    // packages are installed, the image included; any other use keeps a TODO.
    private Finding IsContainer(PythonModule module, string receiver, SyntaxNode call)
    {
        if (call.Parent is { Kind: "If" } statement && ReferenceEquals(statement.Child("test"), call) && statement.Parent == module.Root
            && statement.Children("orelse").Count == 0 && statement.Children("body").All(b => b.Kind is "Import" or "ImportFrom")
            && module.Text.IndexOf(':', call.Span.End) is var colon and > 0 && string.IsNullOrWhiteSpace(module.Text[call.Span.End..colon]))
        {
            var indent = SourceText.IndentAt(module, statement.Span.Start);
            var body = statement.Children("body");
            var unit = SourceText.IndentAt(module, body[0].Span.Start)[indent.Length..];
            var edits = new List<TextEdit>
            {
                TextEdit.Replace(new TextSpan(statement.Span.Start, colon + 1), "try:"),
                TextEdit.Insert(body[^1].Span.End, $"{module.NewLine}{indent}except ImportError:{module.NewLine}{indent}{unit}pass"),
            };
            // No TODO: inside the image the imports run as before; outside it they now run where the packages are installed.
            var text = $"{receiver}.is_container(): flyte.Image has no is_container(); the imports it guarded are tried instead";
            return new Finding(Descriptor.Id, call.Span, text) { Fix = new Fix(edits, Safety.Review, "is_container() guard → try/except ImportError") };
        }

        var manual = $"{receiver}.is_container(): flyte.Image has no is_container() and this call fails under Flyte 2; guard the imports with try/except ImportError or move them into the tasks";
        return new Finding(Descriptor.Id, call.Span, manual) { Todo = new ManualTodo(manual, "reference/flyte.md §10.2") };
    }

    // The variable a builder chain starts from: img.with_packages(...).with_copy(...) → img.
    private static string? Root(SyntaxNode node)
    {
        while (true)
        {
            if (node.Is("Name"))
            {
                return node.Scalar("id");
            }

            node = node.Kind switch
            {
                "Call" => node.Child("func")!,
                "Attribute" => node.Child("value")!,
                _ => null!,
            };
            if (node is null)
            {
                return null;
            }
        }
    }

    private static string Flat(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Star(PythonModule module, SyntaxNode value) =>
        value.Kind is "List" or "Tuple" ? string.Join(", ", value.Children("elts").Select(module.GetText)) : "*" + module.GetText(value);

    // pip packages with flytekit dropped and flytekitplugins renamed.
    private static string Items(PythonModule module, SyntaxNode value, RulesetTables tables, List<string> notes)
    {
        if (value.Kind is not ("List" or "Tuple"))
        {
            notes.Add($"packages={module.GetText(value)}: drop flytekit and rename flytekitplugins-* to flyteplugins-* in it");
            return "*" + module.GetText(value);
        }

        var items = new List<string>();
        var quote = SourceText.PreferredQuote(module);
        foreach (var element in value.Children("elts"))
        {
            if (ConstantSyntax.StringValue(element) is not { } requirement)
            {
                items.Add(module.GetText(element));
                continue;
            }

            var name = Packages.Name(requirement);
            switch (Packages.Replacement(name, tables))
            {
                case null:
                    items.Add(module.GetText(element));
                    break;
                case "flyte":
                    break;
                case "":
                    // Kept: the code that still imports the plugin (left for a TODO) needs it in the image.
                    items.Add(module.GetText(element));
                    notes.Add($"package {requirement} has no Flyte 2 plugin: kept in the image for the code that still imports it (it pulls flytekit in); remove it once that code is ported (reference/flyte.md §15)");
                    break;
                case var replacement:
                    items.Add(SourceText.Literal(quote, replacement));
                    break;
            }
        }

        return string.Join(", ", items);
    }
}
