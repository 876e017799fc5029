using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Decorators;

/// <summary>FLY211: FlyteFile/FlyteDirectory/StructuredDataset constructors and methods → the <c>flyte.io</c> API (uploads are explicit).</summary>
public sealed class FlyteIoUsage : IRule
{
    private static readonly string[] Schemes = ["s3://", "gs://", "gcs://", "abfs://", "abfss://", "az://", "http://", "https://", "file://"];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY211",
        "flyte-io-usage",
        "decorators",
        Safety.Review,
        "FlyteFile(path=local) → flyte.io.File.from_local_sync(local) (await File.from_local in async tasks); remote URIs / from_source → from_existing_remote; FlyteDirectory likewise; StructuredDataset(dataframe=df) → flyte.io.DataFrame.from_df(df), (uri=, file_format=) → from_existing_remote(uri, format=); on FlyteFile/FlyteDirectory parameters .download() → .download_sync(), .remote_source → .path, listdir/crawl → list_files_sync/walk_sync.",
        "flyte.io types only point to storage: returning File(path=local) does not upload, and they are not path-like (reference/flyte.md §12, gotcha 10).",
        "return FlyteFile(path=p)  →  return flyte.io.File.from_local_sync(p)");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var ioBound = BindsIoType(bindings, context.Tables);
        var ascii = System.Text.Ascii.IsValid(module.Text);
        // Every rewrite below is of a call whose callee resolves to a flyte.io type's flytekit name (or a member of it),
        // except X.from_source(...), which is written as such.
        var constructors = ioBound || !ascii || module.Text.Contains("from_source", StringComparison.Ordinal);
        foreach (var node in constructors ? module.Root.Descendants().Where(n => n.Is("Call")) : [])
        {
            var call = new CallSyntax(node);
            var callee = PythonImports.Resolve(call.Function, bindings);
            var row = callee is null ? null : context.Tables["imports"].Find("old", callee);
            string? replacement = null;
            string? note = null;
            if (row?.Get("new") is "flyte.io.File" or "flyte.io.Dir" && row.Require("new") is var type)
            {
                var path = call.Keyword("path")?.Value ?? call.Arguments.FirstOrDefault();
                var remotePath = call.Keyword("remote_path")?.Value;
                var extra = call.Keywords.Where(k => k.Name is not ("path" or "remote_path")).Select(k => module.GetText(k.Node)).ToList();
                if (path is null)
                {
                    continue;
                }

                var text = module.GetText(path);
                var isRemote = ConstantSyntax.StringValue(path) is { } literal && Schemes.Any(s => literal.StartsWith(s, StringComparison.Ordinal));
                if (isRemote && remotePath is not null)
                {
                    extra.Insert(0, module.GetText(call.Keyword("remote_path")!.Node));
                }

                // remote_path= named where the local file is uploaded; from_local's remote_destination= does the same.
                var destination = !isRemote && remotePath is not null ? $", remote_destination={module.GetText(remotePath)}" : string.Empty;
                var isAsync = node.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef")?.Is("AsyncFunctionDef") == true;
                replacement = isRemote
                    ? $"{type}.from_existing_remote({text})"
                    : isAsync ? $"await {type}.from_local({text}{destination})" : $"{type}.from_local_sync({text}{destination})";
                if (extra.Count > 0)
                {
                    note = $"{string.Join(", ", extra)} dropped: use {type}.from_local_sync(local, remote_destination=...) or new_remote() (reference/flyte.md §12)";
                }
            }
            else if (callee is not null && AttributeSyntax.From(call.Function) is { Attribute: "new_remote_file" or "new_remote" } created
                     && context.Tables["imports"].Find("old", callee[..^(created.Attribute.Length + 1)])?.Get("new") is "flyte.io.File" or "flyte.io.Dir"
                     && (created.Attribute == "new_remote_file") == (context.Tables["imports"].Find("old", callee[..^(created.Attribute.Length + 1)])!.Get("new") == "flyte.io.File"))
            {
                // FlyteFile.new_remote_file(name) / FlyteDirectory.new_remote(name): a new remote location, as File/Dir.new_remote.
                var newType = context.Tables["imports"].Find("old", callee[..^(created.Attribute.Length + 1)])!.Require("new");
                replacement = $"{newType}.new_remote({string.Join(", ", call.Arguments.Select(module.GetText))})";
                if (call.Keywords.Count > 0)
                {
                    continue;
                }
            }
            else if (callee is not null && AttributeSyntax.From(call.Function) is { Attribute: "from_source" } && callee.EndsWith(".from_source", StringComparison.Ordinal)
                     && context.Tables["imports"].Find("old", callee[..^".from_source".Length])?.Get("new") is { } sourceType)
            {
                replacement = $"{sourceType}.from_existing_remote({string.Join(", ", call.Arguments.Select(module.GetText))})";
            }
            else if (row?.Get("new") is "flyte.io.DataFrame")
            {
                var frame = call.Keyword("dataframe")?.Value ?? call.Arguments.FirstOrDefault();
                var uri = call.Keyword("uri")?.Value;
                if (frame is not null)
                {
                    replacement = $"flyte.io.DataFrame.from_df({module.GetText(frame)})";
                }
                else if (uri is not null)
                {
                    var format = call.Keyword("file_format")?.Value;
                    replacement = $"flyte.io.DataFrame.from_existing_remote({module.GetText(uri)}{(format is null ? string.Empty : ", format=" + module.GetText(format))})";
                }
            }

            if (replacement is not null)
            {
                yield return new Finding(Descriptor.Id, node.Span, "flytekit type constructor → flyte.io")
                {
                    Fix = Fix.Review("explicit flyte.io upload / reference", TextEdit.Replace(node.Span, replacement)),
                    Todo = note is null ? null : new ManualTodo(note, "reference/flyte.md §12"),
                };
            }
        }

        // Parameters and locals are typed through those names too, or through flyte.io.File/Dir written out.
        var parameters = ioBound || !ascii || module.Text.Contains("File", StringComparison.Ordinal) || module.Text.Contains("Dir", StringComparison.Ordinal);
        foreach (var finding in parameters ? ParameterMethods(context, bindings) : [])
        {
            yield return finding;
        }

        foreach (var finding in DataclassJson(context))
        {
            yield return finding;
        }
    }

    // True when some binding may stand for a flytekit name the imports table maps to flyte.io.File/Dir/DataFrame, for a
    // package holding one, or for a member of one: only then can a name read in the module resolve to one of those.
    private static bool BindsIoType(IReadOnlyList<ImportBinding> bindings, RulesetTables tables)
    {
        if (bindings.Count == 0)
        {
            return false;
        }

        foreach (var row in tables["imports"].Rows)
        {
            if (row.Get("new") is not ("flyte.io.File" or "flyte.io.Dir" or "flyte.io.DataFrame") || row.Get("old") is not { } old)
            {
                continue;
            }

            foreach (var binding in bindings)
            {
                if (DotPrefix(binding.QualifiedName, old) || DotPrefix(old, binding.QualifiedName))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // prefix is name, or name's part before a dot.
    private static bool DotPrefix(string prefix, string name) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && (name.Length == prefix.Length || name[prefix.Length] == '.');

    private static bool CrawlUnpacked(SyntaxNode attribute) =>
        attribute.Parent is { Kind: "Call" } call && call.Parent is { Kind: "For" or "comprehension" } loop && ReferenceEquals(loop.Child("iter"), call) && loop.Child("target") is { Kind: "Tuple" };

    // The flyte.io type an expression builds: flytekit FlyteFile(...)/FlyteDirectory(...) and their factories, or the flyte.io ones.
    private static string? LocalType(RuleContext context, SyntaxNode? value, IReadOnlyList<ImportBinding> bindings)
    {
        if (value is not { Kind: "Call" } || value.Child("func") is not { } func)
        {
            return null;
        }

        if (func.DottedName() is { } dotted)
        {
            foreach (var type in new[] { "flyte.io.File", "flyte.io.Dir" })
            {
                if (dotted.StartsWith(type + ".", StringComparison.Ordinal) && dotted[(type.Length + 1)..] is "new_remote" or "from_local_sync" or "from_existing_remote")
                {
                    return type;
                }
            }
        }

        var resolved = PythonImports.Resolve(func, bindings);
        if (resolved is null)
        {
            return null;
        }

        foreach (var suffix in new[] { string.Empty, ".new_remote_file", ".new_remote", ".from_source" })
        {
            if (resolved.EndsWith(suffix, StringComparison.Ordinal) && context.Tables["imports"].Find("old", resolved[..^suffix.Length])?.Get("new") is "flyte.io.File" or "flyte.io.Dir" && context.Tables["imports"].Find("old", resolved[..^suffix.Length])!.Require("new") is var newType)
            {
                return newType;
            }
        }

        return null;
    }

    // @dataclass_json is not needed: Flyte 2 serializes plain dataclasses (reference/flyte.md §12).
    private IEnumerable<Finding> DataclassJson(RuleContext context)
    {
        var module = context.Module;
        if (!MayImportDataclassesJson(module.Text))
        {
            yield break;
        }

        var bound = PythonImports.Bindings(module, "dataclasses_json").Where(b => b.QualifiedName == "dataclasses_json.dataclass_json").Select(b => b.LocalName).ToHashSet(StringComparer.Ordinal);
        if (bound.Count == 0)
        {
            yield break;
        }

        foreach (var decorator in module.Root.Descendants().Where(n => n.Is("ClassDef")).SelectMany(c => new ClassDefSyntax(c).Decorators))
        {
            if (decorator.DottedName() is { } name && bound.Contains(name) && SourceText.WholeLines(module, new TextSpan(decorator.Span.Start - 1, decorator.Span.End)) is { } line)
            {
                yield return new Finding(Descriptor.Id, decorator.Span, "@dataclass_json is not needed in Flyte 2")
                {
                    Fix = Fix.Safe("plain @dataclass is enough", TextEdit.Delete(line)),
                };
            }
        }

        foreach (var binding in PythonImports.Bindings(module, "dataclasses_json").Where(b => bound.Contains(b.LocalName) && !PythonImports.IsUsed(module, b.LocalName)))
        {
            yield return new Finding(Descriptor.Id, binding.Import.Node.Span, "unused dataclass_json import")
            {
                Fix = new Fix(PythonImports.RemoveNames(module, binding.Import, [binding.Name]), Safety.Safe, "remove the unused dataclasses_json import"),
            };
        }
    }

    // A binding from dataclasses_json needs an import naming that package, whose identifier is its text in ASCII source
    // (other source may spell it with characters NFKC-normalized to it).
    private static bool MayImportDataclassesJson(string text) =>
        text.Contains("dataclasses_json", StringComparison.Ordinal) || !System.Text.Ascii.IsValid(text);

    // .download() / .remote_source / listdir / crawl on parameters annotated with FlyteFile or FlyteDirectory.
    private IEnumerable<Finding> ParameterMethods(RuleContext context, IReadOnlyList<ImportBinding> bindings)
    {
        var module = context.Module;
        foreach (var function in module.Root.Descendants().Select(FunctionDefSyntax.From).Where(f => f is not null))
        {
            var typed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in function!.Parameters.Children("args").Concat(function.Parameters.Children("kwonlyargs")))
            {
                var annotation = parameter.Child("annotation");
                if (annotation?.Is("Subscript") == true && annotation.Child("value")?.DottedName() is "Annotated" or "typing.Annotated" && annotation.Child("slice") is { Kind: "Tuple" } annotated)
                {
                    annotation = annotated.Children("elts").FirstOrDefault();
                }

                var resolved = PythonImports.Resolve(annotation?.Is("Subscript") == true ? annotation.Child("value") : annotation, bindings);
                if (resolved is not null && context.Tables["imports"].Find("old", resolved)?.Get("new") is "flyte.io.File" or "flyte.io.Dir" or "flyte.io.DataFrame")
                {
                    typed[parameter.Scalar("arg")!] = context.Tables["imports"].Find("old", resolved)!.Require("new");
                }
            }

            // Locals holding a File/Dir (x = FlyteFile.new_remote_file(...), x = flyte.io.File.from_local_sync(...)) behave like the parameters.
            foreach (var assign in function.Node.Descendants().Select(AssignSyntax.From).Where(a => a is not null))
            {
                // The type first: it rejects most assignments without listing their targets.
                if (LocalType(context, assign!.Value, bindings) is { } localType && assign.TargetNames is [_])
                {
                    typed.TryAdd(assign.TargetNames[0], localType);
                }
            }

            // FlyteFile(src).open("rb") → flyte.io.File.from_local_sync(src).open_sync("rb"): the chained form.
            foreach (var opened in function.Node.Descendants().Where(n => n.Is("Attribute") && n.Scalar("attr") == "open" && !function.IsAsync
                         && n.Parent is { Kind: "Call" } c && ReferenceEquals(c.Child("func"), n) && n.Child("value") is { Kind: "Call" } inner
                         && LocalType(context, inner, bindings) == "flyte.io.File"))
            {
                var span = new TextSpan(opened.Span.End - "open".Length, opened.Span.End);
                yield return new Finding(Descriptor.Id, span, "open → open_sync") { Fix = Fix.Review("flyte.io: open_sync", TextEdit.Replace(span, "open_sync")) };
            }

            if (typed.Count == 0)
            {
                continue;
            }

            foreach (var name in function.Node.Descendants().Where(n => n.Is("Name") && n.Scalar("ctx") == "Load" && typed.ContainsKey(n.Scalar("id")!)))
            {
                if (name.Parent is { Kind: "Attribute" } attribute && ReferenceEquals(attribute.Child("value"), name))
                {
                    var attr = attribute.Scalar("attr");
                    var isCall = attribute.Parent is { Kind: "Call" } c && ReferenceEquals(c.Child("func"), attribute);
                    if (typed[name.Scalar("id")!] == "flyte.io.DataFrame")
                    {
                        // sd.open(T).all() → df.open(T).all_sync()
                        if (attr == "open" && isCall && attribute.Parent!.Parent is { Kind: "Attribute" } all && all.Scalar("attr") == "all" && !function.IsAsync
                            && all.Parent is { Kind: "Call" } allCall && ReferenceEquals(allCall.Child("func"), all))
                        {
                            var allSpan = new TextSpan(all.Span.End - 3, all.Span.End);
                            yield return new Finding(Descriptor.Id, allSpan, "all → all_sync") { Fix = Fix.Review("flyte.io.DataFrame: all_sync", TextEdit.Replace(allSpan, "all_sync")) };
                        }

                        continue;
                    }

                    var newAttr = (attr, isCall, function.IsAsync) switch
                    {
                        ("download", true, false) => "download_sync",
                        ("remote_source", false, _) => "path",
                        ("crawl", true, false) when !CrawlUnpacked(attribute) => "walk_sync",
                        // FlyteFile.open(mode, cache_type, cache_options) streamed through fsspec, as open_sync does.
                        ("open", true, false) when typed[name.Scalar("id")!] == "flyte.io.File" => "open_sync",
                        _ => null,
                    };
                    var todo = (attr, isCall) switch
                    {
                        ("open", true) when newAttr is null => $"{name.Scalar("id")}.open(...): flyte.io.File is not path-like; use `with {name.Scalar("id")}.open_sync(\"rb\") as fh` (async: `async with {name.Scalar("id")}.open(\"rb\")`) (reference/flyte.md §12)",
                        ("crawl", true) when CrawlUnpacked(attribute) => $"for ... in {name.Scalar("id")}.crawl(): crawl yielded (base, relative path) pairs; flyte.io.Dir.walk_sync() yields flyte.io.File objects: loop over them and use f.path / f.name (reference/flyte.md §12)",
                        ("new_file" or "new_dir", true) => $"{name.Scalar("id")}.{attr}(...): flyte.io.Dir has no {attr}; write locally and upload with flyte.io.Dir.from_local_sync(...) or use Dir.new_remote() (reference/flyte.md §12)",
                        _ => null,
                    };
                    if (todo is not null)
                    {
                        yield return new Finding(Descriptor.Id, attribute.Span, todo) { Todo = new ManualTodo(todo, "reference/flyte.md §12") };
                    }

                    if (newAttr is not null)
                    {
                        var span = new TextSpan(attribute.Span.End - attr!.Length, attribute.Span.End);
                        yield return new Finding(Descriptor.Id, span, $"{attr} → {newAttr}") { Fix = Fix.Review($"flyte.io: {newAttr}", TextEdit.Replace(span, newAttr)) };
                    }
                }
                else if (name.Parent is { Kind: "Call" } openCall && openCall.Child("func")?.DottedName() == "open"
                    && typed[name.Scalar("id")!] == "flyte.io.File" && openCall.Children("args").FirstOrDefault() is { } first && ReferenceEquals(first, name))
                {
                    // open(ff) downloaded the file through __fspath__; Flyte 2 downloads explicitly.
                    var local = function.IsAsync ? $"await {name.Scalar("id")}.download()" : $"{name.Scalar("id")}.download_sync()";
                    yield return new Finding(Descriptor.Id, name.Span, $"open({name.Scalar("id")}) → open({local})")
                    {
                        Fix = Fix.Review("flyte.io.File is not path-like: download it first", TextEdit.Replace(name.Span, local)),
                    };
                }
                else if (name.Parent is { Kind: "Call" } opened && opened.Child("func")?.DottedName() == "open")
                {
                    var todo = $"open({name.Scalar("id")}): flyte.io.File is not path-like; use {name.Scalar("id")}.open_sync(\"rb\") or open({name.Scalar("id")}.download_sync()) (reference/flyte.md §12)";
                    yield return new Finding(Descriptor.Id, opened.Span, todo) { Todo = new ManualTodo(todo, "reference/flyte.md §12") };
                }
                else if (name.Parent is { Kind: "Call" } listdir && listdir.Child("func") is { } func && func.Is("Attribute") && func.Scalar("attr") == "listdir" && !function.IsAsync)
                {
                    yield return new Finding(Descriptor.Id, listdir.Span, "listdir → list_files_sync")
                    {
                        Fix = Fix.Review("flyte.io.Dir.list_files_sync", TextEdit.Replace(listdir.Span, $"{name.Scalar("id")}.list_files_sync()")),
                    };
                }
            }
        }
    }
}
