using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Core.Tests.Support;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Core.Tests.Rulesets.Prefect;

/// <summary>
/// The per-module facts the Prefect rules share (<see cref="ModuleIndex"/>, <see cref="PrefectSymbols"/>' resolved expressions
/// and calls) must list exactly what a walk of the whole tree finds, in the same (source) order: rules emit findings in that order.
/// </summary>
public sealed class PrefectModuleFactsTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    // Decorators (before their def), nested and chained calls, f-strings, aliases, deep module paths and a local Flow subclass.
    private const string Source = """
        import prefect
        from prefect import Flow as F, case, task
        from prefect.tasks.control_flow import merge
        import prefect.engine.executors as ex


        class MyFlow(F):
            pass


        @task(max_retries=prefect.context.get("retries"))
        def load(x):
            logger = prefect.context.get("logger")
            logger.info(f"{prefect.context.flow_name} {prefect.context['today']}")
            return merge(case(x, True), merge(x, prefect.context.get("y")))


        @prefect.task
        def other():
            return ex.LocalDaskExecutor()(prefect.context.get("a")).x


        with MyFlow("f") as flow:
            a = load(prefect.Parameter("p"))
            with case(a, True):
                b = other()
            c = merge(b, a)
        """;

    [Fact]
    public async Task Resolved_Expressions_And_Calls_Should_Match_A_Walk_Of_The_Whole_Tree_In_Order()
    {
        var module = await shared.Parser.ModuleAsync(Source);
        var symbols = PrefectSymbols.For(module, new ProjectModel([module]));

        var walked = module.Root.Descendants().Where(n => n.Kind is "Name" or "Attribute")
            .Select(n => (Node: n, Name: symbols.Resolve(n))).Where(r => r.Name is not null).Select(r => (r.Node, r.Name!)).ToList();
        Assert.True(walked.Count > 20, $"the sample resolves only {walked.Count} expressions");
        Assert.Equal(walked, symbols.ResolvedExpressions);

        var calls = module.Root.Descendants().Where(n => n.Is("Call") && symbols.Resolve(n.Child("func")) is not null)
            .Select(n => (n, symbols.Resolve(n.Child("func"))!)).ToList();
        Assert.Equal(calls, symbols.ResolvedCalls);
        foreach (var name in new[] { "prefect.merge", "prefect.case", "prefect.context.get", "prefect.Flow", "prefect.executors.LocalDaskExecutor" })
        {
            Assert.Equal(module.Root.Descendants().Where(n => n.Is("Call") && symbols.Is(n.Child("func"), name)).ToList(), symbols.CallsTo(name));
            Assert.Equal(module.Root.Descendants().Any(n => symbols.Is(n, name)), symbols.Mentions(name));
        }

        Assert.Equal(module.Root.Descendants().Where(n => n.Is("Call") && symbols.Is(n.Child("func"), "prefect.merge", "prefect.case")).ToList(),
            symbols.CallsTo("prefect.merge", "prefect.case"));
    }

    [Theory]
    [InlineData("Call")]
    [InlineData("Name")]
    [InlineData("With")]
    [InlineData("Assign")]
    [InlineData("Constant")]
    [InlineData("ClassDef")]
    [InlineData("Attribute")]
    public async Task Module_Index_Should_List_The_Nodes_Of_A_Kind_In_Tree_Order(string kind)
    {
        var module = await shared.Parser.ModuleAsync(Source);

        Assert.Equal(module.Root.Descendants().Where(n => n.Is(kind)).ToList(), ModuleIndex.Of(module).Nodes(kind));
    }

    [Fact]
    public async Task Names_By_Identifier_Should_Hold_Every_Name_Node_Of_That_Identifier()
    {
        var module = await shared.Parser.ModuleAsync(Source);
        var index = ModuleIndex.Of(module);

        Assert.Equal(module.Root.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == "a").ToList(), index.NamesById["a"]);
        Assert.Equal(module.Root.Descendants().Where(n => n.Is("Name")).Select(n => n.Scalar("id")!).ToHashSet(), index.NameIds.ToHashSet());
    }

    [Fact]
    public async Task Symbols_Should_Be_Read_Once_Per_Project_And_Follow_Each_Projects_Modules()
    {
        // Given a flow module importing a Flow subclass from a project module, and two projects: with and without that module.
        var flowModule = await shared.Parser.ModuleAsync("from flows.base import BaseFlow\n\nwith BaseFlow(\"f\") as flow:\n    pass\n", "flows/etl.py");
        var baseModule = await shared.Parser.ModuleAsync("from prefect import Flow\n\n\nclass BaseFlow(Flow):\n    pass\n", "flows/base.py");
        var whole = new ProjectModel([flowModule, baseModule]);
        var alone = new ProjectModel([flowModule]);

        // When the symbols are asked for with each project in turn, twice.
        var first = PrefectSymbols.For(flowModule, whole);
        var withoutBase = PrefectSymbols.For(flowModule, alone);

        // Then each project sees its own modules, and asking again gives the same symbols.
        Assert.Equal("prefect.Flow", first.Bound["BaseFlow"]);
        Assert.False(withoutBase.Bound.ContainsKey("BaseFlow"));
        Assert.Same(first, PrefectSymbols.For(flowModule, whole));
        Assert.Same(withoutBase, PrefectSymbols.For(flowModule, alone));
    }

    [Fact]
    public async Task Top_Level_Imports_Should_Be_The_Import_Statements_Of_The_Module_Body_With_Their_Names()
    {
        var module = await shared.Parser.ModuleAsync(Source);

        var imports = TopLevelImport.In(module);

        var expected = module.Body.Where(s => s.Kind is "Import" or "ImportFrom").ToList();
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, imports.Select(i => i.Node));
        Assert.Equal(expected.Select(s => new ImportSyntax(s).Names.Select(n => (n.Name, n.Alias, n.BoundName))),
            imports.Select(i => i.Names.Select(n => (n.Name, n.Alias, n.BoundName))));
        Assert.Same(imports, TopLevelImport.In(module));
    }
}
