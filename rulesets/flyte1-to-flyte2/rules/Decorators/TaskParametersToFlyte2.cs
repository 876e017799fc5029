using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Decorators;

/// <summary>FLY201: the task-level flytekit keywords left on <c>@env.task(...)</c> → their Flyte 2 forms (cache, report) or a TODO.</summary>
public sealed class TaskParametersToFlyte2 : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY201",
        "task-decorator-params",
        "decorators",
        Safety.Safe,
        "cache=True/cache_version/cache_serialize/cache_ignore_input_vars → cache=\"auto\" or flyte.Cache(behavior=\"auto\", …); enable_deck → report=True; keywords Flyte 2 lacks become TODOs with their value.",
        "@env.task has no cache_version/deck/labels…: passing them raises TypeError; flyte.Cache needs behavior and calls the version version_override (reference/flyte.md §3.2, §5).",
        "@env.task(cache=True, cache_version=\"3\")  →  @env.task(cache=flyte.Cache(behavior=\"auto\", version_override=\"3\"))");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        foreach (var (function, decorator) in FlyteEnvironments.Tasks(module))
        {
            if (CallSyntax.From(decorator) is not { } call)
            {
                continue;
            }

            var edits = new List<TextEdit>();
            var remove = new List<SyntaxNode>();
            var todos = new List<string>();
            var keywords = call.Keywords.Where(k => k.Name is not null).ToDictionary(k => k.Name!, StringComparer.Ordinal);
            var cacheNotes = new List<string>();
            if (CacheText(module, keywords, cacheNotes) is { } cache)
            {
                if (keywords.TryGetValue("cache", out var existing))
                {
                    if (cache.Length == 0)
                    {
                        remove.Add(existing.Node);
                    }
                    else
                    {
                        edits.Add(TextEdit.Replace(existing.Value.Span, cache));
                    }
                }

                var folded = new[] { "cache_version", "cache_serialize", "cache_ignore_input_vars" }.Where(keywords.ContainsKey).Select(n => keywords[n].Node).ToList();
                remove.AddRange(folded);
                if (keywords.TryGetValue("cache", out var kept) && cache.Length > 0 && SourceText.WholeLines(module, kept.Node.Span) is { } keptLine)
                {
                    // Comments on the folded keywords' lines move above the cache= line.
                    var moved = folded.Select(k => SourceText.WholeLines(module, k.Span)).Where(l => l is not null)
                        .SelectMany(l => SourceText.CommentsIn(module, ListItems.WithCommentsAbove(module, l!.Value))).Select(c => c.Text).Distinct().ToList();
                    var indent = SourceText.IndentAt(module, kept.Node.Span.Start);
                    if (moved.Count > 0)
                    {
                        edits.Add(TextEdit.Insert(keptLine.Start, string.Concat(moved.Select(c => indent + c + module.NewLine))));
                    }
                }
                todos.AddRange(cacheNotes);
            }

            foreach (var keyword in call.Keywords.Where(k => k.Name is not null))
            {
                var row = context.Tables["task-params"].Find("old", keyword.Name!);
                switch (row?.Get("action"))
                {
                    case "deck":
                        var value = ConstantSyntax.From(keyword.Value)?.Value;
                        var on = keyword.Name == "enable_deck" ? value == "True" : value == "False";
                        if (on && !keywords.ContainsKey("report"))
                        {
                            edits.Add(TextEdit.Replace(keyword.Node.Span, "report=True"));
                        }
                        else
                        {
                            remove.Add(keyword.Node);
                        }

                        break;
                    case "drop":
                        remove.Add(keyword.Node);
                        break;
                    case "todo":
                        remove.Add(keyword.Node);
                        todos.Add($"{keyword.Name}={Flat(module.GetText(keyword.Value))} was removed: {row.Require("note")}");
                        break;
                }
            }

            if (edits.Count == 0 && remove.Count == 0)
            {
                continue;
            }

            if (edits.Count == 0 && CallArguments.Items(call).All(remove.Contains))
            {
                // Nothing left: @env.task() → @env.task.
                edits.Add(TextEdit.Replace(decorator.Span, module.GetText(call.Function)));
            }
            else
            {
                edits.AddRange(CallArguments.Remove(module, call, remove));
            }
            var fix = new Fix(edits, Safety.Safe, "task-level parameters in their Flyte 2 form");
            var first = todos.FirstOrDefault();
            yield return new Finding(Descriptor.Id, decorator.Span, $"{function.Name}: task parameters converted")
            {
                Fix = fix,
                Todo = first is null ? null : new ManualTodo(first, "reference/flyte.md §3.2"),
            };
            foreach (var todo in todos.Skip(1))
            {
                yield return new Finding(Descriptor.Id, decorator.Span, todo) { Todo = new ManualTodo(todo, "reference/flyte.md §3.2") };
            }
        }
    }

    private static string Flat(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The new cache= value: "" to remove it, null when nothing changes. The module's quote and flytekit bindings are
    // read only for a cache= that changes (most decorators have none).
    private static string? CacheText(PythonModule module, Dictionary<string, KeywordSyntax> keywords, List<string> notes)
    {
        var version = keywords.GetValueOrDefault("cache_version")?.Value;
        var serialize = keywords.GetValueOrDefault("cache_serialize")?.Value;
        var ignored = keywords.GetValueOrDefault("cache_ignore_input_vars")?.Value;
        var cache = keywords.GetValueOrDefault("cache")?.Value;
        var parts = new List<string>();
        switch (cache)
        {
            case null when version is null && serialize is null && ignored is null:
                return null;
            case null:
                return string.Empty;
            case var c when ConstantSyntax.From(c) is { ValueType: "bool" } flag:
                if (flag.Value == "False")
                {
                    return string.Empty;
                }

                break;
            case var c when Flytekit.Calls(c, Flytekit.Bindings(module), "flytekit.Cache", "flytekit.core.cache.Cache"):
                var call = new CallSyntax(c);
                foreach (var keyword in call.Keywords)
                {
                    switch (keyword.Name)
                    {
                        case "version":
                            version = keyword.Value;
                            break;
                        case "serialize":
                            serialize = keyword.Value;
                            break;
                        case "ignored_inputs":
                            ignored = keyword.Value;
                            break;
                        case "salt":
                            parts.Add("salt=" + module.GetText(keyword.Value));
                            break;
                        case "policies":
                            notes.Add($"Cache(policies={Flat(module.GetText(keyword.Value))}) was removed: flytekit cache policies are not compatible with Flyte 2's (VersionParameters differ); port them to flyte.CachePolicy by hand");
                            break;
                    }
                }

                if (call.Arguments.Count > 0)
                {
                    version = call.Arguments[0];
                }

                break;
            default:
                return null;
        }

        var quote = SourceText.PreferredQuote(module);
        parts.Insert(0, "behavior=" + SourceText.Literal(quote, "auto"));
        if (version is not null)
        {
            parts.Insert(1, "version_override=" + module.GetText(version));
        }

        if (serialize is not null)
        {
            parts.Add("serialize=" + module.GetText(serialize));
        }

        if (ignored is not null)
        {
            parts.Add("ignored_inputs=" + (ConstantSyntax.From(ignored) is { IsString: true } ? $"({module.GetText(ignored)},)" : module.GetText(ignored)));
        }

        return parts.Count == 1 ? SourceText.Literal(quote, "auto") : $"flyte.Cache({string.Join(", ", parts)})";
    }
}
