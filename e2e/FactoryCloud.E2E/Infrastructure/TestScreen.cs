namespace FactoryCloud.E2E.Infrastructure;

/// <summary>The two screens every journey page is checked at: a laptop and a phone (an iPhone 14's CSS pixels).</summary>
public sealed record TestScreen(string Name, int Width, int Height)
{
    public static readonly TestScreen Desktop = new("desktop", 1440, 900);
    public static readonly TestScreen Phone = new("phone", 390, 844);

    public static TestScreen Named(string name) => name == Phone.Name ? Phone : Desktop;

    public override string ToString() => $"{Name} {Width}×{Height}";
}
