using Assistant.Cli.Tui.Host;
using Assistant.Cli.Tui.Keys;
using Assistant.Cli.Tui.State;
using Assistant.Cli.Tui.Views;

namespace Assistant.Cli.Tests.Tui.Support;

/// <summary>
/// Drives the TUI without a terminal: keys go through the same key map, effects through the same
/// <see cref="SessionDriver"/> as the real host; <see cref="Editor"/> stands in for $EDITOR.
/// </summary>
internal sealed class Headless
{
    private readonly SessionDriver _driver;

    private Headless(FakeSession session, TerminalSize size)
    {
        Session = session;
        _driver = new SessionDriver(session);
        State = new TuiState { Size = size };
    }

    public FakeSession Session { get; }

    public TuiState State { get; private set; }

    public List<TuiEffect> Effects { get; } = [];

    public Func<string, string?> Editor { get; set; } = text => text;

    public static async Task<Headless> StartAsync(TerminalSize? size = null, FakeSession? session = null)
    {
        var headless = new Headless(session ?? FakeRepository.Session(), size ?? TerminalSize.Minimum);
        await headless.ApplyAsync(await headless._driver.OpenedAsync(CancellationToken.None));
        return headless;
    }

    public string Screen => Frame.Render(State, ScreenFiles.Capabilities).PlainText();

    public async Task PressAsync(params object[] keys)
    {
        foreach (var key in keys)
        {
            var info = key switch
            {
                char c => KeyMatch.Of(c),
                ConsoleKey k => KeyMatch.Of(k),
                ConsoleKeyInfo i => i,
                _ => throw new ArgumentException($"not a key: {key}"),
            };
            await RunAsync(KeyMap.Dispatch(State, info));
        }
    }

    public async Task TypeAsync(string text)
    {
        foreach (var c in text)
        {
            await PressAsync(c);
        }
    }

    private async Task ApplyAsync(TuiEvent message) => await RunAsync(TuiUpdate.Apply(State, message));

    private async Task RunAsync(Transition transition)
    {
        State = transition.State;
        if (transition.Effect is not { } effect)
        {
            return;
        }

        Effects.Add(effect);
        if (effect is TuiEffect.Quit)
        {
            return;
        }

        if (effect is TuiEffect.EditFile edit)
        {
            var text = Editor(edit.Text);
            await ApplyAsync(await _driver.EditedAsync(edit.File, text, text is null ? "the editor exited with code 1" : null, CancellationToken.None));
            return;
        }

        await ApplyAsync(await _driver.RunAsync(effect, CancellationToken.None));
    }
}
