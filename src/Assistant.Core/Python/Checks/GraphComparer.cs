namespace Assistant.Core.Python.Checks;

/// <summary>
/// Compares the calls of the old and the new flow (paired by flow name, then variable, then the one flow left on
/// each side): the same tasks are called, each parameter is fed by the same nodes, mapped calls stay mapped, explicit
/// ordering still holds; in the new flow every coroutine is awaited and (Prefect 3) every future is resolved. Nodes the
/// old flow ran concurrently (no path between them) that the new code runs one after another are reported as lost
/// parallelism, a warning: the result is the same, only slower.
/// </summary>
public static class GraphComparer
{
    private const int MaxPairsListed = 4;

    public static IReadOnlyList<GraphFinding> Compare(IReadOnlyList<FlowGraph> before, IReadOnlyList<FlowGraph> after)
    {
        var findings = new List<GraphFinding>();
        var unmatched = after.ToList();
        var pairs = new List<(FlowGraph Old, FlowGraph? New)>();
        foreach (var old in before)
        {
            var match = unmatched.FirstOrDefault(g => g.Name == old.Name) ?? unmatched.FirstOrDefault(g => g.Variable is not null && g.Variable == old.Variable);
            unmatched.Remove(match!);
            pairs.Add((old, match));
        }

        var lonely = pairs.Where(p => p.New is null).ToList();
        if (lonely.Count == 1 && unmatched.Count == 1)
        {
            pairs[pairs.IndexOf(lonely[0])] = (lonely[0].Old, unmatched[0]);
            unmatched.Clear();
        }

        foreach (var (old, @new) in pairs)
        {
            if (@new is null)
            {
                findings.Add(new GraphFinding(old.Name, "not-compared", false, "the new code defines no flow or driver task of this name; its calls were not compared"));
                continue;
            }

            Compare(old, @new, findings);
        }

        return findings;
    }

    private static void Compare(FlowGraph old, FlowGraph @new, List<GraphFinding> findings)
    {
        var was = Merge(old);
        var now = Merge(@new);
        var oldError = old.Runs.FirstOrDefault(r => r.Error is not null);
        var newError = @new.Runs.FirstOrDefault(r => r.Error is not null);
        var flow = @new.Name;
        GraphFinding Finding(string kind, bool failure, string message, GraphNode? at) =>
            new(flow, kind, failure, message) { File = at?.File, Line = at?.Line };

        foreach (var error in new[] { (Side: "old", Run: oldError), (Side: "new", Run: newError) }.Where(e => e.Run is not null))
        {
            findings.Add(new GraphFinding(flow, "not-compared", false,
                $"the {error.Side} flow stopped on a placeholder value{(error.Run!.ErrorLine is { } line ? $" at line {line}" : "")} ({error.Run.Error}); calls after it are not compared"));
        }

        foreach (var (id, node) in was.Where(n => !now.ContainsKey(n.Key)))
        {
            findings.Add(newError is null
                ? Finding("dropped-call", true, $"{id} is no longer called (the old flow called it at line {node.Line})", null)
                : Finding("not-compared", false, $"{id} was not reached in the new flow", null));
        }

        if (newError is null && oldError is null)
        {
            findings.AddRange(DroppedInArms(old, @new, now).Select(d => Finding("dropped-call", true, d, null)));
        }

        foreach (var (id, node) in now.Where(n => !was.ContainsKey(n.Key)))
        {
            findings.Add(oldError is null
                ? Finding("added-call", true, $"{id} is called, but the old flow did not call it", node)
                : Finding("not-compared", false, $"{id} was not reached in the old flow", node));
        }

        foreach (var (id, node) in now.Where(n => was.ContainsKey(n.Key)))
        {
            var previous = was[id];
            if (previous.Mapped != node.Mapped)
            {
                findings.Add(Finding("changed-mapping", true, previous.Mapped ? $"{id} was a mapped call, now it is called once" : $"{id} is now mapped over its input, the old flow called it once", node));
            }

            foreach (var parameter in previous.Inputs.Keys.Union(node.Inputs.Keys).Order(StringComparer.Ordinal))
            {
                var from = previous.Inputs.GetValueOrDefault(parameter) ?? [];
                var to = node.Inputs.GetValueOrDefault(parameter) ?? [];
                if (!from.Order(StringComparer.Ordinal).SequenceEqual(to.Order(StringComparer.Ordinal)))
                {
                    findings.Add(Finding("changed-input", true, $"{id}({parameter}=…) was fed by {Sources(from)}, now by {Sources(to)}", node));
                }
            }

            foreach (var earlier in previous.After.Where(now.ContainsKey).Where(e => !Precedes(@new, e, id, now[id])))
            {
                findings.Add(Finding("lost-ordering", true, $"{earlier} must run before {id} (explicit ordering in the old flow), the new code does not wait for it", node));
            }
        }

        foreach (var node in Distinct(@new, n => n.Kind == "coroutine" && n.Awaited == false))
        {
            findings.Add(Finding("unawaited-coroutine", true, $"{node.Id} returns a coroutine that is never awaited, so the task never runs; await it (or asyncio.gather the calls)", node));
        }

        if (@new.Family == "prefect3")
        {
            foreach (var node in Distinct(@new, n => n.Kind is "submit" or "map" && n.Resolved == false))
            {
                findings.Add(Finding("unresolved-future", true, $"the future of {node.Id}.{node.Kind}() is never resolved: Prefect 3 does not wait for it; call .result() or .wait(), or pass it to a task", node));
            }
        }

        if (old.Parallel && @new.Driver != "dag")
        {
            var lost = LostParallelism(was, @new);
            if (lost.Count > 0)
            {
                var listed = string.Join(", ", lost.Take(MaxPairsListed).Select(p => $"{p.A} ∥ {p.B}")) + (lost.Count > MaxPairsListed ? $" and {lost.Count - MaxPairsListed} more" : "");
                var how = @new.Driver == "async" ? "asyncio.gather them" : @new.Family.StartsWith("prefect", StringComparison.Ordinal) ? "use .submit() and resolve the futures" : "make the driver async and asyncio.gather them, or use flyte.map";
                findings.Add(new GraphFinding(flow, "lost-parallelism", false, $"{lost.Count} pair(s) of calls that ran concurrently in the old flow now run one after another: {listed}; to keep them concurrent, {how}"));
            }
        }
    }

    // Per arm of a Prefect 1 case on a boolean: the old calls that could run when the condition had that truth (made outside the
    // case, or in its arm) must be made by the new runs in which the value branched on took that truth. Merging runs by id hides a
    // call dropped from one arm while the other still makes it.
    private static IEnumerable<string> DroppedInArms(FlowGraph old, FlowGraph @new, Dictionary<string, GraphNode> now)
    {
        var oldNodes = old.Runs.SelectMany(r => r.Nodes).ToList();
        var arms = oldNodes.SelectMany(n => n.Arms).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arm in arms)
        {
            var condition = arm[..arm.LastIndexOf('|')];
            var runs = @new.Runs.Where(r => r.Truths.Contains(arm, StringComparer.Ordinal)).ToList();
            if (runs.Count == 0)
            {
                continue; // the new flow never branched on that value: nothing to pair the arm with
            }

            var made = runs.SelectMany(r => r.Nodes).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            var other = arm.EndsWith("|True", StringComparison.Ordinal) ? condition + "|False" : condition + "|True";
            foreach (var node in oldNodes.Where(n => !n.Arms.Contains(other, StringComparer.Ordinal) && now.ContainsKey(n.Id) && !made.Contains(n.Id)))
            {
                if (reported.Add(node.Id + "\0" + arm))
                {
                    yield return $"{node.Id} is no longer called when {condition.Replace("input:", string.Empty, StringComparison.Ordinal)} is {arm[(condition.Length + 1)..]} (the old flow called it at line {node.Line})";
                }
            }
        }
    }

    private static string Sources(IReadOnlyList<string> sources) => sources.Count == 0 ? "nothing" : string.Join(" + ", sources.Order(StringComparer.Ordinal));

    /// <summary>Every node of every run, with the inputs, ordering and control of a node seen in several runs united.</summary>
    private static Dictionary<string, GraphNode> Merge(FlowGraph graph)
    {
        var merged = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var node in graph.Runs.SelectMany(r => r.Nodes))
        {
            if (!merged.TryGetValue(node.Id, out var known))
            {
                merged[node.Id] = node;
                continue;
            }

            var inputs = known.Inputs.Keys.Union(node.Inputs.Keys).ToDictionary(k => k,
                k => (IReadOnlyList<string>)(known.Inputs.GetValueOrDefault(k) ?? []).Union(node.Inputs.GetValueOrDefault(k) ?? []).ToList(), StringComparer.Ordinal);
            merged[node.Id] = known with { Inputs = inputs, After = known.After.Union(node.After).ToList(), Control = known.Control.Union(node.Control).ToList() };
        }

        return merged;
    }

    private static IEnumerable<GraphNode> Distinct(FlowGraph graph, Func<GraphNode, bool> predicate) =>
        graph.Runs.SelectMany(r => r.Nodes).Where(predicate).DistinctBy(n => n.Id);

    private static bool Precedes(FlowGraph graph, string earlier, string laterId, GraphNode later)
    {
        if (later.After.Contains(earlier) || later.Inputs.Values.Any(v => v.Contains(earlier)))
        {
            return true;
        }

        foreach (var run in graph.Runs)
        {
            var a = run.Nodes.FirstOrDefault(n => n.Id == earlier);
            var b = run.Nodes.FirstOrDefault(n => n.Id == laterId);
            if (a is not null && b is not null)
            {
                // A coroutine never awaited is reported on its own.
                return a.Start is null || b.Start is null || (a.End is { } end && end <= b.Start);
            }
        }

        return true;
    }

    private static List<(string A, string B)> LostParallelism(Dictionary<string, GraphNode> old, FlowGraph @new)
    {
        var reach = old.Keys.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (id, node) in old)
        {
            foreach (var upstream in node.Inputs.Values.SelectMany(v => v).Concat(node.After).Concat(node.Control).Where(old.ContainsKey))
            {
                reach[id].Add(upstream);
            }
        }

        // Transitive closure: the node lists are small (tens of calls).
        bool changed;
        do
        {
            changed = false;
            foreach (var set in reach.Values)
            {
                foreach (var upstream in set.ToList())
                {
                    foreach (var further in reach[upstream])
                    {
                        changed |= set.Add(further);
                    }
                }
            }
        }
        while (changed);

        var ids = old.Keys.Order(StringComparer.Ordinal).ToList();
        var lost = new List<(string A, string B)>();
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                var (a, b) = (ids[i], ids[j]);
                if (reach[a].Contains(b) || reach[b].Contains(a))
                {
                    continue;
                }

                var run = @new.Runs.FirstOrDefault(r => r.Nodes.Any(n => n.Id == a) && r.Nodes.Any(n => n.Id == b));
                if (run is null)
                {
                    continue;
                }

                var x = run.Nodes.First(n => n.Id == a);
                var y = run.Nodes.First(n => n.Id == b);
                if (x.Start is null || y.Start is null)
                {
                    continue; // a coroutine never awaited is reported on its own
                }

                var (first, second) = x.Start <= y.Start ? (x, y) : (y, x);
                if (first.End is not { } firstEnd || firstEnd > second.Start)
                {
                    continue; // they overlap
                }

                // The second only lost concurrency if its own inputs were ready before the first one started.
                var ready = old[second.Id].Inputs.Values.SelectMany(v => v).Concat(old[second.Id].After).Concat(old[second.Id].Control)
                    .Select(u => run.Nodes.FirstOrDefault(n => n.Id == u)).OfType<GraphNode>()
                    .Select(n => n.End ?? int.MaxValue).DefaultIfEmpty(0).Max();
                if (first.Start >= ready)
                {
                    lost.Add((first.Id, second.Id));
                }
            }
        }

        return lost;
    }
}
