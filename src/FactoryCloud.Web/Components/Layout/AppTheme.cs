using MudBlazor;

namespace FactoryCloud.Web.Components.Layout;

public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1565c0", Secondary = "#00897b", AppbarBackground = "#0d47a1" },
        PaletteDark = new PaletteDark { Primary = "#64b5f6", Secondary = "#4db6ac" },
    };
}
