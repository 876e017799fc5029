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
        foreach (var node in module.Root.Descendants().Where(n => n.Is("Call")))
        {
            var call = new CallSyntax(node);
            var callee = PythonImports.Resolve(call.Function, bindings);
            var row = callee is null ? null : context.Tables["imports"].Find("old", callee);
            var isAsync = node.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef")?.Is("AsyncFunctionDef") == true;
            string? replacement = null;
            string? note = null;
            if (row?.Get("new") is "flyte.io.File" or "flyte.io.Dir" && row.Require("new") is var type)
            {
                var path = call.Keyword("path")?.Value ?? call.Arguments.FirstOrDefault();
                var extra = call.Keywords.Where(k => k.Name is not "path").Select(k => module.GetText(k.Node)).ToList();
                if (path is null)
                {
                    continue;
                }

                var text = module.GetText(path);
                replacement = ConstantSyntax.StringValue(path) is { } literal && Schemes.Any(s => literal.StartsWith(s, StringComparison.Ordinal))
                    ? $"{type}.from_existing_remote({text})"
                    : isAsync ? $"await {type}.from_local({text})" : $"{type}.from_local_sync({text})";
                if (extra.Count > 0)
                {
                    note = $"{string.Join(", ", extra)} dropped: use {type}.from_local_sync(local, remote_destination=...) or new_remote() (reference/flyte.md §12)";
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

        foreach (var finding in ParameterMethods(context, bindings))
        {
            yield return finding;
        }
    }

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
                var resolved = PythonImports.Resolve(annotation?.Is("Subscript") == true ? annotation.Child("value") : annotation, bindings);
                if (resolved is not null && context.Tables["imports"].Find("old", resolved)?.Get("new") is "flyte.io.File" or "flyte.io.Dir")
                {
                    typed[parameter.Scalar("arg")!] = context.Tables["imports"].Find("old", resolved)!.Require("new");
                }
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
                    var newAttr = (attr, isCall, function.IsAsync) switch
                    {
                        ("download", true, false) => "download_sync",
                        ("remote_source", false, _) => "path",
                        ("crawl", true, false) => "walk_sync",
                        _ => null,
                    };
                    if (newAttr is not null)
                    {
                        var span = new TextSpan(attribute.Span.End - attr!.Length, attribute.Span.End);
                        yield return new Finding(Descriptor.Id, span, $"{attr} → {newAttr}") { Fix = Fix.Review($"flyte.io: {newAttr}", TextEdit.Replace(span, newAttr)) };
                    }
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
