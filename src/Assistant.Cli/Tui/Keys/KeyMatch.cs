namespace Assistant.Cli.Tui.Keys;

/// <summary>Key predicates: letters by character (so <c>a</c> and <c>A</c> differ), special keys by <see cref="ConsoleKey"/>.</summary>
internal static class KeyMatch
{
    public static Func<ConsoleKeyInfo, bool> Char(char c) => key => key.KeyChar == c && (key.Modifiers & ConsoleModifiers.Control) == 0;

    public static Func<ConsoleKeyInfo, bool> Key(params ConsoleKey[] keys) => key => keys.Contains(key.Key) && (key.Modifiers & ConsoleModifiers.Control) == 0;

    public static Func<ConsoleKeyInfo, bool> Control(ConsoleKey k) => key => (key.Key == k && (key.Modifiers & ConsoleModifiers.Control) != 0) || (k == ConsoleKey.C && key.KeyChar == '\u0003');

    public static Func<ConsoleKeyInfo, bool> Any(params Func<ConsoleKeyInfo, bool>[] matches) => key => matches.Any(m => m(key));

    public static Func<ConsoleKeyInfo, bool> Text => key => !char.IsControl(key.KeyChar) && key.KeyChar != '\0' && (key.Modifiers & ConsoleModifiers.Control) == 0;

    public static ConsoleKeyInfo Of(char c) => new(c, ConsoleKeyOf(c), char.IsUpper(c), false, false);

    public static ConsoleKeyInfo Of(ConsoleKey key, bool shift = false, bool control = false) => new(key switch
    {
        ConsoleKey.Enter => '\r',
        ConsoleKey.Escape => '\u001b',
        ConsoleKey.Spacebar => ' ',
        ConsoleKey.Backspace => '\b',
        ConsoleKey.Tab => '\t',
        _ => '\0',
    }, key, shift, false, control);

    private static ConsoleKey ConsoleKeyOf(char c) =>
        char.IsLetter(c) && c < 128 ? ConsoleKey.A + (char.ToUpperInvariant(c) - 'A')
        : char.IsDigit(c) ? ConsoleKey.D0 + (c - '0')
        : c == ' ' ? ConsoleKey.Spacebar
        : c == '/' ? ConsoleKey.Divide
        : c == '?' ? ConsoleKey.Oem2
        : ConsoleKey.NoName;
}
