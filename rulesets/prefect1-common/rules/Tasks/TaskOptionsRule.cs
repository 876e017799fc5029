using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Tasks;

/// <summary>
/// <c>@task(...)</c> / <c>task(fn, ...)</c> options of Prefect 1 → the target's (table <c>task_params</c>):
/// renames, durations in seconds, caching (cache_for/cache_validator/cache_key), results
/// (checkpoint/result/target), state handlers → hooks through an adapter, and the options that have
/// no equivalent (dropped with a reason, or a TODO with the value). The same handler/result
/// conversion applies to <c>@flow(state_handlers=, on_failure=, result=)</c> carried over from <c>Flow(...)</c>.
/// </summary>
public abstract partial class TaskOptionsRule(string id) : PrefectRule(
    id, "task-decorator-options", "tasks", Safety.Review,
    "@task(max_retries=, retry_delay=, timeout=, cache_for=, checkpoint=, result=, target=, state_handlers=, log_stdout=, nout=, trigger=, …) → the target's options",
    "Prefect 2/3 renamed and re-modelled task options (reference/prefect.md §3.1, §8, §10).",
    "@task(max_retries=2, retry_delay=timedelta(seconds=30), log_stdout=True)\n→\n@task(retries=2, retry_delay_seconds=30, log_prints=True)")
{
    protected override IEnumerable<Finding> Find(RuleContext context)
    {
        var module = context.Module;
        var symbols = PrefectSymbols.For(context);
        var table = context.Tables["task_params"];
        foreach (var node in ModuleIndex.Of(module).Nodes("Call"))
        {
            var call = new CallSyntax(node);
            // task(...) / @task(...), and t.with_options(...) on a @task function, which a v1 Task instance's options become (PF311).
            var isTask = symbols.Is(call.Function, "prefect.task") || IsWithOptionsOfTask(context, symbols, call);
            // The decorator test first: it spares building the dotted name of every other call.
            var isFlow = !isTask && node.ParentField == "decorator_list" && call.FunctionName is "flow" or "prefect.flow";
            if (!isTask && !isFlow)
            {
                continue;
            }

            if (Convert(context, symbols, table, call, isFlow) is { } finding)
            {
                yield return finding;
            }
        }

        foreach (var finding in TaskMethodCalls.Find(Id, context, symbols))
        {
            yield return finding;
        }

        foreach (var finding in ResultReads.Find(Id, context, symbols))
        {
            yield return finding;
        }
    }

    private static bool IsWithOptionsOfTask(RuleContext context, PrefectSymbols symbols, CallSyntax call) =>
        call.Function.Is("Attribute") && call.Function.Scalar("attr") == "with_options" && call.Function.Child("value") is { Kind: "Name" } receiver
        && TaskMethodCalls.IsTask(context, symbols, receiver.Scalar("id")!);

    private Finding? Convert(RuleContext context, PrefectSymbols symbols, DataTable table, CallSyntax call, bool isFlow)
    {
        var module = context.Module;
        var p3 = IsPrefect3(context);
        var column = PrefectTarget.Column(context.Options);
        var replacements = new List<(SyntaxNode Node, string Text)>();
        var removals = new List<SyntaxNode>();
        var todos = new List<string>();
        var notes = new List<string>();
        var needs = new List<ImportNeed>();
        var consumed = new List<TextSpan>();
        var keywords = call.Keywords.Where(k => k.Name is not null).GroupBy(k => k.Name!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var owner = isFlow ? "flow" : "task";
        var ownerName = OwnerName(call);

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is not { } name)
            {
                continue;
            }

            var valueText = module.GetText(keyword.Value);
            var row = table.Find("v1", name);
            if (isFlow && name is not ("state_handlers" or "on_failure" or "result"))
            {
                continue;
            }

            if (row is null)
            {
                continue;
            }

            var targetName = row.Get(column) ?? string.Empty;
            switch (row.Require("action"))
            {
                case "rename" when targetName != name:
                    replacements.Add((keyword.Node, $"{targetName}={valueText}"));
                    break;
                case "seconds":
                    replacements.Add((keyword.Node, $"{targetName}={Durations.SecondsSource(module, keyword.Value)}"));
                    break;
                case "drop":
                    removals.Add(keyword.Node);
                    notes.Add($"{name}= dropped ({row.Get("note")})");
                    break;
                case "todo":
                    removals.Add(keyword.Node);
                    consumed.Add(keyword.Value.Span);
                    if (name == "trigger" && TriggerTodo(symbols, keyword.Value, valueText) is null)
                    {
                        notes.Add("trigger=all_successful dropped (the 2/3 default: a task whose upstream failed does not run)");
                    }
                    else
                    {
                        todos.Add(name == "trigger" ? TriggerTodo(symbols, keyword.Value, valueText)! : $"{name}={valueText}: {row.Get("note")}");
                    }

                    break;
                case "special":
                    Special(context, symbols, keyword, keywords, replacements, removals, todos, needs, consumed, owner, ownerName, p3);
                    break;
            }
        }

        if (replacements.Count == 0 && removals.Count == 0 && todos.Count == 0)
        {
            return null;
        }

        var edits = new List<TextEdit>();
        if (replacements.Count == 0 && removals.Count == CallEdits.ArgumentNodes(call).Count && call.Node.ParentField == "decorator_list")
        {
            // Every option dropped: `@task(nout=2)` → `@task`.
            edits.Add(TextEdit.Replace(new TextSpan(call.Function.Span.End, call.Node.Span.End), string.Empty));
            removals.Clear();
        }

        edits.AddRange(replacements.Select(r => TextEdit.Replace(r.Node.Span, r.Text)));
        if (removals.Count > 0)
        {
            edits.AddRange(CallEdits.RemoveMany(module, call, removals));
        }

        edits.AddRange(ImportEdits.Update(module, needs, consumed));
        var message = $"@{owner} options converted" + (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : string.Empty);
        return new Finding(Id, call.Node.Span, message)
        {
            Fix = edits.Count > 0 ? new Fix(edits, Safety.Review, message) : null,
            Todo = todos.Count > 0 ? new ManualTodo(string.Join("; ", todos), "reference/prefect.md §3.1, §7, §8, §10") : null,
        };
    }

    private static void Special(RuleContext context, PrefectSymbols symbols, KeywordSyntax keyword, Dictionary<string, KeywordSyntax> all,
        List<(SyntaxNode, string)> replacements, List<SyntaxNode> removals, List<string> todos, List<ImportNeed> needs, List<TextSpan> consumed,
        string owner, string ownerName, bool p3)
    {
        var module = context.Module;
        var value = keyword.Value;
        var text = module.GetText(value);
        switch (keyword.Name)
        {
            case "checkpoint":
                replacements.Add((keyword.Node, $"persist_result={text}"));
                break;

            case "cache_for":
            {
                var validator = all.GetValueOrDefault("cache_validator");
                var validatorName = validator is null ? "duration_only" : symbols.Resolve(validator.Value)?.Split('.')[^1] ?? module.GetText(validator.Value).Split('.')[^1];
                var row = context.Tables["cache_validators"].Find("v1", validatorName);
                if (validator is not null)
                {
                    removals.Add(validator.Node);
                    consumed.Add(validator.Value.Span);
                }

                if (row is null && PartialValidator(module, symbols, validator!.Value, keyword, p3, needs) is { } partial)
                {
                    replacements.Add((keyword.Node, $"{partial}, cache_expiration={text}{(p3 ? Persist(all) : string.Empty)}"));
                    break;
                }

                if (row is null)
                {
                    todos.Add($"cache_validator={module.GetText(validator!.Value)} has no direct equivalent; write a cache_key_fn (2.x) / cache policy (3.x) hashing the inputs it validated");
                    replacements.Add((keyword.Node, $"cache_expiration={text}"));
                    break;
                }

                var column = p3 ? "prefect3" : "prefect2";
                var expression = row.Get(column) ?? string.Empty;
                var imports = row.Get($"{column}_imports") ?? string.Empty;
                foreach (var item in imports.Split('|', StringSplitOptions.RemoveEmptyEntries))
                {
                    // "module:name" → from module import name; a bare "module" → import module.
                    var colon = item.IndexOf(':');
                    needs.Add(colon < 0 ? ImportNeed.Module(item) : ImportNeed.Of(item[..colon], item[(colon + 1)..]));
                }

                if (p3)
                {
                    // 3.x caches only persisted results: turn persistence on explicitly.
                    var persist = Persist(all);
                    replacements.Add((keyword.Node, $"cache_policy={expression}, cache_expiration={text}{persist}"));
                }
                else
                {
                    var keyFn = expression.Length > 0 ? expression : $"lambda context, parameters: {Names.Quote(ownerName)}";
                    replacements.Add((keyword.Node, $"cache_key_fn={keyFn}, cache_expiration={text}"));
                }

                break;
            }

            case "cache_validator" when !all.ContainsKey("cache_for"):
                removals.Add(keyword.Node);
                consumed.Add(value.Span);
                break;

            case "cache_key":
                replacements.Add((keyword.Node, $"cache_key_fn=lambda context, parameters: {text}"));
                break;

            case "result":
                Result(context, symbols, keyword, all, replacements, removals, todos, needs, consumed);
                break;

            case "target":
            {
                var (key, unknown) = TargetTemplate(ConstantSyntax.StringValue(value));
                if (key is null)
                {
                    removals.Add(keyword.Node);
                    todos.Add($"target={text} is not a literal template; set result_storage_key= (and persist_result=True) by hand");
                    break;
                }

                var persist = Persist(all);
                var quoted = Names.Quote(key, text);
                if (p3)
                {
                    replacements.Add((keyword.Node, $"result_storage_key={quoted}{persist}"));
                }
                else
                {
                    // 2.x looks caches up by key: format the same template per run so a new day is a new key.
                    needs.Add(ImportNeed.Module("prefect.runtime"));
                    replacements.Add((keyword.Node,
                        $"result_storage_key={quoted}, cache_key_fn=lambda context, parameters: {quoted}.format(task_run=prefect.runtime.task_run, flow_run=prefect.runtime.flow_run, parameters=parameters){persist}"));
                    todos.Add($"target={text}: 2.x skips the task when a run with the same formatted key completed (cache), not when the file exists");
                }

                if (unknown.Count > 0)
                {
                    todos.Add($"target template placeholders {string.Join(", ", unknown)} have no 2/3 equivalent in result_storage_key; replace them");
                }

                break;
            }

            case "state_handlers":
            {
                var handlers = value.Is("List") || value.Is("Tuple") ? value.Children("elts").Select(module.GetText).ToList() : null;
                if (handlers is null)
                {
                    removals.Add(keyword.Node);
                    todos.Add($"state_handlers={text}: split the handlers into on_completion/on_failure hooks (signature ({owner}, {owner}_run, state))");
                    break;
                }

                var adapters = string.Join(", ", handlers.Select(h => $"lambda {owner}, {owner}_run, state: {h}({owner}, state, state)"));
                var failureAdapters = adapters;
                if (all.GetValueOrDefault("on_failure") is { } onFailure && !onFailure.Value.Is("List"))
                {
                    // v1 on_failure=f joins the same hook list.
                    failureAdapters += $", lambda {owner}, {owner}_run, state: {module.GetText(onFailure.Value)}({owner}, state)";
                    removals.Add(onFailure.Node);
                    all[" on_failure merged"] = null!;
                }

                replacements.Add((keyword.Node, $"on_completion=[{adapters}], on_failure=[{failureAdapters}]"));
                todos.Add($"state handlers {string.Join(", ", handlers)} now run as on_completion/on_failure hooks through an adapter: they get the 2/3 state as old and new state (is_successful() → is_completed()), run only on completion/failure, and their return value no longer replaces the state");
                break;
            }

            case "on_failure" when !value.Is("List") && !(all.ContainsKey("state_handlers") && all["state_handlers"].Value.Is("List")):
                replacements.Add((keyword.Node, $"on_failure=[lambda {owner}, {owner}_run, state: {text}({owner}, state)]"));
                break;
        }
    }

    private static void Result(RuleContext context, PrefectSymbols symbols, KeywordSyntax keyword, Dictionary<string, KeywordSyntax> all,
        List<(SyntaxNode, string)> replacements, List<SyntaxNode> removals, List<string> todos, List<ImportNeed> needs, List<TextSpan> consumed)
    {
        var module = context.Module;
        var text = module.GetText(keyword.Value);
        if (CallSyntax.From(keyword.Value) is not { } result)
        {
            removals.Add(keyword.Node);
            todos.Add($"result={text}: set result_storage=<block> and persist_result=True");
            return;
        }

        var kind = symbols.Resolve(result.Function)?.Split('.')[^1] ?? result.FunctionName?.Split('.')[^1];
        string? Arg(string name, int position) => result.Keyword(name)?.Value is { } v ? module.GetText(v)
            : result.Arguments.Count > position ? module.GetText(result.Arguments[position]) : null;
        var serializer = result.Keyword("serializer")?.Value is { } s ? module.GetText(s) : null;
        var serializerText = serializer switch
        {
            null => string.Empty,
            _ when serializer.Contains("JSONSerializer", StringComparison.Ordinal) => ", result_serializer=\"json\"",
            _ when serializer.Contains("PickleSerializer", StringComparison.Ordinal) => ", result_serializer=\"pickle\"",
            _ => null,
        };
        if (serializerText is null)
        {
            todos.Add($"result serializer {serializer} has no built-in 2/3 name; set result_serializer= by hand");
            serializerText = string.Empty;
        }

        if (result.Keyword("location") is { } location)
        {
            todos.Add($"result location={module.GetText(location.Value)}: set result_storage_key= with 2/3 placeholders");
        }

        consumed.Add(keyword.Value.Span);
        switch (kind)
        {
            case "LocalResult":
                var persist = Persist(all);
                var dir = Arg("dir", 0);
                needs.Add(ImportNeed.Of("prefect.filesystems", "LocalFileSystem"));
                replacements.Add((keyword.Node, $"result_storage=LocalFileSystem({(dir is null ? string.Empty : $"basepath={dir}")}){persist}{serializerText}"));
                break;
            case "S3Result":
                persist = Persist(all);
                needs.Add(ImportNeed.Of("prefect_aws", "S3Bucket"));
                replacements.Add((keyword.Node, $"result_storage=S3Bucket(bucket_name={Arg("bucket", 0)}){persist}{serializerText}"));
                todos.Add("S3Bucket uses the default AwsCredentials (environment); pass credentials=AwsCredentials.load(...) if the v1 boto3_kwargs/AWS_CREDENTIALS secret set them; install prefect-aws");
                break;
            case "GCSResult":
                persist = Persist(all);
                needs.Add(ImportNeed.Of("prefect_gcp", "GcsBucket"));
                replacements.Add((keyword.Node, $"result_storage=GcsBucket(bucket={Arg("bucket", 0)}){persist}{serializerText}"));
                todos.Add("GcsBucket uses default Google credentials; pass gcp_credentials=GcpCredentials.load(...) if needed; install prefect-gcp");
                break;
            case "AzureResult" when Arg("container", 0) is { } container:
                persist = Persist(all);
                needs.Add(ImportNeed.Of("prefect_azure", "AzureBlobStorageContainer"));
                replacements.Add((keyword.Node, $"result_storage=AzureBlobStorageContainer(container_name={container}){persist}{serializerText}"));
                // The v1 connection string itself is never copied into a comment; only the secret's name is.
                var secret = Arg("connection_string_secret", 2) is { } name ? $" holding the connection string of the v1 secret {name}"
                    : Arg("connection_string", 1) is not null ? " holding the v1 connection_string" : string.Empty;
                todos.Add($"AzureBlobStorageContainer uses a default AzureBlobStorageCredentials; pass credentials=AzureBlobStorageCredentials.load(...){secret}; install prefect-azure");
                break;
            case "PrefectResult":
                replacements.Add((keyword.Node, (Persist(all).Length > 0 ? "persist_result=True, " : string.Empty) + "result_serializer=\"json\""));
                todos.Add("PrefectResult stored values in the API; 2/3 persist to result storage instead (approximation)");
                break;
            default:
                removals.Add(keyword.Node);
                todos.Add($"result={text} has no 2/3 equivalent (reference §10.2); choose a result_storage block");
                break;
        }
    }

    // partial_inputs_only(validate_on=[...]) / partial_parameters_only(validate_on=[...]) with a literal list → the
    // target's caching over exactly those inputs / flow parameters (reference §10.1); null when not literal.
    private static string? PartialValidator(PythonModule module, PrefectSymbols symbols, SyntaxNode validator, KeywordSyntax keyword, bool p3, List<ImportNeed> needs)
    {
        if (CallSyntax.From(validator) is not { } call
            || (symbols.Resolve(call.Function)?.Split('.')[^1] ?? call.FunctionName?.Split('.')[^1]) is not ({ } kind and ("partial_inputs_only" or "partial_parameters_only"))
            || (call.Keyword("validate_on")?.Value ?? call.Arguments.FirstOrDefault()) is not { } list
            || !list.Kind.Equals("List", StringComparison.Ordinal) && !list.Kind.Equals("Tuple", StringComparison.Ordinal)
            || list.Children("elts").Select(ConstantSyntax.StringValue).ToList() is not { Count: > 0 } keys || keys.Any(k => k is null))
        {
            return null;
        }

        var listText = module.GetText(list);
        if (kind == "partial_inputs_only" && p3)
        {
            if (keyword.Node.Parent?.Parent is not { } owner || owner.Kind is not ("FunctionDef" or "AsyncFunctionDef"))
            {
                return null;
            }

            var excluded = new FunctionDefSyntax(owner).ParameterNames.Where(p => !keys.Contains(p)).ToList();
            needs.Add(ImportNeed.Of("prefect.cache_policies", "INPUTS"));
            needs.Add(ImportNeed.Of("prefect.cache_policies", "TASK_SOURCE"));
            return $"cache_policy=INPUTS{string.Concat(excluded.Select(e => $" - {Names.Quote(e)}"))} + TASK_SOURCE";
        }

        needs.Add(ImportNeed.Of("prefect.utilities.hashing", "hash_objects"));
        if (kind == "partial_inputs_only")
        {
            return $"cache_key_fn=lambda context, parameters: hash_objects(context.task.task_key, {{k: parameters.get(k) for k in {listText}}})";
        }

        needs.Add(ImportNeed.Module("prefect.runtime"));
        return $"cache_key_fn=lambda context, parameters: hash_objects(context.task.task_key, {{k: prefect.runtime.flow_run.parameters.get(k) for k in {listText}}})";
    }

    // ", persist_result=True" once per call (and never when checkpoint=/persist_result= is given).
    private static string Persist(Dictionary<string, KeywordSyntax> all)
    {
        if (all.ContainsKey("checkpoint") || all.ContainsKey("persist_result") || all.ContainsKey(" persist emitted"))
        {
            return string.Empty;
        }

        all[" persist emitted"] = null!;
        return ", persist_result=True";
    }

    // v1 target/location template → 2/3 result_storage_key; returns the placeholders it could not map.
    private static (string? Key, List<string> Unknown) TargetTemplate(string? template)
    {
        if (template is null)
        {
            return (null, []);
        }

        var unknown = new List<string>();
        var key = Placeholder().Replace(template, match =>
        {
            var inner = match.Groups[1].Value;
            var (field, format) = inner.Contains(':') ? (inner[..inner.IndexOf(':')], inner[inner.IndexOf(':')..]) : (inner, string.Empty);
            var mapped = field switch
            {
                "task_name" => "task_run.task_name",
                "task_run_name" or "task_full_name" => "task_run.name",
                "flow_name" => "flow_run.flow_name",
                "flow_run_id" => "flow_run.id",
                "flow_run_name" => "flow_run.name",
                "task_run_id" => "task_run.id",
                "today" => "flow_run.scheduled_start_time:%Y-%m-%d",
                "today_nodash" => "flow_run.scheduled_start_time:%Y%m%d",
                "scheduled_start_time" => "flow_run.scheduled_start_time",
                _ when field.StartsWith("parameters[", StringComparison.Ordinal) => field,
                _ => null,
            };
            if (mapped is null)
            {
                unknown.Add("{" + inner + "}");
                return match.Value;
            }

            return "{" + mapped + (mapped.Contains(':') ? string.Empty : format) + "}";
        });
        return (key, unknown);
    }

    // A {placeholder} of a v1 target or location template (format spec included: {date:%Y-%m-%d}).
    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    // null for all_successful: the v1 default is also the 2/3 behaviour, so the trigger goes without a TODO.
    private static string? TriggerTodo(PrefectSymbols symbols, SyntaxNode value, string text)
    {
        var name = symbols.Resolve(value)?.Split('.')[^1] ?? symbols.Resolve(value.Child("func"))?.Split('.')[^1] ?? text;
        return name switch
        {
            "all_successful" => null,
            "all_finished" or "always_run" => $"trigger={text}: this task must run even when upstream tasks fail: submit the upstream tasks and pass their futures wrapped in allow_failure(...) (or call it in a finally: block of the flow)",
            "manual_only" => $"trigger={text}: call pause_flow_run(...) before this task (flow-level pause; needs a backend)",
            "any_failed" or "all_failed" or "some_failed" => $"trigger={text}: call the upstream tasks with return_state=True and call this task only if the states are failed (state.is_failed())",
            "any_successful" or "some_successful" or "not_all_skipped" => $"trigger={text}: call the upstream tasks with return_state=True and count state.is_completed() before calling this task",
            _ => $"trigger={text} (custom trigger): decide in the flow with upstream states obtained through return_state=True",
        };
    }

    private static string OwnerName(CallSyntax call)
    {
        if (call.Keyword("name")?.Value is { } nameValue && ConstantSyntax.StringValue(nameValue) is { } name)
        {
            return name;
        }

        var parent = call.Node.Parent;
        if (parent is not null && parent.Kind is "FunctionDef" or "AsyncFunctionDef")
        {
            return parent.Scalar("name")!;
        }

        return call.Arguments.FirstOrDefault()?.DottedName() ?? "task";
    }
}
