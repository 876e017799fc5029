using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// Builds one <c>flyte.Resources(...)</c> from a Flyte 1 task's <c>requests</c>, <c>limits</c>, <c>resources</c>,
/// <c>accelerator</c> and <c>shared_memory</c> (reference/flyte.md §4): keywords renamed, requests+limits
/// merged into (request, limit) tuples, GPU counts combined with the accelerator into a device literal.
/// What cannot be expressed is returned as TODO notes, never dropped.
/// </summary>
internal sealed class ResourcesText(PythonModule module, IReadOnlyList<ImportBinding> bindings, RulesetTables tables)
{
    private readonly char _quote = SourceText.PreferredQuote(module);

    public List<string> Notes { get; } = [];

    /// <summary>
    /// <see cref="Build"/>, or when the values cannot be merged (not all literal calls) one of them: a Flyte 2 scalar is a request,
    /// which the pod also gets as its limit, so requests=R, limits=R keep their meaning; a second, different value is left to a
    /// TODO, written before the notes of the values themselves.
    /// </summary>
    public string BuildOrTake(SyntaxNode? requests, SyntaxNode? limits, SyntaxNode? resources, SyntaxNode? accelerator, SyntaxNode? sharedMemory)
    {
        var before = Notes.Count;
        if (Build(requests, limits, resources, accelerator, sharedMemory) is { } merged)
        {
            return merged;
        }

        var given = new[] { ("requests", requests), ("resources", resources), ("limits", limits) }
            .Where(g => g.Item2 is not null).Select(g => (Name: g.Item1, Node: g.Item2!, Text: Flytekit.RenamedText(module, g.Item2!, bindings, tables))).ToList();
        Notes.InsertRange(before, given.Skip(1).Where(g => g.Text != given[0].Text)
            .Select(g => $"{g.Name}={module.GetText(g.Node)} was not merged into resources={given[0].Text}: write one flyte.Resources with (request, limit) tuples by hand (reference/flyte.md §4)"));
        return given[0].Text;
    }

    public string? Build(SyntaxNode? requests, SyntaxNode? limits, SyntaxNode? resources, SyntaxNode? accelerator, SyntaxNode? sharedMemory)
    {
        // One module constant alone (requests=SMALL) stays a reference to it: FLY210 makes the constant a flyte.Resources, and a
        // scalar request is what requests= or limits= alone gave the pod (it also gets it as the limit, and the other way round).
        if (new[] { requests, limits, resources }.OfType<SyntaxNode>().ToList() is [{ } only] && accelerator is null && sharedMemory is null
            && only.Is("Name") && ModuleConstants.ValueOf(module, only.Scalar("id")!) is { } constant && IsResourcesCall(constant))
        {
            return module.GetText(only);
        }

        var req = Parse(requests, "requests");
        var lim = Parse(limits, "limits");
        var res = Parse(resources, "resources");
        if (req is null || lim is null || res is null)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var row in tables["resources"].Rows)
        {
            var old = row.Require("old");
            var name = row.Require("new");
            var request = req.GetValueOrDefault(old) ?? res.GetValueOrDefault(old);
            var limit = lim.GetValueOrDefault(old);
            if (old == "gpu")
            {
                // An accelerator without a count is added after the loop, once.
                if ((request ?? limit) is not null && Gpu(request ?? limit, accelerator, limit is not null && request is not null ? limit : null) is { } gpu)
                {
                    parts.Add($"gpu={gpu}");
                }

                continue;
            }

            string? value;
            if (request is not null && limit is not null)
            {
                var r = Value(old, request);
                var l = Value(old, limit);
                if (row.Require("tuple") == "yes")
                {
                    value = $"({r}, {l})";
                }
                else
                {
                    value = r;
                    if (r != l)
                    {
                        Notes.Add($"the {old} limit {l} was dropped: Flyte 2 sends {name} as a request only (reference/flyte.md §4.2)");
                    }
                }
            }
            else if (request is not null || limit is not null)
            {
                value = Value(old, (request ?? limit)!);
            }
            else
            {
                continue;
            }

            parts.Add($"{name}={value}");
        }

        if (accelerator is not null && req.GetValueOrDefault("gpu") is null && lim.GetValueOrDefault("gpu") is null && res.GetValueOrDefault("gpu") is null)
        {
            if (Gpu(null, accelerator, null) is { } gpu)
            {
                parts.Add($"gpu={gpu}");
            }
        }

        if (sharedMemory is not null)
        {
            var shm = ConstantSyntax.From(sharedMemory) is { ValueType: "bool", Value: "True" }
                ? SourceText.Literal(_quote, "auto")
                : module.GetText(sharedMemory);
            parts.Add($"shm={shm}");
        }

        return $"flyte.Resources({string.Join(", ", parts)})";
    }

    // keyword -> value node of a flytekit Resources(...) call; empty for null; null (with a note) when not a literal call.
    private Dictionary<string, SyntaxNode>? Parse(SyntaxNode? node, string what)
    {
        var result = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
        if (node is null)
        {
            return result;
        }

        // A module constant made once from a literal Resources(...) (DEFAULT = Resources(cpu="1")) is read from that call.
        if (node.Is("Name") && ModuleConstants.ValueOf(module, node.Scalar("id")!) is { } constant && IsResourcesCall(constant))
        {
            node = constant;
        }

        if (!IsResourcesCall(node))
        {
            Notes.Add($"{what}={module.GetText(node)} is not a literal Resources(...) call: convert it to flyte.Resources (mem→memory, ephemeral_storage→disk, requests+limits → (request, limit) tuples; reference/flyte.md §4)");
            return null;
        }

        var converted = CallSyntax.From(node)?.FunctionName == "flyte.Resources";
        var call = new CallSyntax(node);
        var order = tables["resources"].Rows.Select(r => r.Require("old")).ToList();
        for (var i = 0; i < call.Arguments.Count && i < order.Count; i++)
        {
            result[order[i]] = call.Arguments[i];
        }

        foreach (var keyword in call.Keywords.Where(k => k.Name is not null))
        {
            // An already converted flyte.Resources (an earlier step renamed it): back to the flytekit keyword.
            var name = converted ? tables["resources"].Find("new", keyword.Name!)?.Get("old") ?? keyword.Name! : keyword.Name!;
            result[name] = keyword.Value;
        }

        return result;
    }

    private bool IsResourcesCall(SyntaxNode node) =>
        CallSyntax.From(node)?.FunctionName == "flyte.Resources" || Flytekit.Calls(node, bindings, "flytekit.Resources", "flytekit.core.resources.Resources");

    private string Value(string key, SyntaxNode node)
    {
        if (key == "mem" && ConstantSyntax.From(node) is { ValueType: "int" } constant)
        {
            return SourceText.Literal(_quote, constant.Value!);
        }

        if (node.Is("List") || (key == "mem" && node.Is("Tuple")))
        {
            var items = node.Children("elts").Select(e => Value(key, e)).ToList();
            return $"({string.Join(", ", items)})";
        }

        return module.GetText(node);
    }

    private string? Gpu(SyntaxNode? count, SyntaxNode? accelerator, SyntaxNode? limit)
    {
        if (limit is not null && count is not null && module.GetText(limit) != module.GetText(count))
        {
            Notes.Add($"the gpu limit {module.GetText(limit)} was dropped: Flyte 2 sends gpu as a request only (reference/flyte.md §4.2)");
        }

        int? n = null;
        if (count is not null && ConstantSyntax.From(count) is { } c && int.TryParse(c.Value, out var parsed))
        {
            n = parsed;
        }

        if (accelerator is null)
        {
            if (count is null)
            {
                return null;
            }

            if (n is { } plain)
            {
                return plain.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            Notes.Add($"gpu={module.GetText(count)}: Flyte 2 needs an int count or a device literal such as \"T4:1\" (reference/flyte.md §4.3)");
            return module.GetText(count);
        }

        var dotted = PythonImports.Resolve(accelerator, bindings) ?? accelerator.DottedName() ?? string.Empty;
        var parts = dotted.Split('.');
        var partition = parts[^1].StartsWith("partition_", StringComparison.Ordinal) ? parts[^1]["partition_".Length..].Replace('_', '.') : null;
        var constant = partition is null ? parts[^1] : parts.Length > 1 ? parts[^2] : string.Empty;
        var row = tables["accelerators"].Find("old", constant);
        if (count is null)
        {
            n = 1;
            Notes.Add($"accelerator={module.GetText(accelerator)} without a gpu request: one {row?.Get("device") ?? constant} assumed; check the count (reference/flyte.md §4.3)");
        }

        if (n is null)
        {
            Notes.Add($"gpu={module.GetText(count!)} with accelerator={module.GetText(accelerator)}: write the device literal \"<device>:<count>\" by hand (reference/flyte.md §4.3)");
            return module.GetText(count!);
        }

        var q = _quote;
        switch (row?.Get("helper"))
        {
            case "GPU" when partition is null:
                return SourceText.Literal(q, $"{row.Require("device")}:{n}");
            case "GPU":
                return $"flyte.GPU({SourceText.Literal(q, row.Require("device"))}, {n}, {SourceText.Literal(q, partition)})";
            case "TPU":
                return partition is null
                    ? $"flyte.TPU({SourceText.Literal(q, row.Require("device"))})"
                    : $"flyte.TPU({SourceText.Literal(q, row.Require("device"))}, {SourceText.Literal(q, partition)})";
            case "none":
                Notes.Add($"accelerator {constant} is not a Flyte 2 device literal: flyte.Device(...) is accepted but backend support is unconfirmed (reference/flyte.md §4.3)");
                return $"flyte.Device(quantity={n}, device_class={SourceText.Literal(q, "GPU")}, device={SourceText.Literal(q, constant)})";
            default:
                Notes.Add($"accelerator={module.GetText(accelerator)} is not a known flytekit accelerator: the environment's resources keep the count (gpu={n}) and the device was dropped; write the Flyte 2 device literal \"<device>:{n}\" by hand (reference/flyte.md §4.3)");
                return n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
